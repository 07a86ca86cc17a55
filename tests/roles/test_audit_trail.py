"""Every change to a role profile is recorded: who, when, old and new values, and through
which path (admin, import, publish, duplicate), and HR reads it on the role's history page
(issue #12)."""

import json
import re

import pytest

from roles.models import Level, RequirementGroup, RequirementItem, Responsibility, Role
from roles.publishing import role_duplicate, roles_archive
from roles.transfer.exporting import roles_for_export
from roles.transfer.importing import parse_file, role_profiles_import
from roles.transfer.json_format import roles_to_json
from tests import builders
from tests.admin_pages import (
    admin_url,
    change_form_data,
    group_prefix,
    item_prefix,
    level_page_saved,
)


@pytest.fixture
def hr_client(login, hr):
    return login(hr)


@pytest.fixture
def role(db):
    return builders.role("Payroll Officer", items_per_category=1)


def first_item(role, code="A"):
    return RequirementItem.objects.filter(level__role=role, level__code=code).order_by("pk")[0]


def save_page(client, role, **changes):
    url = admin_url(Role, "change", role.pk)
    data = change_form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def reimport(role, change) -> None:
    document = json.loads(roles_to_json(roles_for_export(Role.objects.filter(pk=role.pk))))
    change(document["roles"][0])
    data = json.dumps(document).encode()
    role_profiles_import(parsed=parse_file(name="roles.json", data=data), dry_run=False)


def save_level_page(client, level, changes: dict):
    response = level_page_saved(client, level, changes)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_an_admin_edit_records_who_changed_what_from_what(hr_client, hr, role):
    old_purpose = role.purpose
    item = first_item(role)
    save_page(hr_client, role, purpose="Pays everyone on time.")
    save_level_page(
        hr_client, item.level, {f"{item_prefix(item)}-text": "Knows the payroll calendar"}
    )

    purpose_record = role.history.get(version=2)
    assert purpose_record.history_user == hr
    assert purpose_record.history_change_reason == "admin"
    delta = purpose_record.diff_against(purpose_record.prev_record)
    assert ("purpose", old_purpose, "Pays everyone on time.") in [
        (c.field, c.old, c.new) for c in delta.changes
    ]
    # A save of the level's page is a version of the role too, by the same person.
    latest = role.history.latest()
    assert (latest.version, latest.history_user, latest.history_change_reason) == (3, hr, "admin")
    item_record = item.history.latest()
    assert (item_record.history_user, item_record.history_change_reason) == (hr, "admin")
    assert item_record.prev_record.text != "Knows the payroll calendar"
    assert item_record.text == "Knows the payroll calendar"


def test_the_roles_history_page_shows_the_change_to_an_item(hr_client, role):
    item = first_item(role)
    old_text = item.text
    save_level_page(hr_client, item.level, {f"{item_prefix(item)}-text": "Reworded in admin"})

    page = hr_client.get(admin_url(Role, "history", role.pk)).content.decode()

    assert "Levels, items, responsibilities, sections, facts, sign-off and competencies" in page
    assert old_text in page
    assert "Reworded in admin" in page
    assert "Restore as new draft" in page


def test_deleting_an_item_in_the_admin_is_recorded_with_its_values(hr_client, hr, role):
    item = first_item(role, "B")
    save_level_page(hr_client, item.level, {f"{item_prefix(item)}-DELETE": "on"})
    deleted = RequirementItem.history.filter(id=item.pk, history_type="-").get()
    assert (deleted.text, deleted.history_user) == (item.text, hr)


def test_an_import_records_its_bulk_writes_naming_the_file(role):
    item = first_item(role)

    def change(data):
        data["purpose"] = "Imported purpose."
        data["levels"][0]["requirements"][0]["text"] = "Imported wording"
        data["levels"][0]["requirements"][0]["essential"] = False

    reimport(role, change)

    role_record = role.history.latest()
    assert role_record.history_change_reason == "import of roles.json"
    assert role_record.purpose == "Imported purpose."
    new_item = RequirementItem.objects.get(level__role=role, text="Imported wording")
    assert new_item.history.get().history_change_reason == "import of roles.json"
    # The old item's text is gone from the file: the import removed it, and that is recorded.
    assert RequirementItem.history.filter(id=item.pk, history_type="-").exists()


def test_an_import_records_items_it_only_changes_in_place(role):
    item = first_item(role)

    def change(data):
        data["levels"][0]["requirements"][0]["essential"] = not item.is_essential

    reimport(role, change)
    record = item.history.latest()
    assert record.history_type == "~"
    assert record.is_essential is not item.is_essential
    assert record.history_change_reason == "import of roles.json"


def test_a_new_role_from_an_import_is_recorded_with_its_levels_and_items(role):
    def rename(data):
        data["title"] = "Payroll Assistant"

    reimport(role, rename)
    created = Role.objects.get(title="Payroll Assistant")
    assert created.history.get().history_type == "+"
    assert Level.history.filter(role_id=created.pk).count() == created.levels.count()
    level_ids = list(created.levels.values_list("pk", flat=True))
    assert RequirementItem.history.filter(level_id__in=level_ids).count() == (
        RequirementItem.objects.filter(level__role=created).count()
    )


def test_archiving_leaves_a_record(role):
    roles_archive(roles=Role.objects.filter(pk=role.pk))
    record = role.history.latest()
    assert (record.status, record.history_change_reason) == ("archived", "archive")


def test_a_duplicate_is_recorded_with_its_parts(role):
    copy = role_duplicate(role=role)
    assert copy.history.get().history_change_reason.startswith("duplicate of Payroll Officer")
    level_ids = list(copy.levels.values_list("pk", flat=True))
    assert RequirementItem.history.filter(level_id__in=level_ids).count() == (
        RequirementItem.objects.filter(level__in=level_ids).count()
    )
    assert Responsibility.history.filter(role_id=copy.pk).count() == copy.responsibilities.count()


def test_a_change_outside_a_request_is_recorded_as_a_command(role):
    role.purpose = "Changed in the shell."
    role.save()
    assert role.history.latest().history_change_reason == "command"


def part_changes(client, role) -> list[str]:
    """The "What changed" lines of the role history page's levels-and-items table."""
    page = client.get(admin_url(Role, "history", role.pk)).content.decode()
    section = page[page.index('id="part-changes"') :]
    return [
        " ".join(re.sub(r"<[^>]+>", " ", line).replace("&rarr;", "->").split())
        for line in re.findall(r"<li><strong>.*?</li>", section, flags=re.S)
    ]


def test_the_history_names_a_levels_new_grade_not_its_id(hr_client, role):
    def grade_level_a(data):
        data["levels"][0]["grade"] = "Band 5"

    reimport(role, grade_level_a)
    assert "grade: -> Band 5" in part_changes(hr_client, role)


def test_the_history_names_a_groups_category_not_its_id(hr_client, role):
    group = first_item(role).group
    old = group.category
    new = builders.category("Behaviours")
    save_level_page(hr_client, group.level, {f"{group_prefix(group)}-category": new.pk})
    assert f"category: {old.name} -> Behaviours" in part_changes(hr_client, role)


def test_the_history_names_a_category_deleted_since_by_its_old_id(hr_client, role):
    group = first_item(role).group
    new = builders.category("Behaviours")
    save_level_page(hr_client, group.level, {f"{group_prefix(group)}-category": new.pk})
    old_pk = group.category_id
    RequirementGroup.objects.filter(category_id=old_pk).update(category=new)
    type(group.category).objects.filter(pk=old_pk).delete()
    assert f"category: (deleted, was #{old_pk}) -> Behaviours" in part_changes(hr_client, role)
