"""The output that decides, through the API (contract section 8.1): priority and key actions,
what is ruled out and why, signposts, and robustness under uncertain answers."""

import pytest

from accounts.levels import ANALYST
from recommendations.assessments.documents import recommendation_of
from recommendations.models import Assessment
from tests.engine.baselines import ATROCITY, RISING
from tests.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/assessments/"
PRIORITIZED = ("roles", "mission_models", "council_tools", "caveats")
ALL_LISTS = (*PRIORITIZED, "lead_organizations", "partner_organizations")


@pytest.fixture
def analyst(client):
    user = UserFactory(level=ANALYST, team=TeamFactory(slug="desk"))
    client.force_login(user)
    return user


def assess(client, data, status=201):
    response = client.post(URL, data, content_type="application/json")
    assert response.status_code == status, response.content
    return response.json()


def slugs(body, key):
    return [item["slug"] for item in body[key]]


def test_an_atrocity_by_the_state_puts_dissuasion_first_and_rules_out_a_protective_presence(
    client, analyst
):
    body = assess(client, {**RISING, **ATROCITY, "main_perpetrator": "state"})
    assert body["key_actions"][0] == {
        "kind": "role",
        "slug": "perpetrator_dissuasion",
        "name": "Dissuading potential perpetrators",
    }
    assert len(body["key_actions"]) <= 5
    ruled = {(r["kind"], r["slug"]): r for r in body["ruled_out"]}
    presence = ruled[("role", "protective_presence")]
    assert "protective_presence" not in slugs(body, "roles")
    assert presence["name"] and presence["reason"] and presence["rules"]
    assert presence["citations"][0]["source"] == "usip-2012-pmpd"
    # key actions are exactly the key items of the lists they come from, in their order
    keyed = {(k["kind"], k["slug"]) for k in body["key_actions"]}
    for key, kind in (("roles", "role"), ("mission_models", "mission_model")):
        for item in body[key]:
            assert item["priority"] == ("key" if (kind, item["slug"]) in keyed else "supporting")
    assert sum(c["priority"] == "key" for c in body["caveats"]) <= 3


def test_every_item_says_its_priority_and_whether_it_is_robust(client, analyst):
    body = assess(client, RISING)
    for key in PRIORITIZED:
        assert all(item["priority"] in ("key", "supporting") for item in body[key]), key
    for key in ALL_LISTS:
        assert all(item["robust"] is True for item in body[key]), key
    assert body["robustness"] == {
        "uncertain": [],
        "combinations": 1,
        "phases": [{"phase": "rising", "track": None, "combinations": 1}],
    }


def test_a_divided_region_makes_its_organization_a_partner_not_a_lead(client, analyst):
    body = assess(client, {**RISING, "region": "west_africa", "regional_consensus": "divided"})
    assert "ecowas" not in slugs(body, "lead_organizations")
    assert "ecowas" in slugs(body, "partner_organizations")
    assert ("organization", "ecowas") in {(r["kind"], r["slug"]) for r in body["ruled_out"]}


def test_each_signpost_says_what_the_changed_answer_would_give(client, analyst):
    data = {**RISING, "situation": None}
    body = assess(client, RISING)
    assert body["signposts"], "a rising crisis has indicators to watch"
    war = next(s for s in body["signposts"] if s["field"] == "war_decision_imminent")
    assert war["value"] is True
    assert war["phase"] == {"from": "rising", "to": "rubicon", "from_track": None, "to_track": None}
    assert war["escalation"] is True
    # the first signposts move the phase, escalations before de-escalations
    order = [(s["phase"] is None, not s["escalation"]) for s in body["signposts"]]
    assert order == sorted(order)
    # what a signpost announces is what assessing the changed input gives
    for signpost in body["signposts"][:6]:
        changed = dict(data, situation=body["situation"]["id"])
        if signpost["field"] == "grievances":
            current = set(changed["grievances"])
            value = {signpost["value"]}
            changed["grievances"] = sorted(
                current | value if signpost["change"] == "add" else current - value
            )
        else:
            changed[signpost["field"]] = signpost["value"]
        other = assess(client, changed)
        to = signpost["phase"]["to"] if signpost["phase"] else body["phase"]["slug"]
        assert other["phase"]["slug"] == to, signpost
        before = {(k["kind"], k["slug"]) for k in body["key_actions"]}
        after = {(k["kind"], k["slug"]) for k in other["key_actions"]}
        assert {(a["kind"], a["slug"]) for a in signpost["adds"]} == after - before
        assert {(r["kind"], r["slug"]) for r in signpost["removes"]} == before - after
        assert all(a["name"] for a in signpost["adds"] + signpost["removes"])


def test_an_uncertain_council_reads_every_stance_and_marks_what_depends_on_it(client, analyst):
    data = {
        **RISING,
        "objectives_reconcilable": "no",
        "security_council": "united",
        "uncertain": ["security_council"],
    }
    body = assess(client, data)
    robustness = body["robustness"]
    assert robustness["uncertain"] == ["security_council"]
    assert robustness["combinations"] == 3  # united, divided, not seized
    assert sum(p["combinations"] for p in robustness["phases"]) == 3
    # an item is robust exactly when every stance of the Council recommends it
    readings = []
    for stance in ("united", "divided", "not_seized"):
        other = assess(client, {**data, "security_council": stance, "uncertain": []})
        readings.append({(key, s) for key in ALL_LISTS for s in slugs(other, key)})
    always = set.intersection(*readings)
    for key in ALL_LISTS:
        for item in body[key]:
            assert item["robust"] == ((key, item["slug"]) in always), (key, item["slug"])
    assert any(not item["robust"] for item in body["council_tools"])


@pytest.mark.parametrize(
    "uncertain, message",
    [
        (
            [
                "violence_level",
                "security_council",
                "host_consent",
                "atrocity_risk",
                "mediation",
                "displacement",
            ],
            "At most 5",
        ),
        (["country"], "can be marked uncertain"),
        (["recent_fatalities"], "can be marked uncertain"),
    ],
)
def test_too_many_or_the_wrong_uncertain_answers_are_refused_and_nothing_is_stored(
    client, analyst, uncertain, message
):
    body = assess(client, {**RISING, "uncertain": uncertain}, status=400)
    assert message in str(body["uncertain"])
    assert not Assessment.objects.exists()


def test_an_assessment_stored_before_v2_reads_with_the_v2_defaults(client, analyst):
    body = assess(client, RISING)
    stored = Assessment.objects.get(pk=body["id"])
    full = recommendation_of(stored)
    old = {
        key: [
            {k: v for k, v in item.items() if k not in ("priority", "robust")} for item in full[key]
        ]
        for key in ALL_LISTS
    }
    stored.recommendation = {**old, "trace": full["trace"]}
    stored.save(update_fields=["recommendation"])
    again = client.get(f"{URL}{body['id']}/").json()
    assert again["key_actions"] == [] and again["ruled_out"] == [] and again["signposts"] == []
    assert all(i["priority"] == "supporting" for key in PRIORITIZED for i in again[key])
    assert all(i["robust"] for key in ALL_LISTS for i in again[key])
    assert again["robustness"]["phases"] == [{"phase": "rising", "track": None, "combinations": 1}]
