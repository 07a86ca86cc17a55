"""Flat spreadsheets (.csv, .xlsx) where each row is one requirement item, or one level-and-skill
pair, read into one outline per role.

Which column is which is guessed from the header row (`guess_columns`); a caller may give its
own mapping instead (HR's column-mapping step).
"""

import re

from core.spreadsheets import SpreadsheetProblem, csv_rows, xlsx_rows
from roles.transfer.documents.outline import Outline, OutlineGroup, OutlineItem, OutlineLevel
from roles.transfer.documents.reading import direction_of, parse_level
from roles.transfer.parsed import ImportProblem

# The parts a column can be, in HR's words, and the header words that name them.
PARTS = {
    "role": "the role",
    "level": "the level",
    "group": "the group",
    "item": "the item's text",
    "proficiency": "the proficiency",
    "essential": "essential or desirable",
}
COLUMNS = {
    "role": r"role|role title|job title|job|title|position",
    "level": r"level|band|grade level|stage|proficiency level|step",
    "group": r"group|category|skill group|competency|area|heading|section|skill area",
    "item": r"requirement|item|text|description|criterion|criteria|indicator|behaviou?r|"
    r"statement|skill",
    "essential": r"essential|essential/desirable|e/d|type|priority|required",
    "proficiency": r"proficiency|expected proficiency|proficiency required",
}
NO = {"no", "n", "false", "desirable", "d", "desired", "preferred", "optional", "0"}


def rows_of(name: str, data: bytes) -> list[list[str]]:
    """The rows, within the spreadsheet limits (a small .xlsx can unpack to gigabytes)."""
    try:
        if name.lower().endswith(".xlsx"):
            rows = xlsx_rows(data)
        else:
            rows = csv_rows(data.decode("utf-8-sig", errors="replace"))
        return [["" if v is None else str(v).strip() for v in row] for row in rows]
    except SpreadsheetProblem as error:
        raise ImportProblem(str(error), file=name) from None


def guess_columns(header: list[str]) -> dict[str, int]:
    """Each part's column, from the header's words; the item column is required."""
    found: dict[str, int] = {}
    for part in ("proficiency", "essential", "role", "level", "group", "item"):
        for index, cell in enumerate(header):
            if index in found.values():
                continue
            if re.fullmatch(rf"({COLUMNS[part]})s?", cell.strip().lower()):
                found[part] = index
                break
    if "item" not in found and "group" in found and "level" in found:
        found["item"] = found.pop("group")  # a level-and-skill pair: the skill is the item
    return found


def columns_chosen(name: str, header: list[str], parts: list[str]) -> dict[str, int]:
    """HR's choice of what each column is (`parts`, "" for a column to leave out) as a mapping;
    raises ImportProblem naming the columns when one part is chosen twice or the text never."""
    columns: dict[str, int] = {}
    for index, part in enumerate(parts):
        if not part:
            continue
        if part not in PARTS:
            raise ImportProblem(
                f"column {_column(header, index)}: no such part “{part}”.", file=name
            )
        if part in columns:
            raise ImportProblem(
                f"columns {_column(header, columns[part])} and {_column(header, index)} are both "
                f"chosen as {PARTS[part]}; choose one.",
                file=name,
            )
        columns[part] = index
    if "item" not in columns:
        raise ImportProblem("no column is chosen as the item's text; choose one.", file=name)
    return columns


def _column(header: list[str], index: int) -> str:
    """A column as a spreadsheet names it: letter and heading, "B (Level)"."""
    letters, number = "", index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    heading = header[index] if index < len(header) else ""
    return f"{letters} (“{heading}”)" if heading else letters


def is_flat(name: str, data: bytes) -> bool:
    try:
        rows = [row for row in rows_of(name, data)[:5] if any(row)]
    except ImportProblem:
        return False  # the career-grade table's reader says what is wrong with it
    return bool(rows) and {"item", "level"} <= set(guess_columns(rows[0]))


def read_flat(name: str, data: bytes, columns: dict[str, int] | None = None) -> list[Outline]:
    return outlines_from_rows(name, [row for row in rows_of(name, data) if any(row)], columns)


def outlines_from_rows(
    name: str, rows: list[list[str]], columns: dict[str, int] | None = None
) -> list[Outline]:
    """One outline per role named in the rows (the first row is the header), each column read
    as the part `columns` says (guessed from the header when not given)."""
    if len(rows) < 2:
        raise ImportProblem("has no rows under its header row.", file=name)
    columns = columns or guess_columns(rows[0])
    if "item" not in columns:
        raise ImportProblem(
            "has no column of requirement text: name one “Requirement”, “Item” or “Skill”.",
            file=name,
        )
    outlines: dict[str, Outline] = {}
    for number, row in enumerate(rows[1:], start=2):

        def cell(part: str, row=row) -> str:
            index = columns.get(part)
            return row[index].strip() if index is not None and index < len(row) else ""

        text = cell("item")
        if not text:
            continue
        title = cell("role") or re.sub(r"\.[^.]+$", "", name)
        outline = outlines.setdefault(title, Outline(file=name, title=title))
        if proficiency := cell("proficiency"):
            text = f"{text}: {proficiency}"
        holder = outline
        if label := cell("level"):
            level = next((lv for lv in outline.levels if lv.label == label), None)
            if level is None:
                parsed = parse_level(label)
                level = OutlineLevel(label=label, code=parsed.code if parsed else label)
                if parsed:
                    level.name, level.grade = parsed.name, parsed.grade
                outline.levels.append(level)
            holder = level
        heading = cell("group")
        group = next((g for g in holder.groups if g.heading == heading), None)
        if group is None:
            group = OutlineGroup(heading=heading)
            holder.groups.append(group)
        mark = cell("essential").lower()
        group.items.append(OutlineItem(text=text, essential=None if not mark else mark not in NO))
        if len(text) > 2000:
            raise ImportProblem("the requirement is too long.", file=name, row=number)
    for outline in outlines.values():
        outline.direction = direction_of(outline.levels)
    return list(outlines.values())
