"""What HR reads when a flat-list file has a problem: each row's problem in HR's words, a row
repeated in the file named by both rows, and never a Python traceback or a server path
(issue #12)."""

import pytest

from competencies.models import RequirementCategory
from roles.models import Grade
from staff.models import StaffProfile
from tests.admin_pages import flat_list_preview

STAFF_HEADER = "employee_number,first_name,last_name,email,role,level,line_manager,level_reached_on"


@pytest.fixture
def hr_client(login, hr):
    return login(hr)


def page_of(response) -> str:
    return response.content.decode()


def assert_no_traceback(page: str) -> None:
    for sign in ("Traceback", 'File "/', ".py", "Error:", "Exception"):
        assert sign not in page, sign


def test_a_category_repeated_in_the_file_is_refused_naming_both_rows(hr_client):
    text = "name,order,description\nSkills,10,\nKnowledge,20,\nskills ,30,Typed again\n"
    page = page_of(flat_list_preview(hr_client, RequirementCategory, text.encode(), "c.csv", "csv"))
    assert "Row 1 already has the name “Skills”" in page
    assert "Confirm import" not in page
    assert not RequirementCategory.objects.exists()


def test_a_grade_repeated_in_its_scheme_is_refused(hr_client):
    text = "scheme,name,order\nBands,Band 2,2\nBands,Band 3,3\nBands,Band 2,4\n"
    page = page_of(flat_list_preview(hr_client, Grade, text.encode(), "g.csv", "csv"))
    assert "Row 1 already has the scheme and name “Bands, Band 2”" in page
    assert not Grade.objects.filter(name="Band 2").exists()


def test_an_employee_number_repeated_in_the_staff_list_is_refused(hr_client, insurance_officer):
    text = (
        f"{STAFF_HEADER}\n"
        "N1,Ann,Lee,ann@example.org,Insurance Officer,A,,\n"
        "N2,Bo,Ray,bo@example.org,Insurance Officer,A,,\n"
        "N1,Ann,Leigh,ann.leigh@example.org,Insurance Officer,B,,\n"
    )
    page = page_of(flat_list_preview(hr_client, StaffProfile, text.encode(), "s.csv", "csv"))
    assert "Row 1 already has the employee number “N1”" in page
    assert not StaffProfile.objects.filter(employee_number__in=["N1", "N2"]).exists()


def test_a_problem_found_after_every_row_shows_no_traceback(hr_client, insurance_officer):
    text = (
        f"{STAFF_HEADER}\n"
        "N1,Ann,Lee,ann@example.org,Insurance Officer,A,N2,\n"
        "N2,Bo,Ray,bo@example.org,Insurance Officer,A,N1,\n"
    )
    page = page_of(flat_list_preview(hr_client, StaffProfile, text.encode(), "s.csv", "csv"))
    assert "Line managers make a loop: N1 reports to N2 reports to N1." in page
    assert_no_traceback(page)


def test_a_nul_byte_in_a_cell_is_refused_naming_the_row(hr_client):
    text = "name,order,description\nSkills,10,Sk\x00ills\n"
    page = page_of(flat_list_preview(hr_client, RequirementCategory, text.encode(), "c.csv", "csv"))
    assert "holds a NUL character" in page
    assert_no_traceback(page)
    assert not RequirementCategory.objects.exists()


@pytest.mark.parametrize(
    "data, label, expected",
    [
        ("name\nSkills\n".encode("utf-16"), "csv", "This file is not UTF-8 text"),
        (b"PK\x03\x04 not really a workbook", "xlsx", "This file is not an Excel workbook"),
    ],
    ids=["utf-16 csv", "broken workbook"],
)
def test_a_file_that_cannot_be_read_is_refused_in_plain_words(hr_client, data, label, expected):
    page = page_of(flat_list_preview(hr_client, RequirementCategory, data, f"c.{label}", label))
    assert expected in page
    assert_no_traceback(page)
