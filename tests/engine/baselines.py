"""Inputs of the v2 contract that the engine tests start from: a calm baseline in each phase
(and an atrocity risk to add); an example changes only what it is about."""

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
    "interstate": False,
    "protracted_process": False,
    "parties_accept_mediation": "unknown",
    "facts_disputed": False,
    "displacement": "none",
    "uncertain": [],
    "notes": None,
}
LATENT = BASE
RISING = {**BASE, "violence_level": "spreading"}
RUBICON = {**BASE, "war_decision_imminent": True, "violence_level": "intensifying"}
WAR = {**BASE, "violence_level": "full_scale_war"}
SETTLEMENT = {**BASE, "settlement_status": "fragile_agreement", "violence_level": "sporadic"}
ATROCITY = {"atrocity_risk": "imminent"}
