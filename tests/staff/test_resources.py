"""The staff list HR loads a whole organisation from, with line managers named in the file."""

import datetime

from staff.models import StaffProfile
from staff.resources import StaffResource
from tests.admin_pages import flat_list_preview
from tests.builders import flat_list_load, row_errors

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


def staff_row(number, *, manager="", level="A", role="Insurance Officer", name="Pat"):
    return [number, name, "Tester", f"{number}@example.org", role, level, manager, "2024-04-01"]


def test_staff_import_resolves_managers_whatever_the_row_order(insurance_officer):
    result = flat_list_load(
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
    flat_list_load(StaffResource(), STAFF_HEADERS, staff_row("E7", name="Robin"))
    profile = StaffProfile.objects.select_related("user", "level").get(employee_number="E7")
    assert (profile.user.first_name, profile.user.email) == ("Robin", "E7@example.org")
    assert profile.level.code == "A" and profile.level_reached_on == datetime.date(2024, 4, 1)


def test_staff_with_an_unknown_manager_writes_nothing(insurance_officer):
    result = flat_list_load(
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
    result = flat_list_load(StaffResource(), STAFF_HEADERS, staff_row("E1", level="Z"))
    assert [(n, c) for n, c, _ in row_errors(result)] == [(1, "level")]
    assert not StaffProfile.objects.exists()


def test_staff_managers_in_a_loop_write_nothing(insurance_officer):
    result = flat_list_load(
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


def test_staff_list_exported_and_imported_again_changes_nothing(employee, colleague, outsider):
    before = list(StaffProfile.objects.order_by("pk").values())
    dataset = StaffResource().export()
    result = StaffResource().import_data(dataset, dry_run=False, use_transactions=True)
    assert not result.has_errors() and not result.has_validation_errors()
    assert list(StaffProfile.objects.order_by("pk").values()) == before


def test_staff_import_in_the_admin_shows_row_errors_and_offers_no_confirm(
    login, hr, insurance_officer
):
    header = "employee_number,first_name,last_name,email,role,level,line_manager,level_reached_on"
    text = f"{header}\nN1,Ann,Lee,ann@example.org,Insurance Officer,A,N9,\n"
    response = flat_list_preview(login(hr), StaffProfile, text.encode(), "staff.csv", "csv")
    page = response.content.decode()
    assert "No one has employee number" in page and "N9" in page
    assert "Confirm import" not in page
    assert not StaffProfile.objects.filter(employee_number="N1").exists()
