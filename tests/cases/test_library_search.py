"""Searching the case library does what its help promises on both databases: "phrases" in
quotes, -word to leave one out, `or`, accents, apostrophes and plurals folded; bad or
reversed years say what became of them.

The suite runs on PostgreSQL, which searches its stored documents itself; the `backend`
fixture also runs each search through `cases.search`, the matching SQLite uses (the local
default), and a slow test runs them on a real SQLite database.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import cases.selectors
from cases.models import Case
from cases.search import Query, fold, matches, parse, stem, words
from cases.selectors import CaseFilters, case_search

PROJECT = Path(__file__).resolve().parents[2]
KENYA, IVORY_COAST = "kenya-2008", "cote-divoire"

# What each query must find (all of these) and must not find (none of these).
EXPECTATIONS = [
    ('"Kofi Annan"', {KENYA}, set()),
    ("Kofi Annan", {KENYA}, set()),
    ('"Annan Kofi"', set(), {KENYA}),  # a phrase keeps its order
    ("-Kenya", set(), {KENYA}),
    ('Annan -"Kofi Annan"', set(), {KENYA}),
    ("cote divoire", {IVORY_COAST}, set()),
    ("Côte d'Ivoire", {IVORY_COAST}, set()),
    ("Côte d’Ivoire", {IVORY_COAST}, set()),
    ("COTE D'IVOIRE", {IVORY_COAST}, set()),
    ("ivoire", {IVORY_COAST}, set()),
    ("kenya or ivoire", {KENYA, IVORY_COAST}, set()),
    ("zanzibarqq", set(), {KENYA, IVORY_COAST}),
]


@pytest.fixture(params=["postgresql", "python"])
def backend(request, monkeypatch, db):
    """Each search on PostgreSQL's full-text search, then through `cases.search`."""
    if request.param == "python":
        monkeypatch.setattr(cases.selectors, "full_text_search_available", lambda: False)
    return request.param


def found(q: str, **filters) -> list[str]:
    return list(case_search(CaseFilters(q=q, **filters)).values_list("slug", flat=True))


@pytest.mark.parametrize(
    ("q", "wanted", "unwanted"), EXPECTATIONS, ids=[e[0] for e in EXPECTATIONS]
)
def test_a_query_finds_what_it_says(backend, q, wanted, unwanted):
    slugs = set(found(q))
    assert wanted <= slugs
    assert not unwanted & slugs


def test_leaving_a_word_out_keeps_every_other_case(backend):
    kenya = set(found("Kenya"))
    assert set(found("-Kenya")) == set(Case.objects.values_list("slug", flat=True)) - kenya


def test_a_plural_finds_what_the_singular_finds(backend):
    assert set(found("elections")) == set(found("election"))
    assert found("elections")


def test_filters_narrow_a_search(backend):
    assert found("Kofi Annan", region="east_africa") == [KENYA]
    assert found("Kofi Annan", region="west_africa") == []


def test_python_matching_ranks_title_and_country_first(monkeypatch, db):
    monkeypatch.setattr(cases.selectors, "full_text_search_available", lambda: False)
    slugs = found("Kenya")
    assert slugs[0] == KENYA  # named in its title; the others only mention it


# The query language, without a database.


def test_a_query_reads_like_a_web_search():
    assert parse('"Kofi Annan" -Kenya elections or war -"peace talks"') == Query(
        clauses=((("kofi", "annan"),), (("election",), ("war",))),
        excluded=(("kenya",), ("peace", "talk")),
    )
    assert parse('an "unclosed phrase') == Query(clauses=((("an",),), (("unclosed", "phrase"),)))
    assert not parse("  -  ")
    assert not parse('""')


def test_text_is_folded_before_it_is_compared():
    assert fold("Côte d’Ivoire") == "cote d’ivoire"
    assert fold("Œuvre") == "oeuvre"
    assert words("Côte d'Ivoire") == ["cote", "divoire"]
    assert [stem(word) for word in ("elections", "parties", "crisis", "status", "UN")] == [
        "election",
        "party",
        "crisis",
        "status",
        "UN",
    ]


@pytest.mark.parametrize(
    ("q", "answer"),
    [
        ("annan", True),  # "Annan's"
        ("mediat", True),  # a long enough beginning
        ("UN", False),  # a short word is whole: not "until"
        ("until", True),
        ('"team until"', False),  # a phrase stays inside one field
        ("-team", False),
        ("team -kenya", True),
    ],
)
def test_matching_one_case(q, answer):
    fields = ("Kofi Annan's mediation", "Somewhere", "The team stayed", "until the end.")
    assert matches(parse(q), fields) is answer


# The library page says what it did with years it could not use.


def test_a_year_that_is_not_a_number_is_left_out_and_named(signed_in):
    html = signed_in.get("/library/?year_from=abc").content.decode()
    assert "Part of the query could not be used and was left out:" in html
    assert "From year “abc”: Give the year in digits, for example 1994." in html
    assert 'aria-invalid="true"' in html and 'aria-describedby="query-problems"' in html
    assert f"{Case.objects.count()} cases" in html


def test_reversed_years_are_read_the_right_way_round_and_say_so(signed_in):
    html = signed_in.get("/library/?year_from=2011&year_to=2000").content.decode()
    assert "The years were the wrong way round: the cases from 2000 to 2011 are shown." in html
    both_ways = signed_in.get("/library/?year_from=2000&year_to=2011").content.decode()
    count = both_ways.split('id="results-title"')[1].split("<")[0]
    assert count in html


def test_the_api_reads_reversed_years_the_right_way_round_too(viewer):
    reversed_years = viewer.client.get("/api/v1/cases/?year_from=2011&year_to=2000").json()
    in_order = viewer.client.get("/api/v1/cases/?year_from=2000&year_to=2011").json()
    assert reversed_years["count"] == in_order["count"] > 1


# On a real SQLite database, as `make run` sets it up.

SEARCHES = """
import json, sys
import django
django.setup()
from cases.selectors import CaseFilters, case_search
queries = json.loads(sys.argv[1])
print(json.dumps({q: list(case_search(CaseFilters(q=q)).values_list("slug", flat=True))
                  for q in queries}))
"""


@pytest.mark.slow
def test_the_searches_work_on_sqlite():
    queries = [q for q, _, _ in EXPECTATIONS] + ["election", "elections"]
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")},
            "DATABASE_URL": f"sqlite:///{folder}/envoy.sqlite3",
            "DEBUG": "1",
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
        for command in (["migrate", "--noinput"], ["load_reference_data"]):
            subprocess.run(
                [sys.executable, "manage.py", *command, "-v", "0"],
                env=env,
                cwd=PROJECT,
                check=True,
                capture_output=True,
                timeout=300,
            )
        result = subprocess.run(
            [sys.executable, "-c", SEARCHES, json.dumps(queries)],
            env=env,
            cwd=PROJECT,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 0, result.stderr
    slugs = {q: set(found) for q, found in json.loads(result.stdout).items()}
    for q, wanted, unwanted in EXPECTATIONS:
        assert wanted <= slugs[q] and not unwanted & slugs[q], q
    assert slugs["election"] == slugs["elections"] != set()
