"""Rulesets between the database and the engine: compile (cached per version), validate, import.

The engine is pure; this module gives it plain data read from the database, and keeps one
compiled ruleset per ruleset version and update in the process.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import yaml
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.levels import CURATOR, require_level
from cases.citecheck import FIXTURES_DIR
from cases.models import Citation, Source
from cases.services import citations_set
from contract.errors import Conflict, Locked
from recommendations.engine import RuleError, compile_ruleset, rule_from_data
from recommendations.models import Rule, RuleSet
from recommendations.rulesets.compiler import catalogue_slugs, rule_errors, ruleset_compile

REFERENCE_RULESETS_DIR = FIXTURES_DIR / "rulesets"


def reference_ruleset_files(directory: Path = REFERENCE_RULESETS_DIR) -> list[Path]:
    """The reference rulesets, one file per contract version (v1.yaml, v2.yaml...), oldest
    first. The newest is the one Envoy ships; the older ones are kept as they were, so that
    the rules behind past assessments stay on record."""
    return sorted(directory.glob("v*.yaml"), key=lambda p: int(p.stem[1:]))


def reference_ruleset_file(directory: Path = REFERENCE_RULESETS_DIR) -> Path:
    return reference_ruleset_files(directory)[-1]


def rules_fixture(path: Path) -> tuple[dict[str, Any], str]:
    """A reference ruleset's data and a hash of its content."""
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    digest = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
    return data, digest


@transaction.atomic
def ruleset_import_reference(path: Path | None = None) -> tuple[RuleSet, bool]:
    """Import a reference ruleset (by default the newest of fixtures/rulesets/) as a new
    ruleset version, unless that content is already in.

    On a database with no active ruleset (a new one) the import becomes active. Otherwise it
    arrives as a draft and goes the governance way: a curator runs its impact dry-run and
    activates it, so new rules never silently replace those behind past assessments.
    Returns the ruleset and whether it was created.
    """
    data, digest = rules_fixture(path or reference_ruleset_file())
    existing = RuleSet.objects.filter(source_hash=digest).first()
    if existing:
        return existing, False
    rules = [rule_from_data(item) for item in data["rules"]]
    compile_ruleset(rules, catalogue_slugs())  # every rule valid, or nothing is written
    active = RuleSet.objects.select_for_update().filter(status=RuleSet.Status.ACTIVE).first()
    take_over = active is None
    last = RuleSet.objects.order_by("-version").values_list("version", flat=True).first() or 0
    ruleset = RuleSet.objects.create(
        version=last + 1,
        name=data["ruleset"]["name"],
        description=data["ruleset"].get("description", ""),
        status=RuleSet.Status.ACTIVE if take_over else RuleSet.Status.DRAFT,
        source_hash=digest,
        activated=timezone.now() if take_over else None,
    )
    sources = {s.key: s for s in Source.objects.all()}
    for rule in rules:
        stored = Rule.objects.create(
            ruleset=ruleset,
            slug=rule.slug,
            kind=rule.kind,
            target=rule.target,
            track=rule.track or "",
            condition=rule.condition,
            priority=rule.priority,
            rationale=rule.rationale,
        )
        Citation.objects.bulk_create(
            Citation(
                item=stored,
                source=sources[c["source"]],
                locator=c["locator"],
                quote=c.get("quote", ""),
                position=i,
            )
            for i, c in enumerate(rule.citations)
        )
    return ruleset, True


class RulesetLocked(Locked):
    """Only draft rulesets change: what produced a recommendation must stay as it was."""

    field = "ruleset"


@transaction.atomic
def ruleset_draft(
    *, user: User, name: str, description: str = "", copy_from: RuleSet | None = None
) -> RuleSet:
    """A new draft ruleset: a copy of `copy_from` (the active ruleset by default)."""
    require_level(user, CURATOR, "draft rulesets")
    source = copy_from or RuleSet.objects.filter(status=RuleSet.Status.ACTIVE).first()
    last = RuleSet.objects.select_for_update().order_by("-version").first()
    draft = RuleSet.objects.create(
        version=(last.version if last else 0) + 1,
        name=name,
        description=description,
        created_by=user,
    )
    if source:
        for rule in source.rules.prefetch_related("citations__source"):
            copy = Rule.objects.create(
                ruleset=draft,
                **{
                    f: getattr(rule, f)
                    for f in (
                        "slug",
                        "kind",
                        "target",
                        "track",
                        "condition",
                        "priority",
                        "rationale",
                    )
                },
            )
            citations_set(copy, [c.as_dict() for c in rule.citations.all()])
    return draft


def _require_draft(ruleset: RuleSet) -> None:
    if ruleset.status != RuleSet.Status.DRAFT:
        raise RulesetLocked(
            f"Ruleset v{ruleset.version} is {ruleset.status}; only drafts can change. "
            "Draft a new version to edit its rules."
        )


@transaction.atomic
def ruleset_update(*, user: User, ruleset: RuleSet, **fields: Any) -> RuleSet:
    require_level(user, CURATOR, "change rulesets")
    _require_draft(ruleset)
    for name, value in fields.items():
        setattr(ruleset, name, value)
    ruleset.save()
    return ruleset


@transaction.atomic
def ruleset_delete(*, user: User, ruleset: RuleSet) -> None:
    require_level(user, CURATOR, "delete rulesets")
    _require_draft(ruleset)
    ruleset.delete()


@transaction.atomic
def rule_save(
    *, user: User, ruleset: RuleSet, data: dict[str, Any], rule: Rule | None = None
) -> Rule:
    """Create or change a rule of a draft ruleset, validated against the contract."""
    require_level(user, CURATOR, "change rules")
    _require_draft(ruleset)
    rule = rule or Rule(ruleset=ruleset)
    citations = data.pop("citations", None)
    for name, value in data.items():
        setattr(rule, name, "" if name == "track" and value is None else value)
    rule.full_clean()
    if errors := rule_errors(rule):  # against the contract and the catalogue
        raise ValidationError(errors)
    rule.save()
    if citations is not None:
        citations_set(rule, citations)
    RuleSet.objects.filter(pk=ruleset.pk).update(updated=timezone.now())
    return rule


@transaction.atomic
def rule_delete(*, user: User, rule: Rule) -> None:
    require_level(user, CURATOR, "delete rules")
    _require_draft(rule.ruleset)
    rule.delete()
    RuleSet.objects.filter(pk=rule.ruleset_id).update(updated=timezone.now())


@transaction.atomic
def ruleset_activate(*, user: User, ruleset: RuleSet) -> RuleSet:
    """Make a draft the active ruleset, after checking every rule; the old one retires."""
    require_level(user, CURATOR, "activate a ruleset")
    # Lock this draft and the active version. A concurrent activation holding the active one
    # makes this wait; once it commits, the version locked is no longer the active one.
    locked = list(
        RuleSet.objects.select_for_update()
        .filter(Q(pk=ruleset.pk) | Q(status=RuleSet.Status.ACTIVE))
        .order_by("pk")
        .values_list("pk", "status")
    )
    ruleset = RuleSet.objects.get(pk=ruleset.pk)
    not_activated = f"Version {ruleset.version} was not activated"
    meanwhile = Conflict(
        f"{not_activated}: another version was activated meanwhile. "
        "Reload the rules to see which one is active, and activate again if you still want to."
    )
    locked_active = {pk for pk, status in locked if status == RuleSet.Status.ACTIVE}
    active_now = RuleSet.objects.filter(status=RuleSet.Status.ACTIVE).values_list("pk", flat=True)
    if set(active_now) != locked_active:
        raise meanwhile
    if ruleset.status != RuleSet.Status.DRAFT:
        raise RulesetLocked(f"{not_activated}: it is {ruleset.status}, not a draft.")
    try:
        ruleset_compile(ruleset)
    except RuleError as exc:  # a rule that does not fit: say it of the activation
        raise RuleError(exc.rule, exc.field, f"{not_activated}: {exc.message}") from None
    RuleSet.objects.filter(status=RuleSet.Status.ACTIVE).update(
        status=RuleSet.Status.RETIRED, updated=timezone.now()
    )
    ruleset.status = RuleSet.Status.ACTIVE
    ruleset.activated = timezone.now()
    ruleset.activated_by = user
    try:
        with transaction.atomic():
            ruleset.save()
    except IntegrityError:  # ruleset_one_active: the first activation of an empty database
        raise meanwhile from None
    return ruleset
