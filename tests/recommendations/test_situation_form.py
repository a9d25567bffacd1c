"""The situation form: a "Not sure" box by each answer, no region chosen for the analyst, and
errors a screen reader reads (one announced summary that links to each answer, descriptions
that exist, optional questions marked)."""

import re

import pytest

from contract.fields import FIELDS, UNCERTAIN_CHOICES
from recommendations.models import Assessment
from tests.helpers import Page, situation_form_data

pytestmark = pytest.mark.django_db

NEW = "/situations/new/"
QUESTIONS = [f.name for f in FIELDS if f.name not in ("situation", "uncertain")]
REQUIRED = [f.name for f in FIELDS if f.required]
SIX = [
    "violence_level",
    "settlement_status",
    "host_consent",
    "mediation",
    "interstate",
    "cross_border",
]


def question(html: str, name: str) -> str:
    """The markup of one question's block on the page."""
    start = html.index(f'id="field-{name}"')
    following = html.find('<div class="field', start)
    return html[start : following if following != -1 else len(html)]


def post(client, **changes):
    """Post the valid Guinea answers with changes (a value of None leaves the answer out)."""
    data = situation_form_data()
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return client.post(NEW, data)


# "Not sure" by each answer


def test_each_answer_that_may_be_uncertain_has_its_own_not_sure_box(signed_in):
    html = signed_in.get(NEW).content.decode()
    for name in UNCERTAIN_CHOICES:
        block = question(html, name)
        assert f'type="checkbox" name="uncertain" value="{name}" id="id_uncertain_{name}"' in block
        assert "Not sure" in block
    for name in ("country", "region", "recent_fatalities", "grievances", "notes"):
        assert 'name="uncertain"' not in question(html, name)
    # The separate list of checkboxes is gone: one box per answer, nowhere else.
    assert html.count('name="uncertain"') == len(UNCERTAIN_CHOICES)


def test_the_not_sure_boxes_post_the_contracts_uncertain_list(signed_in):
    response = post(signed_in, uncertain=["security_council", "mediation", "displacement"])
    assert response.status_code == 302
    stored = Assessment.objects.get().input
    assert stored["uncertain"] == ["security_council", "mediation", "displacement"]


def test_no_box_ticked_stores_an_empty_uncertain_list(signed_in):
    assert post(signed_in).status_code == 302
    assert Assessment.objects.get().input["uncertain"] == []


def test_a_sixth_not_sure_answer_is_refused_at_the_top_and_by_each_box(signed_in):
    response = post(signed_in, uncertain=SIX)
    assert response.status_code == 200
    assert not Assessment.objects.exists()
    html = response.content.decode()
    message = "Mark at most 5 answers as not sure (6 are marked)."
    summary = html[html.index('id="form-errors"') : html.index("</ul>", html.index("form-errors"))]
    assert f'<a href="#id_uncertain_violence_level">Answers you are not sure of</a>: {message}' in (
        summary
    )
    page = Page(html)
    for name in SIX:
        (box,) = page.having("id", f"id_uncertain_{name}")
        assert "checked" in box and box["aria-invalid"] == "true"
        assert box["aria-describedby"] == f"id_uncertain_{name}_error"
        assert f'id="id_uncertain_{name}_error"><span class="visually-hidden">Error: </span>' in (
            question(html, name)
        )
        assert message in question(html, name)


def test_a_reassessment_starts_with_the_same_answers_marked_not_sure(signed_in):
    post(signed_in, uncertain=["atrocity_risk", "cross_border"])
    first = Assessment.objects.get()
    page = Page(signed_in.get(f"{NEW}?from={first.pk}").content.decode())
    ticked = [a["value"] for a in page.having("name", "uncertain") if "checked" in a]
    assert ticked == ["atrocity_risk", "cross_border"]


# The region


def test_the_region_starts_blank_with_choose_a_region(signed_in):
    html = question(signed_in.get(NEW).content.decode(), "region")
    assert re.search(r'<select name="region"[^>]* required', html)
    first_option = html[html.index("<option") : html.index("</option>")]
    assert first_option == '<option value="" selected>Choose a region'


@pytest.mark.parametrize("region", [None, ""])
def test_a_forgotten_region_is_an_error_and_nothing_is_stored(signed_in, region):
    response = post(signed_in, region=region)
    assert response.status_code == 200
    assert not Assessment.objects.exists()
    html = response.content.decode()
    assert '<a href="#id_region">Region</a>: Choose a region.' in html
    assert 'id="id_region_error"><span class="visually-hidden">Error: </span>Choose a region.' in (
        question(html, "region")
    )


# Accessible errors


def failed_pages(client) -> dict[str, str]:
    """The form after each kind of failed submit, and before any."""
    long_name = {"country": "x" * 130, "recent_fatalities": "-5", "notes": "n" * 10_001}
    return {
        "blank": client.get(NEW).content.decode(),
        "empty": client.post(NEW, {}).content.decode(),
        "faults": post(client, **long_name, uncertain=SIX, region=None).content.decode(),
        "not a number": post(client, recent_fatalities="many").content.decode(),
        "contradictions": post(
            client, violence_level="none", recent_fatalities="5000", main_perpetrator="none",
            atrocity_risk="ongoing",
        ).content.decode(),
    }  # fmt: skip


def test_every_id_the_page_describes_a_field_with_exists(signed_in):
    for name, html in failed_pages(signed_in).items():
        page = Page(html)
        ids = page.ids()
        described = page.having("aria-describedby")
        assert described, name
        missing = [
            (attrs.get("id") or attrs.get("name"), ref)
            for attrs in [*described, *page.having("aria-labelledby")]
            for ref in (
                attrs.get("aria-describedby", "") + " " + attrs.get("aria-labelledby", "")
            ).split()
            if ref not in ids
        ]
        assert missing == [], name


def test_each_kind_of_widget_is_described_by_its_help_and_its_error(signed_in):
    page = Page(signed_in.post(NEW, {"notes": "n" * 10_001}).content.decode())
    html_ids = page.ids()
    (country,) = page.having("id", "id_country")  # a text input
    assert country["aria-describedby"] == "id_country_error"
    (region,) = page.having("id", "id_region")  # a select
    assert region["aria-describedby"] == "id_region_error"
    (notes,) = page.having("id", "id_notes")  # a textarea, with help
    assert notes["aria-describedby"] == "id_notes_helptext id_notes_error"
    (group,) = [  # a group of radio buttons, in its fieldset
        a for a in page.having("aria-describedby") if "id_violence_level_" in a["aria-describedby"]
    ]
    assert group == {
        "class": "choices",
        "aria-describedby": "id_violence_level_helptext id_violence_level_error",
    }
    assert {"id_notes_helptext", "id_notes_error", "id_violence_level_error"} <= html_ids


def test_one_summary_is_announced_and_links_each_missing_answer_by_its_question(signed_in):
    html = signed_in.post(NEW, {}).content.decode()
    page = Page(html)
    assert page.having("role", "alert") == [
        {
            "class": "error-summary",
            "id": "form-errors",
            "role": "alert",
            "tabindex": "-1",
            "aria-labelledby": "form-errors-title",
        }
    ]
    assert html.index('id="form-errors"') < html.index('id="field-country"')
    summary = html[html.index('id="form-errors"') :].split("</ul>")[0]
    links = re.findall(r'<li><a href="#([^"]+)">([^<]+)</a>: ([^<]+)</li>', summary)
    assert len(links) == len(REQUIRED)
    ids = page.ids()
    assert all(anchor in ids for anchor, _label, _message in links)
    assert links[0] == ("id_country", "Country or territory", "Enter the country or territory.")
    assert ("id_violence_level_0", "Level of violence", "Choose an answer.") in links
    assert (
        "id_war_decision_imminent_0",
        "Are the parties about to decide for or against war?",
        "Choose an answer.",
    ) in links
    assert "This field is required." not in html


def test_a_summary_link_goes_to_the_chosen_option_of_a_group(signed_in):
    html = post(signed_in, violence_level="none", recent_fatalities="40").content.decode()
    assert '<a href="#id_violence_level_0">Level of violence</a>' in html  # "none" is first
    html = post(signed_in, violence_level="sporadic", recent_fatalities="4000").content.decode()
    assert '<a href="#id_violence_level_1">Level of violence</a>' in html


def test_a_country_name_too_long_is_kept_and_said_so_not_cut(signed_in):
    assert "maxlength" not in question(signed_in.get(NEW).content.decode(), "country")
    response = post(signed_in, country="x" * 130)
    assert not Assessment.objects.exists()
    block = question(response.content.decode(), "country")
    assert 'value="' + "x" * 130 + '"' in block
    assert "Shorten the name to at most 100 characters (it has 130)." in block


def test_a_number_of_deaths_that_is_no_number_says_what_to_enter(signed_in):
    for typed, message in [
        ("many", "Enter a whole number of deaths, such as 150, or leave it blank."),
        ("-5", "The number of deaths cannot be negative: enter 0 or more."),
    ]:
        html = post(signed_in, recent_fatalities=typed).content.decode()
        assert message in question(html, "recent_fatalities")
    assert not Assessment.objects.exists()


def test_the_optional_questions_are_marked_and_a_key_explains_the_marker(signed_in):
    html = signed_in.get(NEW).content.decode()
    assert "Every question needs an answer except those marked “(optional)”." in html
    assert html.index('class="form-key"') < html.index('id="field-country"')
    for name in QUESTIONS:
        block = question(html, name)
        label = re.search(r"<(legend|label[^>]*)>(.*?)</(legend|label)>", block, re.S).group(2)
        if name in REQUIRED:
            assert "(optional)" not in label, name
            assert re.search(rf'name="{name}"[^>]* required', block), name  # read out as such
        else:
            assert label.endswith('<span class="optional">(optional)</span>'), name


def test_the_summary_is_focused_by_a_static_script(signed_in):
    html = signed_in.post(NEW, {}).content.decode()
    assert '<script src="/static/situation-form.js" defer></script>' in html
    assert "<script>" not in html and "onload" not in html
