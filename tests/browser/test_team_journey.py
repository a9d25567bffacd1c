"""A curator sets up a team in the browser, gives it a member who then sees its situation,
and reads the change in the audit trail."""

import pytest

from accounts.services import user_set_level
from tests.factories import SituationFactory, UserFactory

# Slow (skipped by `make test-fast`). Writes commit for real: the live server answers from
# another thread, on its own database connection, which sees only committed rows.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_a_curator_builds_a_team_and_its_new_member_sees_its_situation(visit, people):
    curator = people["analyst"]
    user_set_level(curator, "curator")
    newcomer = UserFactory(username="newcomer-b", password="correct-horse-battery")
    user_set_level(newcomer, "viewer")
    visit.sign_in(curator.username)

    page = visit.goto("/teams/")
    page.fill("#id_name", "Andes desk")
    page.click("text=Create the team")
    page.wait_for_url(visit.base_url + "/teams/andes-desk/")
    assert "Team “Andes desk” created" in page.inner_text("main")
    page.fill("#member-username", "nobody-at-all")
    page.click("text=Add to the team")
    assert "No user has this username." in page.inner_text("main")
    page.fill("#member-username", "newcomer-b")
    page.click("text=Add to the team")
    assert "newcomer-b is now a member of Andes desk" in page.inner_text("main")
    visit.shot("team")

    from accounts.models import Team

    SituationFactory(team=Team.objects.get(slug="andes-desk"), country="Bolivia")
    SituationFactory(team=curator.teams.exclude(slug="andes-desk").get(), country="Kenya")

    page = visit.goto("/audit/?kind=membership")
    trail = page.inner_text("main")
    assert "newcomer-b in Andes desk" in trail and curator.username in trail
    visit.shot("audit")

    visit.page.context.clear_cookies()
    visit.sign_in("newcomer-b")
    page = visit.goto("/situations/")
    listed = page.inner_text("main")
    assert "Bolivia" in listed and "Kenya" not in listed
    visit.shot("member")
