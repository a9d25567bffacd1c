import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from cases.models import Case, CaseSnapshot, Citation, Source
from phases.models import Phase
from tests.factories import VALID_INPUT, CaseFactory

pytestmark = pytest.mark.django_db


def refused(**fields) -> bool:
    try:
        with transaction.atomic():
            CaseFactory(**fields)
    except IntegrityError:
        return True
    return False


def test_a_case_reads_as_its_title_with_its_years():
    case = CaseFactory(title="Guinea", start_year=2009, end_year=2010)
    assert str(case) == "Guinea"
    assert case.years == "2009–2010"
    assert CaseFactory(start_year=2011, end_year=None).years == "2011"


def test_the_database_refuses_an_unknown_outcome_region_or_reversed_years():
    assert refused(outcome="triumph")
    assert refused(region="atlantis")
    assert refused(start_year=2010, end_year=2009)
    assert not refused(start_year=2010, end_year=2010)


def test_case_slugs_are_unique():
    CaseFactory(slug="kenya-2008-copy")
    assert refused(slug="kenya-2008-copy")


def test_a_case_has_one_snapshot_a_date_with_a_known_track():
    case = CaseFactory()
    latent = Phase.objects.get(slug="latent")
    CaseSnapshot.objects.create(
        case=case, date=dt.date(2000, 5, 1), label="a", phase=latent, input=VALID_INPUT
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseSnapshot.objects.create(
            case=case, date=dt.date(2000, 5, 1), label="b", phase=latent, input=VALID_INPUT
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseSnapshot.objects.create(
            case=case,
            date=dt.date(2000, 6, 1),
            label="c",
            phase=latent,
            track="truce",
            input=VALID_INPUT,
        )


def test_a_citation_needs_a_locator_and_keeps_its_source():
    case = CaseFactory()
    source = Source.objects.get(key="gowan-2011")
    with pytest.raises(IntegrityError), transaction.atomic():
        case.citations.create(source=source, locator="")
    citation = case.citations.create(source=source, locator="At the Rubicon", quote="x")
    assert str(citation) == "gowan-2011, At the Rubicon"
    assert citation.as_dict() == {"source": "gowan-2011", "locator": "At the Rubicon", "quote": "x"}
    with pytest.raises(IntegrityError), transaction.atomic():
        source.delete()


def test_deleting_a_case_deletes_its_snapshots():
    case = Case.objects.filter(snapshots__isnull=False).first()
    count = case.snapshots.count()
    before = CaseSnapshot.objects.count()
    case.delete()
    assert CaseSnapshot.objects.count() == before - count
    assert Citation.objects.filter(object_id=case.pk, content_type__model="case").count() == 0
