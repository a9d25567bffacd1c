"""The public contract, v2 (../shared/spec/assessment.md), written out independently of the app.

The tests compare the product against this: the slugs it must carry, the phase table and
every row of the tables of sections 3 to 7, read literally. `tests/spec_v1.py` keeps the v1
tables, which the v1 reference ruleset must still follow.
"""

from __future__ import annotations

from tests import spec_v1

SPEC_PATH = spec_v1.SPEC_PATH

PHASES = spec_v1.PHASES
ROLES = [
    *spec_v1.ROLES,
    "sustained_mediation",
    "relapse_warning",
    "perpetrator_dissuasion",
    "mandate_adjustment",
    "regional_office_good_offices",
    "mediation_support",
    "civil_society_engagement",
    "displacement_response",
]
MISSION_MODELS = spec_v1.MISSION_MODELS
ORGANIZATIONS = [*spec_v1.ORGANIZATIONS, "osce_hcnm"]
COUNCIL_TOOLS = [
    *spec_v1.COUNCIL_TOOLS,
    "sg_good_offices",
    "hrc_inquiry",
    "icc_referral_warning",
    "council_visiting_mission",
    "persuade_neighbours",
    "peacebuilding_commission",
]
CAVEATS = [
    *spec_v1.CAVEATS,
    "umbrella_hides_clouds",
    "coercion_narrows_mediation_space",
    "justice_deferred",
    "deferred_issues",
    "self_perpetuating_process",
    "headquarters_distance",
    "mediator_selection",
    "mandate_renewal_hostage",
    "parties_refuse_help",
    "interstate_partiality",
]
# Envoy's additions beyond the contract's minimum (each cited in fixtures/, tested here): they
# come after the contract's rows in each list.
ADDED_ROLES = ["impartial_analysis", "confidence_building", "minority_security_measures"]
ADDED_COUNCIL_TOOLS = ["joint_envoy", "incentives_package", "consistent_messaging"]
ADDED_CAVEATS = ["deployment_needs_political_backing", "internationalization_fear"]
# Section 5: the candidates of each region, the UN first as in the table.
CANDIDATES = {
    "europe": ["un", "osce", "eu"],
    "caucasus": ["un", "osce", "eu"],
    "central_asia": ["un", "osce", "eu"],
    "west_africa": ["un", "au", "ecowas"],
    "central_africa": ["un", "au"],
    "southern_africa": ["un", "au"],
    "east_africa": ["un", "au", "igad"],
    "north_africa": ["un", "au", "arab_league"],
    "middle_east": ["un", "arab_league"],
    "southeast_asia": ["un", "asean"],
    "americas": ["un", "oas"],
    "south_asia": ["un"],
    "east_asia": ["un"],
    "oceania": ["un"],
}
AFRICA = {"west_africa", "central_africa", "southern_africa", "east_africa", "north_africa"}
OSCE_AREA = {"europe", "caucasus", "central_asia"}


def phase_of(facts: dict) -> tuple[str, str | None]:
    """Section 2 (v2): (phase, track), precedence war > rubicon > settlement > rising > latent."""
    if facts["violence_level"] == "full_scale_war":
        return "post_rubicon", "war"
    if facts["war_decision_imminent"]:
        return "rubicon", None
    if facts["settlement_status"] in ("fragile_agreement", "consolidating"):
        return "post_rubicon", "settlement"
    if facts["violence_level"] in ("spreading", "intensifying"):
        return "rising", None
    if facts["political_dialogue"] == "broken_down":
        return "rising", None
    return "latent", None


def _v2(facts: dict) -> dict:
    """The input with the v2 fields' defaults where absent (a v1 input is a v2 input)."""
    return {
        "interstate": False,
        "protracted_process": False,
        "parties_accept_mediation": "unknown",
        "facts_disputed": False,
        "displacement": "none",
        **facts,
    }


def expected(facts: dict) -> dict[str, list[str]]:
    """Sections 2-7 of v2, read literally: what must be recommended for these facts.

    Returns phase, track and the slugs of each list, each list in the spec's table order
    (lead organizations: the OSCE High Commissioner, the united regional bodies, then the UN).
    """
    f = _v2(facts)
    phase, track = phase_of(f)
    latent, rising, rubicon = phase == "latent", phase == "rising", phase == "rubicon"
    war = phase == "post_rubicon" and track == "war"
    settlement = phase == "post_rubicon" and track == "settlement"
    atrocity = f["atrocity_risk"] in ("imminent", "ongoing")
    g = set(f["grievances"])
    presence = f["international_presence"]
    council = f["security_council"]
    perpetrator = f["main_perpetrator"]
    mediation_wanted = f["parties_accept_mediation"] != "no"
    reconcilable = f["objectives_reconcilable"] != "no"

    models = [
        slug
        for slug, fires in [
            ("mediation_good_offices", rising or war),
            ("special_envoy", rubicon),
            (
                "monitoring_verification",
                settlement
                or (f["interstate"] and "territorial_status" in g and (latent or rising)),
            ),
            (
                "training_support",
                (
                    (latent and bool(g & {"governance", "security_sector"}))
                    or (settlement and "security_sector" in g)
                )
                and not (atrocity and perpetrator in ("state", "both")),
            ),
            (
                "regional_office",
                presence != "regional_office"
                and not war
                and (
                    f["cross_border"]
                    or f["region"] in ("west_africa", "central_africa", "central_asia")
                ),
            ),
            (
                "preventive_deployment",
                not war
                and (
                    f["host_consent"] == "full"
                    or (
                        f["host_consent"] == "partial"
                        and presence in ("in_country_mission", "peacekeeping")
                    )
                )
                and (
                    (atrocity and perpetrator == "non_state")
                    or (f["cross_border"] and f["external_spoilers"])
                    or (
                        f["election_context"] in ("upcoming", "disputed")
                        and presence == "peacekeeping"
                    )
                ),
            ),
        ]
        if fires
    ]

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
                    f["minority_at_risk"]
                    or bool(g & {"identity_ethnic", "minority_rights", "citizenship"})
                ),
            ),
            ("early_warning", latent or rising),
            ("regional_dialogue", (latent or rising) and f["cross_border"]),
            ("direct_mediation", rising and reconcilable and mediation_wanted),
            ("diplomatic_coordination", rising or rubicon),
            ("technical_expertise", rising),
            (
                "election_support",
                (latent or rising or settlement)
                and f["election_context"] in ("upcoming", "disputed"),
            ),
            ("human_rights_monitoring", atrocity),
            ("lead_mediator_support", rubicon),
            ("atrocity_reporting", atrocity and (rubicon or war)),
            (
                "protective_presence",
                atrocity
                and not latent
                and f["host_consent"] != "none"
                and perpetrator != "state"
                and f["staff_security"] != "non_permissive",
            ),
            ("violence_mitigation", war),
            ("channel_keeping", war),
            ("humanitarian_facilitation", war),
            ("victim_assistance", war and f["atrocity_risk"] == "ongoing"),
            ("implementation_support", settlement),
            ("agreement_monitoring", settlement),
            ("security_sector_support", settlement and "security_sector" in g),
            (
                "sustained_mediation",
                phase == "post_rubicon"
                and f["settlement_status"] in ("negotiating", "fragile_agreement")
                and reconcilable
                and mediation_wanted,
            ),
            (
                "relapse_warning",
                settlement
                and (
                    f["violence_level"] != "none"
                    or f["political_dialogue"] != "functioning"
                    or f["external_spoilers"]
                ),
            ),
            ("perpetrator_dissuasion", atrocity and perpetrator != "none"),
            (
                "mandate_adjustment",
                atrocity and presence in ("regional_office", "in_country_mission", "peacekeeping"),
            ),
            ("regional_office_good_offices", (rising or rubicon) and presence == "regional_office"),
        ]
        if fires
    ]
    mediating = bool(
        {"direct_mediation", "sustained_mediation", "lead_mediator_support"} & set(roles)
    )
    if mediating or "special_envoy" in models:
        roles.append("mediation_support")
    if f["civil_society_mobilized"] and not war:
        roles.append("civil_society_engagement")
    if f["displacement"] != "none":
        roles.append("displacement_response")
    roles += [
        slug
        for slug, fires in [
            (
                "impartial_analysis",
                not war
                and bool(g & {"territorial_status", "resources"})
                and f["host_consent"] != "none",
            ),
            (
                "confidence_building",
                (rising or settlement) and f["political_dialogue"] != "functioning",
            ),
            ("minority_security_measures", settlement and f["minority_at_risk"]),
        ]
        if fires
    ]

    regional = CANDIDATES[f["region"]][1:]
    united = f["regional_consensus"] == "united"
    hcnm = (
        f["region"] in OSCE_AREA
        and (latent or rising)
        and (
            f["minority_at_risk"] or bool(g & {"minority_rights", "identity_ethnic", "citizenship"})
        )
    )
    leads = (["osce_hcnm"] if hcnm else []) + (regional if united else []) + ["un"]
    partners = [] if united else list(regional)
    if f["region"] == "middle_east":
        partners.append("gcc")
    if "mediation_support" in roles:
        partners.append("hd_centre")
        if f["region"] in AFRICA:
            partners.append("accord")

    tools = [
        slug
        for slug, fires in [
            (
                "commission_of_inquiry",
                council != "divided"
                and (
                    f["atrocity_risk"] == "ongoing"
                    or (f["facts_disputed"] and f["violence_level"] not in ("none", "sporadic"))
                ),
            ),
            (
                "targeted_sanctions",
                not latent
                and (f["objectives_reconcilable"] == "no" or f["external_spoilers"])
                and council == "united",
            ),
            ("informal_dialogue", council in ("not_seized", "divided")),
            ("regional_lead", united),
            (
                "group_of_friends",
                f["external_spoilers"] or f["mediation"] == "multiple_uncoordinated",
            ),
            ("council_statement", (rising or rubicon) and council == "united"),
            ("sg_good_offices", council in ("not_seized", "divided") and (rising or rubicon)),
            ("hrc_inquiry", atrocity and council == "divided"),
            (
                "icc_referral_warning",
                f["atrocity_risk"] == "ongoing" and perpetrator != "none" and council == "united",
            ),
            (
                "council_visiting_mission",
                council == "united"
                and (rising or (war and f["settlement_status"] == "negotiating")),
            ),
            ("persuade_neighbours", f["external_spoilers"]),
            ("peacebuilding_commission", settlement and f["settlement_status"] == "consolidating"),
            # Envoy's additions
            ("joint_envoy", f["mediation"] == "multiple_uncoordinated"),
            (
                "incentives_package",
                council == "united"
                and (rising or rubicon or f["settlement_status"] == "negotiating"),
            ),
            (
                "consistent_messaging",
                f["mediation"] in ("multiple_coordinated", "multiple_uncoordinated")
                or f["regional_consensus"] in ("divided", "competing"),
            ),
        ]
        if fires
    ]

    state_perpetrator = perpetrator in ("state", "both") and atrocity
    caveats = [
        slug
        for slug, fires in [
            ("supporting_actor_only", latent),
            ("warnings_unheeded", "early_warning" in roles),
            ("not_aid_director", latent and f["host_capacity"] in ("weak", "failing")),
            (
                "escalation_overtakes_mission",
                latent
                and (f["violence_level"] == "sporadic" or f["political_dialogue"] == "strained"),
            ),
            (
                "staff_security_limits",
                f["staff_security"] == "non_permissive"
                or (f["staff_security"] == "restricted" and not latent),
            ),
            ("impartiality_risk", f["election_context"] == "disputed" or atrocity),
            (
                "needs_anticipatory_relationships",
                (rising or rubicon) and not f["anticipatory_relationships"],
            ),
            ("depends_on_partners", rising),
            ("monitors_alone_insufficient", rubicon),
            ("formal_mission_too_slow", rubicon),
            ("combatant_cooperation_required", war),
            ("settlement_needs_cooperation", settlement),
            ("consent_and_sovereignty", f["host_consent"] in ("none", "partial")),
            ("regime_perpetrator_limits", state_perpetrator),
            ("cover_for_repression", state_perpetrator),
            ("protection_over_settlement", atrocity),
            ("objectives_irreconcilable", f["objectives_reconcilable"] == "no"),
            ("deterrence_credibility", "preventive_deployment" in models),
            ("deployment_moral_hazard", "preventive_deployment" in models),
            (
                "mandate_overload",
                len(roles) >= 6 and presence in ("none", "envoy", "regional_office"),
            ),
            ("startup_delays", presence == "none" and not latent),
            (
                "technical_support_needs_politics",
                "training_support" in models or "security_sector_support" in roles,
            ),
            ("forum_shopping", f["mediation"] == "multiple_uncoordinated"),
            ("regional_competition", f["regional_consensus"] in ("divided", "competing")),
            ("council_division", council == "divided"),
            ("external_spoilers", f["external_spoilers"]),
            ("minorities_overlooked", f["minority_at_risk"] and f["settlement_status"] != "none"),
            (
                "limited_leverage",
                presence in ("none", "envoy")
                and phase in ("rubicon", "post_rubicon")
                and council != "united",
            ),
            ("morning_after", phase == "post_rubicon" and not f["protracted_process"]),
            (
                "umbrella_hides_clouds",
                f["settlement_status"] in ("negotiating", "fragile_agreement")
                and (f["war_decision_imminent"] or f["external_spoilers"]),
            ),
            (
                "coercion_narrows_mediation_space",
                bool({"targeted_sanctions", "icc_referral_warning"} & set(tools))
                and f["mediation"] != "none",
            ),
            (
                "justice_deferred",
                f["settlement_status"] != "none" and f["atrocity_risk"] != "none",
            ),
            ("deferred_issues", settlement and bool(g & {"territorial_status", "resources"})),
            (
                "self_perpetuating_process",
                f["protracted_process"]
                and f["settlement_status"] in ("negotiating", "fragile_agreement"),
            ),
            ("headquarters_distance", presence in ("none", "envoy") and (rising or rubicon)),
            (
                "mediator_selection",
                "special_envoy" in models or "lead_mediator_support" in roles,
            ),
            ("mandate_renewal_hostage", "preventive_deployment" in models),
            ("parties_refuse_help", f["parties_accept_mediation"] == "no"),
            ("interstate_partiality", f["interstate"] and council != "not_seized"),
            # Envoy's additions
            (
                "deployment_needs_political_backing",
                "preventive_deployment" in models
                and (council != "united" or f["external_spoilers"]),
            ),
            (
                "internationalization_fear",
                latent
                and f["host_consent"] != "full"
                and bool({"informal_dialogue", "council_statement"} & set(tools)),
            ),
        ]
        if fires
    ]

    return {
        "phase": phase,
        "track": track,
        "roles": roles,
        "mission_models": models,
        "lead_organizations": leads,
        "partner_organizations": partners,
        "council_tools": tools,
        "caveats": caveats,
    }


def ruled_out(facts: dict) -> set[tuple[str, str]]:
    """Section 8.1's table: what the situation rules out, (kind, slug), read literally (each
    item's own condition without its v2 clause, and the reason)."""
    f = _v2(facts)
    phase, track = phase_of(f)
    latent, rising = phase == "latent", phase == "rising"
    settlement = phase == "post_rubicon" and track == "settlement"
    atrocity = f["atrocity_risk"] in ("imminent", "ongoing")
    g = set(f["grievances"])
    out = set()
    presence = atrocity and not latent and f["host_consent"] != "none"
    if presence and (f["main_perpetrator"] == "state" or f["staff_security"] == "non_permissive"):
        out.add(("role", "protective_presence"))
    if (
        not latent
        and (f["objectives_reconcilable"] == "no" or f["external_spoilers"])
        and f["security_council"] != "united"
    ):
        out.add(("council_tool", "targeted_sanctions"))
    if f["security_council"] == "divided" and (
        f["atrocity_risk"] == "ongoing"
        or (f["facts_disputed"] and f["violence_level"] not in ("none", "sporadic"))
    ):
        out.add(("council_tool", "commission_of_inquiry"))
    trains = (latent and bool(g & {"governance", "security_sector"})) or (
        settlement and "security_sector" in g
    )
    if trains and atrocity and f["main_perpetrator"] in ("state", "both"):
        out.add(("mission_model", "training_support"))
    reconcilable = f["objectives_reconcilable"] != "no"
    if f["parties_accept_mediation"] == "no" and reconcilable:
        if rising:
            out.add(("role", "direct_mediation"))
        if phase == "post_rubicon" and f["settlement_status"] in (
            "negotiating",
            "fragile_agreement",
        ):
            out.add(("role", "sustained_mediation"))
    if f["regional_consensus"] != "united":
        out |= {("organization", slug) for slug in CANDIDATES[f["region"]][1:]}
    return out
