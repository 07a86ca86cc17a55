"""Bad input gets a clear refusal, never a 500 or a server brought to its knees (issue #12)."""

import io
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from core import spreadsheets
from core.spreadsheets import LimitedXLSX, SpreadsheetTooBig
from roles.models import Role
from staff.models import StaffProfile
from tests.admin_pages import flat_list_preview

ROLE_IMPORT = "admin:roles_role_import_profiles"
STAFF_IMPORT = "admin:staff_staffprofile_import"


@pytest.fixture
def hr_client(client, hr):
    client.force_login(hr)
    return client


# NUL bytes


@pytest.mark.parametrize(
    "url, params",
    [
        ("admin:staff_staffprofile_changelist", {"q": "a\x00b"}),
        ("admin:staff_staffprofile_changelist", {"role": "1\x00"}),
        ("admin:roles_role_changelist", {"status__exact": "draft\x00"}),
        ("admin:auth_user_changelist", {"is_active__exact\x00": "1"}),
        ("roles:catalogue", {"q": "\x00"}),
    ],
)
def test_a_nul_byte_in_a_query_parameter_is_a_400(hr_client, url, params):
    assert hr_client.get(reverse(url), params).status_code == 400


def test_a_nul_byte_in_a_posted_field_is_a_400(hr_client, employee):
    url = reverse("admin:auth_user_change", args=[employee.user.pk])
    response = hr_client.post(url, {"username": "employee", "first_name": "Em\x00"})
    assert response.status_code == 400


def test_a_nul_byte_on_the_sign_in_page_is_a_400(client, db):
    response = client.post(reverse("login"), {"username": "a\x00", "password": "x"})
    assert response.status_code == 400


# Spreadsheets


def workbook_bytes(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def bomb(unpacked_bytes=30 * 1024 * 1024) -> bytes:
    """A small, valid .xlsx whose sheet unpacks to `unpacked_bytes` of XML."""
    source = zipfile.ZipFile(io.BytesIO(workbook_bytes([["employee_number"], ["E1"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source.infolist():
            data = source.read(part)
            if part.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</worksheet>", b" " * unpacked_bytes + b"</worksheet>")
            target.writestr(part.filename, data)
    return out.getvalue()


def test_a_compressed_bomb_is_refused_before_it_is_read():
    data = bomb()
    assert len(data) < 300 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(SpreadsheetTooBig, match="unpacks to"):
            LimitedXLSX().create_dataset(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5 * 1024 * 1024


def test_too_many_rows_are_refused(monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_ROWS", 10)
    data = workbook_bytes([["name"]] + [[f"row {n}"] for n in range(20)])
    with pytest.raises(SpreadsheetTooBig, match="more than 10 rows"):
        LimitedXLSX().create_dataset(data)


def test_a_cell_far_to_the_right_is_refused():
    book = Workbook()
    book.active["A1"] = "name"
    book.active.cell(row=2, column=spreadsheets.MAX_COLUMNS + 5, value="far away")
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(SpreadsheetTooBig, match="columns"):
        LimitedXLSX().create_dataset(out.getvalue())


def test_an_over_long_cell_is_refused():
    data = workbook_bytes([["name"], ["x" * (spreadsheets.MAX_CELL_CHARACTERS + 1)]])
    with pytest.raises(SpreadsheetTooBig, match="characters"):
        LimitedXLSX().create_dataset(data)


def test_an_ordinary_workbook_reads_as_before():
    dataset = LimitedXLSX().create_dataset(workbook_bytes([["name", "order"], ["Skills", 3]]))
    assert dataset.headers == ["name", "order"] and list(dataset) == [("Skills", 3)]


def test_the_flat_list_admin_refuses_a_bomb_with_a_message(hr_client):
    response = flat_list_preview(hr_client, StaffProfile, bomb(), "staff.xlsx", "xlsx")
    assert "This file unpacks to" in response.content.decode()


def test_the_flat_list_admin_refuses_too_many_csv_rows(hr_client, monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_ROWS", 3)
    text = "employee_number\n" + "".join(f"E{n}\n" for n in range(5))
    response = flat_list_preview(hr_client, StaffProfile, text.encode(), "staff.csv", "csv")
    assert "This file has more than 3 rows" in response.content.decode()


def test_the_flat_list_admin_offers_only_formats_it_reads_safely(hr_client):
    form = hr_client.get(reverse(STAFF_IMPORT)).context["form"]
    assert {text for _, text in form.fields["format"].choices} <= {"---", "csv", "xlsx"}


def test_the_role_import_refuses_a_bomb_with_a_message(hr_client):
    response = hr_client.post(
        reverse(ROLE_IMPORT), {"file": SimpleUploadedFile("roles.xlsx", bomb())}, follow=True
    )
    assert "roles.xlsx" in response.content.decode()
    assert "unpacks to" in response.content.decode()
    assert not Role.objects.exists()


def test_the_role_import_refuses_an_over_long_cell(hr_client):
    table = "Job title\tRange\n" + "Officer\t" + "x" * (spreadsheets.MAX_CELL_CHARACTERS + 1)
    response = hr_client.post(
        reverse(ROLE_IMPORT), {"file": SimpleUploadedFile("roles.tsv", table.encode())}, follow=True
    )
    assert "a cell holds at most" in response.content.decode()
    assert not Role.objects.exists()
