"""Hypothesis strategies: random valid v1 inputs."""

from hypothesis import strategies as st

from contract.fields import FIELDS
from contract.text import name_error


def _field(field):
    if field.kind == "enum":
        return st.sampled_from(field.choices)
    if field.kind == "bool":
        return st.booleans()
    if field.kind == "list":
        return st.lists(st.sampled_from(field.choices), unique=True, max_size=4)
    if field.kind == "int":
        return st.none() | st.integers(min_value=0, max_value=100_000)
    # Any name the contract keeps: not blank, no NUL, surrogate or invisible character.
    return st.text(min_size=1, max_size=30).filter(lambda t: t.strip() and not name_error(t))


valid_inputs = st.fixed_dictionaries(
    {f.name: _field(f) for f in FIELDS if f.name not in ("situation", "notes")}
)
