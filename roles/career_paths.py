"""Career paths: what one level adds to another, two roles side by side, a job family's path."""

import functools
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.utils.functional import SimpleLazyObject

from competencies.models import RequirementCategory
from roles.levels_grid import LevelsGrid, build_grid
from roles.models import JobFamily, Level, RequirementItem, Role


@dataclass(frozen=True)
class ComparedItem:
    item: RequirementItem
    is_addition: bool


@dataclass(frozen=True)
class CategoryItems:
    category: RequirementCategory
    items: list = field(default_factory=list)


@dataclass(frozen=True)
class LevelComparison:
    """Everything `higher` asks, by category, with what it adds to `lower` marked as additions."""

    lower: Level
    higher: Level
    categories: list[CategoryItems]

    @property
    def addition_count(self) -> int:
        return sum(entry.is_addition for group in self.categories for entry in group.items)

    @property
    def grade_changes(self) -> bool:
        return self.lower.effective_grade != self.higher.effective_grade


@dataclass(frozen=True)
class CategoryRow:
    category: RequirementCategory
    columns: list[list[RequirementItem]]


def group_by_category(entries) -> list[CategoryItems]:
    """Group entries (anything with an `item`, ordered by category), keeping that order."""
    groups: list[CategoryItems] = []
    for entry in entries:
        category = entry.item.category
        if not groups or groups[-1].category.pk != category.pk:
            groups.append(CategoryItems(category=category))
        groups[-1].items.append(entry)
    return groups


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
    return LevelComparison(lower=lower, higher=higher, categories=group_by_category(entries))


def compare_roles(*, first: Role, second: Role) -> list[CategoryRow]:
    """Each category's items of two roles, side by side (every level's items, lowest first)."""
    by_role: dict[int, dict[int, list[RequirementItem]]] = {first.pk: {}, second.pk: {}}
    categories: dict[int, RequirementCategory] = {}
    items = (
        RequirementItem.objects.filter(level__role__in=[first, second])
        .select_related("level", "category")
        .order_by("category__order", "level__order", "order", "pk")
    )
    for item in items:
        categories.setdefault(item.category_id, item.category)
        by_role[item.level.role_id].setdefault(item.category_id, []).append(item)
    return [
        CategoryRow(
            category=category,
            columns=[by_role[first.pk].get(pk, []), by_role[second.pk].get(pk, [])],
        )
        for pk, category in categories.items()
    ]


def levels_grids(roles: list[Role]) -> dict[int, LevelsGrid]:
    """Each role's levels grid (as `roles.levels_grid.levels_grid` lays it out), by role id, in
    two queries however many roles there are."""
    levels: dict[int, list[Level]] = {role.pk: [] for role in roles}
    for level in Level.objects.filter(role__in=roles).select_related("grade").order_by("order"):
        levels[level.role_id].append(level)
    items: dict[int, list[RequirementItem]] = {}
    for item in (
        RequirementItem.objects.filter(level__role__in=roles)
        .select_related("category", "replaces")
        .order_by("order", "pk")
    ):
        items.setdefault(item.level_id, []).append(item)
    return {
        role.pk: build_grid(
            [(level, items.get(level.pk, [])) for level in levels[role.pk]],
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
