"""Forms of the case library: the search and its filters, and the curators' case form."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.serializers.json import DjangoJSONEncoder
from django.forms.fields import InvalidJSONInput
from django.utils.translation import gettext_lazy as _

from cases.models import Case
from cases.selectors import CaseFilters
from cases.serializers import CitationSerializer, SnapshotSerializer
from contract.fields import PHASES, REGIONS
from core.labels import choice_label
from core.parsers import StrictJSONDecoder
from missions.models import Mission, Organization, Role

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

RELEVANCE, YEAR, YEAR_DESC, TITLE, TITLE_DESC = "relevance", "year", "-year", "title", "-title"
SORTS = {
    RELEVANCE: _("Relevance"),
    YEAR: _("Year, oldest first"),
    YEAR_DESC: _("Year, newest first"),
    TITLE: _("Title, A to Z"),
    TITLE_DESC: _("Title, Z to A"),
}
ORDERINGS = {
    YEAR: ("start_year", "title", "pk"),
    YEAR_DESC: ("-start_year", "title", "pk"),
    TITLE: ("title", "pk"),
    TITLE_DESC: ("-title", "pk"),
}
FILTER_NAMES = ("phase", "region", "organization", "mission_model", "outcome")
RESERVED_SLUGS = Case.RESERVED_SLUGS


def region_choices() -> list[tuple[str, str]]:
    return [(region, choice_label(region)) for region in REGIONS]


YEAR_IN_DIGITS = _("Give the year in digits, for example 1994.")
QUERY_PROBLEMS = "query-problems"  # the id of the notice that lists what was left out


class LibrarySearchForm(forms.Form):
    """The query string of the library: a full-text query, filters and a sort order."""

    q = forms.CharField(
        label=_("Search the library"),
        max_length=200,
        required=False,
        help_text=_(
            "Searches titles, countries, summaries and lessons. Put a phrase in quotes; "
            "put a minus sign before a word to leave it out."
        ),
    )
    phase = forms.ChoiceField(label=_("Phase"), choices=[(p, p) for p in PHASES], required=False)
    region = forms.ChoiceField(label=_("Region"), choices=region_choices, required=False)
    organization = forms.SlugField(label=_("Organization"), max_length=40, required=False)
    mission_model = forms.SlugField(label=_("Mission model"), max_length=60, required=False)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Case.Outcome.choices, required=False)
    year_from = forms.IntegerField(
        label=_("From year"),
        min_value=1,
        max_value=9999,
        required=False,
        error_messages={"invalid": YEAR_IN_DIGITS},
    )
    year_to = forms.IntegerField(
        label=_("To year"),
        min_value=1,
        max_value=9999,
        required=False,
        error_messages={"invalid": YEAR_IN_DIGITS},
    )
    sort = forms.ChoiceField(label=_("Sort by"), choices=list(SORTS.items()), required=False)

    def __init__(self, data=None, **kwargs):
        super().__init__(data if data is not None else {}, **kwargs)
        self.fields["q"].widget.input_type = "search"
        self.notes: list[StrOrPromise] = []  # what was read differently from how it was typed
        self.is_valid()
        for name in self.errors:  # the fields left out say so to assistive technology
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": QUERY_PROBLEMS}
                )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("year_from"), cleaned.get("year_to")
        if start is not None and end is not None and start > end:
            cleaned["year_from"], cleaned["year_to"] = end, start
            self.notes.append(
                _(
                    "The years were the wrong way round: the cases from %(start)s to %(end)s "
                    "are shown."
                )
                % {"start": end, "end": start}
            )
        return cleaned

    def value(self, name: str) -> Any:
        """The clean value of a parameter; a value that does not validate counts as absent."""
        return self.cleaned_data.get(name) if hasattr(self, "cleaned_data") else None

    def filters(self) -> CaseFilters:
        text = {name: self.value(name) or "" for name in ("q", *FILTER_NAMES)}
        return CaseFilters(**text, year_from=self.value("year_from"), year_to=self.value("year_to"))

    def order(self) -> str:
        """The chosen order; relevance only means something with a query, else by year."""
        chosen = self.value("sort")
        if chosen == RELEVANCE or not chosen:
            return RELEVANCE if (self.value("q") or "").strip() else YEAR
        return chosen


class PrettyJSONField(forms.JSONField):
    """JSON in a textarea, indented for reading; what was typed comes back as typed. Read
    strictly: a key given twice, NaN or nesting too deep is a field error."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(decoder=StrictJSONDecoder, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, InvalidJSONInput):
            return value
        return json.dumps(value, indent=2, ensure_ascii=False, cls=DjangoJSONEncoder)

    def to_python(self, value):
        value = super().to_python(value)
        if value is not None and not isinstance(value, list):
            raise forms.ValidationError(_("Enter a JSON list: [ ... ]."), code="not_a_list")
        return value


class OrganizationChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return (
            f"{obj.name} ({obj.acronym})" if obj.acronym and obj.acronym != obj.name else obj.name
        )


class MissionChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}, {obj.country} ({obj.start_year})"


class RoleChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


CITATIONS_SHAPE = """[
  {"source": "gowan-2011", "locator": "Confronting Rising Tension",
   "quote": "optional: a short passage, at most 300 characters"}
]"""

SNAPSHOTS_SHAPE = """[
  {
    "date": "2009-09-28",
    "label": "Troops fire on an opposition rally",
    "phase": "rising",
    "track": null,
    "input": {"country": "Guinea", "region": "west_africa", "violence_level": "spreading",
              "...": "every other field of the v1 assessment input"},
    "citations": [{"source": "gowan-2011", "locator": "Confronting Rising Tension"}]
  }
]"""


class CaseForm(forms.Form):
    """A case as a curator types it; `CaseWriteSerializer` checks it and `case_save` stores it."""

    slug = forms.SlugField(
        label=_("Slug"),
        max_length=80,
        help_text=_("The case's address in the library: lowercase letters, digits and hyphens."),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    country = forms.CharField(label=_("Country or territory"), max_length=100)
    region = forms.ChoiceField(label=_("Region"), choices=region_choices)
    start_year = forms.IntegerField(label=_("First year"), min_value=1, max_value=9999)
    end_year = forms.IntegerField(
        label=_("Last year"),
        min_value=1,
        max_value=9999,
        required=False,
        help_text=_("Leave empty while the case is still unfolding."),
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Case.Outcome.choices, widget=forms.RadioSelect
    )
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 5}))
    lessons = forms.CharField(
        label=_("Lessons"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    organizations = OrganizationChoice(
        label=_("Organizations"),
        queryset=Organization.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    missions = MissionChoice(
        label=_("Missions"),
        queryset=Mission.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    roles = RoleChoice(
        label=_("Roles played"),
        queryset=Role.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    citations = PrettyJSONField(
        label=_("Citations"),
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false", "class": "code"}),
        help_text=_(
            "A JSON list of citations, at least one: the source's key, the section heading in "
            "the source and, if you like, a short quote."
        ),
    )
    snapshots = PrettyJSONField(
        label=_("Snapshots"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "false", "class": "code"}),
        help_text=_(
            "A JSON list of the case at key moments: date, label, phase (latent, rising, "
            "rubicon or post_rubicon), track (war or settlement past the Rubicon, otherwise "
            "null), a complete v1 assessment input and at least one citation. The list "
            "replaces the case's snapshots; [] for none."
        ),
    )

    shapes = {"citations": CITATIONS_SHAPE, "snapshots": SNAPSHOTS_SHAPE}
    main_fields = ("slug", "title", "country", "region", "start_year", "end_year", "outcome")
    text_fields = ("summary", "lessons")
    relation_fields = ("organizations", "missions", "roles")
    json_fields = ("citations", "snapshots")

    def sections(self) -> list[tuple[StrOrPromise, list[tuple[forms.BoundField, str]]]]:
        """The fields in groups, each with the example of its shape when it takes JSON."""
        groups = [
            (_("The case"), self.main_fields),
            (_("What happened"), self.text_fields),
            (_("Who acted"), self.relation_fields),
            (_("Sources and snapshots"), self.json_fields),
        ]
        return [
            (title, [(self[name], self.shapes.get(name, "")) for name in names])
            for title, names in groups
        ]

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(
                _("“%(slug)s” is reserved; choose another slug."), params={"slug": slug}
            )
        return slug

    def payload(self) -> dict[str, Any]:
        """The cleaned values in the shape `CaseWriteSerializer` reads."""
        data = dict(self.cleaned_data)
        for name in self.relation_fields:
            data[name] = [item.slug for item in data[name]]
        data["snapshots"] = data.get("snapshots") or []
        return data

    def add_serializer_errors(self, errors: dict[str, Any]) -> None:
        """Show each of the serializer's errors at its field, nested ones with their path."""
        for name, detail in errors.items():
            field = name if name in self.fields else None
            for message in flatten_errors(detail):
                self.add_error(field, message)

    @staticmethod
    def initial_from(case: Case) -> dict[str, Any]:
        return {
            **{name: getattr(case, name) for name in CaseForm.main_fields + CaseForm.text_fields},
            **{name: getattr(case, name).all() for name in CaseForm.relation_fields},
            "citations": CitationSerializer(case.citations.all(), many=True).data,
            "snapshots": SnapshotSerializer(case.snapshots.all(), many=True).data,
        }


def flatten_errors(detail: Any, path: tuple[str, ...] = ()) -> list[str]:
    """Messages of a nested DRF error structure, each prefixed with where it applies."""
    if isinstance(detail, dict):
        items = list(detail.items())
    elif isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        items = [(index, sub) for index, sub in enumerate(detail) if sub]
    else:
        items = None
    if items is not None:
        return [m for key, sub in items for m in flatten_errors(sub, _extend(path, key))]
    messages = detail if isinstance(detail, list) else [detail]
    prefix = " › ".join(path)
    return [f"{prefix}: {message}" if prefix else str(message) for message in messages]


def _extend(path: tuple[str, ...], key: Any) -> tuple[str, ...]:
    """The path one level down: list positions counted from 1, general errors unnamed."""
    if key == "non_field_errors":
        return path
    if isinstance(key, int) or (isinstance(key, str) and key.isascii() and key.isdigit()):
        return (*path, str(_("item %(number)s") % {"number": int(key) + 1}))
    return (*path, str(key))
