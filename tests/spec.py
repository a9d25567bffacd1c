"""The public contract (../shared/spec/assessment.md), written out independently of the app.

The tests compare the product against this: the slugs it must carry, and the phase table.
"""

from __future__ import annotations

from pathlib import Path

SPEC_PATH = Path(__file__).resolve().parent.parent.parent / "shared" / "spec" / "assessment.md"

PHASES = ["latent", "rising", "rubicon", "post_rubicon"]
ROLES = [
    "legal_framework_advice", "grievance_dialogue", "development_advice", "minority_reassurance",
    "early_warning", "regional_dialogue", "direct_mediation", "diplomatic_coordination",
    "technical_expertise", "election_support", "human_rights_monitoring", "lead_mediator_support",
    "atrocity_reporting", "protective_presence", "violence_mitigation", "channel_keeping",
    "humanitarian_facilitation", "victim_assistance", "implementation_support",
    "agreement_monitoring", "security_sector_support",
]
MISSION_MODELS = [
    "mediation_good_offices", "special_envoy", "monitoring_verification", "training_support",
    "regional_office", "preventive_deployment",
]
ORGANIZATIONS = [
    "un", "osce", "eu", "au", "ecowas", "oas", "igad", "asean", "arab_league", "gcc", "nato",
    "hd_centre", "accord",
]
COUNCIL_TOOLS = [
    "commission_of_inquiry", "targeted_sanctions", "informal_dialogue", "regional_lead",
    "group_of_friends", "council_statement",
]
CAVEATS = [
    "supporting_actor_only", "warnings_unheeded", "not_aid_director",
    "escalation_overtakes_mission", "staff_security_limits", "impartiality_risk",
    "needs_anticipatory_relationships", "depends_on_partners", "monitors_alone_insufficient",
    "formal_mission_too_slow", "combatant_cooperation_required", "settlement_needs_cooperation",
    "consent_and_sovereignty", "regime_perpetrator_limits", "cover_for_repression",
    "protection_over_settlement", "objectives_irreconcilable", "deterrence_credibility",
    "deployment_moral_hazard", "mandate_overload", "startup_delays",
    "technical_support_needs_politics", "forum_shopping", "regional_competition",
    "council_division", "external_spoilers", "minorities_overlooked", "limited_leverage",
    "morning_after",
]
LEAD_ORGANIZATIONS = {
    "europe": ["un", "osce", "eu"],
    "caucasus": ["un", "osce", "eu"],
    "central_asia": ["un", "osce"],
    "west_africa": ["un", "au", "ecowas"],
    "central_africa": ["un", "au"],
    "southern_africa": ["un", "au"],
    "east_africa": ["un", "au", "igad"],
    "north_africa": ["un", "au", "arab_league"],
    "middle_east": ["un", "arab_league", "gcc"],
    "southeast_asia": ["un", "asean"],
    "americas": ["un", "oas"],
    "south_asia": ["un"],
    "east_asia": ["un"],
    "oceania": ["un"],
}


def phase_of(facts: dict) -> tuple[str, str | None]:
    """Spec section 2: (phase, track), precedence settlement > war > rubicon > rising > latent."""
    war = facts["violence_level"] == "full_scale_war"
    if facts["settlement_status"] in ("fragile_agreement", "consolidating") and not war:
        return "post_rubicon", "settlement"
    if war:
        return "post_rubicon", "war"
    if facts["war_decision_imminent"]:
        return "rubicon", None
    if facts["violence_level"] in ("spreading", "intensifying"):
        return "rising", None
    if facts["political_dialogue"] == "broken_down":
        return "rising", None
    return "latent", None
