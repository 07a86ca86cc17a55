"""manage.py import_role_profiles on documents: the structure on --dry-run, then a new draft role
(or the named role updated), through the one importer."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from roles.models import RequirementItem, Role
from tests import builders
from tests.roles.transfer.documents.corpus import build_docx

PROFILE = """<!-- build: docx, bullets made with Word's list styles -->
# Records Clerk

**Grade:** Band 2

**Department:** Records

## Level 1

### Skills

- Files records in the right place.
- Answers the phone.

## Level 2

As above and;

### Skills

- Trains new clerks.
"""


@pytest.fixture
def profile(tmp_path):
    path = tmp_path / "clerk.docx"
    path.write_bytes(build_docx(PROFILE))
    return path


def run(*args) -> str:
    out = StringIO()
    call_command("import_role_profiles", *map(str, args), stdout=out)
    return out.getvalue()


def test_dry_run_prints_the_structure_found_and_saves_nothing(db, profile):
    output = run(profile, "--dry-run")
    assert "clerk.docx: Records Clerk" in output
    assert "Levels (cumulative, lowest first): Level 1, Level 2" in output
    assert "      - Files records in the right place." in output
    assert "Records Clerk (Band 2): created" in output
    assert "Dry run: nothing was saved." in output
    assert not Role.objects.exists()


def test_import_saves_a_new_draft_role(db, profile):
    run(profile)
    role = Role.objects.get()
    assert (role.title, str(role.grade), role.department, role.status) == (
        "Records Clerk",
        "Band 2",
        "Records",
        Role.Status.DRAFT,
    )
    assert [
        (item.level.code, item.group.heading, item.text)
        for item in RequirementItem.objects.order_by("level__order", "order")
    ] == [
        ("1", "Skills", "Files records in the right place."),
        ("1", "Skills", "Answers the phone."),
        ("2", "Skills", "Trains new clerks."),
    ]


def test_a_role_of_the_same_title_is_not_overwritten_unasked(db, profile):
    run(profile)
    with pytest.raises(CommandError, match="a role “Records Clerk \\(Band 2\\)” already exists"):
        run(profile)
    assert RequirementItem.objects.count() == 3


def test_update_names_the_role_to_update(db, profile):
    existing = builders.role("Filing Clerk", items_per_category=1)
    output = run(profile, "--update", "Filing Clerk")
    assert f"Filing Clerk ({existing.grade}): changed" in output
    existing.refresh_from_db()
    assert existing.department == "Records"
    assert list(existing.levels.values_list("code", flat=True).order_by("order")) == ["1", "2"]


def test_update_of_a_role_that_does_not_exist(db, profile):
    with pytest.raises(CommandError, match="clerk.docx: no role “Nobody” to update."):
        run(profile, "--update", "Nobody")
    assert not Role.objects.exists()


def test_several_documents_in_one_go(db, profile, tmp_path):
    other = tmp_path / "porter.txt"
    other.write_text("Porter\n\nDuties\n- Moves furniture.\n")
    run(profile, other)
    assert set(Role.objects.values_list("title", flat=True)) == {"Records Clerk", "Porter"}


def test_flat_spreadsheet_of_items(db, tmp_path):
    path = tmp_path / "skills.csv"
    path.write_text(
        "Role,Level,Group,Requirement\nCook,Level 1,Skills,Chops vegetables\n"
        "Cook,Level 2,Skills,Plans menus\n"
    )
    run(path)
    role = Role.objects.get(title="Cook")
    assert list(role.levels.order_by("order").values_list("code", flat=True)) == ["1", "2"]
