"""Words of the contract as the pages show them: the situation form's sections, labels and
help (written from the sources), the values' labels and the phases' names.

In English, and marked for translation: `makemessages` collects every `_()` string,
and the pages translate them when they show them (`core.labels`). Pure Python.
"""


def _(message: str) -> str:
    """Mark a message for translation (as `gettext_noop` does); it is translated where shown."""
    return message


SECTIONS = [
    (_("The situation"), ["country", "region"]),
    (
        _("Violence and trajectory"),
        [
            "violence_level",
            "recent_fatalities",
            "war_decision_imminent",
            "displacement",
            "facts_disputed",
        ],
    ),
    (
        _("Politics and settlement"),
        [
            "political_dialogue",
            "settlement_status",
            "protracted_process",
            "objectives_reconcilable",
            "grievances",
            "election_context",
        ],
    ),
    (_("Atrocity risk"), ["atrocity_risk", "main_perpetrator", "minority_at_risk"]),
    (_("The host state"), ["host_consent", "host_capacity", "staff_security"]),
    (
        _("International presence"),
        ["international_presence", "anticipatory_relationships"],
    ),
    (
        _("Coordination"),
        [
            "regional_consensus",
            "security_council",
            "mediation",
            "parties_accept_mediation",
            "external_spoilers",
        ],
    ),
    (_("Context"), ["cross_border", "interstate", "civil_society_mobilized"]),
    (_("How sure you are"), ["uncertain", "notes"]),
]

LABELS = {
    "country": _("Country or territory"),
    "region": _("Region"),
    "violence_level": _("Level of violence"),
    "recent_fatalities": _("Conflict deaths in the last 3 months"),
    "political_dialogue": _("Political dialogue between the parties"),
    "war_decision_imminent": _("Are the parties about to decide for or against war?"),
    "settlement_status": _("Settlement"),
    "grievances": _("Grievances at stake"),
    "atrocity_risk": _("Risk of atrocities"),
    "main_perpetrator": _("Who commits or threatens the abuses"),
    "host_consent": _("Host government's consent to an international presence"),
    "host_capacity": _("Government's capacity to address the tensions itself"),
    "international_presence": _("Strongest multilateral presence already there"),
    "anticipatory_relationships": _(
        "Do mission leaders already work with national and regional leaders?"
    ),
    "staff_security": _("Can international staff work safely?"),
    "regional_consensus": _("Stance of regional and subregional organizations"),
    "security_council": _("Stance of the Security Council"),
    "mediation": _("Mediation under way"),
    "objectives_reconcilable": _("Are the parties' political objectives reconcilable?"),
    "civil_society_mobilized": _(
        "Do women's, religious or other civil society groups push for peace?"
    ),
    "minority_at_risk": _("Is a national minority's position at stake?"),
    "election_context": _("Elections"),
    "external_spoilers": _("Do neighbours or outside powers back a party against a settlement?"),
    "cross_border": _("Does the tension cross borders (water, energy, refugees, armed groups)?"),
    "interstate": _("Is the dispute between states?"),
    "protracted_process": _(
        "Has a peace process or frozen conflict lasted years without resolution?"
    ),
    "parties_accept_mediation": _("Do the parties want outside help?"),
    "facts_disputed": _("Are key facts (who did what) in dispute?"),
    "displacement": _("People displaced by the tension or violence"),
    "uncertain": _("Answers you are not sure of"),
    "notes": _("Notes"),
}

HELP = {
    "violence_level": _(
        "Sporadic violence with working dialogue is still latent tension; spreading or "
        "intensifying violence marks rising tension; full-scale war is past the Rubicon."
    ),
    "war_decision_imminent": _(
        "The Rubicon moment: the parties are deciding for or against all-out war, as in Kenya "
        "early in 2008."
    ),
    "settlement_status": _(
        "A fragile agreement or one being consolidated puts the situation past the Rubicon, on "
        "the settlement track, unless full-scale war has resumed."
    ),
    "grievances": _(
        "In latent tension a mission addresses long-term grievances through advice on laws, "
        "dialogue and development."
    ),
    "atrocity_risk": _(
        "Genocide, ethnic cleansing, war crimes or crimes against humanity. Imminent or ongoing "
        "risk changes what a mission should do and what can go wrong."
    ),
    "main_perpetrator": _(
        "Persuasion through a consensual mission has limits when the state itself is the "
        "perpetrator; a preventive deployment deters non-state perpetrators."
    ),
    "host_consent": _(
        "Political missions depend on the host's consent; sovereignty concerns limit what they "
        "can do without it."
    ),
    "host_capacity": _("A weak state needs aid, but a political mission cannot direct it."),
    "international_presence": _(
        "Missions already in place, with relationships and knowledge, can act faster when a "
        "crisis breaks."
    ),
    "anticipatory_relationships": _(
        "Working ties built before a crisis let mission leaders intervene quickly when tension "
        "rises."
    ),
    "staff_security": _(
        "Insecurity has kept missions out of the countries they serve (Somalia, Iraq)."
    ),
    "regional_consensus": _(
        "When regional organizations agree, the Council can let them lead (Chapter VIII); "
        "divided or competing organizations weaken mediation (Madagascar, Libya)."
    ),
    "mediation": _("Several uncoordinated mediators let the parties shop between forums."),
    "cross_border": _(
        "Regional offices (West Africa, Central Asia, Central Africa) address tensions that "
        "cross borders."
    ),
    "interstate": _(
        "A dispute between states, such as Belize and Guatemala or Cambodia and Thailand. "
        "Council members should avoid taking sides in it; a small office on a disputed line can "
        "watch for incidents."
    ),
    "protracted_process": _(
        "A process that drags on, such as the frozen conflict over Nagorno-Karabakh, risks "
        "becoming a goal in itself; the phases of the curve were drawn for conflicts still "
        "emerging, not for frozen ones."
    ),
    "parties_accept_mediation": _(
        "At every phase a mission can facilitate a political process, but not if the parties "
        "do not want its help."
    ),
    "facts_disputed": _(
        "Inquiries help when questions of fact are in dispute: the inquiry into the Conakry "
        "killings was the turning point of the mediation in Guinea."
    ),
    "displacement": _(
        "People who fled inside the country or across a border, as hundreds of thousands of "
        "Uzbeks did in Kyrgyzstan in 2010."
    ),
    "uncertain": _(
        "Tick “Not sure” by up to five answers you are not sure of: Envoy then checks which "
        "recommendations hold whatever they turn out to be. They are kept with the assessment."
    ),
    "notes": _("Anything the fields do not capture; kept with the assessment."),
}

CHOICES = {
    "none": _("None"),
    "sporadic": _("Sporadic"),
    "spreading": _("Spreading"),
    "intensifying": _("Intensifying"),
    "full_scale_war": _("Full-scale war"),
    "functioning": _("Functioning"),
    "strained": _("Strained"),
    "broken_down": _("Broken down"),
    "negotiating": _("Being negotiated"),
    "fragile_agreement": _("Fragile agreement"),
    "consolidating": _("Being consolidated"),
    "governance": _("Governance"),
    "identity_ethnic": _("Identity or ethnicity"),
    "economic_inequality": _("Economic inequality"),
    "minority_rights": _("Minority rights"),
    "citizenship": _("Citizenship"),
    "resources": _("Natural resources"),
    "territorial_status": _("Territorial status"),
    "electoral_dispute": _("Electoral dispute"),
    "security_sector": _("Security sector"),
    "remote": _("Remote"),
    "imminent": _("Imminent"),
    "ongoing": _("Ongoing"),
    "state": _("The state"),
    "non_state": _("Non-state actors"),
    "both": _("Both"),
    "full": _("Full"),
    "partial": _("Partial"),
    "strong": _("Strong"),
    "weak": _("Weak"),
    "failing": _("Failing"),
    "envoy": _("An envoy"),
    "regional_office": _("A regional office"),
    "in_country_mission": _("A mission in the country"),
    "peacekeeping": _("Peacekeepers"),
    "permissive": _("Yes"),
    "restricted": _("With restrictions"),
    "non_permissive": _("No"),
    "united": _("United"),
    "divided": _("Divided"),
    "competing": _("Competing"),
    "not_engaged": _("Not engaged"),
    "not_seized": _("Not seized of it"),
    "single_lead": _("One lead mediator"),
    "multiple_coordinated": _("Several, coordinated"),
    "multiple_uncoordinated": _("Several, not coordinated"),
    "yes": _("Yes"),
    "uncertain": _("Uncertain"),
    "no": _("No"),
    "upcoming": _("Upcoming"),
    "disputed": _("Disputed"),
    "some": _("Some of them"),
    "unknown": _("Not known"),
    "internal": _("Inside the country"),
    "cross_border": _("Across a border"),
    "europe": _("Europe"),
    "caucasus": _("Caucasus"),
    "central_asia": _("Central Asia"),
    "west_africa": _("West Africa"),
    "central_africa": _("Central Africa"),
    "east_africa": _("East Africa"),
    "southern_africa": _("Southern Africa"),
    "north_africa": _("North Africa"),
    "middle_east": _("Middle East"),
    "south_asia": _("South Asia"),
    "southeast_asia": _("Southeast Asia"),
    "east_asia": _("East Asia"),
    "americas": _("Americas"),
    "oceania": _("Oceania"),
}

PHASE_NAMES = {
    "latent": _("Latent tension"),
    "rising": _("Rising tension"),
    "rubicon": _("At the Rubicon"),
    "post_rubicon": _("Post-Rubicon"),
}
TRACK_NAMES = {
    "war": _("Post-Rubicon: war"),
    "settlement": _("Post-Rubicon: settlement"),
}
YES, NO, NOTHING = _("Yes"), _("No"), "—"

LIST_TITLES = {  # titles of the result's lists
    "roles": _("Roles for the mission"),
    "mission_models": _("Mission models"),
    "lead_organizations": _("Organizations that can lead"),
    "partner_organizations": _("Partner organizations"),
    "council_tools": _("Security Council tools"),
    "caveats": _("What can go wrong"),
}
