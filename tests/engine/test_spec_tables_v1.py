"""The v1 reference ruleset still follows the v1 tables, row by row.

Assessments made under ruleset v1 keep it, so the engine must go on evaluating v1's rules as
contract v1 says; the tables of v2 are tested in test_spec_tables.py.
"""

import pytest

from recommendations.engine import evaluate
from tests.engine.reference import reference_ruleset

BASE = {
    "country": "Testland",
    "region": "south_asia",
    "violence_level": "none",
    "recent_fatalities": None,
    "political_dialogue": "functioning",
    "war_decision_imminent": False,
    "settlement_status": "none",
    "grievances": [],
    "atrocity_risk": "none",
    "main_perpetrator": "none",
    "host_consent": "full",
    "host_capacity": "strong",
    "international_presence": "regional_office",
    "anticipatory_relationships": True,
    "staff_security": "permissive",
    "regional_consensus": "not_engaged",
    "security_council": "not_seized",
    "mediation": "single_lead",
    "objectives_reconcilable": "yes",
    "civil_society_mobilized": False,
    "minority_at_risk": False,
    "election_context": "none",
    "external_spoilers": False,
    "cross_border": False,
    "notes": None,
}
LATENT = BASE
RISING = {**BASE, "violence_level": "spreading"}
RUBICON = {**BASE, "war_decision_imminent": True, "violence_level": "intensifying"}
WAR = {**BASE, "violence_level": "full_scale_war"}
SETTLEMENT = {**BASE, "settlement_status": "fragile_agreement", "violence_level": "sporadic"}
ATROCITY = {"atrocity_risk": "imminent"}


def result(facts: dict):
    return evaluate(reference_ruleset(1), facts)


def fired(facts: dict, kind: str) -> list[str]:
    return result(facts).slugs(kind)


# (slug, input where it fires, input where it does not)
ROLES = [
    ("legal_framework_advice", LATENT, RISING),
    ("grievance_dialogue", LATENT, SETTLEMENT),
    (
        "development_advice",
        {**LATENT, "grievances": ["resources"]},
        {**RISING, "grievances": ["economic_inequality"]},
    ),
    (
        "development_advice",
        {**LATENT, "grievances": ["economic_inequality"]},
        {**LATENT, "grievances": ["governance"]},
    ),
    (
        "minority_reassurance",
        {**LATENT, "minority_at_risk": True},
        {**RISING, "minority_at_risk": True},
    ),
    (
        "minority_reassurance",
        {**LATENT, "grievances": ["citizenship"]},
        {**LATENT, "grievances": ["resources"]},
    ),
    ("early_warning", LATENT, RUBICON),
    ("early_warning", RISING, WAR),
    ("regional_dialogue", {**RISING, "cross_border": True}, {**RUBICON, "cross_border": True}),
    ("regional_dialogue", {**LATENT, "cross_border": True}, LATENT),
    (
        "direct_mediation",
        {**RISING, "objectives_reconcilable": "uncertain"},
        {**RISING, "objectives_reconcilable": "no"},
    ),
    ("diplomatic_coordination", RUBICON, LATENT),
    ("diplomatic_coordination", RISING, SETTLEMENT),
    ("technical_expertise", RISING, RUBICON),
    (
        "election_support",
        {**LATENT, "election_context": "upcoming"},
        {**RUBICON, "election_context": "upcoming"},
    ),
    ("election_support", {**RISING, "election_context": "disputed"}, RISING),
    ("human_rights_monitoring", {**LATENT, **ATROCITY}, {**WAR, "atrocity_risk": "remote"}),
    ("human_rights_monitoring", {**SETTLEMENT, "atrocity_risk": "ongoing"}, SETTLEMENT),
    ("lead_mediator_support", RUBICON, RISING),
    ("atrocity_reporting", {**RUBICON, **ATROCITY}, {**RISING, **ATROCITY}),
    ("atrocity_reporting", {**WAR, "atrocity_risk": "ongoing"}, WAR),
    (
        "protective_presence",
        {**RISING, **ATROCITY, "host_consent": "partial"},
        {**RISING, **ATROCITY, "host_consent": "none"},
    ),
    ("protective_presence", {**WAR, **ATROCITY}, {**LATENT, **ATROCITY}),
    ("violence_mitigation", WAR, SETTLEMENT),
    ("channel_keeping", WAR, RUBICON),
    ("humanitarian_facilitation", WAR, RISING),
    ("victim_assistance", {**WAR, "atrocity_risk": "ongoing"}, {**WAR, **ATROCITY}),
    ("implementation_support", SETTLEMENT, WAR),
    ("agreement_monitoring", SETTLEMENT, LATENT),
    (
        "security_sector_support",
        {**SETTLEMENT, "grievances": ["security_sector"]},
        {**LATENT, "grievances": ["security_sector"]},
    ),
]
MISSION_MODELS = [
    ("mediation_good_offices", RISING, RUBICON),
    ("mediation_good_offices", WAR, SETTLEMENT),
    ("special_envoy", RUBICON, WAR),
    ("monitoring_verification", SETTLEMENT, RISING),
    (
        "training_support",
        {**LATENT, "grievances": ["governance"]},
        {**RISING, "grievances": ["governance"]},
    ),
    (
        "training_support",
        {**SETTLEMENT, "grievances": ["security_sector"]},
        {**SETTLEMENT, "grievances": ["governance"]},
    ),
    ("regional_office", {**WAR, "cross_border": True}, WAR),
    ("regional_office", {**LATENT, "region": "central_asia"}, {**RISING, "region": "central_asia"}),
    (
        "preventive_deployment",
        {**RISING, **ATROCITY, "main_perpetrator": "non_state"},
        {**RISING, **ATROCITY, "main_perpetrator": "non_state", "host_consent": "partial"},
    ),
    (
        "preventive_deployment",
        {**LATENT, "atrocity_risk": "ongoing", "main_perpetrator": "non_state"},
        {**LATENT, "atrocity_risk": "ongoing", "main_perpetrator": "both"},
    ),
]
COUNCIL_TOOLS = [
    ("commission_of_inquiry", {**LATENT, "atrocity_risk": "ongoing"}, {**LATENT, **ATROCITY}),
    (
        "commission_of_inquiry",
        {**RISING, "election_context": "disputed"},
        {**LATENT, "violence_level": "sporadic", "election_context": "disputed"},
    ),
    (
        "targeted_sanctions",
        {**RISING, "objectives_reconcilable": "no"},
        {**LATENT, "objectives_reconcilable": "no"},
    ),
    ("targeted_sanctions", {**WAR, "external_spoilers": True}, WAR),
    ("informal_dialogue", LATENT, {**LATENT, "security_council": "divided"}),
    (
        "regional_lead",
        {**LATENT, "regional_consensus": "united"},
        {**LATENT, "regional_consensus": "divided"},
    ),
    ("group_of_friends", {**LATENT, "external_spoilers": True}, LATENT),
    (
        "group_of_friends",
        {**LATENT, "mediation": "multiple_uncoordinated"},
        {**LATENT, "mediation": "multiple_coordinated"},
    ),
    (
        "council_statement",
        {**RUBICON, "security_council": "united"},
        {**WAR, "security_council": "united"},
    ),
    ("council_statement", {**RISING, "security_council": "united"}, RISING),
]
CAVEATS = [
    ("supporting_actor_only", LATENT, RISING),
    ("warnings_unheeded", RISING, RUBICON),
    (
        "not_aid_director",
        {**LATENT, "host_capacity": "weak"},
        {**RISING, "host_capacity": "failing"},
    ),
    ("escalation_overtakes_mission", {**LATENT, "violence_level": "sporadic"}, LATENT),
    (
        "escalation_overtakes_mission",
        {**LATENT, "political_dialogue": "strained"},
        {**RISING, "political_dialogue": "strained"},
    ),
    (
        "staff_security_limits",
        {**LATENT, "staff_security": "non_permissive"},
        {**LATENT, "staff_security": "restricted"},
    ),
    ("staff_security_limits", {**RISING, "staff_security": "restricted"}, RISING),
    (
        "impartiality_risk",
        {**LATENT, "election_context": "disputed"},
        {**LATENT, "election_context": "upcoming"},
    ),
    ("impartiality_risk", {**LATENT, **ATROCITY}, {**LATENT, "atrocity_risk": "remote"}),
    (
        "needs_anticipatory_relationships",
        {**RUBICON, "anticipatory_relationships": False},
        {**WAR, "anticipatory_relationships": False},
    ),
    ("needs_anticipatory_relationships", {**RISING, "anticipatory_relationships": False}, RISING),
    ("depends_on_partners", RISING, LATENT),
    ("monitors_alone_insufficient", RUBICON, RISING),
    ("formal_mission_too_slow", RUBICON, WAR),
    ("combatant_cooperation_required", WAR, RUBICON),
    ("settlement_needs_cooperation", SETTLEMENT, WAR),
    ("consent_and_sovereignty", {**LATENT, "host_consent": "partial"}, LATENT),
    ("consent_and_sovereignty", {**WAR, "host_consent": "none"}, WAR),
    (
        "regime_perpetrator_limits",
        {**RISING, **ATROCITY, "main_perpetrator": "state"},
        {**RISING, **ATROCITY, "main_perpetrator": "non_state"},
    ),
    (
        "regime_perpetrator_limits",
        {**WAR, "atrocity_risk": "ongoing", "main_perpetrator": "both"},
        {**WAR, "atrocity_risk": "remote", "main_perpetrator": "both"},
    ),
    (
        "cover_for_repression",
        {**RISING, **ATROCITY, "main_perpetrator": "state"},
        {**RISING, "main_perpetrator": "state"},
    ),
    ("protection_over_settlement", {**SETTLEMENT, **ATROCITY}, SETTLEMENT),
    (
        "objectives_irreconcilable",
        {**LATENT, "objectives_reconcilable": "no"},
        {**LATENT, "objectives_reconcilable": "uncertain"},
    ),
    (
        "deterrence_credibility",
        {**RISING, **ATROCITY, "main_perpetrator": "non_state"},
        {**RISING, **ATROCITY, "main_perpetrator": "state"},
    ),
    (
        "deployment_moral_hazard",
        {**RISING, **ATROCITY, "main_perpetrator": "non_state"},
        {**RISING, **ATROCITY, "main_perpetrator": "non_state", "host_consent": "none"},
    ),
    # Latent with resources grievances across a border: 5 roles; with a minority at risk, 6.
    (
        "mandate_overload",
        {**LATENT, "grievances": ["resources"], "minority_at_risk": True, "cross_border": True},
        {**LATENT, "grievances": ["resources"], "cross_border": True},
    ),
    (
        "startup_delays",
        {**RISING, "international_presence": "none"},
        {**LATENT, "international_presence": "none"},
    ),
    ("technical_support_needs_politics", {**LATENT, "grievances": ["governance"]}, LATENT),
    (
        "technical_support_needs_politics",
        {**SETTLEMENT, "grievances": ["security_sector"]},
        SETTLEMENT,
    ),
    ("forum_shopping", {**LATENT, "mediation": "multiple_uncoordinated"}, LATENT),
    (
        "regional_competition",
        {**LATENT, "regional_consensus": "competing"},
        {**LATENT, "regional_consensus": "united"},
    ),
    ("regional_competition", {**LATENT, "regional_consensus": "divided"}, LATENT),
    ("council_division", {**LATENT, "security_council": "divided"}, LATENT),
    ("external_spoilers", {**LATENT, "external_spoilers": True}, LATENT),
    (
        "minorities_overlooked",
        {**SETTLEMENT, "minority_at_risk": True},
        {**LATENT, "minority_at_risk": True},
    ),
    (
        "minorities_overlooked",
        {**RISING, "settlement_status": "negotiating", "minority_at_risk": True},
        {**SETTLEMENT},
    ),
    (
        "limited_leverage",
        {**RUBICON, "international_presence": "envoy"},
        {**RISING, "international_presence": "envoy"},
    ),
    (
        "limited_leverage",
        {**SETTLEMENT, "international_presence": "none"},
        {**WAR, "international_presence": "in_country_mission"},
    ),
    ("morning_after", WAR, RUBICON),
    ("morning_after", SETTLEMENT, LATENT),
]
TABLES = [
    ("role", ROLES),
    ("mission_model", MISSION_MODELS),
    ("council_tool", COUNCIL_TOOLS),
    ("caveat", CAVEATS),
]
ROWS = [(kind, slug, yes, no) for kind, rows in TABLES for slug, yes, no in rows]


def _id(row) -> str:
    return row[1] if isinstance(row, tuple) else ""


@pytest.mark.parametrize(
    ("kind", "slug", "fires", "quiet"), ROWS, ids=[f"{k}:{s}" for k, s, _, _ in ROWS]
)
def test_the_row_fires_exactly_when_its_condition_holds(kind, slug, fires, quiet):
    assert slug in fired(fires, kind)
    assert slug not in fired(quiet, kind)


def test_every_row_of_every_table_is_exercised():
    from tests import spec_v1 as spec

    covered = {(kind, slug) for kind, slug, _, _ in ROWS}
    for kind, slugs in [
        ("role", spec.ROLES),
        ("mission_model", spec.MISSION_MODELS),
        ("council_tool", spec.COUNCIL_TOOLS),
        ("caveat", spec.CAVEATS),
    ]:
        assert {(kind, s) for s in slugs} <= covered


@pytest.mark.parametrize(
    ("facts", "phase", "track"),
    [
        (LATENT, "latent", None),
        (
            {**LATENT, "violence_level": "sporadic", "political_dialogue": "strained"},
            "latent",
            None,
        ),
        (RISING, "rising", None),
        ({**LATENT, "violence_level": "intensifying"}, "rising", None),
        ({**LATENT, "political_dialogue": "broken_down"}, "rising", None),
        # rubicon over rising
        ({**RISING, "war_decision_imminent": True}, "rubicon", None),
        # war over rubicon: the decision is taken once war is full-scale
        ({**WAR, "war_decision_imminent": True}, "post_rubicon", "war"),
        # settlement over war, unless the war is full-scale: then the agreement has failed
        ({**WAR, "settlement_status": "fragile_agreement"}, "post_rubicon", "war"),
        ({**RUBICON, "settlement_status": "consolidating"}, "post_rubicon", "settlement"),
        ({**RISING, "settlement_status": "fragile_agreement"}, "post_rubicon", "settlement"),
        # negotiating is not a settlement yet
        ({**RISING, "settlement_status": "negotiating"}, "rising", None),
        ({**LATENT, "settlement_status": "consolidating"}, "post_rubicon", "settlement"),
    ],
    ids=lambda x: x if isinstance(x, str) else None,
)
def test_phase_precedence_on_its_boundaries(facts, phase, track):
    outcome = result(facts)
    assert (outcome.phase, outcome.track) == (phase, track)


@pytest.mark.parametrize(
    ("region", "leads"),
    [
        ("europe", ["un", "osce", "eu"]),
        ("caucasus", ["un", "osce", "eu"]),
        ("central_asia", ["un", "osce"]),
        ("west_africa", ["un", "au", "ecowas"]),
        ("central_africa", ["un", "au"]),
        ("southern_africa", ["un", "au"]),
        ("east_africa", ["un", "au", "igad"]),
        ("north_africa", ["un", "au", "arab_league"]),
        ("middle_east", ["un", "arab_league", "gcc"]),
        ("southeast_asia", ["un", "asean"]),
        ("americas", ["un", "oas"]),
        ("south_asia", ["un"]),
        ("east_asia", ["un"]),
        ("oceania", ["un"]),
    ],
)
def test_lead_organizations_are_exactly_those_of_the_region(region, leads):
    outcome = result({**RISING, "region": region})
    assert outcome.slugs("organization") == leads
    assert all(item.rationale for item in outcome.lead_organizations)


def test_the_trace_says_which_facts_made_a_rule_fire():
    outcome = result(
        {**RISING, "grievances": ["governance"], "objectives_reconcilable": "uncertain"}
    )
    by_rule = {entry.rule: entry for entry in outcome.trace}
    assert by_rule["phase.rising"].because == "violence_level = spreading"
    assert by_rule["rising.direct_mediation"].because == (
        "phase = rising; objectives_reconcilable = uncertain (not no)"
    )
    assert dict(by_rule["rising.direct_mediation"].facts) == {
        "phase": "rising",
        "objectives_reconcilable": "uncertain",
    }
    assert by_rule["lead.un"].because == "no condition (fallback)"


def test_a_target_recommended_by_several_rules_appears_once_with_all_of_them():
    outcome = result({**LATENT, "grievances": ["governance", "security_sector"]})
    training = [item for item in outcome.mission_models if item.slug == "training_support"]
    assert len(training) == 1
    assert training[0].rules == ("model.training_support",)
