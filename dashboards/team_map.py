"""A manager's team at a glance: each person against their next level, group by group.

Everything is read from staff.standing's per-item data; `requirement_groups` is the one place
that decides what a column is (the headings of the requirement groups standing lists).
"""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.text import slugify

from staff.models import Rating
from staff.standing import RequirementStanding, Standing

# A cell's state, from its items' current ratings.
MET, PARTLY, NOT_MET, NOT_ASSESSED = "met", "partly", "not_met", "not_assessed"


def requirement_groups(standing: Standing) -> list[tuple[str, str, list[RequirementStanding]]]:
    """(key, heading, items) of what the next level asks (cumulative, as readiness counts
    it), in standing's order. The one function to change when standing groups differently."""
    if standing.next_level is None:
        return []
    groups: dict[str, tuple[str, str, list]] = {}
    for section in [*standing.current, *standing.next_additions]:
        # Matched across people by heading; the key goes in the cell's address.
        key = slugify(section.heading) or "untitled"
        groups.setdefault(key, (key, section.heading, []))[2].extend(section.items)
    return list(groups.values())


@dataclass
class Cell:
    key: str
    heading: str
    items: list[RequirementStanding]
    ratings: Counter = field(default_factory=Counter)
    own: Counter = field(default_factory=Counter)

    def __post_init__(self):
        for entry in self.items:
            if entry.rating != Rating.NOT_APPLICABLE:
                self.ratings[entry.rating or NOT_ASSESSED] += 1
            if entry.self_rating and entry.self_rating != Rating.NOT_APPLICABLE:
                self.own[entry.self_rating] += 1

    @property
    def counted(self) -> int:
        return sum(self.ratings.values())

    @property
    def met(self) -> int:
        return self.ratings[Rating.MET]

    @property
    def own_met(self) -> int:
        return self.own[Rating.MET]

    @property
    def own_rated(self) -> int:
        return sum(self.own.values())

    @property
    def state(self) -> str:
        """Met: every item met. Not assessed: none rated. Not met: none met or partly met.
        Partly met: anything between."""
        if not self.counted or self.ratings[NOT_ASSESSED] == self.counted:
            return NOT_ASSESSED
        if self.met == self.counted:
            return MET
        if not self.met and not self.ratings[Rating.PARTLY_MET]:
            return NOT_MET
        return PARTLY

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    def words(self) -> str:
        """ "3 of 5 met, 1 partly met, 1 not assessed" """
        parts = [f"{self.met} of {self.counted} met"]
        for key, label in (
            (Rating.PARTLY_MET, "partly met"),
            (Rating.NOT_MET, "not met"),
            (NOT_ASSESSED, "not assessed"),
        ):
            if self.ratings[key]:
                parts.append(f"{self.ratings[key]} {label}")
        return ", ".join(parts)

    def own_words(self) -> str:
        if not self.own_rated:
            return "No own ratings"
        return f"Own view: {self.own_met} of {self.own_rated} met"


STATE_LABELS = {
    MET: "Met",
    PARTLY: "Partly met",
    NOT_MET: "Not met",
    NOT_ASSESSED: "Not assessed",
}


@dataclass
class Row:
    person: object
    standing: Standing
    cells: dict[str, Cell]


def readiness_order(standing: Standing) -> tuple:
    """Readiest first: the rule met, then fewest essential items outstanding, then the share
    met; people without a next level last."""
    towards = standing.towards_next
    if towards is None:
        return (2, 0, 0)
    return (0 if towards.rule_met else 1, len(towards.essential_outstanding), -towards.percent_met)


def team_map(people, standings: dict[int, Standing]) -> tuple[list[tuple[str, str]], list[Row]]:
    """The columns (key, heading) of everyone's groups in first-seen order, and a row per
    person, readiest first."""
    columns: dict[str, str] = {}
    rows = []
    for person in people:
        standing = standings[person.pk]
        cells = {}
        for key, heading, items in requirement_groups(standing):
            columns.setdefault(key, heading)
            cells[key] = Cell(key=key, heading=heading, items=items)
        rows.append(Row(person=person, standing=standing, cells=cells))
    rows.sort(key=lambda row: (readiness_order(row.standing), row.person.name))
    return list(columns.items()), rows


def cell_of(standing: Standing, key: str) -> Cell | None:
    for group_key, heading, items in requirement_groups(standing):
        if group_key == key:
            return Cell(key=key, heading=heading, items=items)
    return None
