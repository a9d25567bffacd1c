"""Hypothesis strategies: random valid v1 inputs."""

from hypothesis import strategies as st

from contract.fields import FIELDS


def _field(field):
    if field.kind == "enum":
        return st.sampled_from(field.choices)
    if field.kind == "bool":
        return st.booleans()
    if field.kind == "list":
        return st.lists(st.sampled_from(field.choices), unique=True, max_size=4)
    if field.kind == "int":
        return st.none() | st.integers(min_value=0, max_value=100_000)
    return st.text(min_size=1, max_size=30).filter(str.strip)


valid_inputs = st.fixed_dictionaries(
    {f.name: _field(f) for f in FIELDS if f.name not in ("situation", "notes")}
)
