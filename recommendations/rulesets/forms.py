"""Forms of the curators' ruleset pages: a new draft, its name, a rule, the activation."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.fields import InvalidJSONInput
from django.utils.translation import gettext_lazy as _

from cases.forms import PrettyJSONField, flatten_errors
from cases.serializers import CitationSerializer
from contract.choices import TRACK_CHOICES
from core.parsers import StrictJSONDecoder
from recommendations.engine.facts import CATALOGUE_OF
from recommendations.models import Rule, RuleSet
from recommendations.rulesets.compiler import CATALOGUE_MODELS, rule_as_data

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

NO_TRACK = [("", _("None (only post_rubicon phase rules take a track)"))]

CONDITION_SHAPE = """{"and": [
  {"==": [{"var": "phase"}, "latent"]},
  {"in": ["resources", {"var": "grievances"}]}
]}"""

CITATIONS_SHAPE = """[
  {"source": "gowan-2011", "locator": "Confronting Rising Tension",
   "quote": "optional: a short passage, at most 300 characters"}
]"""


def pretty_json(value: Any, width: int = 72, indent: str = "") -> str:
    """JSON for reading: a list or object that fits in `width` stays on one line, a longer one
    puts each item on a line of its own, indented. A value nested too deeply to write out (a
    condition stored before conditions were limited) is shown as a note saying so."""
    try:
        return _pretty_json(value, width, indent)
    except RecursionError:
        return str(_("(Nested too deeply to show: replace this condition.)"))


def _pretty_json(value: Any, width: int, indent: str) -> str:
    flat = json.dumps(value, ensure_ascii=False)
    if not isinstance(value, dict | list) or not value or len(indent) + len(flat) <= width:
        return flat
    inner = indent + "  "
    if isinstance(value, dict):
        items = [
            f"{json.dumps(k, ensure_ascii=False)}: {_pretty_json(v, width, inner)}"
            for k, v in value.items()
        ]
        opening, closing = "{", "}"
    else:
        items = [_pretty_json(item, width, inner) for item in value]
        opening, closing = "[", "]"
    body = ",\n".join(inner + item for item in items)
    return f"{opening}\n{body}\n{indent}{closing}"


class RulesetChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: RuleSet) -> str:
        return f"v{obj.version} · {obj.name} ({obj.get_status_display()})"


class DraftForm(forms.Form):
    """A new draft version, started as a copy of the rules of another version."""

    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What this version changes, and why."),
    )
    copy_from = RulesetChoice(
        label=_("Start from"),
        queryset=RuleSet.objects.all(),
        to_field_name="version",
        required=False,
        empty_label=None,
        help_text=_(
            "The new draft starts as a copy of this version's rules; by default, the active one's."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        active = RuleSet.objects.filter(status=RuleSet.Status.ACTIVE).first()
        if active:
            self.fields["copy_from"].initial = active.version


class RulesetForm(forms.Form):
    """The name and description of a draft."""

    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class ActivateForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I have checked this version and want new assessments to use it."),
    )


class DeleteDraftForm(forms.Form):
    confirm = forms.BooleanField(label=_("Yes, delete this draft and all its rules."))


class ConditionField(forms.JSONField):
    """A rule's condition as JSON in a textarea, indented for reading; a typo is a field error
    that says where it is, and what was typed comes back as typed."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(decoder=StrictJSONDecoder, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, InvalidJSONInput):
            return value
        return pretty_json(value)

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            try:
                json.loads(value, cls=StrictJSONDecoder)
            except json.JSONDecodeError as exc:
                raise forms.ValidationError(
                    _("This is not valid JSON: %(problem)s (line %(line)s, column %(column)s)."),
                    code="invalid",
                    params={"problem": exc.msg, "line": exc.lineno, "column": exc.colno},
                ) from None
        return super().to_python(value)


def target_choices() -> list[tuple[StrOrPromise, list[tuple[str, str]]]]:
    """What a rule may recommend, grouped by kind, from the catalogue."""
    labels = dict(Rule.Kind.choices)
    return [
        (
            labels[kind],
            [
                (item.slug, f"{item.slug} · {item}")
                for item in CATALOGUE_MODELS[CATALOGUE_OF.get(kind, kind)].objects.all()
            ],
        )
        for kind in labels
    ]


class RuleForm(forms.Form):
    """A rule as a curator types it; `rule_save` checks it against the contract and stores it."""

    slug = forms.CharField(
        label=_("Slug"),
        max_length=100,
        help_text=_("Unique in this version and never changed, e.g. rising.direct_mediation."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Rule.Kind.choices)
    target = forms.ChoiceField(
        label=_("Target"),
        choices=target_choices,
        help_text=_("What the rule recommends; it must be of the rule's kind."),
    )
    track = forms.ChoiceField(label=_("Track"), choices=[*NO_TRACK, *TRACK_CHOICES], required=False)
    priority = forms.IntegerField(
        label=_("Priority"),
        initial=100,
        help_text=_("Lower runs first; for a phase, the first rule that holds decides."),
    )
    condition = ConditionField(
        label=_("Condition"),
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false", "class": "code"}),
        help_text=_(
            "When the rule holds, in Envoy's JsonLogic subset: facts are read with var; "
            "true always holds."
        ),
    )
    rationale = forms.CharField(
        label=_("Rationale"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why the rule recommends its target, as an analyst will read it."),
    )
    citations = PrettyJSONField(
        label=_("Citations"),
        widget=forms.Textarea(attrs={"rows": 5, "spellcheck": "false", "class": "code"}),
        help_text=_(
            "A JSON list of citations, at least one: the source's key, the section heading in "
            "the source and, if you like, a short quote."
        ),
    )

    shapes = {"condition": CONDITION_SHAPE, "citations": CITATIONS_SHAPE}

    def fields_with_shapes(self) -> list[tuple[forms.BoundField, str]]:
        return [(field, self.shapes.get(field.name, "")) for field in self]

    def clean_citations(self) -> list[dict[str, str]]:
        citations = CitationSerializer(data=self.cleaned_data["citations"], many=True)
        if not citations.is_valid():
            raise forms.ValidationError(flatten_errors(citations.errors))
        return [
            {"source": c["source"].key, "locator": c["locator"], "quote": c.get("quote", "")}
            for c in citations.validated_data
        ]

    def rule_data(self) -> dict[str, Any]:
        """The cleaned values in the shape `rule_save` takes."""
        return {**self.cleaned_data, "track": self.cleaned_data["track"] or None}

    def add_service_errors(self, error: ValidationError) -> None:
        """Show the errors of `rule_save` at their fields (a slug already taken in this version
        at the slug), the others above the form."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.messages)
            return
        for name, errors in error.error_dict.items():
            for item in errors:
                taken = item.code == "unique_together" and "slug" in (item.params or {}).get(
                    "unique_check", ()
                )
                if taken:
                    self.add_error("slug", _("This version already has a rule with this slug."))
                else:
                    self.add_error(name if name in self.fields else None, item)

    @staticmethod
    def initial_from(rule: Rule) -> dict[str, Any]:
        return {**rule_as_data(rule), "track": rule.track}
