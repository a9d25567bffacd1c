"""The situation form: the contract's fields, in sections, with help from the sources.

Each answer that may be uncertain has its own "Not sure" box (the contract's `uncertain`
list); answers that contradict each other (`contract.consistency`) are shown as warnings the
analyst confirms before anything is saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms import BoundField
from django.utils.functional import Promise
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from contract.consistency import Contradiction, contradictions, fingerprint
from contract.errors import ContractError
from contract.fields import (
    FIELDS,
    REGIONS,
    UNCERTAIN_CHOICES,
    UNCERTAIN_MAX,
    Field,
    validate_input,
)
from contract.labels import TREND_NAMES
from core.errors import form_errors
from core.labels import (
    CHOICES,
    HELP,
    LABELS,
    SECTIONS,
    choice_label,
    contradiction_text,
    phase_label,
)
from recommendations.assessments.watchlist import WatchlistFilters
from recommendations.engine.trend import TRENDS

YES_NO = [("true", _("Yes")), ("false", _("No"))]
CONTRACT_NAMES = tuple(spec.name for spec in FIELDS if spec.name != "situation")
BLANK_CHOICE = {"region": _("Choose a region")}
REQUIRED = {
    "country": _("Enter the country or territory."),
    "region": _("Choose a region."),
}
CHOOSE_AN_ANSWER = _("Choose an answer.")
TOO_LONG = {
    "country": _("Shorten the name to at most %(limit_value)d characters (it has %(show_value)d)."),
    "notes": _(
        "Shorten the notes to at most %(limit_value)d characters (they have %(show_value)d)."
    ),
}


def _field(spec: Field) -> forms.Field:
    common: dict[str, Any] = {
        "label": LABELS[spec.name],
        "help_text": HELP.get(spec.name, ""),
        "required": spec.required,
        "error_messages": {"required": REQUIRED.get(spec.name, CHOOSE_AN_ANSWER)},
    }
    if not spec.required and spec.kind in ("enum", "bool"):
        # An optional answer starts at the contract's default, so leaving it means the default.
        common["initial"] = _widget_value(spec.default)
    if spec.kind == "enum":
        choices: list[tuple[str, Promise]] = [(v, CHOICES[v]) for v in spec.choices]
        if len(choices) > 5:
            # A blank first option, so a forgotten answer is an error, not the first value.
            blank: list[tuple[str, Promise]] = (
                [("", BLANK_CHOICE.get(spec.name, CHOOSE_AN_ANSWER))] if spec.required else []
            )
            return forms.ChoiceField(choices=blank + choices, widget=forms.Select, **common)
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
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
        common["error_messages"] |= {
            "invalid": _("Enter a whole number of deaths, such as 150, or leave it blank."),
            "min_value": _("The number of deaths cannot be negative: enter 0 or more."),
        }
        return forms.IntegerField(min_value=0, **common)
    common["error_messages"]["max_length"] = TOO_LONG[spec.name]
    widget = forms.Textarea(attrs={"rows": 4}) if spec.name == "notes" else forms.TextInput
    text = forms.CharField(widget=widget, max_length=spec.max_length, **common)
    # No maxlength attribute: the browser would cut a longer text without a word; the form
    # says how long it is instead.
    text.widget.attrs.pop("maxlength", None)
    return text


def _widget_value(value: Any) -> Any:
    return ("true" if value else "false") if isinstance(value, bool) else value


@dataclass(frozen=True)
class NotSure:
    """The "Not sure" box of one answer: ticked, it puts the answer in `uncertain`."""

    id: str
    value: str
    checked: bool
    error: str = ""  # what is wrong with the uncertain answers, shown by each ticked box

    @property
    def error_id(self) -> str:
        return f"{self.id}_error" if self.error else ""


@dataclass(frozen=True)
class Question:
    """One answer as the page lays it out: its field, the ids that describe it, the id a link
    to it points at, its "Not sure" box and the contradictions it is part of."""

    field: BoundField
    anchor: str
    help_id: str
    error_id: str
    warning_id: str
    not_sure: NotSure | None
    warnings: list[str]

    @property
    def describedby(self) -> str:
        return " ".join(i for i in (self.help_id, self.error_id, self.warning_id) if i)

    @property
    def widget(self) -> str:
        if self.field.use_fieldset:  # the group's fieldset carries aria-describedby
            return self.field.as_widget()
        ids = self.describedby
        return self.field.as_widget(attrs={"aria-describedby": ids} if ids else None)


@dataclass(frozen=True)
class Problem:
    """One line of the error summary: the question (none for the form as a whole), the id
    of the field it links to, and what is wrong."""

    label: Promise | str | None
    anchor: str
    message: str

    @property
    def link(self) -> SafeString:
        return format_html('<a href="#{}">{}</a>', self.anchor, self.label)


@dataclass(frozen=True)
class ContradictionWarning:
    """One contradiction as the warning summary shows it, with links to its answers."""

    message: str
    links: list[tuple[Promise | str, str]]  # (question, id)

    @property
    def links_html(self) -> SafeString:
        # A middle dot between the links reads the same in every language.
        return format_html_join(" · ", '<a href="#{1}">{0}</a>', self.links)


class SituationForm(forms.Form):
    """Every field of the contract but the situation id (given by the page, not typed), and
    the confirmation of contradictory answers."""

    confirm_contradictions = forms.BooleanField(
        required=False, label=_("I have checked these answers; save anyway")
    )
    # The contradictions the analyst was shown (their codes): a confirmation holds for those.
    contradictions_seen = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for spec in FIELDS:
            if spec.name != "situation":
                self.fields[spec.name] = _field(spec)
        self.contradictions: list[Contradiction] = []

    def clean_uncertain(self) -> list[str]:
        marked = self.cleaned_data["uncertain"]
        if len(marked) > UNCERTAIN_MAX:
            raise forms.ValidationError(
                _("Mark at most %(limit)d answers as not sure (%(count)d are marked)."),
                code="max_items",
                params={"limit": UNCERTAIN_MAX, "count": len(marked)},
            )
        return marked

    def clean(self) -> dict[str, Any] | None:
        """Once every answer is valid, the contract checks the input and its contradictions
        are found (they do not make the form invalid: see `awaiting_confirmation`)."""
        cleaned = super().clean()
        if not self.errors:
            try:
                self.contradictions = contradictions(validate_input(self.contract_data()))
            except ContractError as exc:
                form_errors(self, exc)
        return cleaned

    def contract_data(self) -> dict[str, Any]:
        """The cleaned values as a contract input (absent optional values left out)."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name in CONTRACT_NAMES
            and not (value is None or (value == "" and not self.fields[name].required))
        }

    @property
    def contradiction_fingerprint(self) -> str:
        return fingerprint(self.contradictions)

    @property
    def awaiting_confirmation(self) -> bool:
        """The valid answers contradict each other, and the analyst has not confirmed these
        very contradictions (a confirmation of others does not carry over)."""
        if not self.contradictions:
            return False
        data = self.cleaned_data
        seen = data.get("contradictions_seen", "")
        return not (data.get("confirm_contradictions") and seen == self.contradiction_fingerprint)

    @property
    def confirmation_state(self) -> str:
        """Why the warnings are shown: "new" (first seen), "unconfirmed" (seen again, the box
        left unticked) or "changed" (the answers now contradict each other otherwise)."""
        seen = self.cleaned_data.get("contradictions_seen", "") if self.is_bound else ""
        if not seen:
            return "new"
        return "unconfirmed" if seen == self.contradiction_fingerprint else "changed"

    def marked_uncertain(self) -> list[str]:
        """The answers ticked "Not sure" (posted, or from the assessment the form starts from)."""
        value = self["uncertain"].value() or []
        return [name for name in UNCERTAIN_CHOICES if name in value]

    def sections(self) -> list[tuple[Promise, list[Question]]]:
        return [(title, [self._question(name) for name in names]) for title, names in SECTIONS]

    def _question(self, name: str) -> Question:
        bound = self[name]
        auto_id = bound.auto_id
        warnings = self._warnings_by_field().get(name, [])
        not_sure = None
        if name in UNCERTAIN_CHOICES:
            checked = name in self.marked_uncertain()
            error = " ".join(map(str, self["uncertain"].errors)) if checked else ""
            not_sure = NotSure(f"id_uncertain_{name}", name, checked, error)
        return Question(
            field=bound,
            anchor=self._anchor(name),
            help_id=f"{auto_id}_helptext" if bound.help_text else "",
            error_id=f"{auto_id}_error" if bound.errors else "",
            warning_id=f"{auto_id}_warning" if warnings else "",
            not_sure=not_sure,
            warnings=warnings,
        )

    def _anchor(self, name: str) -> str:
        """The id a link to the answer points at: its input, or its chosen option (the first
        when none is); for the uncertain answers, the first "Not sure" box ticked."""
        if name == "uncertain":
            marked = self.marked_uncertain()
            return f"id_uncertain_{marked[0]}" if marked else "field-uncertain"
        bound = self[name]
        if not bound.use_fieldset:
            return bound.auto_id
        values = [str(value) for value, _label in bound.field.choices]  # type: ignore[attr-defined]
        chosen = str(bound.value())
        return f"{bound.auto_id}_{values.index(chosen) if chosen in values else 0}"

    def _warnings_by_field(self) -> dict[str, list[str]]:
        if not self.awaiting_confirmation:
            return {}
        by_field: dict[str, list[str]] = {}
        for contradiction in self.contradictions:
            for name in contradiction.fields:
                by_field.setdefault(name, []).append(contradiction_text(contradiction))
        return by_field

    def error_summary(self) -> list[Problem]:
        """Every problem, the form's own first, then each answer's in the page's order."""
        problems = [Problem(None, "", str(message)) for message in self.non_field_errors()]
        for _title, names in SECTIONS:
            for name in names:
                if self[name].errors:
                    message = " ".join(str(m) for m in self[name].errors)
                    problems.append(Problem(self[name].label, self._anchor(name), message))
        return problems

    def warning_summary(self) -> list[ContradictionWarning]:
        return [
            ContradictionWarning(
                contradiction_text(c), [(self[name].label, self._anchor(name)) for name in c.fields]
            )
            for c in self.contradictions
        ]

    @staticmethod
    def initial_from(stored_input: dict[str, Any]) -> dict[str, Any]:
        """Form initial values from a stored assessment input."""
        return {name: _widget_value(value) for name, value in stored_input.items()}


# Where a situation stands, as the watchlist filters it: a phase, or after the Rubicon a track.
WATCH_POSITIONS = [
    ("latent", "latent", None),
    ("rising", "rising", None),
    ("rubicon", "rubicon", None),
    ("war", "post_rubicon", "war"),
    ("settlement", "post_rubicon", "settlement"),
]
ANY_YES_NO = [("", _("Any")), ("yes", _("Yes")), ("no", _("No"))]


def _position_choices() -> list[tuple[str, str | Promise]]:
    return [("", _("Any phase"))] + [
        (key, phase_label(phase, track)) for key, phase, track in WATCH_POSITIONS
    ]


def _trend_choices() -> list[tuple[str, str | Promise]]:
    choices: list[tuple[str, str | Promise]] = [("", _("Any trend"))]
    return choices + [(t, _(TREND_NAMES[t])) for t in TRENDS]


def _region_choices() -> list[tuple[str, str | Promise]]:
    return [("", _("Any region"))] + [(r, choice_label(r)) for r in REGIONS]


class WatchlistForm(forms.Form):
    """The watchlist's query string: filters and an order; a value it does not know is left
    out and said so."""

    phase = forms.ChoiceField(label=_("Phase"), choices=_position_choices, required=False)
    trend = forms.ChoiceField(label=_("Trend"), choices=_trend_choices, required=False)
    region = forms.ChoiceField(label=_("Region"), choices=_region_choices, required=False)
    due = forms.ChoiceField(label=_("Due for reassessment"), choices=ANY_YES_NO, required=False)
    alert = forms.ChoiceField(label=_("Conflict risk alert"), choices=ANY_YES_NO, required=False)
    ordering = forms.ChoiceField(
        label=_("Sort by"),
        choices=[
            ("-last_assessed", _("Latest assessed first")),
            ("last_assessed", _("Longest unassessed first")),
            ("country", _("Country")),
        ],
        required=False,
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data if data is not None else {}, **kwargs)
        self.is_valid()

    def filters(self) -> WatchlistFilters:
        clean = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        position = {key: (phase, track) for key, phase, track in WATCH_POSITIONS}
        phase, track = position.get(clean.get("phase") or "", (None, None))

        def yes_no(name: str) -> bool | None:
            return {"yes": True, "no": False}.get(clean.get(name) or "")

        return WatchlistFilters(
            phase=phase,
            track=track,
            trend=clean.get("trend") or None,
            region=clean.get("region") or None,
            due=yes_no("due"),
            alert=yes_no("alert"),
            ordering=clean.get("ordering") or "-last_assessed",
        )
