"""Downloads of a page's table never run as formulas, headings included: a team map's column
headings are the role's own requirement headings, which HR type."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from roles.models import RequirementGroup

HEADING = '=HYPERLINK("http://evil","Knowledge")'


@pytest.fixture
def formula_heading(employee):
    RequirementGroup.objects.filter(level__role=employee.level.role, heading="Knowledge").update(
        heading=HEADING
    )


def test_a_csv_heading_that_looks_like_a_formula_is_text(login, manager, formula_heading):
    response = login(manager).get(reverse("dashboards:team_map"), {"format": "csv"})
    heading = next(
        cell
        for cell in next(csv.reader(io.StringIO(response.content.decode())))
        if "HYPERLINK" in cell
    )
    assert heading.startswith("'" + HEADING)


def test_an_xlsx_heading_that_looks_like_a_formula_is_text(login, manager, formula_heading):
    response = login(manager).get(reverse("dashboards:team_map"), {"format": "xlsx"})
    headings = next(load_workbook(io.BytesIO(response.content)).active.rows)
    heading = next(cell for cell in headings if "HYPERLINK" in str(cell.value))
    assert heading.value.startswith("'" + HEADING) and heading.data_type == "s"
