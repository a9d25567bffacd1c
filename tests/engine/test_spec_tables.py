"""Every row of the v2 contract's tables (spec sections 2-7): a case where it fires, one where not.

Each example starts from a calm baseline in one phase and changes only what the row is about;
for a condition marked v2 in the contract, the quiet example is the one v2 added or changed.
The v1 tables, which the v1 reference ruleset still follows, are in test_spec_tables_v1.py.
"""

import re

import pytest

from recommendations.engine import evaluate
from tests import spec
from tests.engine.baselines import ATROCITY, LATENT, RISING, RUBICON, SETTLEMENT, WAR
from tests.engine.reference import reference_ruleset


def result(facts: dict):
    return evaluate(reference_ruleset(), facts)


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
    (
        "direct_mediation",
        {**RISING, "parties_accept_mediation": "some"},
        {**RISING, "parties_accept_mediation": "no"},
    ),
    ("direct_mediation", RISING, SETTLEMENT),
    ("diplomatic_coordination", RUBICON, LATENT),
    ("diplomatic_coordination", RISING, SETTLEMENT),
    ("technical_expertise", RISING, RUBICON),
    (
        "election_support",
        {**LATENT, "election_context": "upcoming"},
        {**RUBICON, "election_context": "upcoming"},
    ),
    ("election_support", {**RISING, "election_context": "disputed"}, RISING),
    (
        "election_support",
        {**SETTLEMENT, "election_context": "upcoming"},
        {**WAR, "election_context": "upcoming"},
    ),
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
    (
        "protective_presence",
        {**RISING, **ATROCITY, "main_perpetrator": "both"},
        {**RISING, **ATROCITY, "main_perpetrator": "state"},
    ),
    (
        "protective_presence",
        {**RISING, **ATROCITY, "staff_security": "restricted"},
        {**RISING, **ATROCITY, "staff_security": "non_permissive"},
    ),
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
    (
        "sustained_mediation",
        {**WAR, "settlement_status": "negotiating"},
        {**RISING, "settlement_status": "negotiating"},
    ),
    ("sustained_mediation", SETTLEMENT, {**SETTLEMENT, "settlement_status": "consolidating"}),
    (
        "sustained_mediation",
        {**SETTLEMENT, "objectives_reconcilable": "uncertain"},
        {**SETTLEMENT, "objectives_reconcilable": "no"},
    ),
    (
        "sustained_mediation",
        {**WAR, "settlement_status": "fragile_agreement", "parties_accept_mediation": "yes"},
        {**WAR, "settlement_status": "fragile_agreement", "parties_accept_mediation": "no"},
    ),
    (
        "relapse_warning",
        SETTLEMENT,
        {**SETTLEMENT, "violence_level": "none"},
    ),
    (
        "relapse_warning",
        {**SETTLEMENT, "violence_level": "none", "political_dialogue": "strained"},
        {**WAR, "political_dialogue": "strained"},
    ),
    (
        "relapse_warning",
        {**SETTLEMENT, "violence_level": "none", "external_spoilers": True},
        {**LATENT, "external_spoilers": True},
    ),
    (
        "perpetrator_dissuasion",
        {**LATENT, **ATROCITY, "main_perpetrator": "state"},
        {**LATENT, **ATROCITY, "main_perpetrator": "none"},
    ),
    (
        "perpetrator_dissuasion",
        {**WAR, "atrocity_risk": "ongoing", "main_perpetrator": "non_state"},
        {**WAR, "atrocity_risk": "remote", "main_perpetrator": "non_state"},
    ),
    (
        "mandate_adjustment",
        {**RISING, **ATROCITY, "international_presence": "peacekeeping"},
        {**RISING, **ATROCITY, "international_presence": "envoy"},
    ),
    ("mandate_adjustment", {**LATENT, **ATROCITY}, LATENT),
    ("regional_office_good_offices", RISING, {**RISING, "international_presence": "envoy"}),
    ("regional_office_good_offices", RUBICON, LATENT),
    ("mediation_support", RISING, {**RISING, "parties_accept_mediation": "no"}),
    ("mediation_support", RUBICON, LATENT),
    ("mediation_support", {**WAR, "settlement_status": "negotiating"}, WAR),
    (
        "civil_society_engagement",
        {**SETTLEMENT, "civil_society_mobilized": True},
        {**WAR, "civil_society_mobilized": True},
    ),
    ("civil_society_engagement", {**LATENT, "civil_society_mobilized": True}, LATENT),
    ("displacement_response", {**LATENT, "displacement": "internal"}, LATENT),
    ("displacement_response", {**WAR, "displacement": "cross_border"}, WAR),
]
MISSION_MODELS = [
    ("mediation_good_offices", RISING, RUBICON),
    ("mediation_good_offices", WAR, SETTLEMENT),
    ("special_envoy", RUBICON, WAR),
    ("monitoring_verification", SETTLEMENT, RISING),
    (
        "monitoring_verification",
        {**LATENT, "interstate": True, "grievances": ["territorial_status"]},
        {**LATENT, "grievances": ["territorial_status"]},
    ),
    (
        "monitoring_verification",
        {**RISING, "interstate": True, "grievances": ["territorial_status"]},
        {**RUBICON, "interstate": True, "grievances": ["territorial_status"]},
    ),
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
    (
        "training_support",
        {**LATENT, **ATROCITY, "grievances": ["governance"], "main_perpetrator": "non_state"},
        {**LATENT, **ATROCITY, "grievances": ["governance"], "main_perpetrator": "state"},
    ),
    (
        "training_support",
        {**SETTLEMENT, "grievances": ["security_sector"], "main_perpetrator": "both"},
        {
            **SETTLEMENT,
            "grievances": ["security_sector"],
            "main_perpetrator": "both",
            "atrocity_risk": "ongoing",
        },
    ),
    (
        "regional_office",
        {**RISING, "cross_border": True, "international_presence": "envoy"},
        {**WAR, "cross_border": True, "international_presence": "envoy"},
    ),
    (
        "regional_office",
        {**RISING, "region": "central_asia", "international_presence": "none"},
        {**RISING, "region": "central_asia"},
    ),
    (
        "regional_office",
        {**SETTLEMENT, "region": "west_africa", "international_presence": "in_country_mission"},
        {**SETTLEMENT, "region": "east_africa", "international_presence": "in_country_mission"},
    ),
    (
        "preventive_deployment",
        {**RISING, **ATROCITY, "main_perpetrator": "non_state"},
        {**RISING, **ATROCITY, "main_perpetrator": "non_state", "host_consent": "partial"},
    ),
    (
        "preventive_deployment",
        {
            **RISING,
            **ATROCITY,
            "main_perpetrator": "non_state",
            "host_consent": "partial",
            "international_presence": "in_country_mission",
        },
        {**WAR, **ATROCITY, "main_perpetrator": "non_state"},
    ),
    (
        "preventive_deployment",
        {**LATENT, "atrocity_risk": "remote", "cross_border": True, "external_spoilers": True},
        {**LATENT, "atrocity_risk": "remote", "cross_border": True},
    ),
    (
        "preventive_deployment",
        {**RISING, "election_context": "upcoming", "international_presence": "peacekeeping"},
        {**RISING, "election_context": "upcoming"},
    ),
    (
        "preventive_deployment",
        {
            **SETTLEMENT,
            "election_context": "disputed",
            "international_presence": "peacekeeping",
            "host_consent": "partial",
        },
        {
            **SETTLEMENT,
            "election_context": "disputed",
            "international_presence": "peacekeeping",
            "host_consent": "none",
        },
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
        {**RISING, "facts_disputed": True},
        {**RISING, "election_context": "disputed"},
    ),
    (
        "commission_of_inquiry",
        {**WAR, "facts_disputed": True, "security_council": "united"},
        {**LATENT, "violence_level": "sporadic", "facts_disputed": True},
    ),
    (
        "commission_of_inquiry",
        {**WAR, "atrocity_risk": "ongoing", "security_council": "united"},
        {**WAR, "atrocity_risk": "ongoing", "security_council": "divided"},
    ),
    (
        "targeted_sanctions",
        {**RISING, "objectives_reconcilable": "no", "security_council": "united"},
        {**LATENT, "objectives_reconcilable": "no", "security_council": "united"},
    ),
    (
        "targeted_sanctions",
        {**WAR, "external_spoilers": True, "security_council": "united"},
        {**WAR, "security_council": "united"},
    ),
    (
        "targeted_sanctions",
        {**WAR, "external_spoilers": True, "security_council": "united"},
        {**WAR, "external_spoilers": True, "security_council": "divided"},
    ),
    ("informal_dialogue", LATENT, {**LATENT, "security_council": "united"}),
    (
        "informal_dialogue",
        {**WAR, "security_council": "divided"},
        {**WAR, "security_council": "united"},
    ),
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
    ("sg_good_offices", RISING, LATENT),
    (
        "sg_good_offices",
        {**RUBICON, "security_council": "divided"},
        {**RUBICON, "security_council": "united"},
    ),
    (
        "hrc_inquiry",
        {**WAR, **ATROCITY, "security_council": "divided"},
        {**WAR, **ATROCITY, "security_council": "not_seized"},
    ),
    (
        "hrc_inquiry",
        {**LATENT, "atrocity_risk": "ongoing", "security_council": "divided"},
        {**LATENT, "atrocity_risk": "remote", "security_council": "divided"},
    ),
    (
        "icc_referral_warning",
        {
            **WAR,
            "atrocity_risk": "ongoing",
            "main_perpetrator": "both",
            "security_council": "united",
        },
        {**WAR, **ATROCITY, "main_perpetrator": "both", "security_council": "united"},
    ),
    (
        "icc_referral_warning",
        {
            **RISING,
            "atrocity_risk": "ongoing",
            "main_perpetrator": "state",
            "security_council": "united",
        },
        {
            **RISING,
            "atrocity_risk": "ongoing",
            "main_perpetrator": "none",
            "security_council": "united",
        },
    ),
    (
        "icc_referral_warning",
        {
            **RISING,
            "atrocity_risk": "ongoing",
            "main_perpetrator": "state",
            "security_council": "united",
        },
        {
            **RISING,
            "atrocity_risk": "ongoing",
            "main_perpetrator": "state",
            "security_council": "divided",
        },
    ),
    ("council_visiting_mission", {**RISING, "security_council": "united"}, RISING),
    (
        "council_visiting_mission",
        {**WAR, "settlement_status": "negotiating", "security_council": "united"},
        {**WAR, "security_council": "united"},
    ),
    (
        "council_visiting_mission",
        {**RISING, "security_council": "united"},
        {**RUBICON, "security_council": "united"},
    ),
    ("persuade_neighbours", {**LATENT, "external_spoilers": True}, LATENT),
    (
        "peacebuilding_commission",
        {**SETTLEMENT, "settlement_status": "consolidating"},
        SETTLEMENT,
    ),
    (
        "peacebuilding_commission",
        {**SETTLEMENT, "settlement_status": "consolidating"},
        {**RUBICON, "settlement_status": "consolidating"},
    ),
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
    # Latent with economic grievances across a border: 5 roles; with a minority at risk, 6.
    (
        "mandate_overload",
        {
            **LATENT,
            "grievances": ["economic_inequality"],
            "minority_at_risk": True,
            "cross_border": True,
        },
        {**LATENT, "grievances": ["economic_inequality"], "cross_border": True},
    ),
    (
        "mandate_overload",
        {
            **LATENT,
            "grievances": ["economic_inequality"],
            "minority_at_risk": True,
            "cross_border": True,
        },
        {
            **LATENT,
            "grievances": ["economic_inequality"],
            "minority_at_risk": True,
            "cross_border": True,
            "international_presence": "in_country_mission",
        },
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
    (
        "limited_leverage",
        {**RUBICON, "international_presence": "envoy", "security_council": "divided"},
        {**RUBICON, "international_presence": "envoy", "security_council": "united"},
    ),
    ("morning_after", WAR, RUBICON),
    ("morning_after", SETTLEMENT, LATENT),
    ("morning_after", SETTLEMENT, {**SETTLEMENT, "protracted_process": True}),
    (
        "umbrella_hides_clouds",
        {**RUBICON, "settlement_status": "fragile_agreement"},
        {**SETTLEMENT},
    ),
    (
        "umbrella_hides_clouds",
        {**RISING, "settlement_status": "negotiating", "external_spoilers": True},
        {**RISING, "settlement_status": "consolidating", "external_spoilers": True},
    ),
    (
        "coercion_narrows_mediation_space",
        {**WAR, "external_spoilers": True, "security_council": "united"},
        {**WAR, "external_spoilers": True, "security_council": "united", "mediation": "none"},
    ),
    (
        "coercion_narrows_mediation_space",
        {
            **RISING,
            "atrocity_risk": "ongoing",
            "main_perpetrator": "state",
            "security_council": "united",
        },
        {**RISING, "atrocity_risk": "ongoing", "main_perpetrator": "state"},
    ),
    ("justice_deferred", {**SETTLEMENT, "atrocity_risk": "remote"}, SETTLEMENT),
    (
        "justice_deferred",
        {**RISING, "settlement_status": "negotiating", **ATROCITY},
        {**RISING, **ATROCITY},
    ),
    (
        "deferred_issues",
        {**SETTLEMENT, "grievances": ["territorial_status"]},
        {**WAR, "grievances": ["territorial_status"]},
    ),
    (
        "deferred_issues",
        {**SETTLEMENT, "grievances": ["resources"]},
        {**SETTLEMENT, "grievances": ["governance"]},
    ),
    (
        "self_perpetuating_process",
        {**SETTLEMENT, "protracted_process": True},
        {**SETTLEMENT, "protracted_process": True, "settlement_status": "consolidating"},
    ),
    (
        "self_perpetuating_process",
        {**WAR, "protracted_process": True, "settlement_status": "negotiating"},
        {**WAR, "settlement_status": "negotiating"},
    ),
    (
        "headquarters_distance",
        {**RISING, "international_presence": "none"},
        {**RISING, "international_presence": "in_country_mission"},
    ),
    (
        "headquarters_distance",
        {**RUBICON, "international_presence": "envoy"},
        {**WAR, "international_presence": "envoy"},
    ),
    ("mediator_selection", RUBICON, RISING),
    (
        "mandate_renewal_hostage",
        {**RISING, **ATROCITY, "main_perpetrator": "non_state"},
        {**RISING, **ATROCITY, "main_perpetrator": "state"},
    ),
    (
        "parties_refuse_help",
        {**LATENT, "parties_accept_mediation": "no"},
        {**LATENT, "parties_accept_mediation": "some"},
    ),
    (
        "interstate_partiality",
        {**LATENT, "interstate": True, "security_council": "divided"},
        {**LATENT, "interstate": True},
    ),
    (
        "interstate_partiality",
        {**WAR, "interstate": True, "security_council": "united"},
        {**WAR, "security_council": "united"},
    ),
]
# Envoy's additions beyond the contract's minimum.
ADDITIONS = [
    (
        "role",
        "impartial_analysis",
        {**LATENT, "grievances": ["territorial_status"]},
        {**WAR, "grievances": ["territorial_status"]},
    ),
    (
        "role",
        "impartial_analysis",
        {**SETTLEMENT, "grievances": ["resources"]},
        {**SETTLEMENT, "grievances": ["resources"], "host_consent": "none"},
    ),
    ("role", "confidence_building", {**RISING, "political_dialogue": "strained"}, RISING),
    (
        "role",
        "confidence_building",
        {**SETTLEMENT, "political_dialogue": "broken_down"},
        {**LATENT, "political_dialogue": "strained"},
    ),
    (
        "role",
        "minority_security_measures",
        {**SETTLEMENT, "minority_at_risk": True},
        {**RISING, "minority_at_risk": True},
    ),
    (
        "council_tool",
        "joint_envoy",
        {**RISING, "mediation": "multiple_uncoordinated"},
        {**RISING, "mediation": "multiple_coordinated"},
    ),
    (
        "council_tool",
        "incentives_package",
        {**RUBICON, "security_council": "united"},
        {**LATENT, "security_council": "united"},
    ),
    (
        "council_tool",
        "incentives_package",
        {**WAR, "settlement_status": "negotiating", "security_council": "united"},
        {**WAR, "settlement_status": "negotiating"},
    ),
    (
        "council_tool",
        "consistent_messaging",
        {**LATENT, "mediation": "multiple_coordinated"},
        LATENT,
    ),
    (
        "council_tool",
        "consistent_messaging",
        {**LATENT, "regional_consensus": "competing"},
        {**LATENT, "regional_consensus": "united"},
    ),
    (
        "caveat",
        "deployment_needs_political_backing",
        {**RISING, **ATROCITY, "main_perpetrator": "non_state"},
        {**RISING, **ATROCITY, "main_perpetrator": "non_state", "security_council": "united"},
    ),
    (
        "caveat",
        "deployment_needs_political_backing",
        {
            **RISING,
            **ATROCITY,
            "main_perpetrator": "non_state",
            "security_council": "united",
            "external_spoilers": True,
        },
        {**RISING, "security_council": "divided"},
    ),
    (
        "caveat",
        "internationalization_fear",
        {**LATENT, "host_consent": "partial"},
        {**RISING, "host_consent": "partial"},
    ),
    (
        "caveat",
        "internationalization_fear",
        {**LATENT, "host_consent": "none", "security_council": "divided"},
        {**LATENT, "host_consent": "none", "security_council": "united"},
    ),
]
TABLES = [
    ("role", ROLES),
    ("mission_model", MISSION_MODELS),
    ("council_tool", COUNCIL_TOOLS),
    ("caveat", CAVEATS),
]
ROWS = [(kind, slug, yes, no) for kind, rows in TABLES for slug, yes, no in rows] + ADDITIONS


def _id(row) -> str:
    return row[1] if isinstance(row, tuple) else ""


@pytest.mark.parametrize(
    ("kind", "slug", "fires", "quiet"), ROWS, ids=[f"{k}:{s}" for k, s, _, _ in ROWS]
)
def test_the_row_fires_exactly_when_its_condition_holds(kind, slug, fires, quiet):
    assert slug in fired(fires, kind)
    assert slug not in fired(quiet, kind)


def spec_table_slugs(heading: str) -> list[str]:
    """The slugs in the first column of the table under a section heading of the contract."""
    text = spec.SPEC_PATH.read_text(encoding="utf-8")
    section = text.split(f"\n## {heading}", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return [re.match(r"\| `([a-z_]+)`", row).group(1) for row in rows]


needs_spec = pytest.mark.skipif(
    not spec.SPEC_PATH.exists(), reason="the contract (../shared/spec/assessment.md) is not here"
)
SECTIONS = [
    ("role", "3. Roles", spec.ROLES),
    ("mission_model", "4. Mission models", spec.MISSION_MODELS),
    ("council_tool", "6. Security Council tools", spec.COUNCIL_TOOLS),
    ("caveat", "7. Caveats", spec.CAVEATS),
]


@needs_spec
@pytest.mark.parametrize(("kind", "heading", "slugs"), SECTIONS, ids=[k for k, _, _ in SECTIONS])
def test_every_row_of_the_contracts_tables_is_exercised(kind, heading, slugs):
    in_document = spec_table_slugs(heading)
    assert in_document == slugs  # tests/spec.py reads the tables as they stand
    covered = {slug for k, slug, _, _ in ROWS if k == kind}
    assert set(in_document) <= covered


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
        # war over settlement: the agreement has failed
        ({**WAR, "settlement_status": "fragile_agreement"}, "post_rubicon", "war"),
        # v2: rubicon over settlement: the agreement's umbrella does not hide the clouds
        ({**RUBICON, "settlement_status": "consolidating"}, "rubicon", None),
        ({**RUBICON, "settlement_status": "fragile_agreement"}, "rubicon", None),
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


def test_every_addition_beyond_the_contract_is_exercised():
    added = (
        {("role", s) for s in spec.ADDED_ROLES}
        | {("council_tool", s) for s in spec.ADDED_COUNCIL_TOOLS}
        | {("caveat", s) for s in spec.ADDED_CAVEATS}
    )
    assert added == {(kind, slug) for kind, slug, _, _ in ADDITIONS}
    contract = set(spec.ROLES) | set(spec.COUNCIL_TOOLS) | set(spec.CAVEATS)
    assert not {slug for _, slug in added} & contract


@pytest.mark.parametrize("region", list(spec.CANDIDATES))
def test_regional_bodies_lead_before_the_un_only_when_united(region):
    candidates = spec.CANDIDATES[region]
    united = result({**RISING, "region": region, "regional_consensus": "united"})
    assert united.slugs("organization") == [*candidates[1:], "un"]
    assert "gcc" not in united.slugs("organization")
    for consensus in ("divided", "competing", "not_engaged"):
        split = result({**RISING, "region": region, "regional_consensus": consensus})
        assert split.slugs("organization") == ["un"]
        assert split.slugs("partner_organization")[: len(candidates) - 1] == candidates[1:]
        assert all(item.rationale for item in split.partner_organizations)


def test_a_partners_reason_says_why_it_does_not_lead():
    reasons = {
        consensus: result({**RISING, "region": "west_africa", "regional_consensus": consensus})
        .partner_organizations[0]
        .rationale
        for consensus in ("divided", "competing", "not_engaged")
    }
    assert "divided" in reasons["divided"]
    assert "compete" in reasons["competing"]
    assert "not engaged" in reasons["not_engaged"]


def test_the_gcc_is_a_partner_in_the_middle_east_never_a_lead():
    for consensus in ("united", "divided"):
        outcome = result({**RISING, "region": "middle_east", "regional_consensus": consensus})
        assert "gcc" in outcome.slugs("partner_organization")
        assert "gcc" not in outcome.slugs("organization")


def test_the_osce_high_commissioner_leads_on_minorities_in_the_osce_area_before_violence():
    minority = {**LATENT, "region": "europe", "minority_at_risk": True}
    assert result(minority).slugs("organization")[0] == "osce_hcnm"
    assert "osce_hcnm" in result(
        {**minority, "region": "caucasus", "violence_level": "spreading"}
    ).slugs("organization")
    assert "osce_hcnm" not in result({**minority, "region": "west_africa"}).slugs("organization")
    assert "osce_hcnm" not in result({**minority, **WAR, "minority_at_risk": True}).slugs(
        "organization"
    )
    grievance = {**LATENT, "region": "central_asia", "grievances": ["citizenship"]}
    assert "osce_hcnm" in result(grievance).slugs("organization")


def test_mediation_support_brings_in_hd_everywhere_and_accord_in_africa():
    asia = result({**RISING, "region": "south_asia"})
    assert "mediation_support" in asia.slugs("role")
    assert asia.slugs("partner_organization") == ["hd_centre"]
    africa = result({**RISING, "region": "east_africa", "regional_consensus": "united"})
    assert africa.slugs("partner_organization") == ["hd_centre", "accord"]
    quiet = result({**LATENT, "region": "east_africa"})
    assert "hd_centre" not in quiet.slugs("partner_organization")


def test_the_trace_says_which_facts_made_a_rule_fire():
    outcome = result(
        {**RISING, "grievances": ["governance"], "objectives_reconcilable": "uncertain"}
    )
    by_rule = {entry.rule: entry for entry in outcome.trace}
    assert by_rule["phase.rising"].because == "violence_level = spreading"
    assert by_rule["rising.direct_mediation"].because == (
        "phase = rising; objectives_reconcilable = uncertain (not no); "
        "parties_accept_mediation = unknown (not no)"
    )
    assert dict(by_rule["rising.direct_mediation"].facts) == {
        "phase": "rising",
        "objectives_reconcilable": "uncertain",
        "parties_accept_mediation": "unknown",
    }
    assert by_rule["lead.un"].because == "no condition (fallback)"


def test_a_target_recommended_by_several_rules_appears_once_with_all_of_them():
    outcome = result({**LATENT, "grievances": ["governance", "security_sector"]})
    training = [item for item in outcome.mission_models if item.slug == "training_support"]
    assert len(training) == 1
    assert training[0].rules == ("model.training_support",)
