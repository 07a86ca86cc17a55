"""A role's levels side by side by category: the grid the role page, print and paths share."""

from competencies.models import RequirementCategory
from roles.levels_grid import build_grid, levels_grid
from roles.models import Level, RequirementItem


def test_a_grid_cell_holds_only_what_its_level_adds(insurance_officer):
    grid = levels_grid(insurance_officer)
    skills = next(row for row in grid.rows if row.category.name == "Skills")
    assert [item.text for item in skills.cells[1]] == [
        "Skills item 1 of Insurance Officer level B",
        "Skills item 2 of Insurance Officer level B",
    ]


def test_a_grid_is_read_in_two_queries(insurance_officer, django_assert_num_queries):
    with django_assert_num_queries(2):
        levels_grid(insurance_officer)


def test_a_grid_can_be_built_from_objects_not_yet_saved():
    skills = RequirementCategory(name="Skills", order=20)
    knowledge = RequirementCategory(name="Knowledge", order=10)
    level_a, level_b = Level(code="A", order=1), Level(code="B", order=2)
    grid = build_grid(
        [
            (level_a, [RequirementItem(category=skills, text="Types fast")]),
            (level_b, [RequirementItem(category=knowledge, text="Knows the law")]),
        ]
    )
    assert [row.category.name for row in grid.rows] == ["Knowledge", "Skills"]
    assert [[len(cell) for cell in row.cells] for row in grid.rows] == [[0, 1], [1, 0]]
    assert [name.name for name, _items in grid.columns[1].sections] == ["Knowledge"]
