"""The names UCDP gives countries that situations write otherwise: a new UCDP name gets
its mapping from here when an import first meets it (any other name maps to itself), and
curators correct the mapping on its page. Pure Python."""

UCDP_NAMES = {
    "Bosnia-Herzegovina": "Bosnia and Herzegovina",
    "Cambodia (Kampuchea)": "Cambodia",
    "Congo": "Republic of the Congo",
    "DR Congo (Zaire)": "Democratic Republic of the Congo",
    "Ivory Coast": "Côte d'Ivoire",
    "Kingdom of eSwatini (Swaziland)": "Eswatini",
    "Macedonia, FYR": "North Macedonia",
    "Madagascar (Malagasy)": "Madagascar",
    "Myanmar (Burma)": "Myanmar",
    "Russia (Soviet Union)": "Russia",
    "Serbia (Yugoslavia)": "Serbia",
    "Vietnam (North Vietnam)": "Vietnam",
    "Yemen (North Yemen)": "Yemen",
    "Zimbabwe (Rhodesia)": "Zimbabwe",
}


def envoy_name(ucdp_name: str) -> str:
    """The situation country a UCDP name first maps to."""
    return UCDP_NAMES.get(ucdp_name, ucdp_name)
