"""The flat lists of the competencies app HR loads in the admin: categories and competencies."""

from competencies.models import (
    Competency,
    CompetencyDescriptor,
    ProficiencyLevel,
    RequirementCategory,
)
from competencies.resources import (
    CompetencyDescriptorResource,
    CompetencyResource,
    ProficiencyLevelResource,
    RequirementCategoryResource,
)
from tests import builders
from tests.builders import flat_list_load, row_errors

DESCRIPTOR_HEADERS = [
    "framework",
    "competency",
    "proficiency",
    "descriptor",
    "positive_indicators",
    "negative_indicators",
]


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


def test_a_scale_loads_in_the_order_its_rows_state_not_by_label(db):
    headers = ["framework", "name", "order", "description"]
    rows = [
        ["Police Leadership", name, order, ""]
        for order, name in [(4, "A"), (1, "D"), (3, "B"), (2, "C")]
    ]
    flat_list_load(ProficiencyLevelResource(), headers, *rows)
    assert [p.name for p in ProficiencyLevel.objects.all()] == ["D", "C", "B", "A"]


def test_descriptors_load_with_their_indicators(db):
    builders.framework()
    flat_list_load(
        CompetencyDescriptorResource(),
        DESCRIPTOR_HEADERS,
        [
            "Digital Skills",
            "Testing",
            "Working",
            "Writes tests",
            "Tests first\nAsks for review",
            "Skips tests",
        ],
    )
    descriptor = CompetencyDescriptor.objects.get()
    assert (descriptor.competency.name, descriptor.proficiency.name) == ("Testing", "Working")
    assert descriptor.positive_indicator_list == ["Tests first", "Asks for review"]
    assert descriptor.negative_indicator_list == ["Skips tests"]


def test_a_descriptor_for_a_level_the_framework_lacks_names_the_row(db):
    builders.framework()
    result = flat_list_load(
        CompetencyDescriptorResource(),
        DESCRIPTOR_HEADERS,
        ["Digital Skills", "Testing", "Master", "", "", ""],
    )
    assert row_errors(result) == [
        (1, "proficiency", 'the framework "Digital Skills" has no proficiency level "Master".')
    ]
    assert not CompetencyDescriptor.objects.exists()


def test_descriptors_export_with_their_framework(db):
    builders.framework()
    CompetencyDescriptor.objects.create(
        competency=Competency.objects.get(name="Testing"),
        proficiency=ProficiencyLevel.objects.get(name="Expert"),
        text="=Sets the standard",
    )
    (row,) = CompetencyDescriptorResource().export().dict
    assert row["framework"] == "Digital Skills"
    assert (row["competency"], row["proficiency"]) == ("Testing", "Expert")
    assert row["descriptor"] == "'=Sets the standard"
