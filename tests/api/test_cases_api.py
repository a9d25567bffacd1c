"""The case library: full-text search ranked on PostgreSQL, filters, curated writes."""

import pytest

from cases.models import Case
from tests.helpers import CASES_URL as URL
from tests.helpers import new_case

pytestmark = pytest.mark.django_db


def slugs(response):
    assert response.status_code == 200, response.json()
    return [item["slug"] for item in response.json()["results"]]


def test_search_ranks_the_most_relevant_case_first(viewer):
    assert slugs(viewer.client.get(URL, {"q": "Kosovo verification"}))[0] == "kosovo-1998-99"
    found = slugs(viewer.client.get(URL, {"q": "Guinea"}))
    assert found[0] == "guinea-2009"


def test_search_understands_phrases_and_exclusions(viewer):
    with_osce = slugs(viewer.client.get(URL, {"q": "OSCE minority"}))
    assert "estonia-1993" in with_osce
    without = slugs(viewer.client.get(URL, {"q": "OSCE minority -Estonia"}))
    assert "estonia-1993" not in without


def test_a_search_that_matches_nothing_is_empty(viewer):
    assert slugs(viewer.client.get(URL, {"q": "xylophone"})) == []


@pytest.mark.parametrize(
    ("params", "expected", "unexpected"),
    [
        ({"region": "west_africa"}, "guinea-2009", "kenya-2008"),
        ({"phase": "rubicon"}, "kenya-2008", "estonia-1993"),
        ({"organization": "osce"}, "estonia-1993", "guinea-2009"),
        ({"mission_model": "preventive_deployment"}, "fyrom-1990s", "kenya-2008"),
        ({"outcome": "failure"}, "kosovo-1998-99", "estonia-1993"),
        ({"year_from": 2009, "year_to": 2010}, "guinea-2009", "estonia-1993"),
        ({"q": "election", "region": "west_africa"}, "guinea-2009", "kenya-2008"),
    ],
)
def test_filters(viewer, params, expected, unexpected):
    found = slugs(viewer.client.get(URL, {**params, "page_size": 100}))
    assert expected in found and unexpected not in found


def test_a_bad_filter_value_is_a_400_naming_it(viewer):
    response = viewer.client.get(URL, {"region": "atlantis", "year_from": "soon"})
    assert response.status_code == 400
    assert set(response.json()) == {"region", "year_from"}


def test_a_case_comes_with_snapshots_missions_and_citations(viewer):
    case = viewer.client.get(f"{URL}kosovo-1998-99/").json()
    assert "osce-kvm" in case["missions"]
    assert case["snapshots"][0]["input"]["region"] == "europe"
    assert case["snapshots"][-1]["track"] == "war"
    assert case["citations"] and case["snapshots"][0]["citations"]


def test_a_curator_creates_and_updates_a_case(curator):
    response = curator.client.post(URL, new_case(), format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["snapshots"][0]["phase"] == "rising"
    update = curator.client.patch(f"{URL}testland-2030/", {"outcome": "success"}, format="json")
    assert update.status_code == 200
    case = Case.objects.get(slug="testland-2030")
    assert case.outcome == "success" and case.snapshots.count() == 1


def test_a_case_with_a_bad_snapshot_is_refused_whole(curator):
    bad = new_case()
    bad["snapshots"][0]["input"]["violence_level"] = "loud"
    bad["snapshots"][0]["phase"] = "post_rubicon"
    response = curator.client.post(URL, bad, format="json")
    assert response.status_code == 400
    errors = response.json()["snapshots"]["0"]
    assert "violence_level" in errors["input"]
    assert not Case.objects.filter(slug="testland-2030").exists()


def test_a_case_needs_a_citation_and_ordered_years(curator):
    response = curator.client.post(
        URL, new_case(citations=[], start_year=2031, end_year=2030), format="json"
    )
    assert response.status_code == 400
    assert "citations" in response.json() or "end_year" in response.json()


def test_analysts_and_viewers_may_not_edit_the_library(analyst, viewer):
    assert analyst.client.post(URL, new_case(), format="json").status_code == 403
    assert viewer.client.patch(f"{URL}kenya-2008/", {"outcome": "failure"}).status_code == 403
    assert analyst.client.delete(f"{URL}kenya-2008/").status_code == 403


def test_a_search_past_the_bound_gives_its_count_as_a_lower_bound(viewer, settings):
    settings.CASE_SEARCH_CANDIDATES = 2
    body = viewer.client.get(URL, {"q": "-xylophone"}).json()
    assert body["count"] == 2
    assert body["count_is_lower_bound"] is True
    assert len(body["results"]) == 2


def test_a_search_within_the_bound_ranks_and_counts_every_match(viewer, settings):
    matching = viewer.client.get(URL, {"q": "Kosovo verification"}).json()["count"]
    settings.CASE_SEARCH_CANDIDATES = matching
    body = viewer.client.get(URL, {"q": "Kosovo verification"}).json()
    assert body["results"][0]["slug"] == "kosovo-1998-99"
    assert body["count_is_lower_bound"] is False
    assert body["count"] == matching


@pytest.mark.parametrize("params", [{}, {"q": "mediation"}])
def test_a_page_of_the_list_gives_each_case_its_organizations_and_phases(viewer, params):
    listed = viewer.client.get(URL, {**params, "page_size": 100}).json()["results"]
    assert listed and any(item["organizations"] for item in listed)
    for item in listed:
        case = Case.objects.get(slug=item["slug"])
        assert item["organizations"] == [o.slug for o in case.organizations.order_by("name")]
        assert item["phases"] == sorted({s.phase.slug for s in case.snapshots.all()})
        detail = viewer.client.get(f"{URL}{item['slug']}/").json()
        assert (detail["organizations"], detail["phases"]) == (
            item["organizations"],
            item["phases"],
        )


def test_the_candidate_query_costs_text_matches_for_itself_only(viewer):
    """The search plans its candidate query with text matches costed dearer
    (cases.selectors.MATCH_OPERATOR_COST); the setting ends with that query, even inside a
    transaction that goes on (as every test runs in one)."""
    from django.db import connection

    from cases.selectors import full_text_search_available

    if not full_text_search_available():
        pytest.skip("PostgreSQL plans the full-text search")
    with connection.cursor() as cursor:
        cursor.execute("SHOW cpu_operator_cost")
        before = cursor.fetchone()[0]
        assert slugs(viewer.client.get(URL, {"q": "mediation"}))
        cursor.execute("SHOW cpu_operator_cost")
        assert cursor.fetchone()[0] == before
