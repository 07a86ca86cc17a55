"""HR edits a role and its requirement items in the admin, in a real browser: the role's page
links each level to its own page of groups and items."""

import pytest
from playwright.sync_api import expect

from roles.models import RequirementItem

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_hr_changes_a_requirement_item_on_its_levels_page_from_the_roles(
    page, sign_in_browser, hr, insurance_officer
):
    item = RequirementItem.objects.get(level__code="B", group__heading="Skills", order=2)
    role_page = f"/admin/roles/role/{insurance_officer.pk}/change/"
    script_errors = []
    page.on("pageerror", lambda error: script_errors.append(error))
    sign_in_browser("hr")
    page.goto(role_page)

    page.get_by_role("link", name="Edit the 8 requirements of Level B").click()
    page.locator("textarea", has_text=item.text).fill("Negotiates renewals with insurers")
    page.get_by_role("button", name="Save and return to the role").click()

    page.wait_for_url(f"**{role_page}")
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


def item_texts(role, code: str, heading: str) -> list[str]:
    items = RequirementItem.objects.filter(
        level__role=role, level__code=code, group__heading=heading
    )
    return list(items.order_by("order").values_list("text", flat=True))


@pytest.mark.django_db(transaction=True)
def test_hr_puts_items_in_order_by_dragging_and_with_move_up(
    page, sign_in_browser, hr, insurance_officer
):
    """Dragging with the mouse, and the keyboard's Move up, on a level's page; the role's page
    shows the order."""
    knowledge = item_texts(insurance_officer, "B", "Knowledge")
    skills = item_texts(insurance_officer, "B", "Skills")
    level_page = f"/admin/roles/level/{insurance_officer.levels.get(code='B').pk}/change/"
    script_errors = []
    page.on("pageerror", lambda error: script_errors.append(error))
    sign_in_browser("hr")
    page.goto(level_page)

    # The Knowledge group is the level's second: its second item is dragged above its first.
    handle = page.locator("#requirement_groups-1-items-1 .djn-drag-handler")
    handle.hover()  # scrolls it into view: the place to drop it is measured after
    above = page.locator("#requirement_groups-1-items-0").bounding_box()
    page.mouse.down()
    page.mouse.move(above["x"] + 20, above["y"] + 2, steps=15)
    page.mouse.up()
    # The Skills group is its fourth: its second item moves up with the keyboard.
    second = page.locator("#requirement_groups-3-items-1")
    second.get_by_role("button", name="Move up").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text(f"{skills[1]} moved to place 1 of 2.")
    page.get_by_role("button", name="Save and stay on this level").click()

    page.wait_for_url(f"**{level_page}")
    assert script_errors == []
    assert item_texts(insurance_officer, "B", "Knowledge") == knowledge[::-1]
    assert item_texts(insurance_officer, "B", "Skills") == skills[::-1]
    page.goto(f"/roles/{insurance_officer.pk}/")
    shown = page.locator("main").inner_text()
    assert shown.index(knowledge[1]) < shown.index(knowledge[0])
    assert shown.index(skills[1]) < shown.index(skills[0])
