import csv
import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from roles.models import RequirementItem, Role
from roles.transfer.exporting import export_roles, roles_for_export
from tests import builders


def export_file(tmp_path, file_format: str) -> bytes:
    path = tmp_path / f"export-{len(list(tmp_path.iterdir()))}.{file_format}"
    call_command("export_role_profiles", "--format", file_format, "--output", str(path))
    return path


def sheet_rows(path) -> list[list]:
    workbook = load_workbook(path)
    return [[cell.value for cell in row] for row in workbook.active.iter_rows()]


def table_data() -> list:
    """What a career-grade table carries, as comparable values."""
    return [
        (
            role.title,
            role.grade.name,
            role.duties_html,
            role.level_structure,
            [
                (
                    level.code,
                    level.name,
                    level.grade.name if level.grade_id else "",
                    [
                        (i.group.heading, i.text, i.is_essential, i.sub_points)
                        for i in level.requirement_items.all()
                    ],
                )
                for level in role.levels.all()
            ],
        )
        for role in roles_for_export(Role.objects.all())
    ]


@pytest.fixture
def two_roles(db):
    builders.full_role()
    case_officer = builders.role(
        "Case Officer", levels=("1", "2", "3", "Team Leader"), grade_name="Band 4"
    )
    # A level with a grade of its own, in a role whose levels each list everything they ask.
    case_officer.levels.filter(code="Team Leader").update(grade=builders.grade("Band 5"))
    Role.objects.filter(pk=case_officer.pk).update(level_structure=Role.LevelStructure.STANDALONE)


@pytest.mark.parametrize("file_format", ["tsv", "xlsx"])
def test_table_round_trip_gives_back_the_same_data(two_roles, tmp_path, file_format):
    before = table_data()
    path = export_file(tmp_path, file_format)
    builders.empty_catalogue()
    call_command("import_role_profiles", str(path))
    assert table_data() == before


def test_tsv_round_trip_gives_the_same_file(two_roles, tmp_path):
    first = export_file(tmp_path, "tsv")
    builders.empty_catalogue()
    call_command("import_role_profiles", str(first))
    assert export_file(tmp_path, "tsv").read_bytes() == first.read_bytes()


def test_xlsx_round_trip_gives_the_same_cells(two_roles, tmp_path):
    first = export_file(tmp_path, "xlsx")
    builders.empty_catalogue()
    call_command("import_role_profiles", str(first))
    assert sheet_rows(export_file(tmp_path, "xlsx")) == sheet_rows(first)


def test_table_has_one_block_per_role_with_levels_as_columns(two_roles, tmp_path):
    rows = sheet_rows(export_file(tmp_path, "xlsx"))
    headers = [row for row in rows if row[0] == "Job Title"]
    assert [h[5:] for h in headers] == [
        ["Level 1", "Level 2", "Level 3", "Level Team Leader"],
        ["Level A", "Level B", "Level C", None],
    ]


FORMULAS = ['=HYPERLINK("http://evil")', "+44 call", "-1", "@SUM(A1)"]


@pytest.fixture
def formula_role(db):
    role = builders.role(FORMULAS[0], items_per_category=0)
    level = role.levels.get(code="A")
    group = builders.group(level, "Skills")
    RequirementItem.objects.bulk_create(
        RequirementItem(level=level, group=group, order=n, text=text)
        for n, text in enumerate(FORMULAS[1:], start=1)
    )
    return role


def test_xlsx_cells_that_look_like_formulas_are_written_as_text(formula_role):
    data = export_roles(roles_for_export(Role.objects.all()), file_format="xlsx")
    sheet = load_workbook(io.BytesIO(data)).active
    title = sheet["A2"]
    assert title.data_type == "s"
    assert title.value == "'" + FORMULAS[0]


def test_tsv_cells_that_look_like_formulas_start_with_an_apostrophe(formula_role):
    data = export_roles(roles_for_export(Role.objects.all()), file_format="tsv").decode()
    rows = list(csv.reader(io.StringIO(data), delimiter="\t"))
    assert rows[1][0] == "'" + FORMULAS[0]


@pytest.mark.parametrize("file_format", ["tsv", "xlsx"])
def test_formula_like_text_comes_back_unchanged(formula_role, tmp_path, file_format):
    path = export_file(tmp_path, file_format)
    builders.empty_catalogue()
    call_command("import_role_profiles", str(path))
    assert Role.objects.get().title == FORMULAS[0]
    assert (
        list(RequirementItem.objects.order_by("order").values_list("text", flat=True))
        == FORMULAS[1:]
    )
