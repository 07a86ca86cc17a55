"""Every bad input gets a message naming file, row and column, and the database stays as it was."""

import io
import json
import os
import re
import subprocess
import sys
import zipfile

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from tests.career_tables import HEADER, cell, role_block, simple_rows, simple_table, tsv, xlsx
from tests.roles.transfer.refusals import database_state, refused


def test_unknown_file_type_is_refused(existing_catalogue, tmp_path):
    message = refused(tmp_path, "roles.rtf", b"{\\rtf1 Role}")
    assert message.startswith("roles.rtf: is not a file type the importer reads")
    assert database_state() == existing_catalogue


def test_xlsx_that_is_not_a_workbook_is_refused(existing_catalogue, tmp_path):
    message = refused(tmp_path, "roles.xlsx", simple_table())
    assert message == (
        "roles.xlsx: is not an Excel workbook (.xlsx) that can be read: is it damaged, or "
        "another kind of file?"
    )
    assert database_state() == existing_catalogue


def test_tsv_that_is_a_workbook_is_refused(existing_catalogue, tmp_path):
    message = refused(tmp_path, "roles.tsv", b"PK\x03\x04" + b"\x00" * 100)
    assert message.startswith("roles.tsv: is not a text file")
    assert database_state() == existing_catalogue


def test_table_without_a_title_column_is_refused(existing_catalogue, tmp_path):
    data = tsv(["Band 2", "Required for this level"], header=["Range", "Level A (Developing)"])
    message = refused(tmp_path, "roles.tsv", data)
    assert message.startswith("roles.tsv, row 1: no title column")
    assert database_state() == existing_catalogue


def test_role_with_no_level_columns_is_refused(existing_catalogue, tmp_path):
    data = tsv(["Claims Handler", "Band 2", "<p>Duties</p>"], header=HEADER[:3])
    message = refused(tmp_path, "roles.tsv", data)
    assert message.startswith('roles.tsv, row 2: role "Claims Handler" has no level columns')
    assert database_state() == existing_catalogue


def test_same_role_twice_in_one_file_is_refused(existing_catalogue, tmp_path):
    data = tsv(*simple_rows(), *simple_rows())
    message = refused(tmp_path, "roles.tsv", data)
    assert message.startswith('roles.tsv, row 5, column A ("Job Title"): role "Claims Handler"')
    assert "appears twice in this file; it first appears at row 2" in message
    assert database_state() == existing_catalogue


def test_item_before_any_heading_is_refused_naming_its_column(existing_catalogue, tmp_path):
    data = tsv(*role_block(rows=[["", "", "", cell(None, "Knows things")]]))
    message = refused(tmp_path, "roles.tsv", data)
    assert message.startswith('roles.tsv, row 3, column D ("Level A (Developing)"):')
    assert database_state() == existing_catalogue


def test_json_that_does_not_follow_the_schema_is_refused(existing_catalogue, tmp_path):
    document = {"roles": [{"title": "Claims Handler", "grade": "Band 2", "levels": [{}]}]}
    message = refused(tmp_path, "roles.json", json.dumps(document).encode())
    assert message == "roles.json: $.roles[0].levels[0].code: is missing."
    assert database_state() == existing_catalogue


def test_json_whose_shares_of_time_add_up_to_over_100_is_refused(existing_catalogue, tmp_path):
    duties = [{"text": "Billing", "share_of_time": 60}, {"text": "Calls", "share_of_time": 50}]
    document = {
        "roles": [
            {
                "title": "Claims Handler",
                "grade": "Band 2",
                "levels": [{"code": "1", "requirements": []}],
                "responsibilities": duties,
            }
        ]
    }
    message = refused(tmp_path, "roles.json", json.dumps(document).encode())
    assert message == (
        "roles.json: $.roles[0].responsibilities: "
        "The shares of time add up to 110%; they may add up to 100% at most."
    )
    assert database_state() == existing_catalogue


def test_json_with_a_wrong_type_is_refused(existing_catalogue, tmp_path):
    document = {"roles": [{"title": "Claims Handler", "grade": 2, "levels": []}]}
    message = refused(tmp_path, "roles.json", json.dumps(document).encode())
    assert message == "roles.json: $.roles[0].grade: must be text."
    assert database_state() == existing_catalogue


def test_file_that_is_not_json_is_refused(existing_catalogue, tmp_path):
    message = refused(tmp_path, "roles.json", b'{"roles": [')
    assert message.startswith("roles.json: is not valid JSON")
    assert "line 1, column 12" in message
    assert database_state() == existing_catalogue


def test_file_neither_utf8_nor_windows_1252_is_refused(existing_catalogue, tmp_path):
    # 0x81 is undefined in Windows-1252 and invalid on its own in UTF-8.
    message = refused(tmp_path, "roles.tsv", simple_table() + b"\x81")
    assert message.startswith("roles.tsv: is not UTF-8")
    assert "nor Windows-1252" in message
    assert database_state() == existing_catalogue


def test_file_over_the_upload_limit_is_refused(existing_catalogue, tmp_path, settings):
    settings.MAX_UPLOAD_SIZE = 1024
    message = refused(tmp_path, "roles.tsv", simple_table() + b" " * 2048)
    assert message.startswith("roles.tsv: is 2.")
    assert message.endswith("KB; files over 1.0\xa0KB are refused.")
    assert database_state() == existing_catalogue


def test_problem_found_while_saving_leaves_every_role_unsaved(db, tmp_path, employee):
    """The file adds a role, then drops level C of a role someone holds: nothing is kept."""
    before = database_state()
    rows = [
        *simple_rows(title="Claims Handler"),
        *role_block(title="Insurance Officer", grade="Range 3"),
    ]
    message = refused(tmp_path, "roles.tsv", tsv(*rows))
    assert 'level C of "Insurance Officer (Range 3)" is not in the file' in message
    assert database_state() == before


def test_command_exits_with_a_non_zero_code(tmp_path):
    path = tmp_path / "roles.rtf"
    path.write_bytes(b"{\\rtf1 Role}")
    result = subprocess.run(
        [sys.executable, "manage.py", "import_role_profiles", str(path)],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DEBUG": "true"},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "roles.rtf: is not a file type the importer reads" in result.stderr


# The importer's crash cases of issue #12: each was a 500 in the admin and a traceback on the
# command line (some on PostgreSQL only); each now gets a message, and nothing changes.


def claims_handler(**changes) -> dict:
    role = {
        "title": "Claims Handler",
        "grade": "Band 2",
        "levels": [{"code": "A", "requirements": [{"category": "Skills", "text": "Writes"}]}],
    }
    return {"format": "role-profiles", "version": 2, "roles": [role | changes]}


def as_json(document) -> bytes:
    return json.dumps(document).encode()


def workbook_without_sheets() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(xlsx(*simple_rows())))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for part in source.infolist():
            data = source.read(part)
            if part.filename == "xl/workbook.xml":
                data = re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", data)
            target.writestr(part.filename, data)
    return out.getvalue()


def workbook_cut_short() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(xlsx(*simple_rows())))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for part in source.infolist():
            data = source.read(part)
            if part.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            target.writestr(part.filename, data)
    return out.getvalue()


def competency(proficiency: str, framework="Core Behaviours") -> dict:
    return {"framework": framework, "competency": "Working with Others", "proficiency": proficiency}


CRASH_CASES = {
    "review dates in the wrong order": (
        "roles.json",
        lambda: as_json(claims_handler(last_reviewed="2025-06-01", next_review="2024-06-01")),
        "roles.json: $.roles[0] (Claims Handler (Band 2)): next review: "
        "The next review cannot come before the last review.",
    ),
    # Range 3 is in the catalogue's scheme; the unknown Range 4 would go into "Imported grades".
    "a top grade in another grading scheme": (
        "roles.json",
        lambda: as_json(claims_handler(grade="Range 3", top_grade="Range 4")),
        "roles.json: $.roles[0] (Claims Handler (Range 3)): top grade: "
        "The top grade must be in the same grading scheme.",
    ),
    "deeply nested JSON": (
        "roles.json",
        lambda: b'{"roles": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        "roles.json: is nested too deeply",
    ),
    "deeply nested JSON inside a field": (
        "roles.json",
        lambda: as_json(claims_handler(purpose="P")).replace(b'"P"', b"[" * 5000 + b"]" * 5000),
        "roles.json: is nested too deeply",
    ),
    "a NUL byte in a JSON title": (
        "roles.json",
        lambda: as_json(claims_handler(title="Claims\x00Handler")),
        "roles.json: $.roles[0].title: holds a NUL character",
    ),
    "a NUL byte in a level code": (
        "roles.json",
        lambda: as_json(claims_handler(levels=[{"code": "A\x00", "requirements": []}])),
        "roles.json: $.roles[0].levels[0].code: holds a NUL character",
    ),
    "a NUL byte past the start of a table": (
        "roles.tsv",
        lambda: tsv(
            *simple_rows(),
            *[["", "", "", cell("Knowledge", "k" * 60)] for _ in range(80)],
            ["", "", "", cell("Knowledge", "Knows\x00claims")],
        ),
        "roles.tsv, row 85, column D: holds a NUL character",
    ),
    "an over-long level grade": (
        "roles.json",
        lambda: as_json(
            claims_handler(levels=[{"code": "A", "grade": "G" * 200, "requirements": []}])
        ),
        "level A: the level grade is 200 characters long; at most 120 fit.",
    ),
    "an over-long competency framework": (
        "roles.json",
        lambda: as_json(claims_handler(competencies=[competency("Working", "F" * 300)])),
        "the competency framework's name is 300 characters long; at most 200 fit.",
    ),
    "one competency at two proficiencies": (
        "roles.json",
        lambda: as_json(claims_handler(competencies=[competency("Working"), competency("Expert")])),
        'roles.json: $.roles[0].competencies[1]: "Working with Others" is required at every '
        "level twice; first at $.roles[0].competencies[0].",
    ),
    "an empty competency": (
        "roles.json",
        lambda: as_json(claims_handler(competencies=[competency("")])),
        "roles.json: $.roles[0].competencies[0].proficiency: must not be empty.",
    ),
    "a file of another version": (
        "roles.json",
        lambda: as_json({**claims_handler(), "version": 3}),
        "roles.json: $.version: must be 1 or 2",
    ),
    "a workbook with no sheets": (
        "roles.xlsx",
        workbook_without_sheets,
        "roles.xlsx: is a workbook with no sheets in it.",
    ),
    "a workbook cut short": (
        "roles.xlsx",
        workbook_cut_short,
        "roles.xlsx: is not an Excel workbook (.xlsx) that can be read",
    ),
    "a cell longer than Python's CSV reader takes": (
        "roles.tsv",
        lambda: tsv(*simple_rows(), ["", "", "", "k" * 200_000]),
        "roles.tsv: row 5 has a cell of more than 20000 characters",
    ),
}


@pytest.mark.parametrize("case", CRASH_CASES)
def test_the_command_answers_each_crash_case(existing_catalogue, tmp_path, case):
    name, data, expected = CRASH_CASES[case]
    assert expected in refused(tmp_path, name, data())
    assert database_state() == existing_catalogue


@pytest.mark.parametrize("case", CRASH_CASES)
def test_the_admin_upload_answers_each_crash_case(existing_catalogue, login, hr, case):
    name, data, expected = CRASH_CASES[case]
    response = login(hr).post(
        reverse("admin:roles_role_import_profiles"),
        {"file": SimpleUploadedFile(name, data())},
        follow=True,
    )
    assert response.status_code == 200
    assert escape(expected) in response.content.decode()
    assert database_state() == existing_catalogue


@pytest.mark.parametrize("file_format", ["tsv", "xlsx"])
def test_a_level_name_with_brackets_comes_back_unchanged(db, tmp_path, employee, file_format):
    """The table writes "Level A (Developing (with support))"; reading it took the whole header
    for the level's code, and so dropped level A and its items for a new one."""
    role = employee.level.role
    role.levels.filter(code="A").update(name="Developing (with support)")
    role.levels.filter(code="B").update(name="Practising)")
    before = database_state()
    path = tmp_path / f"roles.{file_format}"
    call_command("export_role_profiles", file_format=file_format, output=str(path))
    out = io.StringIO()
    call_command("import_role_profiles", str(path), stdout=out)
    assert "Insurance Officer (Range 3): unchanged" in out.getvalue()
    assert database_state() == before
