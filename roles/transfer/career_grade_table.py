"""The career-grade table: one block per role, levels as columns, categories as rows.

Reading undoes the scars of the PDF converter HR's tables come through: `•` items and `○`
sub-points written as text inside `<ul>`, page breaks that split a category (or an item, or
the duties) over two rows, blank rows and a trailing `--` row. Writing gives the same shape
back, with real `<li>` lists, so that reading what was written gives the same data.
"""

import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

from core.spreadsheets import (
    SpreadsheetProblem,
    csv_rows,
    escape_formula,
    unescape_formula,
    xlsx_rows,
)
from roles.levels_grid import STANDALONE_INTRODUCTION, build_grid, level_introduction
from roles.models import Role
from roles.transfer.parsed import (
    NUL_MESSAGE,
    ImportProblem,
    ParsedFile,
    ParsedGroup,
    ParsedLevel,
    ParsedRequirement,
    ParsedRole,
)

TITLE_HEADERS = {"job title", "title", "role", "role title"}
COLUMN_HEADERS = {
    **dict.fromkeys(TITLE_HEADERS, "title"),
    **dict.fromkeys(["range", "grade", "band", "grade range", "pay range"], "grade"),
    **dict.fromkeys(["job family", "family"], "job_family"),
    **dict.fromkeys(["purpose", "job purpose"], "purpose"),
    **dict.fromkeys(["duties", "main duties", "duties and responsibilities"], "duties_html"),
}
# "Level A (Developing)": the code runs to the first "(", the name to the last ")", so that a
# name with brackets of its own ("Developing (with support)", "Lead)") reads back as written.
LEVEL_HEADER = re.compile(r"^level\s+(?P<code>[^(]+?)\s*(?:\((?P<name>.*)\))?$", re.IGNORECASE)
# What the role's own row says in each level column, line by line: how the level's items are
# written (not a requirement), and the level's own grade.
LEVEL_INTRODUCTION = re.compile(
    rf"^(required for this level|in addition to\b.*|{STANDALONE_INTRODUCTION})$", re.IGNORECASE
)
LEVEL_GRADE_LABEL = "Grade: "
DESIRABLE_MARK = " (desirable)"

ITEM_BULLETS = "•●▪"
SUB_POINT_BULLETS = "○◦"
# An item whose last word is one of these was cut by a page break in mid-sentence.
DANGLING_WORDS = {
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "include", "including", "into",
    "of", "on", "or", "such", "than", "that", "the", "to", "which", "with",
}  # fmt: skip


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


# Reading a file into rows of text


def read_rows(name: str, data: bytes) -> tuple[list[list[str]], list[str]]:
    """The file's rows as lists of cell text (formula escapes undone), and notes for HR."""
    lowered = name.lower()
    try:
        if lowered.endswith(".xlsx"):
            rows, notes = [[_cell_text(value) for value in row] for row in xlsx_rows(data)], []
        elif lowered.endswith((".tsv", ".csv")):
            text, notes = decode_text(name, data)
            rows = list(csv_rows(text, delimiter="\t" if lowered.endswith(".tsv") else ","))
        else:
            raise ImportProblem(
                "is not a file type the importer reads; use .docx, .pdf, .html, .txt, .md, "
                ".tsv, .csv, .xlsx or .json.",
                file=name,
            )
    except SpreadsheetProblem as error:
        raise ImportProblem(str(error), file=name) from None
    for number, row in enumerate(rows, start=1):
        for index, cell in enumerate(row):
            if "\x00" in cell:
                # PostgreSQL refuses it with an error, not a message.
                raise ImportProblem(NUL_MESSAGE, file=name, row=number, column=column_letter(index))
    return [[unescape_formula(cell) for cell in row] for row in rows], notes


def decode_text(name: str, data: bytes) -> tuple[str, list[str]]:
    """UTF-8 text, or Windows-1252 (what Excel on Windows saves) with a note saying so."""
    if b"\x00" in data[:4096] or data.startswith(b"PK\x03\x04"):
        raise ImportProblem(
            "is not a text file, although its name says it is (is it a spreadsheet "
            "saved under the wrong name?).",
            file=name,
        )
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise ImportProblem(
                f"is not UTF-8 (byte {utf8_error.start + 1} is not valid), nor Windows-1252; "
                "save it as UTF-8 and try again.",
                file=name,
            ) from None
        return text, [f"{name} is not UTF-8; it was read as Windows-1252."]


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# Cell HTML into headings, items and sub-points


@dataclass
class _Token:
    kind: str  # "heading", "item", "sub_point" or "text"
    text: str


class _CellReader(HTMLParser):
    """Turns one cell's HTML into tokens; bullets and `<li>` both make items and sub-points."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens: list[_Token] = []
        self.list_depth = 0
        self.current: _Token | None = None

    def _start(self, kind: str):
        self._finish()
        self.current = _Token(kind, "")

    def _finish(self):
        if self.current is not None:
            text = " ".join(self.current.text.split())
            if text or self.current.kind == "heading":
                self.tokens.append(_Token(self.current.kind, text))
        self.current = None

    def handle_starttag(self, tag, attrs):
        if tag == "ul" or tag == "ol":
            self._finish()
            self.list_depth += 1
        elif tag == "li":
            self._start("item" if self.list_depth <= 1 else "sub_point")
        elif tag == "p":
            self._start("heading" if self.list_depth == 0 else "text")
        elif tag == "br" and self.current is not None:
            self.current.text += " "

    def handle_endtag(self, tag):
        if tag in ("ul", "ol"):
            self._finish()
            self.list_depth = max(0, self.list_depth - 1)
        elif tag in ("li", "p"):
            self._finish()

    def handle_data(self, data):
        for piece in re.split(f"([{ITEM_BULLETS}{SUB_POINT_BULLETS}])", data):
            if piece and piece in ITEM_BULLETS:
                self._start("item")
            elif piece and piece in SUB_POINT_BULLETS:
                self._start("sub_point")
            elif piece:
                if self.current is None:
                    if not piece.strip():
                        continue
                    self.current = _Token("text", "")
                self.current.text += piece

    def close(self):
        super().close()
        self._finish()


def cell_tokens(html: str) -> list[_Token]:
    reader = _CellReader()
    reader.feed(html)
    reader.close()
    return reader.tokens


def ends_mid_sentence(text: str) -> bool:
    words = text.rstrip().split()
    # Case matters: "including" dangles, but "level A" is a complete label.
    return bool(words) and (text.rstrip().endswith((",", "-")) or words[-1] in DANGLING_WORDS)


def duties_html(parts: list[str]) -> str:
    """Join duties split over rows by page breaks and turn bullets into lists (stored sanitised)."""
    html = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if html and part.startswith("<p>") and not html.endswith(("</p>", "</ul>", "</li>")):
            # The break fell inside a sentence: the continuing paragraph's text joins it.
            html = f"{html if html.startswith('<p>') else '<p>' + html} {part[3:]}"
            continue
        html = f"{html} {part}" if html else part
    return _bullets_to_list_items(html)


def _bullets_to_list_items(html: str) -> str:
    def list_items(match: re.Match) -> str:
        pieces = re.split(f"[{ITEM_BULLETS}{SUB_POINT_BULLETS}]", match.group(2))
        items = "".join(f"<li>{p.strip()}</li>" for p in pieces[1:] if p.strip())
        lead = pieces[0].strip()
        return f"{lead}<ul>{items}</ul>" if items else match.group(0)

    return re.sub(r"(<ul[^>]*>)([^<]*)", list_items, html)


# Rows into parsed roles


@dataclass
class _Columns:
    row: int
    fields: dict[str, int] = field(default_factory=dict)  # role field -> column index
    levels: list[tuple[int, str, str]] = field(default_factory=list)  # (index, code, name)
    headers: list[str] = field(default_factory=list)

    def name(self, index: int) -> str:
        header = self.headers[index] if index < len(self.headers) else ""
        return f'{column_letter(index)} ("{header}")' if header else column_letter(index)


@dataclass
class _LevelState:
    """One level column of the role being read: the group it is in (one per category name),
    and its last item."""

    level: ParsedLevel
    headings: set[str]  # every heading met so far in the file, shared by all columns
    group: ParsedGroup | None = None
    last_item: ParsedRequirement | None = None

    def is_cut(self, tokens: list[_Token]) -> bool:
        """Does this continuation cell start by finishing the last item's sentence?"""
        first, last = tokens[0], self.last_item
        if last is None:
            return False
        if first.kind == "text":
            return True
        # A paragraph that completes a dangling sentence is not a heading, unless the file
        # uses it as a heading elsewhere or items follow it.
        return (
            first.kind == "heading"
            and ends_mid_sentence(last.text)
            and first.text not in self.headings
            and not any(t.kind == "item" for t in tokens[1:])
        )

    def read(self, problem, row: int, column: int, html: str, continuing: bool = False):
        tokens = cell_tokens(html)
        cut = continuing and bool(tokens) and self.is_cut(tokens)
        for position, token in enumerate(tokens):
            last = self.last_item
            if cut and position == 0:
                # A page break cut this item: the row goes on where the last one stopped.
                if last.sub_points and token.kind == "text":
                    last.sub_points[-1] = f"{last.sub_points[-1]} {token.text}"
                else:
                    last.text = f"{last.text} {token.text}"
            elif token.kind == "heading":
                if token.text:
                    self.group, self.last_item = self.level.group_named(token.text), None
                    self.headings.add(token.text)
            elif token.kind == "sub_point":
                if last is None:
                    raise problem(
                        f'the sub-point "{token.text[:60]}" has no item above it.', row, column
                    )
                last.sub_points.append(token.text)
            else:
                self.add_item(problem, row, column, token.text)

    def add_item(self, problem, row: int, column: int, text: str):
        if self.group is None:
            raise problem(
                f'"{text[:60]}" comes before any category heading (such as <p>Knowledge</p>).',
                row,
                column,
            )
        essential = True
        if text.lower().endswith(DESIRABLE_MARK):
            text, essential = text[: -len(DESIRABLE_MARK)].rstrip(), False
        self.last_item = ParsedRequirement(text, essential)
        self.group.requirements.append(self.last_item)


def _introduction(text: str) -> tuple[bool, str] | None:
    """(standalone, the level's grade) when every line of a level's cell on the role's row
    introduces the level rather than listing requirements; None otherwise."""
    standalone, grade = False, ""
    for line in (line.strip() for line in text.splitlines()):
        if line.lower().startswith(LEVEL_GRADE_LABEL.lower()):
            grade = line[len(LEVEL_GRADE_LABEL) :].strip()
        elif not LEVEL_INTRODUCTION.match(line):
            return None
        standalone = standalone or line.lower() == STANDALONE_INTRODUCTION.lower()
    return standalone, grade


def _is_blank(row: list[str]) -> bool:
    cells = [c.strip() for c in row if c.strip()]
    return not cells or all(set(c) <= {"-"} for c in cells)


def _header_columns(name: str, row_number: int, row: list[str], notes: list[str]) -> _Columns:
    columns = _Columns(row=row_number, headers=[c.strip() for c in row])
    for index, header in enumerate(columns.headers):
        if not header:
            continue
        known = COLUMN_HEADERS.get(header.lower())
        level = LEVEL_HEADER.match(header)
        if known:
            columns.fields.setdefault(known, index)
        elif level:
            code = level["code"].strip()
            if any(code == existing for _, existing, _ in columns.levels):
                raise ImportProblem(
                    f'level "{code}" has two columns.',
                    file=name,
                    row=row_number,
                    column=columns.name(index),
                )
            columns.levels.append((index, code, (level["name"] or "").strip()))
        else:
            notes.append(
                f"{name}, row {row_number}, column {columns.name(index)}: "
                "not a column the importer knows; its contents were not imported."
            )
    return columns


def parse_rows(name: str, rows: list[list[str]], notes: list[str] | None = None) -> ParsedFile:
    reader = _TableReader(name, list(notes or []))
    for row_number, row in enumerate(rows, start=1):
        reader.read_row(row_number, row)
    return reader.finish()


class _TableReader:
    """Reads rows one at a time: a header row, then per role its first row and its content rows."""

    def __init__(self, name: str, notes: list[str]):
        self.name = name
        self.notes = notes
        self.roles: list[ParsedRole] = []
        self.seen: dict[tuple[str, str], int] = {}
        self.columns: _Columns | None = None
        self.role: ParsedRole | None = None
        self.duties: list[str] = []
        self.states: dict[int, _LevelState] = {}
        self.headings: set[str] = set()

    def problem(self, message: str, row: int, column: int | None = None) -> ImportProblem:
        name = self.columns.name(column) if column is not None else None
        return ImportProblem(message, file=self.name, row=row, column=name)

    def cell(self, row: list[str], key: str | int) -> str:
        index = self.columns.fields.get(key) if isinstance(key, str) else key
        return row[index].strip() if index is not None and index < len(row) else ""

    def read_row(self, number: int, row: list[str]) -> None:
        if _is_blank(row):
            return
        if any(c.strip().lower() in TITLE_HEADERS for c in row):
            self.finish_role()
            self.columns = _header_columns(self.name, number, row, self.notes)
            return
        if self.columns is None:
            raise self.problem(
                "no title column: the importer finds columns by their headers, so the first "
                'row must name them ("Job Title", "Range", "Duties", "Level A (Developing)", ...).',
                number,
            )
        if self.cell(row, "title"):
            self.start_role(number, row)
            return
        if self.role is None:
            raise self.problem(
                "this row has content but no role above it; a role's first row gives its title.",
                number,
            )
        if self.cell(row, "duties_html"):
            self.duties.append(self.cell(row, "duties_html"))
        for index, state in self.states.items():
            if text := self.cell(row, index):
                state.read(self.problem, number, index, text, continuing=True)

    def start_role(self, number: int, row: list[str]) -> None:
        self.finish_role()
        title, grade = self.cell(row, "title"), self.cell(row, "grade")
        if not self.columns.levels:
            raise self.problem(
                f'role "{title}" has no level columns; the header row (row {self.columns.row}) '
                'needs columns named like "Level A (Developing)".',
                number,
            )
        key = (title.lower(), grade.lower())
        if key in self.seen:
            raise self.problem(
                f'role "{title}" ({grade or "no grade"}) appears twice in this file; '
                f"it first appears at row {self.seen[key]}.",
                number,
                self.columns.fields["title"],
            )
        self.seen[key] = number
        self.role = ParsedRole(title=title, grade=grade, where=f"row {number}")
        if "job_family" in self.columns.fields:
            self.role.job_family = self.cell(row, "job_family")
        if "purpose" in self.columns.fields:
            self.role.attributes["purpose"] = self.cell(row, "purpose")
        self.roles.append(self.role)
        self.duties = [self.cell(row, "duties_html")]
        self.states = {
            index: _LevelState(ParsedLevel(code=code, name=level_name), self.headings)
            for index, code, level_name in self.columns.levels
        }
        self.role.levels = [state.level for state in self.states.values()]
        for index, state in self.states.items():
            text = self.cell(row, index)
            introduction = _introduction(text)
            if introduction is None:
                state.read(self.problem, number, index, text)
            elif text:
                standalone, state.level.grade = introduction
                self.role.attributes["level_structure"] = (
                    Role.LevelStructure.STANDALONE if standalone else Role.LevelStructure.CUMULATIVE
                )

    def finish_role(self) -> None:
        if self.role is not None and "duties_html" in self.columns.fields:
            self.role.attributes["duties_html"] = duties_html(self.duties)
        self.role, self.duties, self.states = None, [], {}

    def finish(self) -> ParsedFile:
        self.finish_role()
        if not self.roles:
            raise ImportProblem("has no roles in it.", file=self.name)
        return ParsedFile(name=self.name, roles=self.roles, notes=self.notes)


def parse_table(name: str, data: bytes) -> ParsedFile:
    rows, notes = read_rows(name, data)
    return parse_rows(name, rows, notes)


# Writing roles back into the same shape


def level_cell(categories: list[tuple[str, list]]) -> str:
    """One level's cell for one category: its heading, then its items as a list."""
    parts = []
    for category, items in categories:
        parts.append(f"<p>{escape(category, quote=False)}</p>")
        if items:
            entries = []
            for item in items:
                text = escape(item.text, quote=False)
                if not item.is_essential:
                    text += DESIRABLE_MARK
                subs = "".join(f"<li>{escape(s, quote=False)}</li>" for s in item.sub_point_list)
                entries.append(f"<li>{text}<ul>{subs}</ul></li>" if subs else f"<li>{text}</li>")
            parts.append(f"<ul>{''.join(entries)}</ul>")
    return "".join(parts)


def role_rows(role) -> list[list[str]]:
    """A role's block: header row, the role's row, then one row per heading."""
    levels = list(role.levels.all())
    header = ["Job Title", "Grade", "Job Family", "Purpose", "Duties"]
    header += [f"Level {lv.code} ({lv.name})" if lv.name else f"Level {lv.code}" for lv in levels]
    first = [
        role.title,
        role.grade.name if role.grade_id else "",
        role.job_family.name if role.job_family_id else "",
        role.purpose,
        role.duties_html,
    ]
    for position, level in enumerate(levels):
        introduction = level_introduction(
            [lv.code for lv in levels[:position]], role.level_structure
        )
        if level.grade_id:
            introduction += f"\n{LEVEL_GRADE_LABEL}{level.grade.name}"
        first.append(introduction)
    # Rows are the headings matched across levels, as the role's page lays them out; a level
    # with two groups of one heading comes back as one (a table has one cell per heading).
    grid = build_grid(
        [
            (level, [(group, list(group.items.all())) for group in level.requirement_groups.all()])
            for level in levels
        ]
    )
    rows = [header, first]
    for row in grid.rows:
        cells = [
            level_cell([(row.heading, cell[1])]) if cell and cell[1] else "" for cell in row.cells
        ]
        if any(cells):  # a table has no way to write a heading with no items under it
            rows.append(["", "", "", "", "", *cells])
    return rows


def safe_row(row: list[str]) -> list[str]:
    return [escape_formula(cell) for cell in row]
