"""axe-core finds no serious or critical accessibility violation on the situation pages (the
form, a result, its briefing, a comparison, imports, tokens), the library and the catalogue,
in English and in French (tests/browser/axe.py runs it)."""

import pytest

from cases.models import Case, Source
from missions.models import Organization, Role
from recommendations.assessments.services import assessment_create
from recommendations.models import Caveat
from tests.browser.axe import axe_violations, summary
from tests.inputs import VALID_INPUT

# Slow (skipped by `make test-fast`). Writes commit for real: the live server answers from
# another thread, on its own database connection, which sees only committed rows.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pages(people) -> list[str]:
    """The pages to check, with a situation of the analyst's team assessed twice."""
    analyst = people["analyst"]
    first = assessment_create(user=analyst, data=VALID_INPUT)
    changed = {**VALID_INPUT, "situation": first.situation_id, "violence_level": "full_scale_war"}
    second = assessment_create(user=analyst, data=changed)
    case = Case.objects.filter(snapshots__isnull=False).order_by("slug").first()
    return [
        "/situations/",
        "/situations/new/",
        f"/situations/{first.situation_id}/",
        f"/situations/{first.situation_id}/compare/",
        f"/situations/assessments/{second.pk}/",
        f"/situations/assessments/{second.pk}/briefing/",
        "/situations/import/",
        "/accounts/tokens/",
        "/library/",
        "/library/?q=election&region=west_africa",
        f"/library/{case.slug}/",
        "/catalogue/",
        "/catalogue/roles/",
        f"/catalogue/roles/{Role.objects.order_by('slug').first().slug}/",
        "/catalogue/organizations/",
        f"/catalogue/organizations/{Organization.objects.order_by('slug').first().slug}/",
        "/catalogue/caveats/",
        f"/catalogue/caveats/{Caveat.objects.order_by('slug').first().slug}/",
        "/catalogue/phases/rising/",
        f"/catalogue/sources/{Source.objects.order_by('key').first().key}/",
    ]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_serious_or_critical_violation(visit, pages, language):
    visit.sign_in("analyst-b")
    visit.use_language(language)
    found = {}
    for path in pages:
        page = visit.goto(path)
        assert page.locator("html").get_attribute("lang") == language, path
        violations = axe_violations(page)
        if violations:
            found[path] = summary(violations)
    assert found == {}, "\n".join(f"{path}\n{text}" for path, text in found.items())


@pytest.mark.parametrize("width", [390, 1280])
def test_the_header_and_its_open_menu_pass_too(visit, people, width):
    visit.page.set_viewport_size({"width": width, "height": 844})
    visit.sign_in("analyst-b")
    visit.page.click("header details.account-menu summary")
    violations = axe_violations(visit.page, include="header")
    assert violations == [], summary(violations)


def test_the_helper_finds_what_it_should(visit, committed_reference_data):
    """A page made to fail: the helper reports the violations by impact, and filters them."""
    visit.goto("/accounts/login/")
    visit.page.evaluate(
        """() => { const img = document.createElement('img'); img.src = '/static/favicon.svg';
                   document.querySelector('main').append(img); }"""
    )
    serious = axe_violations(visit.page)
    assert [v["id"] for v in serious] == ["image-alt"]  # critical
    assert axe_violations(visit.page, impacts=("minor",)) == []
    assert axe_violations(visit.page, disable=("image-alt",)) == []
    assert "image-alt" in summary(serious)
