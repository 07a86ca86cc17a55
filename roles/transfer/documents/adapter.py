"""The one place where a document's outline is fitted to the role model the importer writes.

Levels hold the outline's groups, with their lead-ins, weights and "at least N of" rules; its
free sections, facts and sign-off are richer than the model yet. What does not fit is kept in
the outline and named in the import's notes, so nothing is dropped without HR being told.
"""

import re
from datetime import date, datetime

from roles.models import Level, RequirementGroup, Role
from roles.transfer.documents.outline import Outline
from roles.transfer.documents.reading import FACT_LABELS, SECTION_WORDS
from roles.transfer.parsed import ParsedGroup, ParsedLevel, ParsedRequirement, ParsedRole

DATE_FORMATS = ["%d %B %Y", "%d %b %Y", "%B %Y", "%b %Y", "%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y"]
DATE_FIELDS = {"date_developed", "last_reviewed", "next_review"}
UNGROUPED = "Requirements"  # what the correction page calls items under no heading


def parse_date(text: str) -> date | None:
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip().rstrip("."))
    for form in DATE_FORMATS:
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None


def outline_to_role(outline: Outline, *, where: str = "document") -> tuple[ParsedRole, list[str]]:
    """The role the importer would write from this outline, and notes on what did not fit."""
    notes: list[str] = []
    name = outline.file

    def limited(model, field_name: str, value: str, what: str) -> str:
        limit = model._meta.get_field(field_name).max_length
        if limit and len(value) > limit:
            notes.append(f"{name}: {what} shortened to {limit} characters: “{value[:60]}…”")
            return value[: limit - 1].rstrip() + "…"
        return value

    title = outline.title or re.sub(r"\.[^.]+$", "", name)
    role = ParsedRole(title=limited(Role, "title", title, "the title"), grade="", where=where)
    for label, value in outline.facts:
        field_name = FACT_LABELS.get(label.lower(), "")
        if not value or field_name in ("", "title"):
            if field_name == "":
                notes.append(f"{name}: fact kept in the document only: {label}: {value}")
            continue
        if field_name == "grade":
            span = re.fullmatch(r"(?P<bottom>.{1,120}?)\s+(to|–|-)\s+(?P<top>.{1,120})", value)
            if span and not role.grade:
                role.grade, role.top_grade = span["bottom"], span["top"]
            elif len(value) <= 120 and not role.grade:
                role.grade = value
            else:
                notes.append(f"{name}: grade “{value[:60]}” not used: set the grade by hand")
        elif field_name == "job_family":
            role.job_family = limited(Role, "title", value, "the job family")
        elif field_name in DATE_FIELDS:
            when = parse_date(value)
            if when:
                role.attributes[field_name] = when
            else:
                notes.append(f"{name}: {label} “{value}” is not a date; not used")
        else:
            role.attributes[field_name] = limited(Role, field_name, value, label)
    purposes = [s for s in outline.sections if "purpose" in s.heading.lower() and s.text]
    if purposes:
        role.attributes["purpose"] = limited(Role, "purpose", purposes[0].text, "the purpose")
    for section in outline.sections:
        if section not in purposes[:1] and section.text and SECTION_WORDS.match(section.heading):
            notes.append(f"{name}: section “{section.heading}” kept in the document only")

    def requirement_groups(groups) -> list[ParsedGroup]:
        parsed = []
        for group in groups:
            heading = limited(RequirementGroup, "heading", group.heading, "a group heading")
            if group.weight is not None and group.weight > 100:
                notes.append(f"{name}: weight {group.weight}% of {heading} is over 100; not used")
            rule = re.fullmatch(r"at least (\d+) of", group.rule)
            parsed.append(
                ParsedGroup(
                    heading=heading,
                    category=None,  # linked to a category of that name only if there is one
                    lead_in=limited(RequirementGroup, "lead_in", group.lead_in, "a lead-in"),
                    weight=group.weight
                    if group.weight is not None and group.weight <= 100
                    else None,
                    at_least=int(rule[1]) if rule and int(rule[1]) > 0 else None,
                    requirements=[
                        ParsedRequirement(
                            text=item.text,
                            essential=item.essential is not False,
                            sub_points=list(item.sub_points),
                        )
                        for item in group.items
                    ],
                )
            )
        return parsed

    levels = list(reversed(outline.levels)) if outline.direction == "down" else outline.levels
    codes: set[str] = set()
    for level in levels:
        code = limited(Level, "code", level.code, "a level's code")
        if code.lower() in codes:
            code = limited(Level, "code", level.label, "a level's label")
        codes.add(code.lower())
        role.levels.append(
            ParsedLevel(
                code=code,
                name=limited(Level, "name", level.name, "a level's name"),
                grade=level.grade if len(level.grade) <= 120 else "",
                groups=requirement_groups(level.groups),
            )
        )
    if outline.groups:
        groups = requirement_groups(outline.groups)
        if not role.levels:
            # One level with no code: shown as the role's requirements, not as an invented level.
            role.levels.append(ParsedLevel(code=""))
            notes.append(f"{name}: no levels found; the role is kept as one profile")
        else:
            count = sum(len(group.requirements) for group in groups)
            notes.append(
                f"{name}: {count} items for no level in particular put in the lowest "
                f"level, {role.levels[0].code}"
            )
        role.levels[0].groups[:0] = groups
    if outline.levels:
        role.attributes["level_structure"] = (
            Role.LevelStructure.CUMULATIVE if outline.cumulative else Role.LevelStructure.STANDALONE
        )
    if outline.sign_off:
        notes.append(f"{name}: sign-off block kept in the document only")
    notes += [f"{name}: unsure of {doubt}" for doubt in outline.unsure]
    return role, notes
