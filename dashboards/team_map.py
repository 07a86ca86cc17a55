"""A manager's team at a glance: each person against their next level, group by group.

Everything is read from staff.standing's per-item data; `requirement_groups` is the one place
that decides what a column is: a requirement group of the role, as standing lists it.
"""

from collections import Counter
from dataclasses import dataclass, field

from roles.models import RequirementGroup
from staff.models import Rating
from staff.standing import RequirementStanding, Standing, readiness

# A cell's state, from its items' current ratings.
MET, PARTLY, NOT_MET, NOT_ASSESSED = "met", "partly", "not_met", "not_assessed"


def requirement_groups(standing: Standing):
    """The groups of what the next level asks, as readiness counts it, in the role's order
    (standing's sections: the key "a-knowledge-2" is the same for everyone in the role).
    Groups written with no items have nothing to show and are left out."""
    if standing.next_level is None:
        return []
    return [section for section in standing.sections_for(standing.next_level) if section.items]


@dataclass
class Cell:
    key: str
    heading: str
    items: list[RequirementStanding]
    group: RequirementGroup
    ratings: Counter = field(default_factory=Counter)
    own: Counter = field(default_factory=Counter)

    @classmethod
    def of(cls, section) -> "Cell":
        """The cell of one of `requirement_groups`' sections."""
        return cls(key=section.key, heading=section.title, items=section.items, group=section.group)

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
        """Met: the group met as readiness counts it (every item, or for an "at least N of"
        group N of them). Not assessed: none rated. Not met: none met or partly met.
        Partly met: anything between."""
        if not self.counted or self.ratings[NOT_ASSESSED] == self.counted:
            return NOT_ASSESSED
        if readiness(self.items, desirable_required=None).rule_met:
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
        if self.group.at_least:
            parts[0] += f" (any {self.group.at_least} asked)"
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
        for section in requirement_groups(standing):
            columns.setdefault(section.key, section.title)
            cells[section.key] = Cell.of(section)
        rows.append(Row(person=person, standing=standing, cells=cells))
    rows.sort(key=lambda row: (readiness_order(row.standing), row.person.name))
    return list(columns.items()), rows


def cell_of(standing: Standing, key: str) -> Cell | None:
    return next((Cell.of(s) for s in requirement_groups(standing) if s.key == key), None)
