"""A complete, valid v1 assessment input (a Guinea-like rising crisis), for tests and benchmarks."""

VALID_INPUT = {
    "country": "Guinea",
    "region": "west_africa",
    "violence_level": "spreading",
    "recent_fatalities": 150,
    "political_dialogue": "strained",
    "war_decision_imminent": False,
    "settlement_status": "none",
    "grievances": ["governance", "electoral_dispute"],
    "atrocity_risk": "remote",
    "main_perpetrator": "state",
    "host_consent": "partial",
    "host_capacity": "weak",
    "international_presence": "regional_office",
    "anticipatory_relationships": True,
    "staff_security": "restricted",
    "regional_consensus": "united",
    "security_council": "united",
    "mediation": "single_lead",
    "objectives_reconcilable": "yes",
    "civil_society_mobilized": True,
    "minority_at_risk": False,
    "election_context": "upcoming",
    "external_spoilers": False,
    "cross_border": False,
    "notes": "",
}


def random_facts(rng) -> dict:
    """Random valid facts of the v1 contract (every enumerated value equally likely), from a
    `random.Random`; no country, situation or notes."""
    from contract.fields import FIELDS

    facts = {}
    for field in FIELDS:
        if field.kind == "enum":
            facts[field.name] = rng.choice(field.choices)
        elif field.kind == "bool":
            facts[field.name] = rng.random() < 0.5
        elif field.kind == "list":
            facts[field.name] = rng.sample(field.choices, rng.randint(0, 3))
        elif field.kind == "int":
            facts[field.name] = rng.choice([None, rng.randint(0, 5000)])
    return facts


def random_input(rng, country: str = "Guinea") -> dict:
    """A random valid v1 input."""
    return {**random_facts(rng), "country": country, "notes": ""}
