"""HR brings a Word role profile into a draft role in a real browser: upload, correct, confirm."""

import pytest
from playwright.sync_api import expect

from roles.models import PendingRoleImport, RequirementItem, Role
from tests.roles.transfer.documents.corpus import build_docx

pytestmark = pytest.mark.browser

PROFILE = """<!-- build: docx, bullets made with Word's list styles -->
# Records Clerk

**Grade:** Band 2

## Level 1

### Skils

- Files records.
- Answers the phone.

## Level 2

As above and;

### Skills

- Trains new clerks.
"""


@pytest.mark.django_db(transaction=True)
def test_hr_uploads_a_word_profile_corrects_and_splits_a_group_and_confirms(
    page, sign_in_browser, hr, tmp_path
):
    script_errors = []
    page.on("pageerror", lambda error: script_errors.append(error))
    document = tmp_path / "records-clerk.docx"
    document.write_bytes(build_docx(PROFILE))
    sign_in_browser("hr")
    page.goto("/admin/roles/role/")
    page.click("text=Import role profiles")
    page.set_input_files("input[type=file]", str(document))
    page.click("input[type=submit][value=Preview]")

    # The reading: levels in order, the misspelt group as the document has it, nothing saved.
    expect(page.locator("fieldset[data-level] h2")).to_have_text(["Level 1", "Level 2"])
    heading = page.get_by_label("Heading of group Skils")
    expect(heading).to_have_value("Skils")
    expect(page.locator("#role-import-report")).to_contain_text("1 would be created")
    assert not Role.objects.exists()

    heading.fill("Skills")
    # The phone is a group of its own: split the group at it, then name the new group.
    page.locator("[data-item='0-0-1']").get_by_role("button", name="Start a new group here").click()
    expect(page.locator(".messagelist")).to_contain_text("nothing is imported until you confirm")
    expect(page.get_by_label("Heading of group Skills in Level 1")).to_have_value("Skills")
    page.get_by_label("Heading of group Skills (continued) in Level 1").fill("Calls")
    assert not Role.objects.exists()
    page.locator("button[value=confirm]").last.click()
    page.wait_for_url("**/admin/roles/role/")
    expect(page.locator(".messagelist")).to_contain_text("1 were created")
    role = Role.objects.get()
    assert (role.title, role.status) == ("Records Clerk", Role.Status.DRAFT)
    assert sorted(RequirementItem.objects.values_list("group__heading", "text")) == [
        ("Calls", "Answers the phone."),
        ("Skills", "Files records."),
        ("Skills", "Trains new clerks."),
    ]
    assert not PendingRoleImport.objects.exists()
    assert script_errors == []


KITCHEN = (
    b"Job,Band,Area,Statement,Expected proficiency,E/D\n"
    b"Cook,Band 1,Knife work,Chops onions,Working,Essential\n"
    b"Cook,Band 1,Knife work,Fillets fish,Awareness,Desirable\n"
    b"Cook,Band 2,Menus,Plans a menu,Practitioner,Essential\n"
)


@pytest.mark.django_db(transaction=True)
def test_hr_changes_a_flat_spreadsheet_s_column_and_sees_the_reading_follow_in_place(
    page, sign_in_browser, hr, tmp_path
):
    script_errors = []
    page.on("pageerror", lambda error: script_errors.append(error))
    table = tmp_path / "kitchen.csv"
    table.write_bytes(KITCHEN)
    sign_in_browser("hr")
    page.goto("/admin/roles/role/import-profiles/")
    page.set_input_files("input[type=file]", str(table))
    page.click("input[type=submit][value=Preview]")

    reading = page.locator("#role-import-columns-reading")
    expect(reading).to_contain_text("Knife work")
    expect(page.get_by_label("Area")).to_have_value("group")
    page.evaluate("window.sameDocument = true")  # gone if the page were loaded again

    # The area is not a group: the reading follows the choice, the page is not reloaded.
    page.get_by_label("Area").select_option("")
    expect(reading).not_to_contain_text("Knife work")
    expect(reading).to_contain_text("Chops onions")
    # A choice that cannot be read says why, in place, and the next one clears it.
    page.get_by_label("Band").select_option("role")
    expect(page.locator("#role-import-problem")).to_contain_text("both chosen as the role")
    page.get_by_label("Band").select_option("level")
    expect(page.locator("#role-import-problem")).to_have_count(0)
    expect(reading).to_contain_text("Chops onions")
    assert page.evaluate("window.sameDocument") is True
    assert not Role.objects.exists()

    page.get_by_role("button", name="Use these columns").click()
    expect(page.locator("fieldset[data-level] h2")).to_have_count(2)
    page.locator("button[value=confirm]").last.click()
    page.wait_for_url("**/admin/roles/role/")
    role = Role.objects.get()
    assert (role.title, role.status) == ("Cook", Role.Status.DRAFT)
    assert "Knife work" not in RequirementItem.objects.values_list("group__heading", flat=True)
    assert not PendingRoleImport.objects.exists()
    assert script_errors == []
