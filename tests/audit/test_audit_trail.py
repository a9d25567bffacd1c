"""The audit trail: every change to situations, assessments, cases, rules, rulesets and teams
is recorded with who made it, when and what changed, and curators read it scoped to their
teams, on the audit page and in the admin."""

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command

from accounts.services import team_add_member
from recommendations.models import Assessment, RuleSet, Situation
from tests.factories import TeamFactory, UserFactory
from tests.helpers import (
    CASES_URL,
    draft_with_a_new_caveat,
    finished,
    make_persona,
    new_case,
    run_on_commit,
    upload,
)
from tests.imports import csv_bytes, row
from tests.inputs import VALID_INPUT

pytestmark = pytest.mark.django_db

CREATE, UPDATE, DELETE = LogEntry.Action.CREATE, LogEntry.Action.UPDATE, LogEntry.Action.DELETE


def entries_for(obj) -> list[LogEntry]:
    return list(LogEntry.objects.get_for_object(obj).order_by("timestamp", "pk"))


def assess(persona, **changes) -> Assessment:
    response = persona.client.post(
        "/api/v1/assessments/", {**VALID_INPUT, **changes}, format="json"
    )
    assert response.status_code == 201, response.content
    return Assessment.objects.get(pk=response.json()["id"])


def test_an_assessment_made_with_a_token_is_logged_with_its_author_and_team(analyst, team):
    assessment = assess(analyst)
    [entry] = entries_for(assessment)
    assert entry.action == CREATE and entry.actor == analyst.user
    assert entry.additional_data == {"team": team.pk}
    assert entry.changes["situation"] == [None, assessment.situation_id]
    assert entry.changes["ruleset"] == [None, assessment.ruleset_id]
    [created] = entries_for(assessment.situation)
    assert created.action == CREATE and created.actor == analyst.user


def test_a_situation_renamed_and_deleted_by_a_curator_is_logged_field_by_field(analyst, curator):
    situation = assess(analyst).situation
    url = f"/api/v1/situations/{situation.pk}/"
    assert curator.client.patch(url, {"country": "Guinea-Conakry"}).status_code == 200
    assert curator.client.delete(url).status_code == 204
    _created, renamed, deleted = entries_for(situation)
    assert renamed.action == UPDATE and renamed.actor == curator.user
    assert renamed.changes == {"country": [VALID_INPUT["country"], "Guinea-Conakry"]}
    assert deleted.action == DELETE and deleted.actor == curator.user
    gone = LogEntry.objects.filter(content_type__model="assessment", action=DELETE)
    assert gone.count() == 1 and gone.get().actor == curator.user


def test_a_case_edited_through_the_api_logs_fields_organizations_and_citations(client, curator):
    from cases.models import Case

    assert curator.client.post(CASES_URL, new_case(), format="json").status_code == 201
    case = Case.objects.get(slug="testland-2030")
    created = len(entries_for(case))
    change = {"outcome": "success", "organizations": ["un"]}
    response = curator.client.patch(f"{CASES_URL}testland-2030/", change, format="json")
    assert response.status_code == 200
    changes = {}
    for entry in entries_for(case)[created:]:
        assert entry.actor == curator.user and entry.action == UPDATE
        changes |= entry.changes
    assert changes["outcome"] == ["mixed", "success"]
    assert changes["organizations"]["operation"] == "delete"
    citations = LogEntry.objects.filter(content_type__model="citation", action=CREATE)
    assert citations.exists() and {e.actor for e in citations} == {curator.user}
    client.force_login(curator.user)
    page = client.get(f"/audit/?kind=case&object={case.pk}").content.decode()
    assert "<del>mixed</del>" in page and "<ins>success</ins>" in page


def test_rules_and_rulesets_changes_are_logged_with_the_curator(curator):
    version = draft_with_a_new_caveat(curator)
    ruleset = RuleSet.objects.get(version=version)
    assert entries_for(ruleset)[0].actor == curator.user
    rule = ruleset.rules.get(slug="caveat.coordinated_mediation")
    [added] = entries_for(rule)
    assert added.action == CREATE and added.changes["target"] == [None, "forum_shopping"]
    assert curator.client.post(f"/api/v1/rulesets/{version}/activate/").status_code == 200
    activated = entries_for(ruleset)[-1]
    assert activated.action == UPDATE and activated.actor == curator.user
    assert activated.changes["status"] == ["draft", "active"]


def test_team_memberships_are_logged(team):
    newcomer = UserFactory()
    team_add_member(TeamFactory(name="New desk", slug="new-desk"), newcomer)
    assert LogEntry.objects.filter(content_type__model="membership", action=CREATE).exists()


def test_loading_the_reference_data_again_logs_nothing():
    before = LogEntry.objects.count()
    call_command("load_reference_data", verbosity=0)
    assert LogEntry.objects.count() == before


def test_imported_and_reevaluated_assessments_are_each_logged_with_their_task(analyst, curator):
    rows = [row(), row(country="Kenya", region="east_africa"), row(country="Mali")]
    task = finished(analyst.client, upload(analyst.client, csv_bytes(rows)))
    imported = Assessment.objects.all()
    assert imported.count() == 3
    for assessment in imported:
        [entry] = entries_for(assessment)
        assert entry.actor == analyst.user and entry.cid == task["id"]
        assert entry.additional_data == {"team": assessment.situation.team_id}
        assert entry.object_repr.startswith(assessment.input["country"])
    situations = LogEntry.objects.filter(content_type__model="situation", action=CREATE)
    assert situations.count() == Situation.objects.count() == 3
    assert {e.actor for e in situations} == {analyst.user}

    version = draft_with_a_new_caveat(curator)
    assert curator.client.post(f"/api/v1/rulesets/{version}/activate/").status_code == 200
    with run_on_commit():  # the re-evaluation, queued on commit, runs
        response = curator.client.post(f"/api/v1/rulesets/{version}/reevaluate/")
    assert response.status_code == 202
    fresh = Assessment.objects.filter(reevaluation_of__isnull=False)
    assert fresh.count() == 3
    for assessment in fresh:
        [entry] = entries_for(assessment)
        assert entry.actor == curator.user and entry.cid == response.json()["id"]
        assert entry.changes["reevaluation_of"] == [None, assessment.reevaluation_of_id]


def audit_page(client, persona, query=""):
    client.force_login(persona.user)
    return client.get(f"/audit/{query}")


def test_curators_read_the_trail_of_their_own_teams_and_of_shared_things(client, analyst):
    mine = assess(analyst, country="Guinea").situation
    outsider = make_persona("analyst", TeamFactory(name="Far desk", slug="far-desk"))
    theirs = assess(outsider, country="Kyrgyzstan", region="central_asia").situation
    draft_with_a_new_caveat(make_persona("curator", mine.team))
    curator = make_persona("curator", mine.team)
    response = audit_page(client, curator)
    assert response.status_code == 200 and "Page 1 of" in response.content.decode()
    situations = audit_page(client, curator, "?kind=situation").content.decode()
    assert "Guinea" in situations and "Kyrgyzstan" not in situations
    assessments = audit_page(client, curator, "?kind=assessment").content.decode()
    assert "Guinea" in assessments and "Kyrgyzstan" not in assessments
    rules = audit_page(client, curator, "?kind=rule&action=0").content.decode()
    assert "caveat.coordinated_mediation" in rules
    situation_only = audit_page(client, curator, f"?kind=situation&object={theirs.pk}")
    assert "Kyrgyzstan" not in situation_only.content.decode()
    by_analyst = audit_page(client, curator, f"?actor={analyst.user.username}").content.decode()
    assert "Guinea" in by_analyst and "caveat.coordinated_mediation" not in by_analyst


def test_the_trail_is_for_curators_only(client, viewer, analyst):
    assert audit_page(client, viewer).status_code == 403
    assert audit_page(client, analyst).status_code == 403
    client.logout()
    response = client.get("/audit/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_bad_filter_is_an_error_on_the_page_not_a_500(client, curator):
    response = audit_page(client, curator, "?kind=nonsense&object=-3&action=9")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Please correct the filters" in html and "No change recorded" in html


def test_the_admin_trail_and_situations_are_scoped_to_the_staff_members_teams(client, analyst):
    mine = assess(analyst, country="Guinea").situation
    outsider = make_persona("analyst", TeamFactory(name="Far desk", slug="far-desk"))
    theirs = assess(outsider, country="Kyrgyzstan", region="central_asia").situation
    curator = make_persona("curator", mine.team)
    curator.user.is_staff = True
    curator.user.save()
    client.force_login(curator.user)
    trail = client.get("/admin/auditlog/logentry/")
    assert trail.status_code == 200
    assert "Guinea" in trail.content.decode() and "Kyrgyzstan" not in trail.content.decode()
    situations = client.get("/admin/recommendations/situation/").content.decode()
    assert "Guinea" in situations and "Kyrgyzstan" not in situations
    other = client.get(f"/admin/recommendations/situation/{theirs.pk}/change/")
    assert other.status_code == 302  # the admin's "no such object" redirect to its index
    assessments = client.get("/admin/recommendations/assessment/").content.decode()
    assert "Kyrgyzstan" not in assessments
    # curators read in the admin; they change teams on the Teams page, which validates
    assert client.get("/admin/accounts/team/").status_code == 200
    assert client.get("/admin/accounts/team/add/").status_code == 403
    assert client.get(f"/admin/recommendations/situation/{mine.pk}/change/").status_code == 200


def test_curators_read_the_trail_through_the_api_with_filters(analyst, curator, viewer):
    mine = assess(analyst, country="Guinea")
    outsider = make_persona("analyst", TeamFactory(name="Far desk", slug="far-desk"))
    assess(outsider, country="Kyrgyzstan", region="central_asia")
    response = curator.client.get("/api/v1/audit/", {"kind": "assessment"})
    assert response.status_code == 200
    [entry] = response.json()["results"]
    assert entry["object_id"] == mine.pk and entry["action"] == "create"
    assert entry["actor"] == analyst.user.username and entry["kind"] == "assessment"
    assert entry["changes"]["situation"] == [None, mine.situation_id]
    mine_only = curator.client.get("/api/v1/audit/", {"actor": outsider.user.username})
    assert mine_only.json()["results"] == []
    bad = curator.client.get("/api/v1/audit/", {"kind": "nonsense", "object": "0"})
    assert bad.status_code == 400 and set(bad.json()) == {"kind", "object"}
    assert viewer.client.get("/api/v1/audit/").status_code == 403
    assert analyst.client.get("/api/v1/audit/").status_code == 403


def test_a_curator_goes_from_a_situation_to_its_history_and_back(client, analyst, curator, viewer):
    situation = assess(analyst).situation
    client.force_login(viewer.user)
    assert "Change history" not in client.get(f"/situations/{situation.pk}/").content.decode()
    client.force_login(curator.user)
    page = client.get(f"/situations/{situation.pk}/").content.decode()
    history = f"/audit/?kind=situation&amp;object={situation.pk}"
    assert history in page
    trail = client.get(history.replace("&amp;", "&")).content.decode()
    assert f'href="/situations/{situation.pk}/"' in trail
    for path in ("/library/kenya-2008/", f"/rules/{RuleSet.objects.get(status='active').version}/"):
        assert "Change history" in client.get(path).content.decode()
