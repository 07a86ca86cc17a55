"""An item someone was rated against, rated themselves against or linked evidence to is
retired, not deleted, when HR removes it on its level's page or an import leaves it out: kept
for their records, no longer required; the admin and the import preview say so (issue #12)."""

import json

import pytest

from roles.models import RequirementItem, Role
from roles.transfer.exporting import roles_for_export
from roles.transfer.importing import parse_file, role_profiles_import
from roles.transfer.json_format import roles_to_json
from staff import progression
from staff.self_assessment import self_rating_set
from tests.admin_pages import item_prefix, level_page_saved


@pytest.fixture
def hr_client(login, hr):
    return login(hr)


def level_b_items(employee):
    return RequirementItem.objects.filter(
        level__role=employee.level.role, level__code="B"
    ).order_by("pk")


@pytest.fixture
def rated_item(employee):
    item = level_b_items(employee)[0]
    self_rating_set(staff=employee, ratings={item.pk: "met"})
    return item


def without_item(role, item, dry_run=False):
    document = json.loads(roles_to_json(roles_for_export(Role.objects.filter(pk=role.pk))))
    for level in document["roles"][0]["levels"]:
        level["requirements"] = [r for r in level["requirements"] if r["text"] != item.text]
    parsed = parse_file(name="roles.json", data=json.dumps(document).encode())
    return role_profiles_import(parsed=parsed, dry_run=dry_run)


def deleted_on_its_levels_page(client, item):
    """The page shown after deleting the item on its level's page (the role's, or errors)."""
    return level_page_saved(client, item.level, {f"{item_prefix(item)}-DELETE": "on"}, follow=True)


def test_a_retired_item_is_no_longer_required(hr_client, employee, rated_item):
    response = deleted_on_its_levels_page(hr_client, rated_item)

    page = response.content.decode()
    assert "Retired, not deleted" in page
    assert rated_item.text in page
    level_b = rated_item.level
    assert rated_item not in level_b.requirements()
    assert not RequirementItem.objects.filter(pk=rated_item.pk).exists()
    kept = RequirementItem.all_objects.get(pk=rated_item.pk)
    assert kept.retired_at is not None
    assert employee.self_ratings.filter(requirement=kept).exists()


def test_an_item_nobody_used_is_still_deleted_on_its_levels_page(hr_client, employee):
    unused = level_b_items(employee)[1]
    response = deleted_on_its_levels_page(hr_client, unused)
    assert "Retired" not in response.content.decode()
    assert not RequirementItem.all_objects.filter(pk=unused.pk).exists()


def test_a_retired_item_leaves_no_gap_in_its_group(hr_client, employee, rated_item):
    """The items after it close up (numbered on save), so a new item goes after the last."""
    group = rated_item.group
    deleted_on_its_levels_page(hr_client, rated_item)
    assert list(group.items.values_list("order", flat=True)) == [1]
    RequirementItem.objects.create(group=group, order=2, text="New")


def test_an_import_that_leaves_out_an_item_in_use_retires_it(employee, rated_item):
    report = without_item(employee.level.role, rated_item)
    assert RequirementItem.all_objects.get(pk=rated_item.pk).retired_at is not None
    assert "retired, not deleted" in " ".join(report.lines())


def test_the_import_preview_names_the_items_it_would_retire(employee, rated_item):
    report = without_item(employee.level.role, rated_item, dry_run=True)
    text = " ".join(report.lines())
    assert "1 of the removed items retired" in text
    assert rated_item.text in text
    assert RequirementItem.objects.get(pk=rated_item.pk).retired_at is None


def test_an_import_deletes_an_item_nobody_used(employee):
    unused = level_b_items(employee)[1]
    without_item(employee.level.role, unused)
    assert not RequirementItem.all_objects.filter(pk=unused.pk).exists()


def test_a_new_assessment_does_not_ask_for_a_retired_item(employee, manager, rated_item):
    without_item(employee.level.role, rated_item)
    started = progression.assessment_start(staff=employee, by=manager.user)
    assert not started.items.filter(requirement=rated_item).exists()


def without_level(role, code, dry_run=False):
    document = json.loads(roles_to_json(roles_for_export(Role.objects.filter(pk=role.pk))))
    levels = document["roles"][0]["levels"]
    document["roles"][0]["levels"] = [level for level in levels if level["code"] != code]
    parsed = parse_file(name="roles.json", data=json.dumps(document).encode())
    return role_profiles_import(parsed=parsed, dry_run=dry_run)


def test_an_import_that_removes_a_level_retires_its_items_in_use(employee, rated_item):
    role = employee.level.role
    report = without_level(role, "B")

    assert list(role.levels.values_list("code", flat=True)) == ["A", "C"]
    kept = RequirementItem.all_objects.get(pk=rated_item.pk)
    assert kept.retired_at is not None
    assert employee.self_ratings.filter(requirement=kept).exists()
    text = " ".join(report.lines())
    assert "levels removed: B" in text and rated_item.text in text
    assert not RequirementItem.all_objects.filter(level__code="B").exclude(pk=kept.pk).exists()


def test_the_preview_names_the_items_a_removed_level_would_retire(employee, rated_item):
    report = without_level(employee.level.role, "B", dry_run=True)
    assert "1 of the removed items retired, not deleted" in " ".join(report.lines())
    assert rated_item.text in " ".join(report.lines())
    assert employee.level.role.levels.filter(code="B").exists()


def test_a_level_can_come_back_after_its_items_were_retired(employee, rated_item):
    role = employee.level.role
    document = json.loads(roles_to_json(roles_for_export(Role.objects.filter(pk=role.pk))))
    without_level(role, "B")
    parsed = parse_file(name="roles.json", data=json.dumps(document).encode())
    role_profiles_import(parsed=parsed, dry_run=False)
    assert list(role.levels.values_list("code", flat=True)) == ["A", "B", "C"]
    assert RequirementItem.all_objects.get(pk=rated_item.pk).retired_at is not None
