"""The flat lists of the competencies app HR loads in the admin: categories and competencies."""

from competencies.models import Competency, RequirementCategory
from competencies.resources import CompetencyResource, RequirementCategoryResource
from tests.builders import flat_list_load, row_errors


def test_competencies_import_into_their_framework(db):
    headers = ["framework", "name", "order", "description"]
    flat_list_load(CompetencyResource(), headers, ["Leadership Framework", "Fresh Thinking", 1, ""])
    assert Competency.objects.get().framework.name == "Leadership Framework"


def test_one_bad_row_writes_nothing_and_names_row_and_column(db):
    result = flat_list_load(
        RequirementCategoryResource(),
        ["name", "order", "description"],
        ["Knowledge", 10, ""],
        ["Skills", "tenth", ""],
    )
    assert row_errors(result) == [(2, "order", '"tenth" is not a number (order).')]
    assert not RequirementCategory.objects.exists()
