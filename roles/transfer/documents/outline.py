"""What a reader found in one role-profile document, before it is fitted to the role model.

The outline keeps the document's own words and order (headings as written, levels in the order
the document gives them, which way they run) and what the reader was unsure of, so that HR can
check and correct the reading before anything is saved.
"""

from dataclasses import asdict, dataclass, field


@dataclass
class OutlineItem:
    text: str
    sub_points: list[str] = field(default_factory=list)
    essential: bool | None = None  # None: the document does not say
    unsure: str = ""  # why the reader doubts this item, for the preview


@dataclass
class OutlineGroup:
    heading: str  # as written, less any weight ("Skills", "Essential functions")
    lead_in: str = ""  # "With supervision:" before the items
    weight: int | None = None  # "30%", "(40% of time)"
    rule: str = ""  # "at least 3 of"
    essential: bool | None = None  # the group is marked essential or desirable as a whole
    items: list[OutlineItem] = field(default_factory=list)
    unsure: str = ""


@dataclass
class OutlineLevel:
    label: str  # as written: "Level 1", "Band 5", "Practitioner"
    code: str  # the short form people say: "1", "5", "Practitioner"
    name: str = ""  # "Developing" in "Level A (Developing)"
    grade: str = ""  # "Band 2" in "Level 1 (Band 2)"
    description: str = ""
    cumulative: bool = False  # the document says "as above and"
    groups: list[OutlineGroup] = field(default_factory=list)


@dataclass
class OutlineSection:
    heading: str
    text: str


@dataclass
class Outline:
    file: str
    title: str = ""
    facts: list[tuple[str, str]] = field(default_factory=list)  # (label as written, value)
    sections: list[OutlineSection] = field(default_factory=list)
    # Groups that belong to no level (the role has no levels, or "All levels:").
    groups: list[OutlineGroup] = field(default_factory=list)
    levels: list[OutlineLevel] = field(default_factory=list)
    direction: str = ""  # "up" (lowest first), "down" (highest first) or "" (cannot tell)
    sign_off: list[str] = field(default_factory=list)
    unsure: list[str] = field(default_factory=list)  # doubts about the document as a whole
    # "cumulative" or "standalone" once HR has chosen (the role's `level_structure`); until
    # then the document's own "as above and" decides.
    level_structure: str = ""

    @property
    def cumulative(self) -> bool:
        if self.level_structure:
            return self.level_structure == "cumulative"
        return any(level.cumulative for level in self.levels)

    def fact(self, *labels: str) -> str:
        wanted = {label.lower() for label in labels}
        return next((value for label, value in self.facts if label.lower() in wanted), "")

    def all_items(self):
        """(level or None, group, item) for every item, in document order."""
        for group in self.groups:
            for item in group.items:
                yield None, group, item
        for level in self.levels:
            for group in level.groups:
                for item in group.items:
                    yield level, group, item

    def describe(self) -> list[str]:
        """The structure found, as lines for the command line and the preview's report."""
        lines = [f"{self.file}: {self.title or '(no title found)'}"]
        lines += [f"  {label}: {value}" for label, value in self.facts]
        lines += [f"  Section: {s.heading} ({len(s.text.split())} words)" for s in self.sections]
        if self.levels:
            order = {"up": "lowest first", "down": "highest first"}.get(self.direction, "")
            kind = "cumulative" if self.cumulative else "standalone"
            labels = ", ".join(level.label for level in self.levels)
            lines.append(f"  Levels ({kind}{', ' + order if order else ''}): {labels}")
        for group in self.groups:
            lines += _group_lines(group, "  ")
        for level in self.levels:
            extra = ", ".join(x for x in (level.name, level.grade) if x)
            lines.append(f"  {level.label}{f' ({extra})' if extra else ''}")
            if level.description:
                lines.append(f"    {level.description}")
            for group in level.groups:
                lines += _group_lines(group, "    ")
        if self.sign_off:
            lines.append(f"  Sign-off: {' / '.join(self.sign_off)}")
        lines += [f"  Unsure: {doubt}" for doubt in self.unsure]
        return lines


def _group_lines(group: OutlineGroup, indent: str) -> list[str]:
    heading = group.heading or "(no heading)"
    if group.weight is not None:
        heading += f" [{group.weight}%]"
    if group.essential is not None:
        heading += " [essential]" if group.essential else " [desirable]"
    if group.lead_in:
        heading += f" / {group.lead_in}"
    lines = [f"{indent}{heading}"]
    for item in group.items:
        mark = {True: "", False: "(desirable) ", None: ""}[item.essential]
        doubt = f"  <- unsure: {item.unsure}" if item.unsure else ""
        lines.append(f"{indent}  - {mark}{item.text}{doubt}")
        lines += [f"{indent}      o {point}" for point in item.sub_points]
    return lines


def outline_to_dict(outline: Outline) -> dict:
    """The outline as JSON-ready data, to keep a reading between the preview and the confirm."""
    return asdict(outline)


def outline_from_dict(data: dict) -> Outline:
    def group(g: dict) -> OutlineGroup:
        return OutlineGroup(**{**g, "items": [OutlineItem(**i) for i in g["items"]]})

    return Outline(
        **{
            **data,
            "facts": [tuple(fact) for fact in data["facts"]],
            "sections": [OutlineSection(**s) for s in data["sections"]],
            "groups": [group(g) for g in data["groups"]],
            "levels": [
                OutlineLevel(**{**lv, "groups": [group(g) for g in lv["groups"]]})
                for lv in data["levels"]
            ],
        }
    )
