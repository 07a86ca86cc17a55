"""Requirement groups on the pages that list a role's items.

Lists of requirements (standing, profile, person page, print, assessments, compare pages,
the team map) show the role's own groups, one section per group in the role's order
(`by_group`). The levels grid lays levels side by side and matches their groups by heading
(`heading_keys`, `merged_order`).

In the grid, a group's place across levels is its heading and which occurrence of that
heading it is within its level: two "Knowledge" groups of one level stay two rows, and level
B's first "Knowledge" lines up with level A's first. Headings are matched ignoring case and
spaces at the ends; the first spelling met is shown.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.utils.text import slugify

from roles.models import Level, RequirementGroup, RequirementItem, Role

HeadingKey = tuple[str, int]


def heading_keys(groups_by_level) -> list[list[HeadingKey]]:
    """For each level's groups (in order), each group's key: (heading, occurrence)."""
    keys = []
    for groups in groups_by_level:
        seen: dict[str, int] = {}
        level_keys = []
        for group in groups:
            heading = group.heading.strip().casefold()
            seen[heading] = seen.get(heading, 0) + 1
            level_keys.append((heading, seen[heading]))
        keys.append(level_keys)
    return keys


def merged_order(sequences) -> list[HeadingKey]:
    """The keys of several levels merged in order of appearance, each level's order kept where
    the levels agree: a key a higher level adds goes before the next key it shares with the
    levels already merged, else at the end."""
    merged: list[HeadingKey] = []
    for sequence in sequences:
        for position, key in enumerate(sequence):
            if key in merged:
                continue
            following = next((k for k in sequence[position + 1 :] if k in merged), None)
            merged.insert(merged.index(following) if following else len(merged), key)
    return merged


def _identity(group) -> int:
    # Unsaved groups (an import preview) have no pk; each object is then its own group.
    return group.pk if group.pk is not None else id(group)


def _item(entry):
    return entry.item


def section_title(heading: str, level_code: str, *, name_level: bool) -> str:
    """A group's heading as a list shows it: "Knowledge · Level A" where `name_level` (levels
    are cumulative, so a list holds lower levels' groups too), else the heading as written."""
    level = f"Level {level_code}" if name_level and level_code else ""
    return " · ".join(part for part in (heading, level) if part)


def names_levels(role: Role) -> bool:
    """Whether a list of this role's items names each group's level: in a cumulative role a
    level's list holds the groups of the levels below it too."""
    return role.level_structure == Role.LevelStructure.CUMULATIVE


@dataclass
class GroupSection:
    """One requirement group of a list and its entries (anything with an `item`, or items),
    empty when the group was written with no items."""

    group: RequirementGroup
    level: Level
    items: list = field(default_factory=list)
    name_level: bool = False

    @property
    def heading(self) -> str:
        return self.group.heading

    @property
    def title(self) -> str:
        return section_title(self.group.heading, self.level.code, name_level=self.name_level)

    @property
    def notes(self) -> list[str]:
        return self.group.notes

    @property
    def key(self) -> str:
        """The same group's address on every list and for every person of the role:
        "a-knowledge-2" (level code, heading, place in the level)."""
        heading = slugify(self.group.heading) or "untitled"
        return "-".join(part for part in (slugify(self.level.code), heading) if part) + (
            f"-{self.group.order}"
        )


def groups_written_empty(levels) -> list[RequirementGroup]:
    """The groups of `levels` (ids or a QuerySet) written with no current items, each with its
    level, in one query: lists keep them, as the profile has them."""
    return list(
        RequirementGroup.objects.filter(level__in=levels)
        .exclude(Exists(RequirementItem.objects.filter(group=OuterRef("pk"))))
        .select_related("level")
    )


def groups_listed(groups, level: Level, *, beyond: Level | None = None) -> list:
    """Which of `groups` (each with its level at hand) a list of what `level` asks covers, or
    with `beyond` (a lower level), a list of what it asks beyond that: in a cumulative role,
    the groups of the levels up to `level` (above `beyond`); in a standalone role, its own."""
    if not names_levels(level.role):
        return [group for group in groups if group.level_id == level.pk]
    lowest = beyond.order if beyond is not None else None
    return [
        group
        for group in groups
        if group.level.order <= level.order and (lowest is None or group.level.order > lowest)
    ]


def by_group(entries, *, empty=(), item=_item, name_level: bool = False) -> list[GroupSection]:
    """Entries (anything with an `item`, or whose item `item(entry)` gives) under their own
    groups, one section per group, in the role's order: level by level, then the groups'
    order in the level; entries keep their order within a group.

    `empty` are groups written with no items (their `level` at hand) that the list
    covers (`groups_listed`), each shown as an empty section in its place. A group whose
    items the list leaves out (replaced, or the same as a lower level's) is not shown.
    `name_level`: see `section_title`."""
    sections: dict[int, GroupSection] = {}
    for group in empty:
        sections[_identity(group)] = GroupSection(group, group.level, name_level=name_level)
    for entry in entries:
        requirement = item(entry)
        key = _identity(requirement.group)
        if key not in sections:
            sections[key] = GroupSection(
                requirement.group, requirement.level, name_level=name_level
            )
        sections[key].items.append(entry)
    return sorted(
        sections.values(),
        key=lambda s: (s.level.order, s.group.order, s.group.pk or 0),
    )
