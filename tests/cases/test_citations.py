"""Every citation names a known source and a section heading of it, and quotes it verbatim."""

from pathlib import Path

import pytest

from cases.citecheck import (
    FIXTURES_DIR,
    citation_errors,
    fixture_errors,
    iter_citations,
    normalize,
    texts_available,
)
from cases.models import Citation

needs_texts = pytest.mark.skipif(
    not texts_available(),
    reason="the source texts (../shared/seeds/) are not on this machine; the reports are "
    "copyrighted, so the project ships only short quotes",
)
FIXTURE_FILES = sorted(FIXTURES_DIR.glob("*.yaml")) + sorted(FIXTURES_DIR.glob("cases/*.yaml"))


@needs_texts
@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: str(p.relative_to(FIXTURES_DIR)))
def test_every_citation_in_the_fixture_is_found_in_its_source(path: Path):
    assert fixture_errors(path) == []


@needs_texts
@pytest.mark.django_db
def test_every_stored_citation_is_found_in_its_source():
    problems = {
        str(c): citation_errors(c.as_dict()) for c in Citation.objects.select_related("source")
    }
    assert Citation.objects.count() > 200
    assert {k: v for k, v in problems.items() if v} == {}


@needs_texts
def test_a_quote_that_is_not_in_the_source_is_reported():
    errors = citation_errors(
        {"source": "gowan-2011", "locator": "At the Rubicon", "quote": "peace is always easy"}
    )
    assert errors == ["quote not found verbatim in gowan-2011: 'peace is always easy'"]


@needs_texts
def test_a_locator_that_is_not_a_heading_of_the_source_is_reported():
    errors = citation_errors({"source": "cic-zif-2010", "locator": "At the Rubicon"})
    assert errors == ["locator 'At the Rubicon' does not occur in cic-zif-2010"]


def test_an_unknown_source_is_reported():
    assert citation_errors({"source": "wikipedia", "locator": "x"}) == [
        "unknown source 'wikipedia'"
    ]


def test_a_long_quote_is_reported():
    errors = citation_errors(
        {"source": "gowan-2011", "locator": "Introduction", "quote": "x" * 301}
    )
    assert "quote longer than 300 characters" in errors


def test_typesetting_is_folded_but_words_are_not():
    assert normalize("the  *OSCE’s*\nmission") == "the OSCE's mission"
    assert normalize("missions") != normalize("mission")


def test_citations_are_found_at_every_depth_of_a_fixture():
    data = [
        {
            "slug": "a",
            "citations": [{"source": "x"}],
            "snapshots": [{"date": "2001-01-01", "citations": [{"source": "y"}, {"source": "z"}]}],
        }
    ]
    assert [where for where, _ in iter_citations(data)] == [
        "/a/citations[0]",
        "/a/2001-01-01/citations[0]",
        "/a/2001-01-01/citations[1]",
    ]
