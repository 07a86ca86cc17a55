"""Requirement groups matched across levels by heading, for every page that lists items under
headings (the levels grid, cumulative lists, compare pages, standing, assessments).

A group's place across levels is its heading and which occurrence of that heading it is
within its level: two "Knowledge" groups of one level stay two rows, and level B's first
"Knowledge" lines up with level A's first. Headings are matched ignoring case and spaces at
the ends; the first spelling met is shown.
"""

from dataclasses import dataclass, field

from roles.models import RequirementGroup

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


@dataclass
class Section:
    """One heading of a list and the entries under it (anything with an `item`), from one
    group or, in a list of several levels, from the groups of that heading at each level."""

    heading: str
    groups: list[RequirementGroup] = field(default_factory=list)
    items: list = field(default_factory=list)

    @property
    def notes(self) -> list[str]:
        """The lead-ins, shares of time and rules of its groups, each once."""
        return list(dict.fromkeys(note for group in self.groups for note in group.notes))


def _item(entry):
    return entry.item


def by_heading(entries, *, item=_item) -> list[Section]:
    """Entries (anything with an `item`, or whose item `item(entry)` gives, in
    RequirementItem.DISPLAY_ORDER) under their groups' headings, matched across levels, in
    the levels' merged order."""
    entries = list(entries)
    levels: dict[int, dict[int, RequirementGroup]] = {}
    for entry in entries:
        group = item(entry).group
        levels.setdefault(item(entry).level_id, {}).setdefault(_identity(group), group)
    level_groups = [list(groups.values()) for groups in levels.values()]
    keys = heading_keys(level_groups)
    key_of = {
        _identity(group): key
        for groups, level_keys in zip(level_groups, keys, strict=True)
        for group, key in zip(groups, level_keys, strict=True)
    }
    sections = {key: Section(heading="") for key in merged_order(keys)}
    for entry in entries:
        group = item(entry).group
        section = sections[key_of[_identity(group)]]
        if not section.groups:
            section.heading = group.heading
        if all(_identity(g) != _identity(group) for g in section.groups):
            section.groups.append(group)
        section.items.append(entry)
    return list(sections.values())
