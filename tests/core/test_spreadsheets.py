"""Spreadsheet cells never run as formulas and read back exactly; every flat list HR loads in
the admin is built on that base and offers import and export."""

import io

import pytest
from django.urls import reverse
from import_export.formats.base_formats import CSV, XLSX
from openpyxl import load_workbook

from competencies.models import RequirementCategory
from competencies.resources import RequirementCategoryResource
from tests import builders


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


@pytest.mark.parametrize(
    "changelist",
    [
        "admin:roles_grade_changelist",
        "admin:roles_jobfamily_changelist",
        "admin:competencies_requirementcategory_changelist",
        "admin:competencies_competency_changelist",
        "admin:staff_staffprofile_changelist",
    ],
)
def test_flat_lists_have_import_and_export_buttons(login, hr, changelist):
    page = login(hr).get(reverse(changelist)).content.decode()
    assert 'class="import_link"' in page and 'class="export_link"' in page
