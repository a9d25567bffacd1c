"""Who sees a background task: an import belongs to its team, so every member sees it and
its row report; a re-evaluation or a dry-run reads several of its starter's teams at once,
so only its starter sees it. Nobody else learns that it exists."""

import pytest

from recommendations.models import TaskRun
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def task(kind, team, user) -> TaskRun:
    return TaskRun.objects.create(kind=kind, team=team, created_by=user, state="succeeded")


def listed(persona) -> set[str]:
    response = persona.client.get("/api/v1/tasks/")
    assert response.status_code == 200
    return {item["id"] for item in response.json()["results"]}


def test_an_import_is_seen_by_every_member_of_its_team_and_nobody_else(
    analyst, viewer, curator, outsider, team
):
    run = str(task(TaskRun.Kind.IMPORT, team, analyst.user).pk)
    for teammate in (analyst, viewer, curator):
        assert run in listed(teammate)
        assert teammate.client.get(f"/api/v1/tasks/{run}/rows/").status_code == 200
    assert run not in listed(outsider)
    assert outsider.client.get(f"/api/v1/tasks/{run}/").status_code == 404
    assert outsider.client.get(f"/api/v1/tasks/{run}/rows/").status_code == 404


def test_a_member_who_leaves_the_team_no_longer_sees_its_imports(analyst, viewer, team, client):
    run = task(TaskRun.Kind.IMPORT, team, analyst.user)
    viewer.user.memberships.get(team=team).delete()
    assert viewer.client.get(f"/api/v1/tasks/{run.pk}/").status_code == 404
    client.force_login(viewer.user)
    assert client.get(f"/tasks/{run.pk}/").status_code == 404


def test_a_reevaluation_or_dry_run_is_seen_by_its_starter_only(analyst, curator, client):
    for kind in (TaskRun.Kind.REEVALUATE, TaskRun.Kind.DRY_RUN):
        run = task(kind, None, curator.user)
        assert str(run.pk) in listed(curator)
        assert analyst.client.get(f"/api/v1/tasks/{run.pk}/").status_code == 404
        client.force_login(analyst.user)
        assert client.get(f"/tasks/{run.pk}/").status_code == 404


def test_the_task_page_lists_who_started_each_task(analyst, viewer, team, client):
    task(TaskRun.Kind.IMPORT, team, analyst.user)
    client.force_login(viewer.user)
    html = client.get("/tasks/").content.decode()
    assert analyst.user.username in html and team.name in html
    client.force_login(UserFactory(level="viewer"))
    assert analyst.user.username not in client.get("/tasks/").content.decode()
