"""The public contract (../shared/spec/assessment.md), written out independently of the app.

The tests compare the product against this: the slugs it must carry, and the phase table.
"""

from __future__ import annotations

from pathlib import Path

SPEC_PATH = Path(__file__).resolve().parent.parent.parent / "shared" / "spec" / "assessment.md"

PHASES = ["latent", "rising", "rubicon", "post_rubicon"]
ROLES = [
    "legal_framework_advice",
    "grievance_dialogue",
    "development_advice",
    "minority_reassurance",
    "early_warning",
    "regional_dialogue",
    "direct_mediation",
    "diplomatic_coordination",
    "technical_expertise",
    "election_support",
    "human_rights_monitoring",
    "lead_mediator_support",
    "atrocity_reporting",
    "protective_presence",
    "violence_mitigation",
    "channel_keeping",
    "humanitarian_facilitation",
    "victim_assistance",
    "implementation_support",
    "agreement_monitoring",
    "security_sector_support",
]
MISSION_MODELS = [
    "mediation_good_offices",
    "special_envoy",
    "monitoring_verification",
    "training_support",
    "regional_office",
    "preventive_deployment",
]
ORGANIZATIONS = [
    "un",
    "osce",
    "eu",
    "au",
    "ecowas",
    "oas",
    "igad",
    "asean",
    "arab_league",
    "gcc",
    "nato",
    "hd_centre",
    "accord",
]
COUNCIL_TOOLS = [
    "commission_of_inquiry",
    "targeted_sanctions",
    "informal_dialogue",
    "regional_lead",
    "group_of_friends",
    "council_statement",
]
CAVEATS = [
    "supporting_actor_only",
    "warnings_unheeded",
    "not_aid_director",
    "escalation_overtakes_mission",
    "staff_security_limits",
    "impartiality_risk",
    "needs_anticipatory_relationships",
    "depends_on_partners",
    "monitors_alone_insufficient",
    "formal_mission_too_slow",
    "combatant_cooperation_required",
    "settlement_needs_cooperation",
    "consent_and_sovereignty",
    "regime_perpetrator_limits",
    "cover_for_repression",
    "protection_over_settlement",
    "objectives_irreconcilable",
    "deterrence_credibility",
    "deployment_moral_hazard",
    "mandate_overload",
    "startup_delays",
    "technical_support_needs_politics",
    "forum_shopping",
    "regional_competition",
    "council_division",
    "external_spoilers",
    "minorities_overlooked",
    "limited_leverage",
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


def expected(facts: dict) -> dict[str, list[str]]:
    """Spec sections 2-7, read literally: what must be recommended for these facts.

    Returns phase, track and the slugs of each list, each list in the spec's table order.
    """
    phase, track = phase_of(facts)
    latent, rising, rubicon = phase == "latent", phase == "rising", phase == "rubicon"
    war = phase == "post_rubicon" and track == "war"
    settlement = phase == "post_rubicon" and track == "settlement"
    atrocity = facts["atrocity_risk"] in ("imminent", "ongoing")
    g = set(facts["grievances"])

    roles = [
        slug
        for slug, fires in [
            ("legal_framework_advice", latent),
            ("grievance_dialogue", latent),
            ("development_advice", latent and bool(g & {"economic_inequality", "resources"})),
            (
                "minority_reassurance",
                latent
                and (
                    facts["minority_at_risk"]
                    or bool(g & {"identity_ethnic", "minority_rights", "citizenship"})
                ),
            ),
            ("early_warning", latent or rising),
            ("regional_dialogue", (latent or rising) and facts["cross_border"]),
            ("direct_mediation", rising and facts["objectives_reconcilable"] != "no"),
            ("diplomatic_coordination", rising or rubicon),
            ("technical_expertise", rising),
            (
                "election_support",
                (latent or rising) and facts["election_context"] in ("upcoming", "disputed"),
            ),
            ("human_rights_monitoring", atrocity),
            ("lead_mediator_support", rubicon),
            ("atrocity_reporting", atrocity and (rubicon or war)),
            ("protective_presence", atrocity and not latent and facts["host_consent"] != "none"),
            ("violence_mitigation", war),
            ("channel_keeping", war),
            ("humanitarian_facilitation", war),
            ("victim_assistance", war and facts["atrocity_risk"] == "ongoing"),
            ("implementation_support", settlement),
            ("agreement_monitoring", settlement),
            ("security_sector_support", settlement and "security_sector" in g),
        ]
        if fires
    ]

    models = [
        slug
        for slug, fires in [
            ("mediation_good_offices", rising or war),
            ("special_envoy", rubicon),
            ("monitoring_verification", settlement),
            (
                "training_support",
                (latent and bool(g & {"governance", "security_sector"}))
                or (settlement and "security_sector" in g),
            ),
            (
                "regional_office",
                facts["cross_border"]
                or (
                    latent and facts["region"] in ("west_africa", "central_africa", "central_asia")
                ),
            ),
            (
                "preventive_deployment",
                atrocity
                and facts["main_perpetrator"] == "non_state"
                and facts["host_consent"] == "full",
            ),
        ]
        if fires
    ]

    tools = [
        slug
        for slug, fires in [
            (
                "commission_of_inquiry",
                facts["atrocity_risk"] == "ongoing"
                or (
                    facts["election_context"] == "disputed"
                    and facts["violence_level"] not in ("none", "sporadic")
                ),
            ),
            (
                "targeted_sanctions",
                not latent
                and (facts["objectives_reconcilable"] == "no" or facts["external_spoilers"]),
            ),
            ("informal_dialogue", facts["security_council"] == "not_seized"),
            ("regional_lead", facts["regional_consensus"] == "united"),
            (
                "group_of_friends",
                facts["external_spoilers"] or facts["mediation"] == "multiple_uncoordinated",
            ),
            ("council_statement", (rising or rubicon) and facts["security_council"] == "united"),
        ]
        if fires
    ]

    state_perpetrator = facts["main_perpetrator"] in ("state", "both") and atrocity
    caveats = [
        slug
        for slug, fires in [
            ("supporting_actor_only", latent),
            ("warnings_unheeded", "early_warning" in roles),
            ("not_aid_director", latent and facts["host_capacity"] in ("weak", "failing")),
            (
                "escalation_overtakes_mission",
                latent
                and (
                    facts["violence_level"] == "sporadic"
                    or facts["political_dialogue"] == "strained"
                ),
            ),
            (
                "staff_security_limits",
                facts["staff_security"] == "non_permissive"
                or (facts["staff_security"] == "restricted" and not latent),
            ),
            ("impartiality_risk", facts["election_context"] == "disputed" or atrocity),
            (
                "needs_anticipatory_relationships",
                (rising or rubicon) and not facts["anticipatory_relationships"],
            ),
            ("depends_on_partners", rising),
            ("monitors_alone_insufficient", rubicon),
            ("formal_mission_too_slow", rubicon),
            ("combatant_cooperation_required", war),
            ("settlement_needs_cooperation", settlement),
            ("consent_and_sovereignty", facts["host_consent"] in ("none", "partial")),
            ("regime_perpetrator_limits", state_perpetrator),
            ("cover_for_repression", state_perpetrator),
            ("protection_over_settlement", atrocity),
            ("objectives_irreconcilable", facts["objectives_reconcilable"] == "no"),
            ("deterrence_credibility", "preventive_deployment" in models),
            ("deployment_moral_hazard", "preventive_deployment" in models),
            ("mandate_overload", len(roles) >= 6),
            ("startup_delays", facts["international_presence"] == "none" and not latent),
            (
                "technical_support_needs_politics",
                "training_support" in models or "security_sector_support" in roles,
            ),
            ("forum_shopping", facts["mediation"] == "multiple_uncoordinated"),
            ("regional_competition", facts["regional_consensus"] in ("divided", "competing")),
            ("council_division", facts["security_council"] == "divided"),
            ("external_spoilers", facts["external_spoilers"]),
            (
                "minorities_overlooked",
                facts["minority_at_risk"] and facts["settlement_status"] != "none",
            ),
            (
                "limited_leverage",
                facts["international_presence"] in ("none", "envoy")
                and phase in ("rubicon", "post_rubicon"),
            ),
            ("morning_after", phase == "post_rubicon"),
        ]
        if fires
    ]

    return {
        "phase": phase,
        "track": track,
        "roles": roles,
        "mission_models": models,
        "lead_organizations": LEAD_ORGANIZATIONS[facts["region"]],
        "council_tools": tools,
        "caveats": caveats,
    }
