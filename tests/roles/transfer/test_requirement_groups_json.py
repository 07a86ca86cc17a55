"""Requirement groups in JSON version 2: headings (empty and repeated ones kept), lead-ins,
weights and "at least N of" rules survive export, import into an empty database and export
again; version 1 files still give one group per category; items keep their identity when
they move to another group."""

import json

from django.core.management import call_command

from competencies.models import RequirementCategory
from roles.models import RequirementGroup, RequirementItem
from roles.transfer.importing import parse_file, role_profiles_import
from tests import builders
from tests.roles.transfer.refusals import refused


def export(tmp_path) -> str:
    path = tmp_path / f"export-{len(list(tmp_path.iterdir()))}.json"
    call_command("export_role_profiles", "--format", "json", "--output", str(path))
    return path.read_text()


def grouped_role():
    """Level A: Knowledge (linked), an empty group with no heading, two "Skills" groups, the
    second any 2 of 3 with a lead-in and a weight, linked to no category."""
    role = builders.role("Clerk", levels=("A", "B"), items_per_category=0)
    level_a, level_b = role.levels.order_by("order")
    builders.item(builders.group(level_a, "Knowledge"), "Knows the filing plan")
    builders.group(level_a, "")
    builders.item(builders.group(level_a, "Skills"), "Files records")
    systems = builders.group(
        level_a, "Skills", category=None, lead_in="With supervision:", weight=30, at_least=2
    )
    for text in ("Word", "Excel", "Access"):
        builders.item(systems, text)
    builders.item(builders.group(level_b, "Skills"), "Trains new clerks", is_essential=False)
    return role


def import_json(tmp_path, document, name="edited.json"):
    path = tmp_path / name
    path.write_text(json.dumps(document))
    return role_profiles_import(parsed=parse_file(name=name, data=path.read_bytes()), dry_run=False)


def test_groups_round_trip_through_an_empty_database(db, tmp_path):
    grouped_role()
    first = export(tmp_path)
    builders.empty_catalogue()
    call_command("import_role_profiles", str(tmp_path / "export-0.json"))
    assert export(tmp_path) == first
    level_a = json.loads(first)["roles"][0]["levels"][0]
    assert [g["heading"] for g in level_a["groups"]] == ["Knowledge", "", "Skills", "Skills"]
    assert level_a["groups"][3] == {
        "heading": "Skills",
        "category": "",
        "lead_in": "With supervision:",
        "weight": 30,
        "at_least": 2,
    }
    # Version 1's keys stay where they were: each item, with its group's heading as category.
    assert [(r["category"], r["text"], r["group"]) for r in level_a["requirements"]] == [
        ("Knowledge", "Knows the filing plan", 0),
        ("Skills", "Files records", 2),
        ("Skills", "Word", 3),
        ("Skills", "Excel", 3),
        ("Skills", "Access", 3),
    ]


def test_a_version_1_file_gives_one_group_per_category(db, tmp_path):
    document = {
        "format": "role-profiles",
        "version": 1,
        "roles": [
            {
                "title": "Clerk",
                "grade": "",
                "levels": [
                    {
                        "code": "A",
                        "requirements": [
                            {"category": "Skills", "text": "Files"},
                            {"category": "Knowledge", "text": "Knows"},
                            {"category": "Skills", "text": "Answers"},
                        ],
                    }
                ],
            }
        ],
    }
    import_json(tmp_path, document)
    groups = RequirementGroup.objects.order_by("order")
    assert [(g.heading, g.category.name, g.at_least) for g in groups] == [
        ("Skills", "Skills", None),
        ("Knowledge", "Knowledge", None),
    ]
    assert [i.text for i in groups[0].items.order_by("order")] == ["Files", "Answers"]


def test_an_item_moved_to_another_group_keeps_its_identity_and_ratings(tmp_path, employee, manager):
    builders.assessment(employee, by=manager.user, until="submitted")
    role = employee.level.role
    item = RequirementItem.objects.get(level__code="A", text__startswith="Skills item 1")
    document = json.loads(export(tmp_path))
    level = next(lv for lv in document["roles"][0]["levels"] if lv["code"] == "A")
    moved = next(r for r in level["requirements"] if r["text"] == item.text)
    knowledge = next(n for n, g in enumerate(level["groups"]) if g["heading"] == "Knowledge")
    moved["group"], moved["category"] = knowledge, "Knowledge"
    import_json(tmp_path, document)
    item.refresh_from_db()
    assert item.group.heading == "Knowledge"
    assert item.level.role == role
    assert item.assessment_items.exists()


def test_a_group_removed_by_an_import_retires_its_items_in_use(tmp_path, employee, manager):
    builders.assessment(employee, by=manager.user, until="submitted")
    document = json.loads(export(tmp_path))
    level = next(lv for lv in document["roles"][0]["levels"] if lv["code"] == "A")
    gone = next(n for n, g in enumerate(level["groups"]) if g["heading"] == "Skills")
    level["requirements"] = [r for r in level["requirements"] if r["group"] != gone]
    del level["groups"][gone]
    for r in level["requirements"]:
        r["group"] -= r["group"] > gone
    report = import_json(tmp_path, document)
    assert not RequirementGroup.objects.filter(level=employee.level, heading="Skills").exists()
    retired = RequirementItem.all_objects.filter(level=employee.level, retired_at__isnull=False)
    assert retired.count() == 2
    assert all(item.group is None for item in retired)
    assert "retired, not deleted" in " ".join(report.lines())


def test_a_requirement_naming_no_group_of_its_level_is_refused(db, tmp_path):
    document = {
        "roles": [
            {
                "title": "Clerk",
                "grade": "",
                "levels": [
                    {
                        "code": "A",
                        "groups": [{"heading": "Skills"}],
                        "requirements": [{"category": "Skills", "text": "Files", "group": 1}],
                    }
                ],
            }
        ]
    }
    message = refused(tmp_path, "groups.json", json.dumps(document).encode())
    assert "$.roles[0].levels[0].requirements[0].group" in message
    assert not RequirementGroup.objects.exists()


def test_an_over_long_group_heading_is_refused_naming_file_role_and_field(db, tmp_path):
    document = {
        "roles": [
            {
                "title": "Clerk",
                "grade": "",
                "levels": [{"code": "A", "groups": [{"heading": "H" * 301}], "requirements": []}],
            }
        ]
    }
    message = refused(tmp_path, "long.json", json.dumps(document).encode())
    assert "long.json" in message
    assert "Clerk" in message
    assert "group heading is 301 characters long; at most 300 fit" in message


def test_a_group_linked_to_a_new_category_makes_it(db, tmp_path):
    document = {
        "roles": [
            {
                "title": "Clerk",
                "grade": "",
                "levels": [
                    {
                        "code": "A",
                        "groups": [{"heading": "What you know", "category": "Knowledge"}],
                        "requirements": [
                            {"category": "What you know", "text": "Knows", "group": 0}
                        ],
                    }
                ],
            }
        ]
    }
    report = import_json(tmp_path, document)
    assert report.new_categories == ["Knowledge"]
    assert RequirementGroup.objects.get().category == RequirementCategory.objects.get()
