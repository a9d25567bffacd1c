"""The situation form: the contract's fields, in sections, with help from the sources."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from contract.fields import FIELDS, Field
from core.labels import CHOICES, HELP, LABELS, SECTIONS

YES_NO = [("true", _("Yes")), ("false", _("No"))]


def _field(spec: Field) -> forms.Field:
    common: dict[str, Any] = {
        "label": LABELS[spec.name],
        "help_text": HELP.get(spec.name, ""),
        "required": spec.required,
    }
    if not spec.required and spec.kind in ("enum", "bool"):
        # An optional answer starts at the contract's default, so leaving it means the default.
        common["initial"] = _widget_value(spec.default)
    if spec.kind == "enum":
        choices = [(v, CHOICES[v]) for v in spec.choices]
        widget = forms.Select if len(choices) > 5 else forms.RadioSelect
        return forms.ChoiceField(choices=choices, widget=widget, **common)
    if spec.kind == "bool":
        return forms.TypedChoiceField(
            choices=YES_NO, coerce=lambda v: v == "true", widget=forms.RadioSelect, **common
        )
    if spec.kind == "list":
        # The uncertain answers are field names: they read as the fields' own labels.
        labels = LABELS if spec.name == "uncertain" else CHOICES
        return forms.MultipleChoiceField(
            choices=[(v, labels[v]) for v in spec.choices],
            widget=forms.CheckboxSelectMultiple,
            **{**common, "required": False},
        )
    if spec.kind == "int":
        return forms.IntegerField(min_value=0, **common)
    if spec.name == "notes":
        return forms.CharField(
            widget=forms.Textarea(attrs={"rows": 4}), max_length=spec.max_length, **common
        )
    return forms.CharField(max_length=spec.max_length, **common)


def _widget_value(value: Any) -> Any:
    return ("true" if value else "false") if isinstance(value, bool) else value


class SituationForm(forms.Form):
    """Every field of the contract but the situation id (given by the page, not typed)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for spec in FIELDS:
            if spec.name != "situation":
                self.fields[spec.name] = _field(spec)

    def sections(self):
        return [(title, [self[name] for name in names]) for title, names in SECTIONS]

    def contract_data(self) -> dict[str, Any]:
        """The cleaned values as a contract input (absent optional values left out)."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if not (value is None or (value == "" and not self.fields[name].required))
        }

    @staticmethod
    def initial_from(stored_input: dict[str, Any]) -> dict[str, Any]:
        """Form initial values from a stored assessment input."""
        return {name: _widget_value(value) for name, value in stored_input.items()}
