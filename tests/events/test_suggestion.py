"""What event data suggest for a situation: the deaths of the country's events over the 3
months up to the day (best, with low and high), the violence level they give by UCDP's
thresholds scaled to the window, and where it all comes from."""

from datetime import date

import pytest
from django.test import override_settings

from events.models import CountryMapping
from events.selectors import event_suggestion, months_before, violence_band, window_of
from events.services import event_import_start
from recommendations.models import TaskRun
from tests.ged import sample_bytes
from tests.helpers import run_on_commit

END_OF_Q1 = date(2024, 3, 31)


@pytest.fixture
def sample(curator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("GEDEvent_v25_1.csv", sample_bytes())
    with run_on_commit():
        run = event_import_start(user=curator.user, upload=upload)
    run.refresh_from_db()
    assert run.state == TaskRun.State.SUCCEEDED, run.error


@pytest.mark.parametrize(
    ("day", "months", "before"),
    [
        (date(2025, 3, 31), 3, date(2024, 12, 31)),
        (date(2025, 5, 31), 3, date(2025, 2, 28)),
        (date(2024, 5, 31), 3, date(2024, 2, 29)),
        (date(2025, 1, 15), 1, date(2024, 12, 15)),
        (date(2025, 1, 15), 12, date(2024, 1, 15)),
    ],
)
def test_months_before_keeps_the_date_or_takes_the_months_last_day(day, months, before):
    assert months_before(day, months) == before


def test_the_window_is_the_three_months_up_to_and_including_the_day():
    assert window_of(END_OF_Q1, 3) == (date(2024, 1, 1), date(2024, 3, 31))
    assert window_of(date(2024, 5, 31), 3) == (date(2024, 3, 1), date(2024, 5, 31))


@pytest.mark.parametrize(
    ("deaths", "previous", "level"),
    [
        (0, 0, "none"),
        (0, 500, "none"),
        (1, 0, "sporadic"),
        (6, 0, "sporadic"),  # under 25 a year: 6.25 in 3 months
        (7, 0, "intensifying"),  # an armed conflict where there was none
        (7, 4, "spreading"),  # less than twice the 4 before
        (8, 4, "intensifying"),  # twice the 4 before
        (249, 200, "spreading"),
        (249, 100, "intensifying"),
        (250, 1000, "full_scale_war"),  # 1,000 a year: 250 in 3 months
        (5000, 0, "full_scale_war"),
    ],
)
def test_the_violence_level_bands(deaths, previous, level):
    assert violence_band(deaths, previous, 3) == level


def test_the_bands_scale_with_the_window():
    assert violence_band(24, 0, 12) == "sporadic"
    assert violence_band(25, 30, 12) == "spreading"
    assert violence_band(999, 600, 12) == "spreading"
    assert violence_band(1000, 600, 12) == "full_scale_war"
    assert violence_band(83, 10, 1) == "intensifying"
    assert violence_band(84, 100, 1) == "full_scale_war"


@override_settings(EVENT_CONFLICT_DEATHS_A_YEAR=100, EVENT_WAR_DEATHS_A_YEAR=2000)
def test_the_thresholds_come_from_the_settings():
    assert violence_band(20, 0, 3) == "sporadic"
    assert violence_band(300, 200, 3) == "spreading"
    assert violence_band(500, 200, 3) == "full_scale_war"


@pytest.mark.django_db
def test_the_suggestion_for_a_country_whose_ucdp_name_differs(sample):
    found = event_suggestion("Democratic Republic of the Congo", END_OF_Q1)
    assert found is not None
    assert found.ucdp_names == ("DR Congo (Zaire)",)
    assert (found.window_start, found.window_end) == (date(2024, 1, 1), END_OF_Q1)
    assert (found.event_count, found.best, found.low, found.high) == (7, 127, 120, 158)
    assert found.previous_best == 7
    assert found.violence_level == "intensifying"
    assert found.datasets == ("UCDP GED 25.1",)
    assert found.covered_to == date(2024, 3, 29) and found.partial
    assert found.events_url == (
        "/events/?country=Democratic+Republic+of+the+Congo&start=2024-01-01&end=2024-03-31"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("country", "best", "level"),
    [
        ("Sudan", 440, "full_scale_war"),
        ("ukraine", 291, "full_scale_war"),
        ("Myanmar", 40, "spreading"),  # 25 in the months before: not twice as many
        ("Mali", 34, "intensifying"),
        ("  Côte  d'Ivoire ", 0, "none"),  # its events are from 2011
    ],
)
def test_the_suggestion_of_each_country_of_the_sample(sample, country, best, level):
    found = event_suggestion(country, END_OF_Q1)
    assert (found.best, found.violence_level) == (best, level)


@pytest.mark.django_db
def test_a_country_no_ucdp_name_maps_to_gets_zero_and_says_so(sample):
    found = event_suggestion("Atlantis", END_OF_Q1)
    assert found.ucdp_names == () and found.best == 0 and found.violence_level == "none"


@pytest.mark.django_db
def test_no_suggestion_without_data_for_the_window(sample):
    assert event_suggestion("Sudan", date(2024, 12, 31)) is None  # the data end in March
    assert event_suggestion("", END_OF_Q1) is None


@pytest.mark.django_db
def test_no_suggestion_before_any_dataset_is_stored():
    assert event_suggestion("Sudan", END_OF_Q1) is None


@pytest.mark.django_db
def test_correcting_the_mapping_changes_what_a_country_reads(sample):
    CountryMapping.objects.filter(ucdp_name="Myanmar (Burma)").update(envoy_name="Burma")
    assert event_suggestion("Myanmar", END_OF_Q1).best == 0
    assert event_suggestion("Burma", END_OF_Q1).best == 40


@pytest.mark.django_db
def test_the_suggestion_api_answers_with_the_provenance(sample, viewer):
    url = "/api/v1/events/suggestion/"
    body = viewer.client.get(url, {"country": "Sudan", "on": "2024-03-31"}).json()
    suggestion = body["suggestion"]
    assert suggestion["best"] == 440 and suggestion["violence_level"] == "full_scale_war"
    assert suggestion["event_count"] == 6 and suggestion["datasets"] == ["UCDP GED 25.1"]
    assert suggestion["partly_covered"] is True
    assert viewer.client.get(url, {"country": "Sudan", "on": "2030-01-01"}).json() == {
        "suggestion": None
    }
    assert viewer.client.get(url).status_code == 400
