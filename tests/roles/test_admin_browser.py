"""HR edits a requirement item on a role's admin page, in a real browser."""

import pytest
from playwright.sync_api import expect

from roles.models import RequirementItem

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_hr_changes_a_requirement_item_on_the_role_page(
    page, sign_in_browser, hr, insurance_officer
):
    item = RequirementItem.objects.get(level__code="B", category__name="Skills", order=2)
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


@pytest.mark.django_db(transaction=True)
def test_hr_writes_a_section_as_formatted_text_not_html(
    page, sign_in_browser, hr, insurance_officer
):
    """The editor starts on a section row added on the page, and what it sends is kept."""
    script_errors = []
    page.on("pageerror", lambda error: script_errors.append(error))
    sign_in_browser("hr")
    page.goto(f"/admin/roles/role/{insurance_officer.pk}/change/")

    page.get_by_text("Add another Section").click()
    page.fill("input[name=sections-0-title]", "Working conditions")
    page.fill("input[name=sections-0-order]", "1")
    editor = page.locator("#sections-group .ProseMirror").first
    expect(editor).to_have_attribute("aria-label", "Text")  # named for screen readers
    editor.click()
    page.keyboard.type("Office based, ")
    page.keyboard.press("Control+b")
    page.keyboard.type("some evening work")
    page.click("input[name=_save]")

    page.wait_for_url("**/admin/roles/role/")
    assert script_errors == []
    (section,) = insurance_officer.sections.all()
    assert section.title == "Working conditions"
    assert section.body_html == "<p>Office based, <strong>some evening work</strong></p>"
