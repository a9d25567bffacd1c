"""The curators' ruleset pages: draft a version, change its rules, dry-run it, activate it."""

import json
import re
from html import unescape

import pytest

from recommendations.models import Rule, RuleSet, TaskRun
from recommendations.rulesets.compiler import rule_as_data
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

NEW_CAVEAT = {
    "slug": "caveat.coordinated_mediation",
    "kind": "caveat",
    "target": "forum_shopping",
    "track": "",
    "priority": "5",
    "condition": '{"==": [{"var": "mediation"}, "single_lead"]}',
    "rationale": "Even one lead mediator can be bypassed by parties shopping elsewhere.",
    "citations": '[{"source": "ipi-2012", "locator": "Lessons on Mediation"}]',
}


def active() -> RuleSet:
    return RuleSet.objects.get(status=RuleSet.Status.ACTIVE)


def draft(client, name="Stricter") -> RuleSet:
    response = client.post("/rules/new/", {"name": name, "description": "Tighter caveats."})
    version = int(response["Location"].strip("/").split("/")[-1])
    return RuleSet.objects.get(version=version)


def form_data(rule: Rule, **changes) -> dict:
    data = {**rule_as_data(rule), "track": rule.track}
    data["condition"] = json.dumps(data["condition"])
    data["citations"] = json.dumps(data["citations"])
    return {**data, **changes}


def page(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_a_viewer_reads_the_versions_but_is_offered_no_draft(client, viewer):
    html = page(sign_in(client, viewer).get("/rules/"))
    current = active()
    assert f'href="/rules/{current.version}/"' in html
    assert "status-active" in html and f"<td>{current.rules.count()}</td>" in html
    assert "Draft a new version" not in html
    assert 'href="/rules/"' not in html  # the navigation links curators only


def test_a_curator_is_offered_the_rules_in_the_navigation_and_a_draft_form(client, curator):
    html = page(sign_in(client, curator).get("/rules/"))
    assert 'href="/rules/">Rules</a>' in html
    assert 'action="/rules/new/"' in html and "Draft a new version" in html


def test_the_anonymous_are_sent_to_sign_in(client):
    response = client.get("/rules/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client.post("/rules/new/", {"name": "Sneaky"}).status_code == 302
    assert not RuleSet.objects.filter(name="Sneaky").exists()


def test_a_version_shows_its_rules_by_kind_with_conditions_rationales_and_citations(client, viewer):
    current = active()
    html = page(sign_in(client, viewer).get(f"/rules/{current.version}/"))
    for kind in Rule.Kind.values:
        assert f'id="kind-{kind}"' in html
    rule = current.rules.filter(kind="caveat").first()
    assert f"<code>{rule.slug}</code>" in html
    shown = re.search(
        rf'id="rule-{rule.pk}".*?<pre class="condition"><code>(.*?)</code>', html, re.S
    )
    assert json.loads(unescape(shown[1])) == rule.condition
    assert rule.rationale.split("\n")[0][:40] in html.replace("&#x27;", "'")
    assert 'href="/catalogue/sources/' in html
    assert f"/rules/{current.version}/rules/" not in html  # no edit, delete or add
    assert "Run impact dry-run" not in html and "Activate" not in html


def test_a_curator_drafts_a_new_version_that_copies_the_active_rules(client, curator):
    sign_in(client, curator)
    new = draft(client)
    assert new.status == RuleSet.Status.DRAFT and new.created_by == curator.user
    assert new.rules.count() == active().rules.count()
    html = page(client.get(f"/rules/{new.version}/"))
    assert "Draft version" in html and "is ready" in html
    assert "Run impact dry-run" in html and "Add a rule" in html
    assert f'action="/rules/{new.version}/activate/"' in html


def test_a_draft_may_start_from_another_version(client, curator):
    first = draft(sign_in(client, curator))
    client.post(f"/rules/{first.version}/rules/{first.rules.first().pk}/delete/")
    response = client.post("/rules/new/", {"name": "Again", "copy_from": first.version})
    second = RuleSet.objects.get(name="Again")
    assert response["Location"] == f"/rules/{second.version}/"
    assert second.rules.count() == first.rules.count() == active().rules.count() - 1


def test_a_draft_without_a_name_is_not_created(client, curator):
    before = RuleSet.objects.count()
    response = sign_in(client, curator).post("/rules/new/", {"name": ""})
    assert "The draft was not created" in page(response)
    assert RuleSet.objects.count() == before


def test_a_curator_adds_a_rule_to_a_draft(client, curator):
    new = draft(sign_in(client, curator))
    response = client.post(f"/rules/{new.version}/rules/new/", NEW_CAVEAT, follow=True)
    added = new.rules.get(slug="caveat.coordinated_mediation")
    assert response.redirect_chain[-1][0] == f"/rules/{new.version}/#rule-{added.pk}"
    assert "Rule “caveat.coordinated_mediation” saved." in page(response)
    assert added.condition == {"==": [{"var": "mediation"}, "single_lead"]}
    assert [c.source.key for c in added.citations.all()] == ["ipi-2012"]


def test_a_curator_edits_a_rule_of_a_draft(client, curator):
    new = draft(sign_in(client, curator))
    rule = new.rules.filter(kind="caveat").first()
    form = page(client.get(f"/rules/{new.version}/rules/{rule.pk}/"))
    assert f'value="{rule.slug}"' in form and "&quot;var&quot;" in form
    condition = {"==": [{"var": "mediation"}, "none"]}
    response = client.post(
        f"/rules/{new.version}/rules/{rule.pk}/",
        form_data(rule, priority=7, condition=json.dumps(condition)),
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.priority == 7 and rule.condition == condition


def test_a_condition_that_is_not_json_is_a_field_error_and_stores_nothing(client, curator):
    new = draft(sign_in(client, curator))
    rule = new.rules.filter(kind="caveat").first()
    before = rule_as_data(rule)
    html = page(
        client.post(
            f"/rules/{new.version}/rules/{rule.pk}/",
            form_data(rule, priority=7, condition='{"==": [{"var": "mediation"}'),
        )
    )
    assert 'id="id_condition_error"' in html and "This is not valid JSON" in html
    assert "{&quot;==&quot;: [{&quot;var&quot;: &quot;mediation&quot;}" in html  # as typed
    rule.refresh_from_db()
    assert rule_as_data(rule) == before


def test_a_condition_on_an_unknown_fact_is_an_error_at_the_condition(client, curator):
    new = draft(sign_in(client, curator))
    count = new.rules.count()
    html = page(
        client.post(
            f"/rules/{new.version}/rules/new/",
            {**NEW_CAVEAT, "condition": '{"==": [{"var": "no_such_fact"}, 1]}'},
        )
    )
    assert 'id="id_condition_error"' in html and "no_such_fact" in html
    assert "The rule was not saved" in html
    assert new.rules.count() == count


def test_a_target_of_another_kind_is_an_error_at_the_target(client, curator):
    new = draft(sign_in(client, curator))
    html = page(client.post(f"/rules/{new.version}/rules/new/", {**NEW_CAVEAT, "kind": "role"}))
    assert 'id="id_target_error"' in html and "unknown role" in html
    assert not new.rules.filter(slug=NEW_CAVEAT["slug"]).exists()


def test_a_slug_already_in_the_version_is_an_error_at_the_slug(client, curator):
    new = draft(sign_in(client, curator))
    taken = new.rules.first().slug
    count = new.rules.count()
    html = page(client.post(f"/rules/{new.version}/rules/new/", {**NEW_CAVEAT, "slug": taken}))
    assert 'id="id_slug_error"' in html and "already has a rule with this slug" in html
    assert new.rules.count() == count


def test_a_rule_needs_a_known_source(client, curator):
    new = draft(sign_in(client, curator))
    citations = '[{"source": "nobody-2099", "locator": "Nowhere"}]'
    html = page(
        client.post(f"/rules/{new.version}/rules/new/", {**NEW_CAVEAT, "citations": citations})
    )
    assert 'id="id_citations_error"' in html and "nobody-2099" in html
    assert not new.rules.filter(slug=NEW_CAVEAT["slug"]).exists()


def test_a_curator_deletes_a_rule_of_a_draft(client, curator):
    new = draft(sign_in(client, curator))
    rule = new.rules.filter(kind="caveat").first()
    response = client.post(f"/rules/{new.version}/rules/{rule.pk}/delete/", follow=True)
    assert f"Rule “{rule.slug}” deleted." in page(response)
    assert not new.rules.filter(pk=rule.pk).exists()
    assert active().rules.filter(slug=rule.slug).exists()


def test_a_curator_renames_a_draft_and_deletes_it_only_when_confirmed(client, curator):
    new = draft(sign_in(client, curator))
    client.post(f"/rules/{new.version}/edit/", {"name": "Gentler", "description": "Softer."})
    new.refresh_from_db()
    assert (new.name, new.description) == ("Gentler", "Softer.")
    unconfirmed = client.post(f"/rules/{new.version}/delete/", follow=True)
    assert "Tick the box" in page(unconfirmed)
    assert RuleSet.objects.filter(pk=new.pk).exists()
    response = client.post(f"/rules/{new.version}/delete/", {"confirm": "on"}, follow=True)
    assert response.redirect_chain[-1][0] == "/rules/"
    assert not RuleSet.objects.filter(pk=new.pk).exists()


def test_a_curator_runs_a_dry_run_and_is_taken_to_its_task(
    client, curator, django_capture_on_commit_callbacks
):
    new = draft(sign_in(client, curator))
    client.post(f"/rules/{new.version}/rules/new/", NEW_CAVEAT)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/rules/{new.version}/dry-run/")
    run = TaskRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/tasks/{run.pk}/"
    assert run.state == TaskRun.State.SUCCEEDED and run.created_by == curator.user
    assert run.params["candidate"] == new.version
    assert "Dry-run of version" in page(client.get(response["Location"]))
    html = page(client.get(f"/rules/{new.version}/"))
    assert f'href="/tasks/{run.pk}/"' in html and "Done" in html


def test_another_curators_dry_runs_are_not_listed(client, curator, django_user_model):
    new = draft(sign_in(client, curator))
    theirs = TaskRun.objects.create(
        kind=TaskRun.Kind.DRY_RUN,
        created_by=django_user_model.objects.create(username="someone-else"),
        params={"baseline": active().version, "candidate": new.version},
    )
    html = page(client.get(f"/rules/{new.version}/"))
    assert f"/tasks/{theirs.pk}/" not in html and "You have not run a dry-run" in html


# committed_reference_data: this test commits for real, since the queue's refusal must come
# when the request's transaction commits, inside the request, for the page to show it.
def test_with_the_queue_down_a_dry_run_is_an_error_message_not_a_500(
    committed_reference_data, client, curator, queue_down
):
    new = draft(sign_in(client, curator))
    response = client.post(f"/rules/{new.version}/dry-run/", follow=True)
    assert response.redirect_chain[-1][0] == f"/rules/{new.version}/#dry-runs"
    assert "task queue is unavailable" in page(response)
    assert TaskRun.objects.get().state == TaskRun.State.FAILED


def test_a_curator_activates_a_draft_only_when_confirmed(client, curator):
    old = active()
    new = draft(sign_in(client, curator))
    client.post(f"/rules/{new.version}/rules/new/", NEW_CAVEAT)
    unconfirmed = client.post(f"/rules/{new.version}/activate/", follow=True)
    assert "Tick the box to confirm the activation." in page(unconfirmed)
    assert active() == old
    response = client.post(f"/rules/{new.version}/activate/", {"confirm": "on"}, follow=True)
    assert response.redirect_chain[-1][0] == f"/rules/{new.version}/"
    html = page(response)
    assert f"Version {new.version} is now the active ruleset" in html
    assert "Run impact dry-run" not in html and "Add a rule" not in html
    new.refresh_from_db()
    old.refresh_from_db()
    assert new.status == RuleSet.Status.ACTIVE and new.activated_by == curator.user
    assert old.status == RuleSet.Status.RETIRED


def test_a_draft_without_a_fallback_phase_is_not_activated(client, curator):
    new = draft(sign_in(client, curator))
    fallback = new.rules.get(kind="phase", condition=True)
    client.post(f"/rules/{new.version}/rules/{fallback.pk}/delete/")
    response = client.post(f"/rules/{new.version}/activate/", {"confirm": "on"}, follow=True)
    assert f"Version {new.version} was not activated" in page(response)
    assert "no fallback phase rule" in page(response)
    new.refresh_from_db()
    assert new.status == RuleSet.Status.DRAFT


def test_an_active_ruleset_cannot_be_edited(client, curator):
    current = active()
    rule = current.rules.filter(kind="caveat").first()
    before = rule_as_data(rule)
    sign_in(client, curator)
    form = client.get(f"/rules/{current.version}/rules/{rule.pk}/", follow=True)
    assert form.redirect_chain[-1][0] == f"/rules/{current.version}/"
    assert "only drafts change" in page(form)
    for url, data in [
        (f"/rules/{current.version}/rules/{rule.pk}/", form_data(rule, priority=1)),
        (f"/rules/{current.version}/rules/new/", NEW_CAVEAT),
        (f"/rules/{current.version}/rules/{rule.pk}/delete/", {}),
        (f"/rules/{current.version}/edit/", {"name": "Renamed"}),
        (f"/rules/{current.version}/delete/", {"confirm": "on"}),
    ]:
        response = client.post(url, data)
        assert response.status_code == 302, url
        assert response["Location"] == f"/rules/{current.version}/"
    again = client.post(f"/rules/{current.version}/activate/", {"confirm": "on"}, follow=True)
    assert "was not activated" in page(again)
    rule.refresh_from_db()
    current.refresh_from_db()
    assert rule_as_data(rule) == before and current.name != "Renamed"
    assert current.status == RuleSet.Status.ACTIVE
    assert not current.rules.filter(slug=NEW_CAVEAT["slug"]).exists()


@pytest.mark.parametrize("persona", ["viewer", "analyst"])
def test_only_curators_change_rulesets(client, curator, persona, request):
    new = draft(sign_in(client, curator))
    rule = new.rules.filter(kind="caveat").first()
    before = rule_as_data(rule)
    sign_in(client, request.getfixturevalue(persona))
    assert client.get(f"/rules/{new.version}/").status_code == 200
    assert client.get(f"/rules/{new.version}/rules/new/").status_code == 403
    for url, data in [
        ("/rules/new/", {"name": "Mine"}),
        (f"/rules/{new.version}/rules/new/", NEW_CAVEAT),
        (f"/rules/{new.version}/rules/{rule.pk}/", form_data(rule, priority=1)),
        (f"/rules/{new.version}/rules/{rule.pk}/delete/", {}),
        (f"/rules/{new.version}/edit/", {"name": "Mine"}),
        (f"/rules/{new.version}/dry-run/", {}),
        (f"/rules/{new.version}/activate/", {"confirm": "on"}),
        (f"/rules/{new.version}/delete/", {"confirm": "on"}),
    ]:
        assert client.post(url, data).status_code == 403, url
    new.refresh_from_db()
    rule.refresh_from_db()
    assert new.status == RuleSet.Status.DRAFT and new.name == "Stricter"
    assert rule_as_data(rule) == before and new.rules.count() == active().rules.count()
    assert not TaskRun.objects.exists() and not RuleSet.objects.filter(name="Mine").exists()


def test_changes_are_posts_only(client, curator):
    new = draft(sign_in(client, curator))
    for action in ("dry-run", "activate", "delete"):
        assert client.get(f"/rules/{new.version}/{action}/").status_code == 405
    assert client.get("/rules/new/").status_code == 405


def test_a_version_that_does_not_exist_is_not_found(client, viewer):
    assert sign_in(client, viewer).get("/rules/9999/").status_code == 404


def test_the_pages_carry_no_inline_script(client, curator):
    new = draft(sign_in(client, curator))
    rule = new.rules.first()
    for url in ("/rules/", f"/rules/{new.version}/", f"/rules/{new.version}/rules/{rule.pk}/"):
        html = page(client.get(url))
        assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # scripts come from files only
        assert " onclick=" not in html and " onsubmit=" not in html
