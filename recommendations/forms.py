"""The situation form: the v1 contract's fields, in sections, with help from the sources."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .engine.contract import FIELDS, Field
from .form_text import CHOICES, HELP, LABELS, SECTIONS

YES_NO = [("true", _("Yes")), ("false", _("No"))]


def _field(spec: Field) -> forms.Field:
    common = {
        "label": LABELS[spec.name],
        "help_text": HELP.get(spec.name, ""),
        "required": spec.required,
    }
    if spec.kind == "enum":
        choices = [(v, CHOICES[v]) for v in spec.choices]
        widget = forms.Select if len(choices) > 5 else forms.RadioSelect
        return forms.ChoiceField(choices=choices, widget=widget, **common)
    if spec.kind == "bool":
        return forms.TypedChoiceField(
            choices=YES_NO, coerce=lambda v: v == "true", widget=forms.RadioSelect, **common
        )
    if spec.kind == "list":
        return forms.MultipleChoiceField(
            choices=[(v, CHOICES[v]) for v in spec.choices],
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
        """The cleaned values as a v1 input (absent optional values left out)."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if not (value is None or (name == "notes" and value == ""))
        }

    @staticmethod
    def initial_from(stored_input: dict[str, Any]) -> dict[str, Any]:
        """Form initial values from a stored assessment input."""
        return {
            name: ("true" if value else "false") if isinstance(value, bool) else value
            for name, value in stored_input.items()
        }
