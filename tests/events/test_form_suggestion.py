"""The situation form suggests the deaths and the level of violence of the country's last 3
months from event data, says where they come from, and saves nothing before the analyst has
seen them; the analyst uses each suggestion or keeps their own answer, and the assessment
records which."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from events.models import EventSuggestion
from events.services import event_import_start
from recommendations.models import Assessment
from tests.ged import ged_csv, ged_row
from tests.helpers import Page, run_on_commit, situation_form_data

pytestmark = pytest.mark.django_db
NEW = "/situations/new/"


@pytest.fixture
def recent_events(curator):
    """Sudan: 50 deaths in the last 3 months (3 events), 100 in the 3 months before."""
    today = timezone.localdate()
    rows = [
        ged_row(1, today - timedelta(days=10), 30),
        ged_row(2, today - timedelta(days=40), 15),
        ged_row(3, today - timedelta(days=70), 5),
        ged_row(4, today - timedelta(days=120), 100),
        ged_row(5, today - timedelta(days=10), 900, country="Mali", country_id=432),
    ]
    upload = SimpleUploadedFile("GEDEvent_v26_0_1.csv", ged_csv(rows))
    with run_on_commit():
        event_import_start(user=curator.user, upload=upload)


def shown_token(html: str) -> str:
    (field,) = Page(html).having("name", "event_suggestion_shown")
    return field["value"]


def test_the_form_shows_the_suggestion_with_its_provenance(signed_in, recent_events):
    html = signed_in.get(NEW, {"country": "Sudan"}).content.decode()
    assert "Event data suggest 50" in html and "(between 44 and 65)" in html
    assert "Event data suggest “Spreading”" in html
    assert "3 events from" in html and "UCDP GED 26.0.1" in html
    start = (timezone.localdate() - timedelta(days=92)).isoformat()[:7]
    assert f"start={start}" in html  # the link to the events counted
    assert 'name="use_event_fatalities"' in html and 'name="use_event_violence_level"' in html


def test_the_link_lists_the_events_the_suggestion_counted(signed_in, recent_events):
    html = signed_in.get(NEW, {"country": "Sudan"}).content.decode()
    (link,) = {a["href"] for a in Page(html).having("href") if a["href"].startswith("/events/?")}
    listing = signed_in.get(link).content.decode()
    assert "3 events, 50 deaths (between 44 and 65)." in listing


def test_nothing_is_saved_before_the_analyst_has_seen_the_suggestion(signed_in, recent_events):
    response = signed_in.post(NEW, situation_form_data(country="Sudan"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Event data for this country" in html and "Nothing has been saved yet" in html
    assert not Assessment.objects.exists()


def test_the_analyst_uses_both_suggestions_and_the_assessment_records_them(
    signed_in, recent_events
):
    token = shown_token(signed_in.get(NEW, {"country": "Sudan"}).content.decode())
    data = situation_form_data(
        country="Sudan", violence_level="intensifying", recent_fatalities=999
    )
    data |= {
        "event_suggestion_shown": token,
        "use_event_fatalities": "on",
        "use_event_violence_level": "on",
    }
    response = signed_in.post(NEW, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assessment = Assessment.objects.get()
    assert assessment.input["recent_fatalities"] == 50
    assert assessment.input["violence_level"] == "spreading"
    record = EventSuggestion.objects.get(assessment=assessment)
    today = timezone.localdate()
    assert record.window_end == today and record.window_start > today - timedelta(days=93)
    assert (record.event_count, record.fatalities, record.violence_level) == (3, 50, "spreading")
    assert (record.fatalities_low, record.fatalities_high) == (44, 65)
    assert record.datasets == ["UCDP GED 26.0.1"] and record.countries == ["Sudan"]
    assert record.used_fatalities and record.used_violence_level


def test_the_analyst_overrides_and_the_assessment_records_the_suggestion_unused(
    signed_in, recent_events
):
    token = shown_token(signed_in.get(NEW, {"country": "Sudan"}).content.decode())
    data = situation_form_data(country="Sudan", violence_level="intensifying")
    data |= {"event_suggestion_shown": token, "use_event_fatalities": "on"}
    assert signed_in.post(NEW, data).status_code == 302
    assessment = Assessment.objects.get()
    assert assessment.input["violence_level"] == "intensifying"
    assert assessment.input["recent_fatalities"] == 50
    record = assessment.event_suggestion
    assert record.used_fatalities and not record.used_violence_level


def test_a_suggestion_for_another_country_is_not_used(signed_in, recent_events):
    token = shown_token(signed_in.get(NEW, {"country": "Sudan"}).content.decode())
    data = situation_form_data(country="Mali", violence_level="sporadic")
    data |= {"event_suggestion_shown": token, "use_event_violence_level": "on"}
    response = signed_in.post(NEW, data)
    assert response.status_code == 200 and not Assessment.objects.exists()
    html = response.content.decode()
    assert "The event data or the country changed since the page was shown" in html
    assert "Event data suggest 900" in html
    assert "Event data suggest “Full-scale war”" in html


def test_without_event_data_the_form_saves_as_before(signed_in):
    response = signed_in.post(NEW, situation_form_data())
    assert response.status_code == 302
    assert not EventSuggestion.objects.exists()


def test_a_reassessment_starts_with_the_suggestion_of_its_country(signed_in, recent_events):
    first = signed_in.post(NEW, situation_form_data(country="Sudan"))
    token = shown_token(first.content.decode())
    data = situation_form_data(country="Sudan") | {"event_suggestion_shown": token}
    assert signed_in.post(NEW, data).status_code == 302
    again = signed_in.get(NEW, {"from": Assessment.objects.get().pk}).content.decode()
    assert "Event data suggest 50" in again
