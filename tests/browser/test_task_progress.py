"""A long task's page: the progress bar moves without the page reloading, and the report
appears when the task ends; an import uploaded in the browser ends with its row report."""

import pytest
from playwright.sync_api import expect

from recommendations.models import TaskRun
from tests.imports import csv_bytes, row

# Slow (skipped by `make test-fast`). Writes commit for real: the live server answers from
# another thread, on its own database connection, which sees only committed rows.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_the_progress_bar_follows_a_running_task_without_reloading(visit, people, tmp_path):
    analyst = people["analyst"]
    run = TaskRun.objects.create(
        kind="import", created_by=analyst, state="running", done=3, total=10, params={}
    )
    visit.sign_in(analyst.username)
    page = visit.goto(f"/tasks/{run.pk}/")
    assert page.locator("progress").get_attribute("value") == "3"
    page.evaluate("window.stillTheSamePage = true")
    TaskRun.objects.filter(pk=run.pk).update(done=7)
    expect(page.locator("[data-task-field=done]")).to_have_text("7")  # waits
    assert page.evaluate("document.querySelector('progress').value") == 7
    assert page.evaluate("window.stillTheSamePage") is True  # updated in place
    visit.shot("running")
    TaskRun.objects.filter(pk=run.pk).update(
        done=10,
        state="succeeded",
        result={"rows": 10, "stored": 9, "rejected": 1, "duplicates": 0, "situations_created": 1},
    )
    page.wait_for_selector(".state-succeeded")  # the page reloaded with the report
    assert page.locator(".state").inner_text() == "Done"
    assert page.evaluate("window.stillTheSamePage") is None
    assert "Stored" in page.inner_text("main")
    visit.shot("finished")


def test_an_analyst_imports_a_file_and_reads_which_rows_were_rejected(visit, people, tmp_path):
    path = tmp_path / "rows.csv"
    path.write_bytes(
        csv_bytes([row(), row(country="Kenya", region="east_africa", host_consent="maybe")])
    )
    visit.sign_in(people["analyst"].username)
    page = visit.goto("/situations/")
    page.click("text=Import a file")
    page.set_input_files("#id_file", str(path))
    visit.shot("form")
    page.click("main button[type=submit]")
    page.wait_for_selector(".state-succeeded")
    assert "'maybe' is not one of" in page.inner_text("main")
    visit.shot("report")
