"""HR imports the sample career-grade table in the admin, in a real browser."""

import pytest
from playwright.sync_api import expect

from roles.models import RequirementItem, Role
from tests import samples

pytestmark = [pytest.mark.browser, samples.needs_samples]

SAMPLE = samples.sample("medway-career-grade-table.tsv")


@pytest.mark.django_db(transaction=True)
def test_hr_previews_then_confirms_the_sample_table(page, sign_in_browser, hr):
    script_errors = []
    page.on("pageerror", lambda error: script_errors.append(error))
    sign_in_browser("hr")
    page.goto("/admin/roles/role/")
    page.click("text=Import role profiles")
    page.set_input_files("input[type=file]", str(SAMPLE))
    page.click("input[type=submit][value=Preview]")

    # expect() waits for the preview to load; a plain read could see the page still arriving.
    expect(page.locator("#role-import-roles")).to_contain_text("Insurance Team Leader")
    expect(page.locator("#role-import-report")).to_contain_text(
        "New requirement categories: Qualifications"
    )
    page.get_by_role("link", name="Details of Insurance Team Leader").click()
    leader = page.locator("section", has_text="Insurance Team Leader").last
    expect(leader.locator("thead th .fw-semibold")).to_have_text(
        ["Level A (Developing)", "Level B (Practising)", "Level C (Accomplished)"]
    )
    assert not Role.objects.exists()
    page.screenshot(path="/tmp/import-preview.png", full_page=True)

    page.click("text=Back to the preview")
    page.click("button[value=confirm] >> nth=0")
    page.wait_for_url("**/admin/roles/role/")
    expect(page.locator(".messagelist")).to_contain_text("2 were created")
    assert RequirementItem.objects.count() == 82
    assert script_errors == []
