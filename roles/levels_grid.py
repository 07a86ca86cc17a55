"""A role's levels laid out side by side, by requirement group, for every page that shows them."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Prefetch

from roles.models import Level, RequirementGroup, RequirementItem, Role
from roles.requirement_groups import GroupSection, heading_keys, merged_order

# A level and its groups, in order, each with its items in order.
LevelGroups = tuple[Level, Sequence[tuple[RequirementGroup, list[RequirementItem]]]]


@dataclass(frozen=True)
class GridColumn:
    """One level: its heading ("In addition to level A") and, for narrow screens, its groups
    (`sections`, in the level's order, empty groups kept)."""

    level: Level
    heading: str
    sections: list[GroupSection]


@dataclass(frozen=True)
class GridRow:
    """One heading: `cells` holds each level's group of that heading, as (group, items), or
    None where the level has no such group; one per column."""

    heading: str
    cells: list[tuple[RequirementGroup, list[RequirementItem]] | None]


@dataclass(frozen=True)
class LevelsGrid:
    """Levels as columns (lowest first) and group headings as rows.

    `grid.columns[i]` and `row.cells[i]` are the same level. A cell holds the level's own
    items: in a cumulative role, what it adds to the levels before it (an item may replace
    one of theirs); in a standalone role, everything it asks. Rows are the levels' groups
    matched by heading (roles.requirement_groups), in order of appearance. Rendered by the
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


def groups_with_items():
    """Groups in order, each with its current items in order in `group.current_items`."""
    return RequirementGroup.objects.order_by("order", "pk").prefetch_related(
        Prefetch(
            "items",
            queryset=RequirementItem.objects.select_related("replaces").order_by("order", "pk"),
            to_attr="current_items",
        )
    )


def levels_grid(role: Role) -> LevelsGrid:
    """The grid of a saved role, in three queries whatever its size."""
    levels = list(role.levels.select_related("grade").order_by("order"))
    groups = level_groups(levels)
    return build_grid(
        [(level, groups[level.pk]) for level in levels], structure=role.level_structure
    )


def build_grid(
    levels: Sequence[LevelGroups], *, structure: str = Role.LevelStructure.CUMULATIVE
) -> LevelsGrid:
    """Lay out levels given in order, each with its groups and their items; objects need not
    be saved (an import preview passes the ones it is about to create). `structure` is the
    role's `level_structure`, which the columns' headings follow."""
    keys = heading_keys([[group for group, _items in groups] for _level, groups in levels])
    cells_by_level = [
        dict(zip(level_keys, groups, strict=True))
        for level_keys, (_level, groups) in zip(keys, levels, strict=True)
    ]
    codes = [level.code for level, _groups in levels]
    columns = [
        GridColumn(
            level=level,
            heading=level_introduction(codes[:position], structure),
            sections=[GroupSection(group, level, list(items)) for group, items in groups],
        )
        for position, (level, groups) in enumerate(levels)
    ]
    rows = []
    for key in merged_order(keys):
        cells = [cells.get(key) for cells in cells_by_level]
        heading = next(cell[0].heading for cell in cells if cell)
        rows.append(GridRow(heading=heading, cells=cells))
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


def level_groups(levels: Iterable[Level]) -> dict[int, list]:
    """Each level's (group, items) pairs, by level id, in two queries."""
    by_level: dict[int, list] = {level.pk: [] for level in levels}
    for group in groups_with_items().filter(level__in=list(by_level)):
        by_level[group.level_id].append((group, group.current_items))
    return by_level
