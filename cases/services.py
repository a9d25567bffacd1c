"""Writes to the case library: cases with their snapshots, and citations of any item."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.levels import CURATOR, require_level
from cases.models import Case, CaseSnapshot, Citation, Source
from contract.errors import EnvoyError, InvalidInput
from core.audit import log_citations_created
from core.models import CitedModel

CitationTuple = tuple[str, str, str]


class UnknownSource(EnvoyError):
    """A citation names a source Envoy does not have."""


def citations_set(obj: CitedModel, citations: Iterable[Mapping[str, Any]]) -> bool:
    """Make the item's citations exactly the given list; return whether anything changed."""
    wanted: list[CitationTuple] = [
        (c["source"], c["locator"].strip(), (c.get("quote") or "").strip()) for c in citations
    ]
    current = [(c.source.key, c.locator, c.quote) for c in obj.citations.select_related("source")]
    if current == wanted:
        return False
    sources = {s.key: s for s in Source.objects.all()}
    unknown = sorted({key for key, _, _ in wanted if key not in sources})
    if unknown:
        raise UnknownSource(f"{obj}: unknown source(s) {unknown}")
    obj.citations.all().delete()
    created = Citation.objects.bulk_create(
        Citation(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
            source=sources[key],
            locator=locator,
            quote=quote,
            position=position,
        )
        for position, (key, locator, quote) in enumerate(wanted)
    )
    log_citations_created(created)
    return True


def _citation_dicts(citations: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Citations as plain dicts with source keys (serializers give Source objects)."""
    return [
        {
            "source": c["source"].key if isinstance(c["source"], Source) else c["source"],
            "locator": c["locator"],
            "quote": c.get("quote") or "",
        }
        for c in citations
    ]


@transaction.atomic
def case_save(*, user: User, data: Mapping[str, Any], case: Case | None = None) -> Case:
    """Create or update a case with its relations, citations and (when given) snapshots.

    Given snapshots replace the case's snapshots entirely; all of it is one transaction.
    """
    require_level(user, CURATOR, "edit the case library")
    if data.get("slug") in Case.RESERVED_SLUGS:
        message = _("“%(slug)s” is reserved; choose another slug.") % {"slug": data["slug"]}
        raise InvalidInput({"slug": [message]})
    case = case or Case()
    plain = {k: v for k, v in data.items() if k not in RELATED}
    for name, value in plain.items():
        setattr(case, name, value)
    case.full_clean(exclude=["slug"] if case.pk else None, validate_constraints=True)
    case.save()
    for name in ("organizations", "missions", "roles"):
        if name in data:
            getattr(case, name).set(data[name])
    if "citations" in data:
        citations_set(case, _citation_dicts(data["citations"]))
    if "snapshots" in data:
        case.snapshots.all().delete()
        for item in data["snapshots"]:
            snapshot = CaseSnapshot.objects.create(
                case=case,
                date=item["date"],
                label=item["label"],
                phase=item["phase"],
                track=item.get("track") or "",
                input=item["input"],
            )
            citations_set(snapshot, _citation_dicts(item["citations"]))
    return case


RELATED = ("organizations", "missions", "roles", "citations", "snapshots")
