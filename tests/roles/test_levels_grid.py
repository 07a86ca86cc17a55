"""A role's levels side by side by requirement group: the grid the role page, print and paths
share. Groups line up across levels by heading; repeated and empty headings are kept."""

from django.urls import reverse

from roles.levels_grid import build_grid, levels_grid
from roles.models import Level, RequirementGroup, RequirementItem
from tests import builders


def test_a_grid_cell_holds_only_what_its_level_adds(insurance_officer):
    grid = levels_grid(insurance_officer)
    skills = next(row for row in grid.rows if row.heading == "Skills")
    group, items = skills.cells[1]
    assert [item.text for item in items] == [
        "Skills item 1 of Insurance Officer level B",
        "Skills item 2 of Insurance Officer level B",
    ]


def test_a_grid_is_read_in_three_queries(insurance_officer, django_assert_num_queries):
    with django_assert_num_queries(3):
        levels_grid(insurance_officer)


def unsaved(heading, *texts, **fields):
    group = RequirementGroup(heading=heading, **fields)
    return group, [RequirementItem(group=group, text=text) for text in texts]


def test_a_grid_can_be_built_from_objects_not_yet_saved():
    level_a, level_b = Level(code="A", order=1), Level(code="B", order=2)
    grid = build_grid(
        [
            (level_a, [unsaved("Skills", "Types fast")]),
            (level_b, [unsaved("Knowledge", "Knows the law"), unsaved("Skills", "Files")]),
        ]
    )
    # Level B's Knowledge comes before the Skills it shares with level A, as B writes them.
    assert [row.heading for row in grid.rows] == ["Knowledge", "Skills"]
    assert [[len(cell[1]) if cell else None for cell in row.cells] for row in grid.rows] == [
        [None, 1],
        [1, 1],
    ]
    assert [section.heading for section in grid.columns[1].sections] == ["Knowledge", "Skills"]


def test_repeated_headings_in_a_level_stay_two_rows_and_line_up_by_occurrence():
    level_a, level_b = Level(code="A", order=1), Level(code="B", order=2)
    grid = build_grid(
        [
            (level_a, [unsaved("Skills", "One"), unsaved("Skills", "Two")]),
            (level_b, [unsaved("skills ", "Three")]),
        ]
    )
    assert [row.heading for row in grid.rows] == ["Skills", "Skills"]
    assert [item.text for item in grid.rows[0].cells[1][1]] == ["Three"]
    assert grid.rows[1].cells[1] is None


def test_an_empty_group_keeps_its_heading_and_a_group_its_rule(db, client):
    role = builders.role("Clerk", levels=("A",), items_per_category=0)
    level = role.levels.get()
    builders.group(level, "Languages")
    any_two = builders.group(level, "Systems", lead_in="With supervision:", weight=30, at_least=2)
    for text in ["Word", "Excel", "Access"]:
        builders.item(any_two, text)
    grid = levels_grid(role)
    assert [row.heading for row in grid.rows] == ["Languages", "Systems"]
    assert grid.rows[0].cells[0][1] == []
    assert grid.rows[1].cells[0][0].notes == ["With supervision:", "30% of time", "Any 2 of these"]
    client.force_login(builders.user("reader"))
    page = client.get(reverse("roles:detail", args=[role.pk])).content.decode()
    assert "Languages" in page
    assert "With supervision: · 30% of time · Any 2 of these" in page
