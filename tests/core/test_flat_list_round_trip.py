"""Every flat list HR exports from the admin imports back unchanged, in every format it reads
(issue #12: categories with an empty description were refused; staff exports wrote "None")."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import User

from core.spreadsheets import FlatListAdmin, SpreadsheetSafeResource
from tests import builders
from tests.admin_pages import flat_list_confirm, flat_list_export, flat_list_preview

FLAT_LISTS = sorted(
    (
        model
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, FlatListAdmin)
    ),
    key=lambda model: model._meta.label,
)


def state(model) -> list:
    rows = list(model.objects.order_by("pk").values())
    if model._meta.model_name == "staffprofile":
        rows += list(User.objects.order_by("pk").values("first_name", "last_name", "email"))
    return rows


@pytest.fixture
def catalogue(employee, colleague, outsider, hr, settings):
    """Plain demo data: a full role, people with and without managers, levels and emails, and
    lists whose descriptions were left empty."""
    made = builders.full_role()
    required = made.role_competencies.select_related("competency", "proficiency").first()
    builders.descriptor(required.competency, required.proficiency)
    employee.user.email = ""
    employee.user.save()


def test_every_flat_list_is_in_the_round_trip():
    assert {m._meta.model_name for m in FLAT_LISTS} >= {
        "requirementcategory",
        "competency",
        "grade",
        "jobfamily",
        "staffprofile",
    }


@pytest.mark.parametrize("label", ["csv", "xlsx"])
@pytest.mark.parametrize("model", FLAT_LISTS, ids=lambda model: model._meta.label)
def test_an_export_imports_back_unchanged(login, hr, catalogue, model, label):
    client = login(hr)
    before = state(model)
    exported = flat_list_export(client, model, label)

    preview = flat_list_preview(client, model, exported, f"export.{label}", label)
    result = preview.context["result"]
    assert not preview.context["form"].errors
    problems = [e.error for e in result.base_errors]
    problems += [(n, e.error) for n, errors in result.row_errors() for e in errors]
    problems += [(row.number, row.error_dict) for row in result.invalid_rows]
    assert not problems
    flat_list_confirm(client, model, preview)

    assert state(model) == before


@pytest.mark.parametrize("model", FLAT_LISTS, ids=lambda model: model._meta.label)
def test_every_flat_list_writes_cells_a_spreadsheet_cannot_run(model):
    """The library's own formula escaping is off (it wrote "None" into empty cells): ours must
    be on every list."""
    for resource in admin.site._registry[model].get_export_resource_classes(None):
        assert issubclass(resource, SpreadsheetSafeResource)
