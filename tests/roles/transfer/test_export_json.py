import json

import pytest
from django.core.management import CommandError, call_command

from roles.models import Role
from tests import builders


def export_json(tmp_path, *options) -> str:
    path = tmp_path / f"export-{len(list(tmp_path.iterdir()))}.json"
    call_command("export_role_profiles", "--format", "json", "--output", str(path), *options)
    return path.read_text()


def test_json_round_trip_through_an_empty_database_gives_the_same_file(db, tmp_path):
    builders.full_role()
    builders.role("Team Leader", grade_name="Band 3", status=Role.Status.DRAFT)
    first = export_json(tmp_path)
    builders.empty_catalogue()
    call_command("import_role_profiles", str(tmp_path / "export-0.json"))
    assert export_json(tmp_path) == first


def test_json_has_the_documented_keys(db, tmp_path):
    builders.full_role()
    (role,) = json.loads(export_json(tmp_path))["roles"]
    assert {
        "title",
        "job_family",
        "grade",
        "status",
        "level_structure",
        "purpose",
        "duties_html",
        "levels",
        "responsibilities",
        "competencies",
    } <= set(role)
    assert set(role["levels"][0]) == {
        "code",
        "name",
        "grade",
        "description",
        "groups",
        "requirements",
    }
    assert set(role["levels"][0]["groups"][0]) == {
        "heading",
        "category",
        "lead_in",
        "weight",
        "at_least",
    }
    assert set(role["levels"][0]["requirements"][0]) == {
        "category",
        "text",
        "essential",
        "sub_points",
        "replaces",
        "group",
    }


def test_json_lists_levels_and_requirements_in_display_order(db, tmp_path):
    builders.full_role()
    (role,) = json.loads(export_json(tmp_path))["roles"]
    assert [level["code"] for level in role["levels"]] == ["A", "B", "C"]
    categories = [r["category"] for r in role["levels"][0]["requirements"]]
    assert categories == [c for c in builders.DEFAULT_CATEGORIES for _ in range(2)]


def test_json_import_of_an_edited_profile_updates_the_role_in_place(db, tmp_path):
    role = builders.full_role()
    document = json.loads(export_json(tmp_path))
    document["roles"][0]["purpose"] = "Settles claims quickly."
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(document))
    call_command("import_role_profiles", str(path))
    assert Role.objects.get().pk == role.pk
    assert Role.objects.get().purpose == "Settles claims quickly."


def test_export_with_role_option_writes_only_that_role(db, tmp_path):
    builders.role("Claims Handler")
    builders.role("Team Leader")
    titles = [
        r["title"] for r in json.loads(export_json(tmp_path, "--role", "Team Leader"))["roles"]
    ]
    assert titles == ["Team Leader"]


def test_export_of_a_role_that_does_not_exist_fails(db, tmp_path):
    with pytest.raises(CommandError, match='no role titled "Nobody"'):
        export_json(tmp_path, "--role", "Nobody")
