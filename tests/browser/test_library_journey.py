"""Anyone signed in searches the case library, narrows it, opens a case and exports the list."""

import csv
import io

import pytest

# Slow (skipped by `make test-fast`). Writes commit for real: the live server answers from
# another thread, on its own database connection, which sees only committed rows.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_a_viewer_searches_the_library_opens_a_case_and_exports_csv(visit, people):
    visit.sign_in("viewer-b")
    page = visit.goto("/library/")
    visit.shot("library")
    page.fill("#id_q", "Kosovo verification")
    page.click("main button:has-text('Search')")
    first = page.locator("main h3 a").first
    assert first.inner_text().startswith("Kosovo")
    visit.shot("search")
    with page.expect_download() as download_info:
        page.click("a:has-text('CSV')")
    text = download_info.value.path().read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and rows[0]["slug"] == "kosovo-1998-99"
    first.click()
    assert page.locator("h1").inner_text().startswith("Kosovo")
    page.locator("main details summary").first.click()
    visit.shot("case")


def test_the_library_in_french(visit, people):
    visit.sign_in("viewer-b")
    page = visit.page
    page.click("header form.language button:has-text('Français')")
    page.wait_for_load_state()
    visit.goto("/library/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("nav >> text=Bibliothèque de cas").count() == 1
    visit.shot("library-fr")
