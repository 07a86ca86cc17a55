"""Career paths: what one level adds to another, two roles side by side, a job family's path."""

import functools
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils.functional import SimpleLazyObject

from roles.levels_grid import LevelsGrid, build_grid, level_groups
from roles.models import JobFamily, Level, RequirementItem, Role
from roles.requirement_groups import (
    GroupSection,
    by_group,
    groups_listed,
    groups_written_empty,
    names_levels,
)


@dataclass(frozen=True)
class ComparedItem:
    item: RequirementItem
    is_addition: bool


@dataclass(frozen=True)
class LevelComparison:
    """Everything `higher` asks, under the role's groups, with what it adds to `lower` marked
    as additions."""

    lower: Level
    higher: Level
    sections: list[GroupSection]

    @property
    def addition_count(self) -> int:
        return sum(entry.is_addition for section in self.sections for entry in section.items)

    @property
    def grade_changes(self) -> bool:
        return self.lower.effective_grade != self.higher.effective_grade


@dataclass(frozen=True)
class HeadingRow:
    heading: str
    columns: list[GroupSection | None]


def compare_levels(*, lower: Level, higher: Level) -> LevelComparison:
    """What `higher` asks of a person who stands at `lower`, with what it asks beyond `lower`
    marked as additions (`Level.adds_to`). The levels may come in either order."""
    if lower.role_id != higher.role_id:
        raise ValueError("Only levels of the same role can be compared.")
    if lower.order > higher.order:
        lower, higher = higher, lower
    items = list(higher.items_up_to_here())
    additions = {item.pk for item in higher.adds_to(lower, items)}
    entries = [
        ComparedItem(item=item, is_addition=item.pk in additions) for item in higher.asks(items)
    ]
    sections = by_group(
        entries,
        empty=groups_listed(groups_written_empty(higher.role.levels.all()), higher),
        name_level=names_levels(higher.role),
    )
    return LevelComparison(lower=lower, higher=higher, sections=sections)


def compare_roles(*, first: Role, second: Role) -> list[HeadingRow]:
    """The groups of two roles side by side, every level's, each named with its level
    ("Knowledge · Level A"): each role's groups in its own order, rows matched by that title
    (a repeated one by its place among its repeats), the first role's order first. `columns`
    holds each role's group of the row, or None where the role has no such group."""
    roles = [first, second]
    items = (
        RequirementItem.objects.filter(level__role__in=roles)
        .select_related("level", "group")
        .order_by(*RequirementItem.DISPLAY_ORDER)
    )
    by_role: dict[int, list] = {first.pk: [], second.pk: []}
    for item in items:
        by_role[item.level.role_id].append(item)
    empty: dict[int, list] = {first.pk: [], second.pk: []}
    for group in groups_written_empty(Level.objects.filter(role__in=roles)):
        empty[group.level.role_id].append(group)
    rows: dict[tuple[str, int], HeadingRow] = {}
    for column, role in enumerate(roles):
        seen: dict[str, int] = {}
        sections = by_group(
            by_role[role.pk], empty=empty[role.pk], item=lambda item: item, name_level=True
        )
        for section in sections:
            title = section.title.strip().casefold()
            seen[title] = seen.get(title, 0) + 1
            row = rows.setdefault(
                (title, seen[title]), HeadingRow(heading=section.title, columns=[None, None])
            )
            row.columns[column] = section
    return list(rows.values())


def levels_grids(roles: list[Role]) -> dict[int, LevelsGrid]:
    """Each role's levels grid (as `roles.levels_grid.levels_grid` lays it out), by role id, in
    two queries however many roles there are."""
    levels: dict[int, list[Level]] = {role.pk: [] for role in roles}
    every_level = list(
        Level.objects.filter(role__in=roles).select_related("grade").order_by("order")
    )
    for level in every_level:
        levels[level.role_id].append(level)
    groups = level_groups(every_level)
    return {
        role.pk: build_grid(
            [(level, groups[level.pk]) for level in levels[role.pk]],
            structure=role.level_structure,
        )
        for role in roles
    }


def family_path(family: JobFamily, roles: QuerySet) -> list[Role]:
    """The family's roles from `roles` (already limited to what the reader may see), lowest
    grade first, each with its levels grid in `role.levels_grid` (read when first used), its
    number of levels in `role.level_count` and the role one step down the path in
    `role.role_below`."""
    path = list(
        roles.filter(job_family=family)
        .select_related("grade", "top_grade")
        .annotate(level_count=Count("levels"))
        .order_by("grade__scheme__name", "grade__order", "title", "pk")
    )
    # Read (for all the roles at once) only if a page renders a grid it has not cached.
    grids = functools.cache(lambda: levels_grids(path))
    for below, role in zip([None, *path], path, strict=False):
        role.role_below = below
        role.levels_grid = SimpleLazyObject(functools.partial(lambda pk: grids()[pk], role.pk))
    return path
