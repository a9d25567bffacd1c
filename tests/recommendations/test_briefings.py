"""Briefings (Markdown, printable, Word): the key part first and short, then the rest, with the
analyst's notes, author, date, ruleset and references; what users typed is escaped."""

import io
import re

import pytest
from docx import Document

from accounts.levels import ANALYST
from recommendations.assessments.briefings import briefing_of, key_words, md
from recommendations.assessments.result_view import byline, decision_view
from recommendations.assessments.selectors import (
    assessment_body,
    catalogue_labels,
    result_references,
)
from recommendations.assessments.services import assessment_create
from tests.engine.baselines import ATROCITY, RISING, RUBICON, WAR
from tests.factories import TeamFactory, UserFactory
from tests.inputs import VALID_INPUT

pytestmark = pytest.mark.django_db
KEY_PART_MAX_WORDS = 600
# Rule slugs ("phase.rising") and field names must never be the explanation.
CODE = re.compile(
    r"\b(phase|rising|atrocity|council|caveat|key|ruled_out)\.[a-z_]+|[a-z]+_[a-z_]+ ="
)


@pytest.fixture
def analyst():
    return UserFactory(level=ANALYST, team=TeamFactory(name="Sahel desk", slug="sahel-desk"))


def assess(analyst, **changes):
    return assessment_create(user=analyst, data={**VALID_INPUT, **changes})


def view_of(assessment):
    labels = catalogue_labels()
    body = assessment_body(assessment, labels)
    return decision_view(body, labels, result_references(assessment, body), byline(assessment))


def download(client, assessment, kind):
    return client.get(f"/situations/assessments/{assessment.pk}/briefing.{kind}")


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {**RISING, **ATROCITY, "main_perpetrator": "state", "security_council": "divided"},
        {**RUBICON, "atrocity_risk": "ongoing", "main_perpetrator": "both"},
        {**WAR, "atrocity_risk": "ongoing", "main_perpetrator": "non_state"},
        {"uncertain": ["security_council", "host_consent", "atrocity_risk", "mediation"]},
    ],
    ids=["guinea", "atrocity-by-the-state", "rubicon", "war", "uncertain"],
)
def test_the_key_part_is_at_most_600_words_and_speaks_plainly(analyst, changes):
    briefing = briefing_of(view_of(assess(analyst, **changes)))
    assert key_words(briefing) <= KEY_PART_MAX_WORDS
    headings = [block.heading for block in briefing.key]
    assert headings[:2] == ["Phase", "Key actions"]
    assert {"Ruled out, and why", "What would change this assessment", "How sure"} <= set(headings)
    text = " ".join(" ".join([b.heading, *b.paragraphs, *b.items]) for b in briefing.key)
    assert not CODE.search(text), CODE.search(text)


def test_the_markdown_leads_with_the_key_part_then_the_rest_with_notes_and_references(
    client, analyst
):
    assessment = assess(analyst, notes="Met the mediator on Tuesday.")
    client.force_login(analyst)
    response = download(client, assessment, "md")
    assert response["Content-Type"].startswith("text/markdown")
    assert response["Content-Disposition"].endswith(f'-{assessment.pk}.md"')
    text = response.content.decode()
    key, rest = text.split("\n---\n", 1)
    assert key.startswith("# Briefing: Guinea\n")
    assert f"ruleset version {assessment.ruleset.version}" in key
    assert f"by {analyst.username} (Sahel desk)" in key
    assert "## Key actions\n\n1. " in key and "## How sure" in key
    assert "## All recommendations" in rest and "## Facts assessed" in rest
    assert "> Met the mediator on Tuesday." in rest
    assert "## References" in rest
    assert "Richard Gowan, Multilateral Political Missions and Preventive Diplomacy" in rest
    assert not CODE.search(text)


def test_what_users_typed_cannot_format_or_inject_into_a_briefing(client, analyst):
    country = "Evil *land* <script>alert(1)</script> [x](http://e.test)"
    notes = "# Not a heading\n- not a list\n<img src=x onerror=alert(1)>"
    assessment = assess(analyst, country=country, notes=notes)
    client.force_login(analyst)
    text = download(client, assessment, "md").content.decode()
    assert "<script" not in text and "<img" not in text
    assert "# Briefing: Evil \\*land\\* &lt;script>alert(1)&lt;/script>" in text
    assert "\\[x\\](http://e.test)" in text
    assert "> \\# Not a heading" in text and "> \\- not a list" in text
    printable = client.get(f"/situations/assessments/{assessment.pk}/briefing/").content.decode()
    assert "<script>alert(1)" not in printable and "<img src=x" not in printable
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in printable


def test_md_escapes_every_markdown_control():
    assert md("a_b*c`d[e](f)#g|h~i!j") == r"a\_b\*c\`d\[e\](f)#g\|h\~i!j"
    assert md("1. one") == r"1\. one"
    assert md("# title") == r"\# title"
    assert md("> quote") == r"\> quote"
    assert md("<b>&amp;") == "&lt;b>&amp;amp;"


def test_the_word_briefing_opens_and_holds_the_key_actions_and_references(client, analyst):
    assessment = assess(analyst, **{**RISING, **ATROCITY, "main_perpetrator": "state"})
    client.force_login(analyst)
    response = download(client, assessment, "docx")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    document = Document(io.BytesIO(response.content))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    texts = [text for _style, text in paragraphs]
    assert texts[0] == "Briefing: Testland"
    view = view_of(assessment)
    first = view["key_actions"][0]
    assert first["slug"] == "perpetrator_dissuasion"
    numbered = [text for style, text in paragraphs if style == "List Number"]
    assert numbered[0].startswith(f"{first['name']} (Role): ")
    assert [t for t in texts if t.startswith("Protective civilian presence")], "ruled out"
    start = texts.index("References")
    assert any("Richard Gowan" in t for t in texts[start:])
    assert document.core_properties.title == "Briefing: Testland"
