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

# Why a rule applied, in plain words: one phrase per answer (field=value), read after
# "because". Derived facts (the phase, the track, what is already recommended) have their own.
FACT_PHRASES = {
    "violence_level=none": _("there is no violence"),
    "violence_level=sporadic": _("violence is sporadic"),
    "violence_level=spreading": _("violence is spreading"),
    "violence_level=intensifying": _("violence is intensifying"),
    "violence_level=full_scale_war": _("full-scale war is under way"),
    "political_dialogue=functioning": _("political dialogue between the parties works"),
    "political_dialogue=strained": _("political dialogue between the parties is strained"),
    "political_dialogue=broken_down": _("political dialogue between the parties has broken down"),
    "war_decision_imminent=true": _("the parties are about to decide for or against war"),
    "war_decision_imminent=false": _("no decision for or against war is imminent"),
    "settlement_status=none": _("there is no settlement"),
    "settlement_status=negotiating": _("a settlement is being negotiated"),
    "settlement_status=fragile_agreement": _("a fragile agreement is in place"),
    "settlement_status=consolidating": _("a settlement is being consolidated"),
    "atrocity_risk=none": _("there is no risk of atrocities"),
    "atrocity_risk=remote": _("the risk of atrocities is remote"),
    "atrocity_risk=imminent": _("atrocities are imminent"),
    "atrocity_risk=ongoing": _("atrocities are under way"),
    "main_perpetrator=none": _("no one commits or threatens abuses"),
    "main_perpetrator=state": _("the state commits or threatens the abuses"),
    "main_perpetrator=non_state": _("non-state actors commit or threaten the abuses"),
    "main_perpetrator=both": _("both the state and non-state actors commit or threaten abuses"),
    "host_consent=full": _("the host government consents to an international presence"),
    "host_consent=partial": _("the host government consents only in part"),
    "host_consent=none": _("the host government refuses an international presence"),
    "host_capacity=strong": _("the government can address the tensions itself"),
    "host_capacity=weak": _("the government's capacity is weak"),
    "host_capacity=failing": _("the state is failing"),
    "international_presence=none": _("there is no multilateral presence yet"),
    "international_presence=envoy": _("an envoy is already engaged"),
    "international_presence=regional_office": _("a regional office already covers the country"),
    "international_presence=in_country_mission": _("a mission is already in the country"),
    "international_presence=peacekeeping": _("peacekeepers are already deployed"),
    "anticipatory_relationships=true": _(
        "mission leaders already work with national and regional leaders"
    ),
    "anticipatory_relationships=false": _(
        "mission leaders have no working ties with national and regional leaders yet"
    ),
    "staff_security=permissive": _("international staff can work safely"),
    "staff_security=restricted": _("international staff work under restrictions"),
    "staff_security=non_permissive": _("international staff cannot work safely"),
    "regional_consensus=united": _("regional organizations are united"),
    "regional_consensus=divided": _("regional organizations are divided"),
    "regional_consensus=competing": _("regional organizations compete"),
    "regional_consensus=not_engaged": _("regional organizations are not engaged"),
    "security_council=united": _("the Security Council is united"),
    "security_council=divided": _("the Security Council is divided"),
    "security_council=not_seized": _("the Security Council is not seized of the situation"),
    "mediation=none": _("no mediation is under way"),
    "mediation=single_lead": _("one mediator leads"),
    "mediation=multiple_coordinated": _("several mediators work in coordination"),
    "mediation=multiple_uncoordinated": _("several mediators work without coordination"),
    "objectives_reconcilable=yes": _("the parties' objectives can be reconciled"),
    "objectives_reconcilable=uncertain": _(
        "it is uncertain whether the parties' objectives can be reconciled"
    ),
    "objectives_reconcilable=no": _("the parties' objectives cannot be reconciled"),
    "civil_society_mobilized=true": _("civil society groups push for peace"),
    "civil_society_mobilized=false": _("civil society groups do not push for peace"),
    "minority_at_risk=true": _("a national minority's position is at stake"),
    "minority_at_risk=false": _("no national minority's position is at stake"),
    "election_context=none": _("no election is near"),
    "election_context=upcoming": _("elections are coming"),
    "election_context=disputed": _("an election is disputed"),
    "external_spoilers=true": _("neighbours or outside powers back a party against a settlement"),
    "external_spoilers=false": _("no outside power backs a party against a settlement"),
    "cross_border=true": _("the tension crosses borders"),
    "cross_border=false": _("the tension stays within the country"),
    "interstate=true": _("the dispute is between states"),
    "interstate=false": _("the dispute is not between states"),
    "protracted_process=true": _("a peace process or frozen conflict has lasted years"),
    "protracted_process=false": _("the process has not dragged on for years"),
    "parties_accept_mediation=yes": _("the parties want outside help"),
    "parties_accept_mediation=some": _("some of the parties want outside help"),
    "parties_accept_mediation=no": _("the parties do not want outside help"),
    "parties_accept_mediation=unknown": _("it is not known whether the parties want outside help"),
    "facts_disputed=true": _("key facts are in dispute"),
    "facts_disputed=false": _("the key facts are not in dispute"),
    "displacement=none": _("no one has been displaced"),
    "displacement=internal": _("people have been displaced inside the country"),
    "displacement=cross_border": _("people have fled across a border"),
    "phase=latent": _("tension is latent"),
    "phase=rising": _("tension is rising"),
    "phase=rubicon": _("the parties are at the Rubicon"),
    "phase=post_rubicon": _("the conflict is past the Rubicon"),
    "track=war": _("the parties have gone to war"),
    "track=settlement": _("a settlement has been reached"),
    "track=none": _("the conflict has not passed the Rubicon"),
}
# Phrases with a value in them: {region}, {grievance}, {grievances}, {count}, {name}.
VALUE_PHRASES = {
    "region": _("the situation is in {region}"),
    "grievances_include": _("{grievance} is among the grievances at stake"),
    "grievances_are": _("the grievances at stake are: {grievances}"),
    "grievances_none": _("no grievance is at stake"),
    "grievance_added": _("{grievance} becomes a grievance at stake"),
    "grievance_removed": _("{grievance} is no longer at stake"),
    "recent_fatalities": _("{count} conflict deaths in the last 3 months"),
    "recent_fatalities_unknown": _("the number of recent deaths is not known"),
    "role_count": _("{count} roles are recommended"),
    "roles_include": _("{name} is among the recommended roles"),
    "mission_models_include": _("{name} is among the recommended mission models"),
    "council_tools_include": _("{name} is among the recommended Council tools"),
    "caveats_include": _("the caveat {name} applies"),
    "lead_organizations_include": _("{name} can lead"),
    "partner_organizations_include": _("{name} is a partner"),
    "list_include": _("{name} is already in the assessment"),
    "always": _("it applies in every situation"),
}
# What a rule does, by its kind, in plain words ({name}: the item it concerns).
RULE_EFFECTS = {
    "phase": _("Places the situation at {name}"),
    "ruled_out_role": _("Rules out the role {name}"),
    "ruled_out_mission_model": _("Rules out the mission model {name}"),
    "ruled_out_organization": _("Rules out {name} as a lead"),
    "ruled_out_council_tool": _("Rules out the Council tool {name}"),
    "mission_model": _("Recommends the mission model {name}"),
    "role": _("Recommends the role {name}"),
    "organization": _("Proposes {name} as a lead"),
    "partner_organization": _("Proposes {name} as a partner"),
    "council_tool": _("Recommends the Council tool {name}"),
    "caveat": _("Warns: {name}"),
    "key_mission_model": _("Puts the mission model {name} first"),
    "key_role": _("Puts the role {name} first"),
    "key_council_tool": _("Puts the Council tool {name} first"),
    "key_caveat": _("Puts the caveat {name} first"),
}
# The kinds of item, as a reader names them.
ITEM_KIND_NAMES = {
    "role": _("Role"),
    "mission_model": _("Mission model"),
    "organization": _("Organization"),
    "council_tool": _("Security Council tool"),
    "caveat": _("Caveat"),
}
TREND_NAMES = {  # a situation's direction since its previous assessment
    "deteriorated": _("Deteriorated"),
    "improved": _("Improved"),
    "unchanged": _("Unchanged"),
}
TREND_DRIVER_NAMES = {  # what drove it, as "violence: sporadic → spreading"
    "phase": _("phase"),
    "atrocity_risk": _("risk of atrocities"),
    "violence_level": _("violence"),
    "war_decision_imminent": _("decision for or against war"),
    "political_dialogue": _("political dialogue"),
}
WAR_DECISION_WORDS = {True: _("imminent"), False: _("not imminent")}
