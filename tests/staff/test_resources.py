"""HR's flat lists in django-import-export: grades, families, categories, competencies, staff."""

import datetime
import io

import tablib
from import_export.formats.base_formats import CSV, XLSX
from openpyxl import load_workbook

from competencies.models import Competency, RequirementCategory
from competencies.resources import CompetencyResource, RequirementCategoryResource
from roles.models import Grade, JobFamily
from roles.resources import GradeResource, JobFamilyResource
from staff.models import StaffProfile
from staff.resources import StaffResource
from tests import builders

STAFF_HEADERS = [
    "employee_number",
    "first_name",
    "last_name",
    "email",
    "role",
    "level",
    "line_manager",
    "level_reached_on",
]


def load(resource, headers, *rows):
    """Import as the admin's confirm step does: everything rolls back if any row fails."""
    dataset = tablib.Dataset(*rows, headers=headers)
    return resource.import_data(
        dataset, dry_run=False, use_transactions=True, rollback_on_validation_errors=True
    )


def row_errors(result) -> list[tuple[int, str, str]]:
    """(row number, column, message) for every invalid row."""
    return [
        (invalid.number, column, message)
        for invalid in result.invalid_rows
        for column, messages in invalid.error_dict.items()
        for message in messages
    ]


def test_grades_import_creates_the_scheme_they_name(db):
    load(GradeResource(), ["scheme", "name", "order"], ["NHS bands", "Band 2", 2])
    assert Grade.objects.get(name="Band 2").scheme.name == "NHS bands"


def test_job_families_import(db):
    load(JobFamilyResource(), ["name", "description"], ["Legal", "Solicitors and paralegals"])
    assert JobFamily.objects.get().description == "Solicitors and paralegals"


def test_competencies_import_into_their_framework(db):
    headers = ["framework", "name", "order", "description"]
    load(CompetencyResource(), headers, ["Leadership Framework", "Fresh Thinking", 1, ""])
    assert Competency.objects.get().framework.name == "Leadership Framework"


def test_one_bad_row_writes_nothing_and_names_row_and_column(db):
    result = load(
        RequirementCategoryResource(),
        ["name", "order", "description"],
        ["Knowledge", 10, ""],
        ["Skills", "tenth", ""],
    )
    assert row_errors(result) == [(2, "order", '"tenth" is not a number (order).')]
    assert not RequirementCategory.objects.exists()


def staff_row(number, *, manager="", level="A", role="Insurance Officer", name="Pat"):
    return [number, name, "Tester", f"{number}@example.org", role, level, manager, "2024-04-01"]


def test_staff_import_resolves_managers_whatever_the_row_order(insurance_officer):
    result = load(
        StaffResource(),
        STAFF_HEADERS,
        staff_row("E3", manager="E2"),
        staff_row("E2", manager="E1", level="B"),
        staff_row("E1", level="C"),
    )
    assert not result.has_errors() and not result.has_validation_errors()
    managers = dict(
        StaffProfile.objects.values_list("employee_number", "line_manager__employee_number")
    )
    assert managers == {"E1": None, "E2": "E1", "E3": "E2"}


def test_staff_import_creates_their_logins(insurance_officer):
    load(StaffResource(), STAFF_HEADERS, staff_row("E7", name="Robin"))
    profile = StaffProfile.objects.select_related("user", "level").get(employee_number="E7")
    assert (profile.user.first_name, profile.user.email) == ("Robin", "E7@example.org")
    assert profile.level.code == "A" and profile.level_reached_on == datetime.date(2024, 4, 1)


def test_staff_with_an_unknown_manager_writes_nothing(insurance_officer):
    result = load(
        StaffResource(),
        STAFF_HEADERS,
        staff_row("E1"),
        staff_row("E2", manager="E99"),
    )
    assert row_errors(result) == [
        (2, "line_manager", 'No one has employee number "E99", in this file or already saved.')
    ]
    assert not StaffProfile.objects.exists()


def test_staff_with_an_unknown_level_is_refused_naming_the_column(insurance_officer):
    result = load(StaffResource(), STAFF_HEADERS, staff_row("E1", level="Z"))
    assert [(n, c) for n, c, _ in row_errors(result)] == [(1, "level")]
    assert not StaffProfile.objects.exists()


def test_staff_managers_in_a_loop_write_nothing(insurance_officer):
    result = load(
        StaffResource(),
        STAFF_HEADERS,
        staff_row("E1", manager="E2"),
        staff_row("E2", manager="E1"),
    )
    assert "Line managers make a loop" in str(result.base_errors[0].error)
    assert not StaffProfile.objects.exists()


def test_staff_export_names_the_manager_by_employee_number(employee):
    dataset = StaffResource().export()
    (exported,) = [
        row for row in dataset.dict if row["employee_number"] == employee.employee_number
    ]
    assert exported["line_manager"] == employee.line_manager.employee_number
    assert exported["role"] == "Insurance Officer (Range 3)"


def test_flat_list_csv_export_cannot_run_formulas(db):
    builders.category('=HYPERLINK("http://evil")')
    exported = CSV().export_data(RequirementCategoryResource().export())
    assert '\n"\'=HYPERLINK(""http://evil"")",' in exported


def test_flat_list_xlsx_export_cannot_run_formulas(db):
    builders.category('=HYPERLINK("http://evil")')
    exported = XLSX().export_data(RequirementCategoryResource().export())
    cell = load_workbook(io.BytesIO(exported)).active["A2"]
    assert (cell.value, cell.data_type) == ('\'=HYPERLINK("http://evil")', "s")


def test_formula_like_names_come_back_unchanged(db):
    name = "=SUM(A1)"
    builders.category(name)
    dataset = RequirementCategoryResource().export()
    RequirementCategory.objects.all().delete()
    RequirementCategoryResource().import_data(dataset, dry_run=False)
    assert RequirementCategory.objects.get().name == name


def test_staff_list_exported_and_imported_again_changes_nothing(employee, colleague, outsider):
    before = list(StaffProfile.objects.order_by("pk").values())
    dataset = StaffResource().export()
    result = StaffResource().import_data(dataset, dry_run=False, use_transactions=True)
    assert not result.has_errors() and not result.has_validation_errors()
    assert list(StaffProfile.objects.order_by("pk").values()) == before
