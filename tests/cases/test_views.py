"""The case library's pages: search, facets, exports, a page per case, the curators' form."""

import csv
import io
import json
import re
from html import unescape

import pytest

from cases.models import Case
from tests.factories import UserFactory
from tests.inputs import VALID_INPUT

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_viewer(client, viewer):
    client.force_login(viewer.user)
    return client


@pytest.fixture
def as_curator(client, curator):
    client.force_login(curator.user)
    return client


def listed(response) -> list[str]:
    """The slugs of the cases a library page lists, in order."""
    assert response.status_code == 200
    return re.findall(r'<h3 id="case-([-\w]+)">', response.content.decode())


def facet_counts(response, name: str) -> dict[str, int]:
    """The counts a facet shows, by the value each of its links adds."""
    html = response.content.decode()
    pattern = rf'[?&;]{name}=([-\w]+)" rel="nofollow">[^<]*<span class="count">\((\d+) case'
    return {value: int(count) for value, count in re.findall(pattern, html)}


def all_cases(client, **params) -> list[str]:
    """Every case the library lists for the query, page after page."""
    slugs, page = [], 1
    while True:
        response = client.get("/library/", {**params, "page": page})
        slugs += listed(response)
        if f"page={page + 1}" not in response.content.decode():
            return slugs
        page += 1


# Who may see the library


@pytest.mark.parametrize(
    "url",
    [
        "/library/",
        "/library/?q=Kosovo",
        "/library/kosovo-1998-99/",
        "/library/export.csv",
        "/library/export.json",
    ],
)
def test_every_library_page_renders_for_a_viewer(as_viewer, url):
    assert as_viewer.get(url).status_code == 200


@pytest.mark.parametrize(
    "url", ["/library/", "/library/kosovo-1998-99/", "/library/export.csv", "/library/new/"]
)
def test_anonymous_visitors_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("url", ["/library/", "/library/kosovo-1998-99/", "/library/export.json"])
def test_a_user_without_an_access_level_gets_403(client, url):
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403


def test_an_unknown_case_is_404(as_viewer):
    assert as_viewer.get("/library/no-such-case/").status_code == 404


# Search, facets, sorting and pages


def test_the_library_lists_every_case_25_a_page(as_viewer):
    first = as_viewer.get("/library/")
    html = first.content.decode()
    total = Case.objects.count()
    assert len(listed(first)) == min(25, total)
    assert f"{total} cases" in html
    if total > 25:
        assert 'href="?page=2"' in html
        assert len(listed(as_viewer.get("/library/", {"page": 2}))) == total - 25


def test_a_page_out_of_range_shows_the_last_page(as_viewer):
    response = as_viewer.get("/library/", {"page": 999})
    assert listed(response)


def test_search_finds_a_case_by_its_words(as_viewer):
    found = listed(as_viewer.get("/library/", {"q": "Kosovo"}))
    assert found[0] == "kosovo-1998-99"
    assert "guinea-2009" not in found


def test_a_search_that_matches_nothing_says_so(as_viewer):
    response = as_viewer.get("/library/", {"q": "xylophone"})
    assert listed(response) == []
    assert "No case matches this search." in response.content.decode()


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
def test_each_filter_narrows_the_list(as_viewer, params, expected, unexpected):
    found = all_cases(as_viewer, **params)
    assert expected in found and unexpected not in found
    assert len(found) < Case.objects.count()


def test_facet_counts_are_those_of_the_current_results(as_viewer):
    response = as_viewer.get("/library/", {"outcome": "failure"})
    failures = Case.objects.filter(outcome="failure")
    regions = facet_counts(response, "region")
    assert sum(regions.values()) == failures.count()
    for region, count in regions.items():
        assert count == failures.filter(region=region).count()
    organizations = facet_counts(response, "organization")
    assert organizations
    for slug, count in organizations.items():
        assert count == failures.filter(organizations__slug=slug).distinct().count()


def test_following_a_facet_leaves_as_many_cases_as_it_said(as_viewer):
    counts = facet_counts(as_viewer.get("/library/"), "phase")
    assert set(counts) == {"latent", "rising", "rubicon", "post_rubicon"}
    for phase, count in counts.items():
        assert len(all_cases(as_viewer, phase=phase)) == count


def test_a_chosen_filter_can_be_removed_and_all_cleared(as_viewer):
    response = as_viewer.get("/library/", {"region": "west_africa", "outcome": "success"})
    html = response.content.decode()
    assert "Clear all filters" in html
    assert 'href="/library/?outcome=success"' in html  # removes the region only
    assert 'href="/library/?region=west_africa"' in html  # removes the outcome only
    assert 'href="/library/"' in html


def test_sorting_by_title_both_ways(as_viewer):
    ascending = all_cases(as_viewer, sort="title")
    titles = dict(Case.objects.values_list("slug", "title"))
    assert [titles[s] for s in ascending] == sorted(titles[s] for s in ascending)
    assert all_cases(as_viewer, sort="-title") == ascending[::-1]


def test_sorting_by_year_both_ways(as_viewer):
    years = dict(Case.objects.values_list("slug", "start_year"))
    oldest_first = [years[s] for s in all_cases(as_viewer, sort="year")]
    newest_first = [years[s] for s in all_cases(as_viewer, sort="-year")]
    assert oldest_first == sorted(oldest_first)
    assert newest_first == sorted(newest_first, reverse=True)


def test_relevance_is_offered_only_with_a_search(as_viewer):
    assert "Relevance" not in as_viewer.get("/library/").content.decode()
    assert "Relevance" in as_viewer.get("/library/", {"q": "mediation"}).content.decode()


def test_a_bad_filter_value_is_left_out_and_named(as_viewer):
    response = as_viewer.get("/library/", {"region": "atlantis"})
    assert len(all_cases(as_viewer, region="atlantis")) == Case.objects.count()
    assert "Region “atlantis”: Select a valid choice." in unescape(response.content.decode())


# Exports


def export_csv(client, **params):
    response = client.get("/library/export.csv", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return response, list(csv.DictReader(io.StringIO(response.content.decode())))


def test_the_csv_export_holds_every_filtered_case_with_its_columns(as_viewer):
    response, rows = export_csv(as_viewer, region="west_africa")
    assert re.fullmatch(
        r'attachment; filename="envoy-cases-\d{4}-\d{2}-\d{2}\.csv"',
        response["Content-Disposition"],
    )
    assert list(rows[0]) == [
        "slug",
        "title",
        "country",
        "region",
        "start_year",
        "end_year",
        "outcome",
        "organizations",
        "missions",
        "phases",
        "summary",
    ]
    assert [row["slug"] for row in rows] == all_cases(as_viewer, region="west_africa")
    guinea = next(row for row in rows if row["slug"] == "guinea-2009")
    case = Case.objects.get(slug="guinea-2009")
    assert guinea["title"] == case.title and guinea["start_year"] == str(case.start_year)
    assert set(guinea["organizations"].split(";")) == set(
        case.organizations.values_list("slug", flat=True)
    )
    assert guinea["phases"] == "rising"


def test_the_export_holds_all_matches_not_one_page(as_viewer):
    _response, rows = export_csv(as_viewer)
    assert len(rows) == Case.objects.count()


def test_the_json_export_matches_the_filtered_list(as_viewer):
    response = as_viewer.get("/library/export.json", {"outcome": "failure", "sort": "-title"})
    assert response.status_code == 200
    assert re.fullmatch(
        r'attachment; filename="envoy-cases-\d{4}-\d{2}-\d{2}\.json"',
        response["Content-Disposition"],
    )
    body = json.loads(response.content)
    slugs = [row["slug"] for row in body["results"]]
    assert body["count"] == len(slugs) == Case.objects.filter(outcome="failure").count()
    assert slugs == all_cases(as_viewer, outcome="failure", sort="-title")
    kosovo = next(row for row in body["results"] if row["slug"] == "kosovo-1998-99")
    assert "osce-kvm" in kosovo["missions"]
    assert kosovo["phases"][-1] == "post_rubicon"
    assert kosovo["end_year"] == 1999


def test_the_library_links_to_exports_of_the_same_query(as_viewer):
    html = as_viewer.get("/library/", {"q": "Kosovo", "page": 1}).content.decode()
    assert 'href="/library/export.csv?q=Kosovo"' in html
    assert 'href="/library/export.json?q=Kosovo"' in html


def test_a_csv_cell_cannot_run_as_a_formula(as_viewer):
    Case.objects.filter(slug="estonia-1993").update(title="=HYPERLINK(1)")
    _response, rows = export_csv(as_viewer, q="Estonia")
    assert next(r for r in rows if r["slug"] == "estonia-1993")["title"] == "'=HYPERLINK(1)"


# A case's page


def test_a_case_page_shows_the_case_its_relations_snapshots_and_citations(as_viewer):
    html = as_viewer.get("/library/kosovo-1998-99/").content.decode()
    case = Case.objects.get(slug="kosovo-1998-99")
    assert f'<h1 id="case-title">{case.title}</h1>' in html
    assert 'href="/catalogue/missions/osce-kvm/"' in html
    for role in case.roles.all():
        assert f'href="/catalogue/roles/{role.slug}/"' in html
    for organization in case.organizations.all():
        assert f'href="/catalogue/organizations/{organization.slug}/"' in html
    assert "Post-Rubicon: war" in html
    assert "<caption>Key facts on" in html
    assert '<th scope="row">Level of violence</th>' in html
    assert html.count('<article class="snapshot"') == case.snapshots.count()
    assert '<details class="quote"><summary>' in html
    assert 'href="/catalogue/sources/' in html


def test_curators_see_an_edit_link_and_viewers_do_not(client, viewer, curator):
    client.force_login(viewer.user)
    assert "/library/kenya-2008/edit/" not in client.get("/library/kenya-2008/").content.decode()
    client.force_login(curator.user)
    assert "/library/kenya-2008/edit/" in client.get("/library/kenya-2008/").content.decode()


# The curators' form


def form_data(**changes):
    data = {
        "slug": "testland-2030",
        "title": "Testland border crisis",
        "country": "Testland",
        "region": "east_africa",
        "start_year": "2030",
        "end_year": "2031",
        "outcome": "mixed",
        "organizations": ["un", "igad"],
        "roles": ["direct_mediation"],
        "summary": "A border dispute escalates and regional envoys mediate.",
        "lessons": "Early regional mediation matters.",
        "citations": json.dumps([{"source": "ipi-2012", "locator": "Non-United Nations Actors"}]),
        "snapshots": json.dumps(
            [
                {
                    "date": "2030-05-01",
                    "label": "Clashes on the border",
                    "phase": "rising",
                    "track": None,
                    "input": {**VALID_INPUT, "country": "Testland", "region": "east_africa"},
                    "citations": [{"source": "ipi-2012", "locator": "Taking Stock"}],
                }
            ]
        ),
    }
    data.update(changes)
    return data


def test_the_form_labels_every_control_and_shows_the_json_shapes(as_curator):
    html = as_curator.get("/library/new/").content.decode()
    ids = re.findall(r'<(?:input|textarea|select)[^>]* id="([^"]+)"', html)
    assert ids
    for control in ids:
        assert f'for="{control}"' in html, control
    assert 'type="checkbox" name="roles"' in html
    assert "&quot;locator&quot;" in html and "&quot;phase&quot;" in html


def test_a_curator_creates_a_case_through_the_form(as_curator):
    response = as_curator.post("/library/new/", form_data(), follow=True)
    assert response.redirect_chain[-1][0] == "/library/testland-2030/"
    assert "is saved" in response.content.decode()
    case = Case.objects.get(slug="testland-2030")
    assert set(case.organizations.values_list("slug", flat=True)) == {"un", "igad"}
    assert list(case.roles.values_list("slug", flat=True)) == ["direct_mediation"]
    assert case.citations.get().locator == "Non-United Nations Actors"
    snapshot = case.snapshots.get()
    assert snapshot.phase.slug == "rising" and snapshot.input["country"] == "Testland"


def test_a_curator_edits_a_case_through_the_form(as_curator):
    as_curator.post("/library/new/", form_data())
    page = as_curator.get("/library/testland-2030/edit/").content.decode()
    assert 'value="Testland border crisis"' in page
    assert "Clashes on the border" in page
    assert 'value="igad" id="id_organizations_' in page and "checked" in page
    response = as_curator.post(
        "/library/testland-2030/edit/",
        form_data(title="Testland border war", outcome="failure", organizations=["un"]),
    )
    assert response.status_code == 302 and response["Location"] == "/library/testland-2030/"
    case = Case.objects.get(slug="testland-2030")
    assert case.title == "Testland border war" and case.outcome == "failure"
    assert list(case.organizations.values_list("slug", flat=True)) == ["un"]
    assert case.snapshots.count() == 1


def test_an_existing_case_round_trips_through_the_form_unchanged(as_curator):
    case = Case.objects.get(slug="kosovo-1998-99")
    before = (list(case.snapshots.values_list("date", "phase__slug", "track", "input")),)
    page = as_curator.get("/library/kosovo-1998-99/edit/")
    form = page.context["form"]
    data = {name: form.initial[name] for name in (*form.main_fields, *form.text_fields)}
    data["end_year"] = data["end_year"] or ""
    for name in form.relation_fields:
        data[name] = [item.slug for item in form.initial[name]]
    for name in form.json_fields:
        data[name] = form.fields[name].prepare_value(form.initial[name])
    response = as_curator.post("/library/kosovo-1998-99/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    after = (list(case.snapshots.values_list("date", "phase__slug", "track", "input")),)
    assert before == after


def test_a_bad_snapshot_is_shown_at_its_field_and_nothing_is_stored(as_curator):
    bad = json.loads(form_data()["snapshots"])
    bad[0]["input"]["violence_level"] = "loud"
    response = as_curator.post("/library/new/", form_data(snapshots=json.dumps(bad)))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["snapshots"]
    assert "violence_level" in errors["snapshots"][0]
    html = response.content.decode()
    assert 'id="id_snapshots_error"' in html and "loud" in html
    assert 'value="Testland border crisis"' in html  # what was typed is kept
    assert not Case.objects.filter(slug="testland-2030").exists()


def test_snapshots_that_are_not_json_are_an_inline_error(as_curator):
    response = as_curator.post("/library/new/", form_data(snapshots="[{date: 2030}"))
    assert response.status_code == 200
    assert "snapshots" in response.context["form"].errors
    assert "[{date: 2030}" in response.content.decode()
    assert not Case.objects.filter(slug="testland-2030").exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"slug": "kenya-2008"}, "slug"),
        ({"start_year": "2031", "end_year": "2030"}, "end_year"),
    ],
)
def test_errors_from_the_library_are_shown_at_their_fields(as_curator, changes, field):
    response = as_curator.post("/library/new/", form_data(**changes))
    assert list(response.context["form"].errors) == [field]
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not Case.objects.filter(title="Testland border crisis").exists()


def test_a_case_needs_a_citation(as_curator):
    response = as_curator.post("/library/new/", form_data(citations="[]"))
    assert "citations" in response.context["form"].errors
    assert not Case.objects.filter(slug="testland-2030").exists()


def test_a_reserved_slug_is_refused(as_curator):
    response = as_curator.post("/library/new/", form_data(slug="new"))
    assert "slug" in response.context["form"].errors


@pytest.mark.parametrize("url", ["/library/new/", "/library/kenya-2008/edit/"])
def test_an_analyst_may_not_use_the_case_form(client, analyst, url):
    client.force_login(analyst.user)
    assert client.get(url).status_code == 403
    assert client.post(url, form_data()).status_code == 403
    assert not Case.objects.filter(slug="testland-2030").exists()


def test_editing_an_unknown_case_is_404(as_curator):
    assert as_curator.get("/library/no-such-case/edit/").status_code == 404


def test_a_search_past_the_bound_says_more_than_it_lists(as_viewer, settings):
    matching = len(all_cases(as_viewer, q="-xylophone"))
    settings.CASE_SEARCH_CANDIDATES = 3
    response = as_viewer.get("/library/", {"q": "-xylophone"})
    html = response.content.decode()
    assert matching > 3
    assert len(listed(response)) == 3
    assert "More than 3 cases" in html
    assert sum(facet_counts(response, "outcome").values()) == 3


def test_a_search_as_large_as_the_bound_counts_exactly_and_ranks_first_the_best(
    as_viewer, settings
):
    matching = len(all_cases(as_viewer, q="Kosovo"))
    settings.CASE_SEARCH_CANDIDATES = matching
    response = as_viewer.get("/library/", {"q": "Kosovo"})
    assert listed(response)[0] == "kosovo-1998-99"
    html = response.content.decode()
    assert "More than" not in html
    assert f"{matching} case" in html
