"""The situation assessment contract (../shared/spec/assessment.md, v2), pure Python.

- `fields`: the input fields, their enumerations and defaults, and `validate_input`;
- `errors`: the root of Envoy's own exceptions, each with its HTTP status;
- `choices`: (value, label) pairs of the enumerations, and the phase keys;
- `consistency`: answers of a valid input that contradict each other (the form warns of them);
- `labels`: the words the pages use for the contract's fields and values (in English, marked
  for translation; the pages translate them).

Every layer of Envoy may import this package; it imports nothing of Envoy's and no Django.
"""
