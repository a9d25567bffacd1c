"""The interface is translated to French, completely, and the compiled catalogue is current."""

import ast
import gettext
from pathlib import Path

import pytest
from django.utils import translation

PO = Path(__file__).resolve().parents[2] / "locale" / "fr" / "LC_MESSAGES" / "django.po"


def po_entries() -> list[dict]:
    """Each message of the catalogue: msgid, its translations, and whether it is fuzzy."""
    entries, current, key = [], None, None
    for line in [*PO.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if current:
                entries.append(current)
            current, key = None, None
            continue
        current = current or {"msgid": "", "msgstr": [], "fuzzy": False}
        if line.startswith("#,") and "fuzzy" in line:
            current["fuzzy"] = True
        elif line.startswith("msgid "):
            key = "msgid"
            current["msgid"] = ast.literal_eval(line[6:])
        elif line.startswith("msgstr"):
            key = "msgstr"
            current["msgstr"].append(ast.literal_eval(line.split(" ", 1)[1]))
        elif line.startswith('"') and key == "msgid":
            current["msgid"] += ast.literal_eval(line)
        elif line.startswith('"') and key == "msgstr":
            current["msgstr"][-1] += ast.literal_eval(line)
    return [e for e in entries if e["msgid"]]


def test_every_message_is_translated_and_none_is_fuzzy():
    entries = po_entries()
    assert len(entries) > 300
    assert [e["msgid"] for e in entries if e["fuzzy"] or not all(e["msgstr"])] == []


def test_the_compiled_catalogue_holds_every_translation():
    with open(PO.with_suffix(".mo"), "rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    missing = [
        e["msgid"]
        for e in po_entries()
        if compiled.gettext(e["msgid"]) != e["msgstr"][0] and "\x00" not in e["msgid"]
    ]
    plural = [e for e in po_entries() if len(e["msgstr"]) > 1]
    assert [m for m in missing if m not in {e["msgid"] for e in plural}] == []


@pytest.mark.parametrize(
    ("english", "french"),
    [("Case library", "Bibliothèque de cas"), ("Rising tension", "Montée des tensions")],
)
def test_the_interface_speaks_french(english, french):
    with translation.override("fr"):
        assert translation.gettext(english) == french
