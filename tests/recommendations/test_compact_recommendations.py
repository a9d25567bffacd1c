"""A recommendation stored compact reads exactly as the full one it replaces (contract
sections 8 and 8.1), and stored full documents convert in resumable batches."""

import io
import json
import random
import statistics

import pytest
from django.core.management import call_command

from accounts.levels import ANALYST
from contract.fields import facts_of
from recommendations.assessments.documents import (
    COMPACT,
    compact,
    is_compact,
    recommendation_of,
    recommendations_compact,
    signposts_of,
)
from recommendations.models import Assessment
from recommendations.rulesets.compiler import ruleset_compile
from tests.engine.baselines import ATROCITY, RISING
from tests.factories import TeamFactory, UserFactory
from tests.inputs import VALID_INPUT, random_input

pytestmark = pytest.mark.django_db
URL = "/api/v1/assessments/"


@pytest.fixture
def analyst(client):
    user = UserFactory(level=ANALYST, team=TeamFactory(slug="desk"))
    client.force_login(user)
    return user


def inputs():
    rng = random.Random(3)
    varied = [RISING, ATROCITY, *(random_input(rng) for _ in range(5))]
    return [VALID_INPUT, *({**VALID_INPUT, **data} for data in varied)]


def assessed(client):
    ids = []
    for data in inputs():
        response = client.post(URL, data, content_type="application/json")
        assert response.status_code == 201, response.content
        ids.append(response.json()["id"])
    return ids


def bodies(client, ids):
    return [client.get(f"{URL}{pk}/").json() for pk in ids]


def store_full(ids):
    """Each assessment as it was stored before compact documents: in full."""
    for assessment in Assessment.objects.filter(pk__in=ids):
        assessment.recommendation = recommendation_of(assessment)
        assessment.save(update_fields=["recommendation"])


def store_format_2(ids):
    """Each assessment as the first compact form stored it ("format": 2)."""
    for assessment in Assessment.objects.filter(pk__in=ids).select_related("ruleset"):
        full = recommendation_of(assessment)
        compiled, facts = ruleset_compile(assessment.ruleset), facts_of(assessment.input)
        assessment.recommendation = compact(full, compiled, facts, form=2)
        assessment.save(update_fields=["recommendation"])


def test_a_new_assessment_is_stored_compact_and_reads_as_the_full_document(client, analyst):
    ids = assessed(client)
    assert all(is_compact(a.recommendation) for a in Assessment.objects.all())
    compact_bodies = bodies(client, ids)
    store_full(ids)
    assert not any(is_compact(a.recommendation) for a in Assessment.objects.all())
    assert bodies(client, ids) == compact_bodies


def test_converting_stored_documents_is_resumable_and_changes_no_body(client, analyst):
    ids = assessed(client)
    store_full(ids)
    full_bodies = bodies(client, ids)
    assert recommendations_compact(batch=2, limit=3) == 3
    assert sum(is_compact(a.recommendation) for a in Assessment.objects.all()) == 3
    assert bodies(client, ids) == full_bodies
    assert recommendations_compact(batch=2) == len(ids) - 3
    assert recommendations_compact(batch=2) == 0
    assert all(is_compact(a.recommendation) for a in Assessment.objects.all())
    assert bodies(client, ids) == full_bodies


def test_the_command_converts_what_is_left(client, analyst):
    ids = assessed(client)
    store_full(ids)
    full_bodies = bodies(client, ids)
    out = io.StringIO()
    call_command("compact_recommendations", "--batch", "3", stdout=out)
    assert f"{len(ids)} recommendations stored compact." in out.getvalue()
    assert bodies(client, ids) == full_bodies


def test_documents_stored_in_format_2_read_as_before_and_convert(client, analyst):
    ids = assessed(client)
    written = bodies(client, ids)
    store_format_2(ids)
    assert all(a.recommendation["format"] == 2 for a in Assessment.objects.all())
    assert bodies(client, ids) == written
    assert recommendations_compact(batch=3) == len(ids)
    assert all(a.recommendation["format"] == COMPACT for a in Assessment.objects.all())
    assert bodies(client, ids) == written


def test_a_trace_the_evaluation_no_longer_gives_is_kept_as_it_was(client, analyst):
    (pk,) = assessed(client)[:1]
    assessment = Assessment.objects.select_related("ruleset").get(pk=pk)
    full = recommendation_of(assessment)
    full["trace"][0]["because"] = "as an earlier release explained it"
    compiled, facts = ruleset_compile(assessment.ruleset), facts_of(assessment.input)
    stored = compact(full, compiled, facts)
    assert stored["trace_kept"] == full["trace"] and "trace" not in stored
    assessment.recommendation = stored
    assessment.save(update_fields=["recommendation"])
    fresh = Assessment.objects.get(pk=pk)
    assert recommendation_of(fresh) == full


def test_a_compact_document_is_a_small_part_of_the_full_one(client, analyst):
    ids = assessed(client)
    compact_sizes = [len(json.dumps(a.recommendation)) for a in Assessment.objects.all()]
    store_full(ids)
    full_sizes = [len(json.dumps(a.recommendation)) for a in Assessment.objects.all()]
    assert statistics.median(compact_sizes) <= 3 * 1024  # the goal for the median
    assert all(c * 5 < f for c, f in zip(compact_sizes, full_sizes, strict=True))


def test_the_signposts_alone_read_as_in_the_whole_document(client, analyst):
    ids = assessed(client)
    for store in (lambda ids: None, store_format_2, store_full):
        store(ids)
        for pk in ids:
            whole = recommendation_of(Assessment.objects.get(pk=pk))["signposts"]
            assert signposts_of(Assessment.objects.get(pk=pk)) == whole
        assert any(recommendation_of(a)["signposts"] for a in Assessment.objects.all())
