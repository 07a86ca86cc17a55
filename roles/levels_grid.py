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

    `grid.columns[i]` and `row.cells[i]` are the same level. Levels are cumulative, so a
    cell holds only what that level adds to the levels before it. Rendered by the
    `includes/levels_table.html` partial: `{% include "includes/levels_table.html" %}`
    with `grid` in the context.
    """

    columns: list[GridColumn]
    rows: list[GridRow]


def levels_grid(role: Role) -> LevelsGrid:
    """The grid of a saved role, in two queries whatever its size."""
    levels = list(role.levels.select_related("grade").order_by("order"))
    items_by_level = defaultdict(list)
    items = (
        RequirementItem.objects.filter(level__role=role)
        .select_related("category")
        .order_by("order", "pk")
    )
    for item in items:
        items_by_level[item.level_id].append(item)
    return build_grid([(level, items_by_level[level.pk]) for level in levels])


def build_grid(levels: Sequence[tuple[Level, Iterable[RequirementItem]]]) -> LevelsGrid:
    """Lay out levels given in order, each with its own items; objects need not be saved
    (an import preview passes the ones it is about to create).

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
            heading=_heading(codes[:position]),
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


def _heading(codes_below: list[str]) -> str:
    """ "Required for this level", "In addition to level A", "... to levels A and B"."""
    if not codes_below:
        return "Required for this level"
    if len(codes_below) == 1:
        return f"In addition to level {codes_below[0]}"
    return f"In addition to levels {', '.join(codes_below[:-1])} and {codes_below[-1]}"
