"""The analyst pages: the situation form, explained results, trajectories and comparisons."""

import pytest

from recommendations.models import Assessment
from tests.helpers import situation_form_data
from tests.inputs import VALID_INPUT

pytestmark = pytest.mark.django_db


def test_the_form_has_sections_labels_and_help(signed_in):
    html = signed_in.get("/situations/new/").content.decode()
    for section in (
        "Violence and trajectory",
        "Politics and settlement",
        "Atrocity risk",
        "The host state",
        "International presence",
        "Coordination",
        "Context",
    ):
        assert f"<legend>{section}</legend>" in html
    assert 'type="radio" name="war_decision_imminent"' in html
    assert 'type="checkbox" name="grievances"' in html
    assert "Rubicon moment" in html


def test_submitting_the_form_stores_and_shows_the_explained_result(signed_in):
    response = signed_in.post("/situations/new/", situation_form_data(), follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assessment = Assessment.objects.get()
    assert response.redirect_chain[-1][0] == f"/situations/assessments/{assessment.pk}/"
    assert "Rising tension" in html
    assert "<strong>Rising tension</strong>, because violence is spreading." in html
    # plain words: no rule slug or field name is the explanation
    assert "rising.direct_mediation" not in html and "fired because" not in html
    assert "violence_level" not in html
    assert "Gowan 2011" in html and "/catalogue/sources/gowan-2011/" in html
    assert "/library/guinea-2009/" in html


def test_a_field_error_is_shown_inline_and_keeps_what_was_typed(signed_in):
    data = situation_form_data(country="Testland", recent_fatalities=-5)
    del data["region"]
    response = signed_in.post("/situations/new/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_region_error"' in html and 'id="id_recent_fatalities_error"' in html
    assert 'value="Testland"' in html
    assert not Assessment.objects.exists()


def test_a_reassessment_starts_from_the_last_one_and_joins_its_situation(signed_in):
    signed_in.post("/situations/new/", situation_form_data())
    first = Assessment.objects.get()
    page = signed_in.get(f"/situations/new/?from={first.pk}").content.decode()
    assert 'value="Guinea"' in page and "Starting from the assessment" in page
    signed_in.post(
        "/situations/new/",
        {**situation_form_data(violence_level="full_scale_war"), "situation": first.situation_id},
    )
    assert Assessment.objects.filter(situation=first.situation).count() == 2


def test_the_situation_page_draws_the_trajectory_and_compares(signed_in):
    signed_in.post(
        "/situations/new/", situation_form_data(violence_level="none", recent_fatalities=0)
    )
    signed_in.post("/situations/new/", situation_form_data(violence_level="full_scale_war"))
    first, second = Assessment.objects.order_by("created")
    page = signed_in.get(f"/situations/{first.situation_id}/").content.decode()
    assert "<svg" in page and "trajectory-line" in page
    assert "Post-Rubicon: war" in page
    compare = signed_in.get(
        f"/situations/{first.situation_id}/compare/?before={first.pk}&after={second.pk}"
    ).content.decode()
    assert "Level of violence" in compare and "Full-scale war" in compare
    assert "+ Limiting the violence" in compare


def test_the_briefing_prints_and_downloads_as_markdown(signed_in):
    signed_in.post("/situations/new/", situation_form_data())
    assessment = Assessment.objects.get()
    assert signed_in.get(f"/situations/assessments/{assessment.pk}/briefing/").status_code == 200
    markdown = signed_in.get(f"/situations/assessments/{assessment.pk}/briefing.md")
    assert markdown["Content-Type"].startswith("text/markdown")
    assert "attachment" in markdown["Content-Disposition"]
    text = markdown.content.decode()
    assert text.startswith("# Briefing: Guinea") and "## Key actions" in text
    assert "Rising tension, because violence is spreading." in text


def test_viewers_read_but_may_not_assess(client, viewer, analyst):
    analyst.client.post("/api/v1/assessments/", VALID_INPUT, format="json")
    assessment = Assessment.objects.get()
    client.force_login(viewer.user)
    assert client.get("/situations/").status_code == 200
    assert client.get(f"/situations/assessments/{assessment.pk}/").status_code == 200
    assert client.get("/situations/new/").status_code == 403
    assert "New assessment" not in client.get("/situations/").content.decode()


def test_another_team_gets_404_and_the_anonymous_sign_in(client, analyst, outsider):
    analyst.client.post("/api/v1/assessments/", VALID_INPUT, format="json")
    assessment = Assessment.objects.get()
    client.force_login(outsider.user)
    assert client.get(f"/situations/assessments/{assessment.pk}/").status_code == 404
    assert client.get(f"/situations/{assessment.situation_id}/").status_code == 404
    client.logout()
    response = client.get("/situations/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
