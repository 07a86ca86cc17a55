"""A role's levels laid out side by side, by category, for every page that shows them."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from competencies.models import RequirementCategory
from roles.models import Level, RequirementItem, Role


@dataclass(frozen=True)
class GridColumn:
    """One level: its heading ("In addition to level A") and, for narrow screens, its items
    by category (`sections`: (category, items) pairs, categories with no items left out)."""

    level: Level
    heading: str
    sections: list[tuple[RequirementCategory, list[RequirementItem]]]


@dataclass(frozen=True)
class GridRow:
    """One category: `cells` holds the items each level adds, one list per column."""

    category: RequirementCategory
    cells: list[list[RequirementItem]]


@dataclass(frozen=True)
class LevelsGrid:
    """Levels as columns (lowest first) and categories as rows (in category order).

    `grid.columns[i]` and `row.cells[i]` are the same level. A cell holds the level's own
    items: in a cumulative role, what it adds to the levels before it (an item may replace
    one of theirs); in a standalone role, everything it asks. Rendered by the
    `includes/levels_table.html` partial: `{% include "includes/levels_table.html" %}`
    with `grid` in the context.
    """

    columns: list[GridColumn]
    rows: list[GridRow]

    @property
    def heading(self) -> str:
        """ "Levels", or "Requirements" for a role written without levels (one, with no code)."""
        if len(self.columns) == 1 and not self.columns[0].level.code:
            return "Requirements"
        return "Levels"


def levels_grid(role: Role) -> LevelsGrid:
    """The grid of a saved role, in two queries whatever its size."""
    levels = list(role.levels.select_related("grade").order_by("order"))
    items_by_level = defaultdict(list)
    items = (
        RequirementItem.objects.filter(level__role=role)
        .select_related("category", "replaces")
        .order_by("order", "pk")
    )
    for item in items:
        items_by_level[item.level_id].append(item)
    return build_grid(
        [(level, items_by_level[level.pk]) for level in levels], structure=role.level_structure
    )


def build_grid(
    levels: Sequence[tuple[Level, Iterable[RequirementItem]]],
    *,
    structure: str = Role.LevelStructure.CUMULATIVE,
) -> LevelsGrid:
    """Lay out levels given in order, each with its own items; objects need not be saved
    (an import preview passes the ones it is about to create). `structure` is the role's
    `level_structure`, which the columns' headings follow.

    Categories are told apart by name and ordered by their `order`; items keep the order
    they are given in.
    """
    categories = {}
    by_level_and_category = []
    for _level, items in levels:
        cells = defaultdict(list)
        for item in items:
            categories.setdefault(item.category.name, item.category)
            cells[item.category.name].append(item)
        by_level_and_category.append(cells)
    ordered = sorted(categories.values(), key=lambda c: (c.order is None, c.order or 0, c.name))

    codes = [level.code for level, _items in levels]
    columns = [
        GridColumn(
            level=level,
            heading=level_introduction(codes[:position], structure),
            sections=[
                (category, cells[category.name]) for category in ordered if cells[category.name]
            ],
        )
        for position, ((level, _items), cells) in enumerate(
            zip(levels, by_level_and_category, strict=True)
        )
    ]
    rows = [
        GridRow(category=category, cells=[cells[category.name] for cells in by_level_and_category])
        for category in ordered
    ]
    return LevelsGrid(columns=columns, rows=rows)


STANDALONE_INTRODUCTION = "Everything this level asks"


def level_introduction(codes_below: list[str], structure: str) -> str:
    """What a level's items are, below its heading: "Required for this level", "In addition
    to level A", "... to levels A and B"; in a standalone role, "Everything this level asks"."""
    if structure == Role.LevelStructure.STANDALONE:
        return STANDALONE_INTRODUCTION
    if not codes_below:
        return "Required for this level"
    if len(codes_below) == 1:
        return f"In addition to level {codes_below[0]}"
    return f"In addition to levels {', '.join(codes_below[:-1])} and {codes_below[-1]}"
