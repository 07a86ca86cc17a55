"""The import-accuracy corpus: role profiles written for the tests, each with its expected reading.

Text, Markdown, HTML and CSV documents are kept as they are. Word and PDF documents are kept as
reviewable Markdown-like sources (`NAME.docx.md`, `NAME.pdf.md`) and built when read: Word with
python-docx (headings, bold lines, tables, and bullets either as Word's list styles or typed as
glyphs, as the source's first line says), PDF with WeasyPrint, which gives a real text layer.

An expected reading (`NAME.expected`) gives the title, the levels in the document's order, which
way they run, and each requirement item under `[level] group` (`[]` for no level; `(desirable)`
before a desirable item; sub-points indented under their item). What it says beside its
requirements, its extras, is given as `purpose: first words`, `section: Title`,
`fact: Label = value` (as the role shows it: a month-only date as the month) and
`sign-off: name | role | date` (any of them empty).
"""

import html
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

FOLDER = Path(__file__).parent / "corpus"
EXTRAS = ("purpose", "section", "fact", "sign-off")


@dataclass
class Expected:
    title: str = ""
    levels: list[str] = field(default_factory=list)
    order: str = ""
    cumulative: bool = False
    # (level label or "", group heading, item text, essential, sub-points)
    items: list[tuple[str, str, str, bool, tuple[str, ...]]] = field(default_factory=list)
    # ("purpose" | "section" | "fact" | "sign-off", what is expected), in the file's order
    extras: list[tuple[str, str]] = field(default_factory=list)


def parse_expected(text: str) -> Expected:
    expected = Expected()
    level = group = ""
    for line in text.splitlines():
        if not line.strip():
            continue
        if match := re.match(r"^\[(?P<level>[^\]]*)\]\s*(?P<group>.*)$", line):
            level, group = match["level"].strip(), match["group"].strip()
        elif line.startswith("  - "):
            level_, group_, text_, essential, points = expected.items[-1]
            expected.items[-1] = (level_, group_, text_, essential, (*points, line[4:].strip()))
        elif line.startswith("- "):
            item = line[2:].strip()
            essential = not item.startswith("(desirable) ")
            item = item.removeprefix("(desirable) ")
            expected.items.append((level, group, item, essential, ()))
        elif ":" in line:
            key, value = (part.strip() for part in line.split(":", 1))
            if key == "title":
                expected.title = value
            elif key == "levels":
                expected.levels = [v.strip() for v in value.split(",") if v.strip()]
            elif key == "order":
                expected.order = value
            elif key == "cumulative":
                expected.cumulative = value == "yes"
            elif key in EXTRAS:
                expected.extras.append((key, value))
    return expected


@dataclass
class Document:
    name: str  # as uploaded: "council-job-family.docx"
    source: Path

    def data(self) -> bytes:
        if self.source.name.endswith(".docx.md"):
            return build_docx(self.source.read_text())
        if self.source.name.endswith(".pdf.md"):
            return build_pdf(self.source.read_text())
        return self.source.read_bytes()

    @property
    def expected(self) -> Expected:
        stem = self.name.rsplit(".", 1)[0]
        return parse_expected((FOLDER / f"{stem}.expected").read_text())


def documents() -> list[Document]:
    found = []
    for path in sorted(FOLDER.iterdir()):
        if path.suffix == ".expected":
            continue
        built = path.name.endswith((".docx.md", ".pdf.md"))
        name = path.name.removesuffix(".md") if built else path.name
        found.append(Document(name=name, source=path))
    return found


# Building Word and PDF documents from their sources ---------------------------------------


def _source_blocks(source: str):
    """(kind, payload) for each block of a source: heading, bold, bullet, number, row, text."""
    for raw in source.splitlines():
        line = raw.rstrip()
        if not line.strip() or line.startswith("<!--"):
            continue
        if match := re.match(r"^(#{1,6})\s+(.*)$", line):
            yield "heading", (len(match.group(1)), match.group(2))
        elif line.startswith("|"):
            yield "row", [cell.strip() for cell in line.strip().strip("|").split("|")]
        elif match := re.match(r"^(\s*)[-*]\s+(.*)$", line):
            yield "bullet", (len(match.group(1)) // 2, match.group(2))
        elif match := re.match(r"^(\s*)\d+\.\s+(.*)$", line):
            yield "number", (len(match.group(1)) // 2, match.group(2))
        elif match := re.fullmatch(r"\*\*(.+?)\*\*(.*)", line.strip()):
            yield "bold", (match.group(1), match.group(2).strip())
        else:
            yield "text", line.strip()


def build_docx(source: str) -> bytes:
    import docx

    typed = "typed as glyphs" in source.splitlines()[0]
    document = docx.Document()
    rows: list[list[str]] = []

    def flush_table():
        if not rows:
            return
        table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        table.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                cell = table.cell(r, c)
                parts = [p.strip() for p in re.split(r"\s*•\s+", text) if p.strip()]
                cell.text = ""
                for n, part in enumerate(parts):
                    paragraph = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
                    paragraph.add_run(f"• {part}" if "•" in text else part)
        rows.clear()

    for kind, payload in _source_blocks(source):
        if kind != "row":
            flush_table()
        if kind == "heading":
            level, text = payload
            document.add_heading(text, 0 if level == 1 else level - 1)
        elif kind == "row":
            rows.append(payload)
        elif kind in ("bullet", "number"):
            depth, text = payload
            if typed:
                glyph = {"bullet": ["•", "○", "▪"][depth], "number": "1."}[kind]
                paragraph = document.add_paragraph(f"{glyph} {text}")
                paragraph.paragraph_format.left_indent = docx.shared.Cm(0.6 * (depth + 1))
            else:
                style = {"bullet": "List Bullet", "number": "List Number"}[kind]
                document.add_paragraph(text, style=f"{style} {depth + 1}" if depth else style)
        elif kind == "bold":
            paragraph = document.add_paragraph()
            paragraph.add_run(payload[0]).bold = True
            if payload[1]:
                paragraph.add_run(f" {payload[1]}")
        else:
            document.add_paragraph(payload)
    flush_table()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def source_to_html(source: str) -> str:
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'><style>"
        "body{font-family:'DejaVu Sans';font-size:10pt} table{border-collapse:collapse}"
        "td,th{border:1px solid #444;padding:3pt;vertical-align:top}</style></head><body>"
    ]
    lists: list[str] = []
    rows: list[list[str]] = []

    def close_lists(depth: int = -1):
        while len(lists) > depth + 1:
            parts.append(f"</{lists.pop()}>")

    def flush_table():
        if rows:
            parts.append("<table>")
            for row in rows:
                cells = "".join(
                    f"<td>{'<br>'.join(html.escape(p) for p in re.split(r'; ', c))}</td>"
                    for c in row
                )
                parts.append(f"<tr>{cells}</tr>")
            parts.append("</table>")
            rows.clear()

    for kind, payload in _source_blocks(source):
        if kind != "row":
            flush_table()
        if kind in ("bullet", "number"):
            depth, text = payload
            tag = "ul" if kind == "bullet" else "ol"
            close_lists(depth)
            if len(lists) <= depth:
                lists.append(tag)
                parts.append(f"<{tag}>")
            parts.append(f"<li>{html.escape(text)}</li>")
            continue
        close_lists()
        if kind == "heading":
            level, text = payload
            parts.append(f"<h{level}>{html.escape(text)}</h{level}>")
        elif kind == "row":
            rows.append(payload)
        elif kind == "bold":
            rest = f" {html.escape(payload[1])}" if payload[1] else ""
            parts.append(f"<p><strong>{html.escape(payload[0])}</strong>{rest}</p>")
        else:
            parts.append(f"<p>{html.escape(payload)}</p>")
    close_lists()
    flush_table()
    parts.append("</body></html>")
    return "".join(parts)


def build_pdf(source: str) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=source_to_html(source)).write_pdf()


# Scoring ------------------------------------------------------------------------------------


@dataclass
class Score:
    name: str
    expected: int
    exact: int
    extra: int
    essential_right: int
    levels_right: bool

    @property
    def share(self) -> float:
        return self.exact / self.expected if self.expected else 1.0


def score(name: str, outline, expected: Expected) -> Score:
    """Items read exactly (text, level, group), counted once each; the level order and way."""
    found: dict[tuple[str, str, str], list] = {}
    for level, group, item in outline.all_items():
        key = (level.label if level else "", group.heading, item.text)
        found.setdefault(key, []).append(item)
    exact = essential_right = 0
    for level, group, text, essential, _points in expected.items:
        candidates = found.get((level, group, text))
        if candidates:
            item = candidates.pop(0)
            exact += 1
            essential_right += (item.essential is not False) == essential
    extra = sum(len(left) for left in found.values())
    levels_right = [lv.label for lv in outline.levels] == expected.levels and (
        outline.direction == expected.order or not expected.levels
    )
    return Score(name, len(expected.items), exact, extra, essential_right, levels_right)


def score_extras(outline, expected: Expected) -> dict[str, tuple[int, int]]:
    """Per kind of extra, (expected, saved as expected) in the role the import would write:
    the purpose, sections by title, facts in the role's field or as facts of their own, and
    each signer with their role and date as written."""
    from core.dates import written_date
    from roles.transfer.documents.adapter import outline_to_role

    role, _ = outline_to_role(outline)

    signers = [
        (s.name, s.role, written_date(s.date, s.date_precision)) for s in role.sign_offs or []
    ]
    right = {
        "purpose": lambda text: str(role.attributes.get("purpose", "")).startswith(text),
        "section": lambda title: title in [s.title for s in role.sections or []],
        "fact": lambda fact: fact_saved(role, *(part.strip() for part in fact.split(" = ", 1))),
        "sign-off": lambda line: tuple(p.strip() for p in line.split("|")) in signers,
    }
    found: dict[str, tuple[int, int]] = {}
    for kind, text in expected.extras:
        total, saved = found.get(kind, (0, 0))
        found[kind] = (total + 1, saved + right[kind](text))
    return found


def fact_saved(role, label: str, value: str) -> bool:
    """The fact is saved as written: as a fact of its own, or in the role's field its label
    names (a month-only date shown as the month)."""
    from core.dates import written_date
    from roles.models import REVIEW_DATE_FIELDS
    from roles.transfer.documents.reading import FACT_LABELS

    if any((f.label, f.value) == (label, value) for f in role.facts or []):
        return True
    field_name = FACT_LABELS.get(label.lower(), "")
    if field_name == "grade":
        return value in (role.grade, f"{role.grade} to {role.top_grade}")
    if field_name == "job_family":
        return role.job_family == value
    if field_name in REVIEW_DATE_FIELDS:
        precision = role.attributes.get(f"{field_name}_precision", "day")
        return written_date(role.attributes.get(field_name), precision) == value
    return bool(field_name) and role.attributes.get(field_name) == value
