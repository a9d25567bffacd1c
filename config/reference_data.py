"""Load the reference data in fixtures/ into the database, idempotently.

Steps:
1. Read every YAML file in a fixed order (sources first, cases last) and check each item's
   shape: known keys, a slug, at least one citation, a source's list of sections, snapshot
   inputs valid against the v1 contract. Any problem aborts the load before anything is written.
2. In one transaction, upsert each item by its slug (sources by key): create it when missing;
   otherwise compare field by field, many-to-many sets and the citation list, and write only
   what differs. A second run over the same files therefore writes nothing.
3. Import the newest reference ruleset (fixtures/rulesets/) as a new ruleset version if its
   content is new: active on a new database, otherwise a draft for curators to dry-run and
   activate (see `recommendations.rulesets.services.ruleset_import_reference`).
4. Return a report counting created, updated and unchanged items per kind.

Items that exist in the database but not in the files are kept: curators may add their own.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, overload

import yaml
from auditlog.context import disable_auditlog
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models, transaction

from cases.citecheck import FIXTURES_DIR, section_problems
from cases.models import Case, CaseSnapshot, Source
from cases.services import UnknownSource, citations_set
from contract.errors import ContractError, EnvoyError
from contract.fields import FIELDS, validate_input
from core.models import CitedModel
from missions.models import Mission, MissionModel, Organization, Role
from phases.models import Phase
from recommendations.engine import RuleError
from recommendations.models import Caveat, CouncilTool, RuleSet
from recommendations.rulesets.services import reference_ruleset_file, ruleset_import_reference

M = TypeVar("M", bound=models.Model)


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    ruleset: RuleSet | None = None  # the reference ruleset, as now in the database

    @property
    def changes(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values())

    def lines(self) -> list[str]:
        kinds = sorted(set(self.created) | set(self.updated) | set(self.unchanged))
        return [
            f"{kind}: {self.created[kind]} created, {self.updated[kind]} updated, "
            f"{self.unchanged[kind]} unchanged"
            for kind in kinds
        ]


@dataclass(frozen=True)
class Kind:
    """How one fixture file maps onto a model."""

    label: str
    file: str
    model: type[models.Model]
    fields: tuple[str, ...]
    key: str = "slug"
    foreign: dict[str, type[models.Model]] = field(default_factory=dict)
    many: dict[str, type[models.Model]] = field(default_factory=dict)
    cited: bool = True
    positioned: bool = False


KINDS: tuple[Kind, ...] = (
    Kind(
        "sources",
        "sources.yaml",
        Source,
        ("title", "author", "publisher", "published", "file", "summary", "sections"),
        key="key",
        cited=False,
    ),
    Kind("phases", "phases.yaml", Phase, ("name", "order", "description")),
    Kind(
        "mission models",
        "mission_models.yaml",
        MissionModel,
        ("name", "description"),
        positioned=True,
    ),
    Kind(
        "roles",
        "roles.yaml",
        Role,
        ("name", "description"),
        many={"phases": Phase},
        positioned=True,
    ),
    Kind(
        "council tools", "council_tools.yaml", CouncilTool, ("name", "description"), positioned=True
    ),
    Kind("caveats", "caveats.yaml", Caveat, ("name", "text"), positioned=True),
    Kind(
        "organizations",
        "organizations.yaml",
        Organization,
        ("name", "acronym", "kind", "lead_regions", "description"),
    ),
    Kind(
        "missions",
        "missions.yaml",
        Mission,
        (
            "name",
            "acronym",
            "country",
            "region",
            "start_year",
            "end_year",
            "size",
            "personnel",
            "basing",
            "summary",
            "external_facts",
            "provenance_note",
        ),
        foreign={"organization": Organization, "mission_model": MissionModel},
    ),
    Kind(
        "cases",
        "cases/*.yaml",
        Case,
        (
            "title",
            "country",
            "region",
            "start_year",
            "end_year",
            "outcome",
            "summary",
            "lessons",
            "external_facts",
            "provenance_note",
            "unreproduced",
        ),
        many={"organizations": Organization, "missions": Mission, "roles": Role},
    ),
)
SNAPSHOT_FIELDS = (
    "date",
    "label",
    "phase",
    "track",
    "input",
    "citations",
    "provenance",
    "external_facts",
    "provenance_note",
)
# What may come from outside the sources: the item's own facts (a snapshot's input fields too).
EXTERNAL_FACTS = {
    "missions": {"name", "acronym", "start_year", "end_year", "size", "personnel", "basing"},
    "cases": {"title", "start_year", "end_year", "outcome"},
}
SNAPSHOT_EXTERNAL = {"date", "label"} | {f.name for f in FIELDS if f.name != "situation"}
UNREPRODUCED_KINDS = ("role", "mission_model", "organization")


class ReferenceDataError(EnvoyError):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def read_items(kind: Kind, directory: Path) -> list[dict[str, Any]]:
    paths = sorted(directory.glob(kind.file))
    if not paths:
        raise ReferenceDataError([f"{kind.file}: no such file in {directory}"])
    items: list[dict[str, Any]] = []
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
        items.extend(data if isinstance(data, list) else [data])
    return items


def check_items(kind: Kind, items: list[dict[str, Any]]) -> list[str]:
    """Shape problems of one kind's items (empty when all is well)."""
    problems = []
    allowed = {kind.key, *kind.fields, *kind.foreign, *kind.many, "citations", "snapshots"}
    seen: set[str | None] = set()
    for i, item in enumerate(items):
        where = f"{kind.file}[{i}] {item.get(kind.key, '?')}"
        if not item.get(kind.key):
            problems.append(f"{where}: missing {kind.key}")
        elif item[kind.key] in seen:
            problems.append(f"{where}: duplicate {kind.key}")
        seen.add(item.get(kind.key))
        extra = set(item) - allowed
        if extra:
            problems.append(f"{where}: unknown keys {sorted(extra)}")
        if kind.cited and not item.get("citations"):
            problems.append(f"{where}: no citation")
        problems += check_external(
            where, item.get("external_facts"), EXTERNAL_FACTS.get(kind.label)
        )
        problems += check_unreproduced(where, item.get("unreproduced"))
        if kind.model is Source:
            problems += section_problems(where, item.get("sections"))
        for snapshot in item.get("snapshots", []):
            problems += check_snapshot(where, snapshot)
    return problems


def check_external(where: str, names: Any, allowed: set[str] | None) -> list[str]:
    if names is None:
        return []
    if allowed is None:
        return [f"{where}: external_facts is not kept for this kind of item"]
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        return [f"{where}: external_facts must be a list of fact names"]
    unknown = sorted(set(names) - allowed)
    return [f"{where}: external_facts names unknown facts {unknown}"] if unknown else []


def check_unreproduced(where: str, misses: Any) -> list[str]:
    """Each entry names what the engine does not reproduce for a case, and why."""
    if misses is None:
        return []
    if not isinstance(misses, list):
        return [f"{where}: unreproduced must be a list of {{kind, slug, why}}"]
    problems = []
    for miss in misses:
        if not (
            isinstance(miss, dict)
            and set(miss) == {"kind", "slug", "why"}
            and miss["kind"] in UNREPRODUCED_KINDS
            and isinstance(miss["why"], str)
            and miss["why"].strip()
        ):
            problems.append(
                f"{where}: each unreproduced entry is {{kind, slug, why}}, kind one of "
                f"{', '.join(UNREPRODUCED_KINDS)}, with a reason: {miss!r}"
            )
    return problems


def check_snapshot(where: str, snapshot: dict[str, Any]) -> list[str]:
    where = f"{where} snapshot {snapshot.get('date')}"
    problems = []
    if set(snapshot) - set(SNAPSHOT_FIELDS):
        problems.append(f"{where}: unknown keys {sorted(set(snapshot) - set(SNAPSHOT_FIELDS))}")
    if not isinstance(snapshot.get("date"), dt.date):
        problems.append(f"{where}: date must be an ISO date")
    if not snapshot.get("citations"):
        problems.append(f"{where}: no citation")
    if snapshot.get("provenance", "sources") not in ("sources", "external"):
        problems.append(f"{where}: provenance is sources or external")
    problems += check_external(where, snapshot.get("external_facts"), SNAPSHOT_EXTERNAL)
    try:
        validate_input(snapshot.get("input"))
    except ContractError as exc:
        problems.append(f"{where}: invalid input {exc.errors}")
    if "situation" in (snapshot.get("input") or {}):
        problems.append(f"{where}: input names a situation")
    return problems


def load_reference_data(directory: Path = FIXTURES_DIR) -> LoadReport:
    """Upsert all reference data from `directory`; see the module docstring."""
    loaded = [(kind, read_items(kind, directory)) for kind in KINDS]
    problems = [problem for kind, items in loaded for problem in check_items(kind, items)]
    if problems:
        raise ReferenceDataError(problems)
    report = LoadReport()
    try:  # the reference data's history is its files': the audit trail is for users' changes
        with disable_auditlog(), transaction.atomic():
            for kind, items in loaded:
                for position, item in enumerate(items):
                    obj = upsert(kind, item, position, report)
                    for snapshot in item.get("snapshots", []):
                        upsert_snapshot(obj, snapshot, report)
            ruleset_file = reference_ruleset_file(directory / "rulesets")
            ruleset, created = ruleset_import_reference(ruleset_file)
            tally(report, "rulesets", "created" if created else None)
            report.ruleset = ruleset
    except RuleError as exc:
        raise ReferenceDataError([f"rulesets/{ruleset_file.name}: {exc}"]) from None
    except UnknownSource as exc:
        raise ReferenceDataError([str(exc)]) from None
    return report


@overload
def by_slug(model: type[M], slug: str) -> M: ...
@overload
def by_slug(model: type[M], slug: None) -> None: ...
def by_slug(model: type[M], slug: str | None) -> M | None:
    if slug is None:
        return None
    try:
        return model._default_manager.get(slug=slug)
    except ObjectDoesNotExist:
        raise ReferenceDataError([f"{model._meta.verbose_name} {slug!r} does not exist"]) from None


def upsert(kind: Kind, item: dict[str, Any], position: int, report: LoadReport) -> models.Model:
    values = {name: item.get(name, default_for(kind.model, name)) for name in kind.fields}
    values.update({name: by_slug(model, item.get(name)) for name, model in kind.foreign.items()})
    if kind.positioned:
        values["position"] = position
    obj, state = save_if_changed(kind.model, {kind.key: item[kind.key]}, values)
    for name, model in kind.many.items():
        wanted = {by_slug(model, slug).pk for slug in item.get(name, [])}
        manager = getattr(obj, name)
        if set(manager.values_list("pk", flat=True)) != wanted:
            manager.set(wanted)
            state = state or "updated"
    if kind.cited and isinstance(obj, CitedModel) and citations_set(obj, item["citations"]):
        state = state or "updated"
    tally(report, kind.label, state)
    return obj


def upsert_snapshot(case: models.Model, item: dict[str, Any], report: LoadReport) -> None:
    values = {
        "label": item["label"],
        "phase": by_slug(Phase, item["phase"]),
        "track": item.get("track") or "",
        "input": validate_input(item["input"]),
        "provenance": item.get("provenance", CaseSnapshot.Provenance.SOURCES),
        "external_facts": item.get("external_facts", []),
        "provenance_note": item.get("provenance_note", ""),
    }
    obj, state = save_if_changed(CaseSnapshot, {"case": case, "date": item["date"]}, values)
    if citations_set(obj, item["citations"]):
        state = state or "updated"
    tally(report, "case snapshots", state)


def default_for(model: type[models.Model], name: str) -> Any:
    model_field = model._meta.get_field(name)
    if not isinstance(model_field, models.Field):  # the kinds name columns only
        raise TypeError(f"{model.__name__}.{name} is not a column")
    if model_field.null:
        return None
    return model_field.get_default()


def save_if_changed(
    model: type[M], lookup: dict[str, Any], values: dict[str, Any]
) -> tuple[M, str | None]:
    """Create or update one row; return it with "created", "updated" or None (unchanged)."""
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        validate(obj)
        obj.save()
        return obj, "created"
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if not changed:
        return obj, None
    for name in changed:
        setattr(obj, name, values[name])
    validate(obj)
    obj.save()
    return obj, "updated"


def validate(obj: models.Model) -> None:
    try:
        obj.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        raise ReferenceDataError([f"{obj._meta.verbose_name} {obj}: {exc.messages}"]) from None


def tally(report: LoadReport, label: str, state: str | None) -> None:
    {"created": report.created, "updated": report.updated, None: report.unchanged}[state][
        label
    ] += 1
