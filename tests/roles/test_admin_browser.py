"""HR edits a requirement item on a role's admin page, in a real browser."""

import pytest
from playwright.sync_api import expect

from roles.models import RequirementItem

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_hr_changes_a_requirement_item_on_the_role_page(
    page, sign_in_browser, hr, insurance_officer
):
    item = RequirementItem.objects.get(level__code="B", group__heading="Skills", order=2)
    script_errors = []
    page.on("pageerror", lambda error: script_errors.append(error))
    sign_in_browser("hr")
    page.goto(f"/admin/roles/role/{insurance_officer.pk}/change/")

    page.locator("textarea", has_text=item.text).fill("Negotiates renewals with insurers")
    page.click("input[name=_save]")

    page.wait_for_url("**/admin/roles/role/")
    assert script_errors == []
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    item.refresh_from_db()
    assert item.text == "Negotiates renewals with insurers"
