"""The import's progress page in a real browser: its script follows the worker and shows the
preview, then the outcome, without anyone reloading the page."""

import pytest
from playwright.sync_api import expect

from roles.models import Role
from tests.career_tables import role_block, tsv
from tests.workers import run_db_worker

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_the_progress_page_shows_the_preview_then_the_outcome_by_itself(
    page, sign_in_browser, hr, settings, monkeypatch, tmp_path
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    script_errors = []
    page.on("pageerror", lambda error: script_errors.append(error))
    table = tmp_path / "roles.tsv"
    rows = [row for n in range(3) for row in role_block(title=f"Claims Handler {n}")]
    table.write_bytes(tsv(*rows))

    sign_in_browser("hr")
    page.goto("/admin/roles/role/import-profiles/")
    page.set_input_files("input[type=file]", str(table))
    page.click("input[type=submit][value=Preview]")
    expect(page.get_by_role("status")).to_contain_text("Waiting for the task worker")
    expect(page.locator("progress")).to_be_visible()
    page.screenshot(path="/tmp/import-progress.png")

    run_db_worker(monkeypatch)
    expect(page.locator("#role-import-roles")).to_contain_text("Claims Handler 2")
    assert not Role.objects.exists()

    page.click("button[value=confirm] >> nth=0")
    expect(page.get_by_role("status")).to_contain_text("Waiting for the task worker")
    run_db_worker(monkeypatch)
    page.wait_for_url("**/admin/roles/role/")
    expect(page.locator(".messagelist")).to_contain_text("3 were created")
    assert Role.objects.count() == 3
    assert script_errors == []
