"""Reads of event data: the events of a country over a window, and what they suggest for
an assessment's deaths and violence level.

The suggestion for a situation's country, on a day:
1. The UCDP names mapped to the country (the mapping is case-blind on the situation side).
2. The window: the EVENT_WINDOW_MONTHS months up to the day, from the day after the same
   date that many months before (3 months up to 2025-03-31: 2025-01-01 to 2025-03-31); the
   previous window is as long and ends the day before.
3. The events that began in either window, summed in one query: the deaths (`best`, with
   `low` and `high`), the events counted, the datasets they come from.
4. The violence level (`violence_band`) from the window's deaths and the previous window's.
There is no suggestion before the first dataset is stored, or when every dataset ends
before the window starts; one that covers the window only in part says so.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, Max, Q, QuerySet, Sum
from django.db.models.functions import Lower
from django.urls import reverse

from events.models import CountryMapping, Event, EventDataset

SUMS = ("n", "deaths", "deaths_low", "deaths_high", "before")


def months_before(day: date, months: int) -> date:
    """The same date `months` months earlier (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def window_of(day: date, months: int | None = None) -> tuple[date, date]:
    """The `months` months up to and including `day`."""
    months = months or settings.EVENT_WINDOW_MONTHS
    return months_before(day, months) + timedelta(days=1), day


def violence_band(deaths: int, previous: int, months: int | None = None) -> str:
    """The violence level that `deaths` over `months` months suggest, `previous` being the
    deaths of the months before. UCDP counts an armed conflict from 25 deaths in a year and
    a war from 1,000; both are scaled to the window (25 x 3/12 = 6.25 and 250 for 3 months):

    - none: no death;
    - sporadic: fewer than the conflict threshold;
    - full_scale_war: at least the war threshold;
    - intensifying: between the two, and at least EVENT_INTENSIFYING_RATIO times the
      previous window's deaths;
    - spreading: between the two otherwise.
    """
    months = months or settings.EVENT_WINDOW_MONTHS
    scale = months / 12
    if deaths <= 0:
        return "none"
    if deaths < settings.EVENT_CONFLICT_DEATHS_A_YEAR * scale:
        return "sporadic"
    if deaths >= settings.EVENT_WAR_DEATHS_A_YEAR * scale:
        return "full_scale_war"
    if deaths >= settings.EVENT_INTENSIFYING_RATIO * previous:
        return "intensifying"
    return "spreading"


@dataclass(frozen=True)
class Suggestion:
    """What the event data say of a country over a window, and where it comes from."""

    country: str
    ucdp_names: tuple[str, ...]
    window_start: date
    window_end: date
    event_count: int
    best: int
    low: int
    high: int
    previous_best: int
    violence_level: str
    datasets: tuple[str, ...]
    covered_to: date

    @property
    def partial(self) -> bool:
        """The data end before the window does."""
        return self.covered_to < self.window_end

    @property
    def events_url(self) -> str:
        query = {
            "country": self.country,
            "start": self.window_start.isoformat(),
            "end": self.window_end.isoformat(),
        }
        return f"{reverse('event-list')}?{urlencode(query)}"

    @property
    def shown(self) -> str:
        """A token of what the form showed, to tell when the data changed since."""
        names = ",".join(self.datasets)
        parts = (self.country.lower(), self.window_end, self.event_count, self.best, self.low)
        return "|".join(map(str, (*parts, self.high, self.violence_level, names)))


def ucdp_names_of(country: str) -> list[str]:
    """The UCDP country names mapped to a situation's country."""
    wanted = " ".join(country.split()).lower()
    return list(
        CountryMapping.objects.alias(lower=Lower("envoy_name"))
        .filter(lower=wanted)
        .order_by("ucdp_name")
        .values_list("ucdp_name", flat=True)
    )


def event_suggestion(country: str, on: date) -> Suggestion | None:
    """The suggestion for a situation's country on a day (steps in the module's docstring)."""
    country = " ".join(country.split())
    covered_to = EventDataset.objects.aggregate(last=Max("covers_to"))["last"]
    months = settings.EVENT_WINDOW_MONTHS
    start, end = window_of(on, months)
    if not country or covered_to is None or covered_to < start:
        return None
    names = ucdp_names_of(country)
    previous_start = window_of(start - timedelta(days=1), months)[0]
    now = Q(date_start__gte=start)
    rows = (
        Event.objects.filter(country__in=names, date_start__range=(previous_start, end))
        .values("dataset__name")
        .annotate(
            n=Count("pk", filter=now),
            deaths=Sum("best", filter=now),
            deaths_low=Sum("low", filter=now),
            deaths_high=Sum("high", filter=now),
            before=Sum("best", filter=~now),
        )
        .order_by("dataset__name")
    )
    totals: dict[str, Any] = dict.fromkeys(SUMS, 0)
    datasets = []
    for row in rows if names else []:
        if row["n"]:
            datasets.append(row["dataset__name"])
        for name in SUMS:
            totals[name] += row[name] or 0
    return Suggestion(
        country=country,
        ucdp_names=tuple(names),
        window_start=start,
        window_end=end,
        event_count=totals["n"],
        best=totals["deaths"],
        low=totals["deaths_low"],
        high=totals["deaths_high"],
        previous_best=totals["before"],
        violence_level=violence_band(totals["deaths"], totals["before"], months),
        datasets=tuple(datasets),
        covered_to=covered_to,
    )


def event_list(
    *,
    country: str = "",
    ucdp_country: str = "",
    start: date | None = None,
    end: date | None = None,
    dataset: int | None = None,
) -> QuerySet[Event]:
    """Events, newest first: of a situation's country (through the mapping) or a UCDP
    country name, that began between two days, from one dataset."""
    events = Event.objects.select_related("dataset")
    if country:
        events = events.filter(country__in=ucdp_names_of(country))
    if ucdp_country:
        events = events.filter(country=ucdp_country)
    if start:
        events = events.filter(date_start__gte=start)
    if end:
        events = events.filter(date_start__lte=end)
    if dataset:
        events = events.filter(dataset=dataset)
    return events.order_by("-date_start", "ucdp_id")


def event_totals(events: QuerySet[Event]) -> dict[str, int]:
    totals = events.aggregate(count=Count("pk"), best=Sum("best"), low=Sum("low"), high=Sum("high"))
    return {name: value or 0 for name, value in totals.items()}


def dataset_list() -> QuerySet[EventDataset]:
    return EventDataset.objects.select_related("uploaded_by").order_by("-uploaded")


def mapping_list() -> QuerySet[CountryMapping]:
    return CountryMapping.objects.order_by("ucdp_name")
