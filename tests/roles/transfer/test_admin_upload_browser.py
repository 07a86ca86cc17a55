"""HR imports the sample career-grade table in the admin, in a real browser."""

import pytest

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

    leader = page.locator("section", has_text="Insurance Team Leader").last
    headers = leader.locator("thead th .fw-semibold").all_text_contents()
    assert headers == [
        "Level A (Developing)",
        "Level B (Practising)",
        "Level C (Accomplished)",
    ]
    assert (
        "New requirement categories: Qualifications"
        in page.locator("#role-import-report").inner_text()
    )
    assert not Role.objects.exists()
    page.screenshot(path="/tmp/import-preview.png", full_page=True)

    page.click("button[value=confirm]")
    page.wait_for_url("**/admin/roles/role/")
    assert "2 were created" in page.locator(".messagelist").inner_text()
    assert RequirementItem.objects.count() == 82
    assert script_errors == []
