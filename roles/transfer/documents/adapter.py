"""The one place where a document's outline is fitted to the role model the importer writes.

Levels hold the outline's groups, with their lead-ins, weights and "at least N of" rules; the
role's own purpose, its free sections, its labelled facts and its sign-off block take the rest.
What does not fit is named in the import's notes, so nothing is dropped without HR being told.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.utils.html import escape

from core.dates import DatePrecision
from roles.models import (
    REVIEW_DATE_FIELDS,
    Level,
    RequirementGroup,
    Role,
    RoleFact,
    RoleSection,
    RoleSignOff,
)
from roles.transfer.documents.outline import Outline
from roles.transfer.documents.reading import FACT_LABELS, ROLE_PURPOSE
from roles.transfer.parsed import (
    ParsedFact,
    ParsedGroup,
    ParsedLevel,
    ParsedRequirement,
    ParsedRole,
    ParsedSection,
    ParsedSignOff,
)

DATE_FORMATS = [
    ("%d %B %Y", DatePrecision.DAY),
    ("%d %b %Y", DatePrecision.DAY),
    ("%B %Y", DatePrecision.MONTH),
    ("%b %Y", DatePrecision.MONTH),
    ("%d/%m/%Y", DatePrecision.DAY),
    ("%Y-%m-%d", DatePrecision.DAY),
    ("%d.%m.%Y", DatePrecision.DAY),
    ("%m/%Y", DatePrecision.MONTH),
]
UNGROUPED = "Requirements"  # what the correction page calls items under no heading
UNTITLED = "Notes"  # the title of text the document gives under no heading of its own
GRADE_SPAN = re.compile(r"(?P<bottom>.{1,120}?)\s+(to|–|-)\s+(?P<top>.{1,120})")
# The lines of a sign-off block: "Job holder signature:", "Signed (Service lead)", "Print
# name: A. Patel", "Role: Head of HR", "Date: March 2025", "Approved by: A. Patel, Head of HR".
SIGNER = re.compile(
    r"^(?P<role>.{1,200}?)\s*(signature|signed)\s*[:;]?\s*(?P<value>.*)$|"
    r"^(signed|approved|agreed|authori[sz]ed)( by)?\s*(\((?P<bracketed>[^)]{1,200})\))?"
    r"\s*[:;]?\s*(?P<signed>.*)$",
    re.I,
)
SIGN_OFF_PART = re.compile(
    r"^(?P<part>print name|name|role|position|job title|title|date|dated)\s*[:;]\s*(?P<value>.*)$",
    re.I,
)


def parse_date(text: str) -> tuple[date, str] | None:
    """The date and how precisely it is written: "4 March 2025" a day, "March 2025" a month."""
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip().rstrip("."))
    for form, precision in DATE_FORMATS:
        try:
            return datetime.strptime(text, form).date(), precision
        except ValueError:
            continue
    return None


@dataclass
class FactFill:
    """One labelled fact of the document and where it is saved: a field of the role
    (`field`), or, when none fits, a fact of its own as written."""

    label: str
    value: str
    field: str = ""
    why: str = ""  # why a fact whose label names a field is kept as a fact of its own

    @property
    def saved_as(self) -> str:
        if not self.field:
            return "a fact of its own"
        return str(Role._meta.get_field(self.field).verbose_name).capitalize()


def fact_fills(outline: Outline) -> list[FactFill]:
    """Where each fact of the document goes, in the document's order (the title aside): the
    role's field its label names, the first time that field is met and the value fits it;
    otherwise a fact of its own, so that no fact HR wrote is lost."""
    fills: list[FactFill] = []
    filled: set[str] = set()
    for label, value in outline.facts:
        field_name = FACT_LABELS.get(label.lower(), "")
        if not value or field_name == "title":
            continue
        fill = FactFill(label=label, value=value)
        if field_name in filled:
            fill.why = f"the {field_name.replace('_', ' ')} is given above"
        elif field_name == "grade" and len(value) > 120 and not GRADE_SPAN.fullmatch(value):
            fill.why = "too long for a grade"
        elif field_name in REVIEW_DATE_FIELDS and parse_date(value) is None:
            fill.why = "not a date"
        elif field_name:
            fill.field = field_name
            filled.add(field_name)
        fills.append(fill)
    return fills


def section_html(text: str) -> str:
    """A section's text as the formatted text sections hold: paragraphs, and "•" lines as a
    list."""
    parts: list[str] = []
    in_list = False
    for line in (line.strip() for line in text.split("\n")):
        if not line:
            continue
        bullet = line.startswith("•")
        if bullet != in_list:
            parts.append("<ul>" if bullet else "</ul>")
            in_list = bullet
        body = escape(line.lstrip("• ").strip())
        parts.append(f"<li>{body}</li>" if bullet else f"<p>{body}</p>")
    if in_list:
        parts.append("</ul>")
    return "".join(parts)


def sign_offs(lines: list[str]) -> tuple[list[ParsedSignOff], list[str]]:
    """The signers of a sign-off block, each with their role and date where it gives them (a
    line to sign with no name yet is a signer with a role only), and the lines with a value
    that could not be kept: a date that is not one, or one with no signer to go with."""
    found: list[ParsedSignOff] = []
    not_kept: list[str] = []

    def signer_without(attribute: str) -> ParsedSignOff:
        if not found or getattr(found[-1], attribute):
            found.append(ParsedSignOff())
        return found[-1]

    for line in (line.strip() for line in lines):
        if part := SIGN_OFF_PART.match(line):
            value, what = part["value"].strip(" ."), part["part"].lower()
            if not value:
                continue
            if what in ("date", "dated"):
                when = parse_date(value)
                if when and found and found[-1].date is None:
                    found[-1].date, found[-1].date_precision = when
                else:
                    not_kept.append(line)
            else:
                attribute = "name" if what in ("print name", "name") else "role"
                setattr(signer_without(attribute), attribute, value)
        elif signer := SIGNER.match(line):
            found.append(ParsedSignOff())
            found[-1].role = (signer["role"] or signer["bracketed"] or "").strip(" ,:;")
            _signed(found[-1], (signer["value"] or signer["signed"] or "").strip())
    return [entry for entry in found if entry.name or entry.role], not_kept


def _signed(entry: ParsedSignOff, text: str) -> None:
    """ "A. Patel, Head of HR, March 2025" after "Signed:": the name, a role, a date."""
    parts = [part.strip() for part in re.split(r",|\s[–-]\s", text) if part.strip()]
    if parts and (when := parse_date(parts[-1])):
        entry.date, entry.date_precision = when
        parts.pop()
    if parts:
        entry.name = parts[0]
    if len(parts) > 1 and not entry.role:
        entry.role = ", ".join(parts[1:])


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
    role.facts = []
    for fill in fact_fills(outline):
        if fill.why:
            notes.append(f"{name}: {fill.label} “{fill.value[:60]}” kept as a fact: {fill.why}")
        if not fill.field:
            role.facts.append(
                ParsedFact(
                    label=limited(RoleFact, "label", fill.label, "a fact's label"),
                    value=limited(RoleFact, "value", fill.value, fill.label),
                )
            )
        elif fill.field == "grade":
            if span := GRADE_SPAN.fullmatch(fill.value):
                role.grade, role.top_grade = span["bottom"], span["top"]
            else:
                role.grade = fill.value
        elif fill.field == "job_family":
            role.job_family = limited(Role, "title", fill.value, "the job family")
        elif fill.field in REVIEW_DATE_FIELDS:
            when, precision = parse_date(fill.value)
            role.attributes[fill.field] = when
            role.attributes[f"{fill.field}_precision"] = precision
        else:
            role.attributes[fill.field] = limited(Role, fill.field, fill.value, fill.label)

    role.sections = []
    for section in outline.sections:
        if not section.text:
            continue
        if ROLE_PURPOSE.fullmatch(section.heading) and "purpose" not in role.attributes:
            role.attributes["purpose"] = limited(Role, "purpose", section.text, "the purpose")
            continue
        heading = section.heading or UNTITLED
        role.sections.append(
            ParsedSection(
                title=limited(RoleSection, "title", heading, "a section's title"),
                html=section_html(section.text),
            )
        )

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
    signers, not_kept = sign_offs(outline.sign_off)
    notes += [f"{name}: sign-off line not kept: “{line[:80]}”" for line in not_kept]
    role.sign_offs = [
        ParsedSignOff(
            name=limited(RoleSignOff, "name", entry.name, "a signer's name"),
            role=limited(RoleSignOff, "signer_role", entry.role, "a signer's role"),
            date=entry.date,
            date_precision=entry.date_precision,
        )
        for entry in signers
    ] or None  # no sign-off block: a role updated keeps its own
    # A document names only some of a role's sections and facts: a role it updates keeps the
    # others (the importer replaces only those of the same title or label).
    role.keeps_unnamed = True
    notes += [f"{name}: unsure of {doubt}" for doubt in outline.unsure]
    return role, notes
