"""Every bad input gets a message naming file, row and column, and the database stays as it was."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from roles.models import Level, RequirementItem, Role
from tests import builders
from tests.career_tables import HEADER, cell, role_block, simple_rows, simple_table, tsv


def database_state():
    return (
        list(Role.objects.order_by("pk").values()),
        list(Level.objects.order_by("pk").values()),
        list(RequirementItem.objects.order_by("pk").values()),
    )


@pytest.fixture
def existing_catalogue(db):
    builders.role("Insurance Officer", items_per_category=2)
    return database_state()


def refused(tmp_path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(CommandError) as error:
        call_command("import_role_profiles", str(path))
    return str(error.value)


def test_unknown_file_type_is_refused(existing_catalogue, tmp_path):
    message = refused(tmp_path, "roles.rtf", b"{\\rtf1 Role}")
    assert message.startswith("roles.rtf: is not a file type the importer reads")
    assert database_state() == existing_catalogue


def test_xlsx_that_is_not_a_workbook_is_refused(existing_catalogue, tmp_path):
    message = refused(tmp_path, "roles.xlsx", simple_table())
    assert message == "roles.xlsx: is not an Excel workbook (.xlsx), although its name says it is."
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
