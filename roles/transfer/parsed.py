"""The plain data every role-profile file is parsed into, before anything touches the database."""

from dataclasses import dataclass, field
from typing import Any

NUL_MESSAGE = (
    "holds a NUL character (a zero byte), which no text may hold; was the file damaged by the "
    "program that saved it?"
)


class ImportProblem(ValueError):
    """Input that cannot be imported, with where it is: file, row, column (or JSON path)."""

    def __init__(
        self, message: str, *, file: str, row: int | None = None, column: str | None = None
    ):
        self.message = message
        self.file = file
        self.row = row
        self.column = column
        super().__init__(str(self))

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}"


@dataclass(frozen=True)
class ItemReference:
    """An item of a lower level of the same role, by its level's code and its words."""

    level: str
    text: str


@dataclass
class ParsedRequirement:
    text: str
    essential: bool = True
    sub_points: list[str] = field(default_factory=list)
    replaces: ItemReference | None = None


@dataclass
class ParsedGroup:
    """A heading of a level and its items, with the group's lead-in, share of time and rule.

    `category` names the shared category the group is linked to (made if there is none of
    that name); "" links none; None links an existing category named as the heading, if
    there is one, and makes none (documents, whose headings are free text)."""

    heading: str
    category: str | None = ""
    lead_in: str = ""
    weight: int | None = None
    at_least: int | None = None
    requirements: list[ParsedRequirement] = field(default_factory=list)


@dataclass
class ParsedLevel:
    code: str
    name: str = ""
    grade: str = ""
    description: str = ""
    # Every group met under this level, in order, including those with no items under them.
    groups: list[ParsedGroup] = field(default_factory=list)

    @property
    def requirements(self) -> list[ParsedRequirement]:
        return [item for group in self.groups for item in group.requirements]

    def group_named(self, heading: str) -> ParsedGroup:
        """The level's group of this heading, added (linked to the category of that name)
        if it has none: for formats that have one group per category name in a level."""
        for group in self.groups:
            if group.heading == heading:
                return group
        self.groups.append(ParsedGroup(heading=heading, category=heading))
        return self.groups[-1]


@dataclass
class ParsedResponsibility:
    text: str
    heading: str = ""
    share_of_time: int | None = None
    measures_of_success: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    function: str = ""  # "essential", "marginal" or "" (not stated)


@dataclass
class ParsedSection:
    title: str
    html: str = ""


@dataclass
class ParsedFact:
    label: str
    value: str


@dataclass
class ParsedSignOff:
    name: str = ""
    role: str = ""
    date: Any = None  # a datetime.date
    date_precision: str = "day"


@dataclass
class ParsedCompetency:
    framework: str
    competency: str
    proficiency: str
    where: str = ""  # "$.roles[0].competencies[1]", for messages
    level: str = ""  # a level's code, where the role requires this proficiency at that level only


@dataclass
class ParsedRole:
    title: str
    grade: str
    where: str  # "row 4" or "roles[0]", for messages
    levels: list[ParsedLevel] = field(default_factory=list)
    job_family: str | None = None  # None: the file does not say, so leave it as it is
    top_grade: str | None = None
    # Other Role fields the file gives (purpose, duties_html, status, level_structure, dates...).
    attributes: dict[str, Any] = field(default_factory=dict)
    responsibilities: list[ParsedResponsibility] | None = None
    # None: the file does not say (a version 1 file), so the role's are left as they are.
    sections: list[ParsedSection] | None = None
    facts: list[ParsedFact] | None = None
    sign_offs: list[ParsedSignOff] | None = None
    # True (a document): the sections and facts given replace the role's of the same title or
    # label, and the role keeps the others; False (JSON): they are the role's whole list.
    keeps_unnamed: bool = False
    competencies: list[ParsedCompetency] | None = None

    @property
    def label(self) -> str:
        return f"{self.title} ({self.grade})" if self.grade else self.title


@dataclass
class ParsedFile:
    name: str
    roles: list[ParsedRole]
    # Competency frameworks the file states whole (roles.transfer.frameworks.ParsedFramework).
    frameworks: list = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the reader did that HR should know
