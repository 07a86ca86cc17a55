"""Every document format, reduced to one stream of blocks: headings, paragraphs, list items
and table rows, with the little layout the reading needs (bold, indent, the bullet glyph).

HTML (and so Word, through mammoth) says what each block is; plain text and PDF lines are
guessed: bullets of any glyph, numbered lines, tab- or bar-separated rows, and lines wrapped
without a bullet joined back into the block they continue.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# A bullet of any glyph, a mis-encoded one ("?"), or a number or letter: "1.", "2)", "a)".
BULLET = re.compile(
    r"^(?P<marker>[•◦○·▪■●‣⁃∙o§\-\*–—>]|\?|\(?\d{1,2}[.)]|\(?[a-hj-z][.)]|\(?[ivx]{1,4}\))\s+"
    r"(?P<text>\S.*)$"
)
SENTENCE_END = re.compile(r"[.!?;:)\]\"”’]$")


@dataclass
class Block:
    kind: str  # "heading", "text", "item" or "row"
    text: str = ""
    depth: int = 0  # list nesting for items (0 = top); 1 to 6 for explicit headings
    marker: str = ""  # the bullet or number as written
    bold: bool = False  # the whole block is bold
    indent: float = 0  # left edge, for sub-points in text and PDF
    cells: list[str] = field(default_factory=list)  # table rows; a cell may hold lines
    header: bool = False  # a table row of header cells
    table: int = 0  # which table a row belongs to, so two tables in a row stay apart
    break_before: bool = False  # a blank line or a gap before it
    # Set by the reader: the block after this one, and whether reading this one used it up
    # (a label on one line, its value on the next).
    following: "Block | None" = field(default=None, repr=False, compare=False)
    consumed: bool = False


@dataclass
class Line:
    """One line of plain text or of a PDF page."""

    text: str
    indent: float = 0
    bold: bool = False
    break_before: bool = False
    wrapped: bool = False  # the line before it ran to the right margin
    heading: int = 0  # a Markdown heading's level
    top: float = 0  # a PDF line's place on its page


def clean(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufffd", "?")
    return re.sub(r"\s+", " ", text).strip()


def lines_from_text(text: str) -> list[Line]:
    """Plain text or Markdown into lines; blank lines become breaks before the next line."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    widths = [len(line.rstrip()) for line in raw if line.strip()]
    # Hard-wrapped text: most lines end near one width. Long lines mean no wrapping at all.
    width = sorted(widths)[int(len(widths) * 0.9)] if widths else 0
    hard_wrapped = 40 <= width <= 120
    lines, blank, previous = [], False, ""
    # "**Level 2****As above and;**": two bold runs run together by a converter.
    raw = [piece for line in raw for piece in re.split(r"(?<=\*\*)(?=\*\*)", line)]
    for line in raw:
        if not line.strip():
            blank = True
            continue
        expanded = line.expandtabs(4) if "\t" not in line.strip() else line
        indent = len(expanded) - len(expanded.lstrip())
        stripped = line.strip()
        if "<" in stripped and re.search(r"</?(b|strong|i|em|p|span|br|u)\b[^>]*>", stripped):
            # HTML left in a text export ("<b>Job Title</b>"): bold stays bold, the tags go.
            if re.fullmatch(r"(\s*<(b|strong)>.*?</(b|strong)>\s*)+", stripped):
                stripped = "**" + re.sub(r"<[^>]+>", "", stripped).strip() + "**"
            else:
                stripped = re.sub(r"<[^>]+>", "", stripped).strip()
        heading = 0
        if match := re.match(r"^(#{1,6})\s+(.*)$", stripped):
            heading, stripped = len(match.group(1)), match.group(2).strip().strip("#").strip()
        bold = False
        if match := re.fullmatch(r"\*\*(.+?)\*\*:?|__(.+?)__:?", stripped):
            inner = match.group(1) or match.group(2)
            if "**" not in inner:
                bold, stripped = True, inner + (":" if stripped.endswith(":") else "")
        # Bold or italic inside a line ("**Level 1:** GCSEs") says nothing the reader uses.
        stripped = re.sub(r"\*\*(.+?)\*\*|__(.+?)__", lambda m: m.group(1) or m.group(2), stripped)
        wrapped = hard_wrapped and len(previous) >= width * 0.75
        lines.append(Line(stripped, indent, bold, blank, wrapped, heading))
        blank, previous = False, line.rstrip()
    return lines


def _split_row(text: str) -> list[str] | None:
    if text.startswith("|") and text.endswith("|") and text.count("|") >= 3:
        cells = [clean(c) for c in text.strip("|").split("|")]
        if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
            return []  # a Markdown table's rule line
        return cells
    if "\t" in text:
        cells = [clean(c) for c in text.split("\t")]
        while cells and not cells[-1]:
            cells.pop()
        if len([c for c in cells if c]) >= 2 or (len(cells) >= 2 and not cells[0]):
            return cells
    return None


def blocks_from_lines(lines: list[Line]) -> list[Block]:
    """Guess each line's kind, joining lines wrapped without a bullet onto the block above."""
    return cells_one_per_line(_line_blocks(lines))


def _line_blocks(lines: list[Line]) -> list[Block]:
    blocks: list[Block] = []
    table = 0
    in_table = False
    for line in lines:
        text = line.text.strip()
        cells = _split_row(text)
        if cells is not None:
            if not in_table or line.break_before:
                table += 1
            in_table = True
            if cells:
                blocks.append(Block("row", cells=cells, table=table))
            continue
        in_table = False
        if line.heading:
            blocks.append(Block("heading", clean(text), depth=line.heading, bold=True))
            continue
        match = BULLET.match(text)
        if match and _is_bullet(match):
            blocks.append(
                Block(
                    "item",
                    clean(match.group("text")),
                    marker=match.group("marker"),
                    indent=line.indent,
                    bold=line.bold,
                    break_before=line.break_before,
                )
            )
            continue
        previous = blocks[-1] if blocks else None
        if previous is not None and _continues(previous, line):
            previous.text = clean(f"{previous.text} {text}")
            continue
        blocks.append(
            Block(
                "text",
                clean(text),
                bold=line.bold,
                indent=line.indent,
                break_before=line.break_before,
            )
        )
    return blocks


def cells_one_per_line(blocks: list[Block]) -> list[Block]:
    """A table flattened one cell per line: runs of indented short lines in paragraphs of the
    same size (at least three of them) are its rows, the first one its header."""
    out: list[Block] = []
    index = 0
    while index < len(blocks):
        paragraphs: list[list[Block]] = []
        end = index
        while end < len(blocks):
            paragraph = [blocks[end]]
            end += 1
            while end < len(blocks) and not blocks[end].break_before:
                paragraph.append(blocks[end])
                end += 1
            if not all(_cell_like(b, blocks[index]) for b in paragraph) or (
                paragraphs and len(paragraph) != len(paragraphs[0])
            ):
                end -= len(paragraph)
                break
            paragraphs.append(paragraph)
        if len(paragraphs) >= 3 and len(paragraphs[0]) >= 2:
            table = max((b.table for b in out if b.kind == "row"), default=0) + 1000
            out += [Block("row", cells=[b.text for b in p], table=table) for p in paragraphs]
            index = end
        else:
            out.append(blocks[index])
            index += 1
    return out


def _cell_like(block: Block, first: Block) -> bool:
    return (
        block.kind == "text"
        and block.indent > 0
        and block.indent == first.indent
        and len(block.text.split()) <= 8
        and not SENTENCE_END.search(block.text)
    )


def _is_bullet(match) -> bool:
    # "o" is Word's hollow bullet typed in a text export; as a word it starts no sentence.
    return match.group("marker") != "o" or match.group("text")[:1].isupper()


def _continues(previous: Block, line: Line) -> bool:
    """A line that carries on the block above: wrapped at the margin, or visibly mid-sentence."""
    if line.break_before or line.heading or previous.kind not in ("item", "text"):
        return False
    if line.bold != previous.bold:
        return False
    text = line.text
    if re.match(r"^[A-Z][\w /&'()-]{0,40}:(\s|$)", text) and not text[0].islower():
        return False  # "Grade: 5", "Essential:", a new labelled line
    if previous.text.endswith(":"):
        return False
    if text[:1].islower() or text[:1] in "&(":
        return True
    if previous.kind == "item" and line.indent > previous.indent + 1:
        return True  # lined up with the text after the bullet
    return line.wrapped and not SENTENCE_END.search(previous.text)


class _HtmlBlocks(HTMLParser):
    """HTML (from a file, or from Word through mammoth) into blocks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.lists: list[str] = []  # "ul"/"ol" nesting
        self.counters: list[int] = []
        self.text: list[str] = []
        self.bold_chars = 0
        self.bold_depth = 0
        self.current: Block | None = None
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.header_row = False
        self.tables = 0
        self.table_depth = 0
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "head", "title"):
            self.skip += 1
        elif tag in ("strong", "b"):
            self.bold_depth += 1
        elif tag == "br":
            self._data("\n")
        elif tag == "table":
            self._flush()
            self.table_depth += 1
            if self.table_depth == 1:
                self.tables += 1
        elif tag == "tr" and self.table_depth == 1:
            self.row, self.header_row = [], True
        elif tag in ("td", "th") and self.row is not None and self.table_depth == 1:
            self.cell = []
            self.header_row = self.header_row and tag == "th"
        elif self.cell is not None:
            if tag in ("p", "li", "div") and self.cell and not self.cell[-1].endswith("\n"):
                self.cell.append("\n")
            if tag == "li":
                self.cell.append("• ")
        elif tag in ("ul", "ol"):
            self._flush()
            self.lists.append(tag)
            self.counters.append(0)
        elif tag == "li":
            self._flush()
            self.counters[-1:] = [self.counters[-1] + 1] if self.counters else []
            kind = self.lists[-1] if self.lists else "ul"
            marker = f"{self.counters[-1]}." if kind == "ol" and self.counters else "•"
            self.current = Block("item", depth=max(len(self.lists) - 1, 0), marker=marker)
        elif re.fullmatch(r"h[1-6]", tag):
            self._flush()
            self.current = Block("heading", depth=int(tag[1]), bold=True)
        elif tag in ("p", "div", "dt", "dd", "blockquote", "pre"):
            self._flush()
            self.current = Block("text")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head", "title"):
            self.skip = max(self.skip - 1, 0)
        elif tag in ("strong", "b"):
            self.bold_depth = max(self.bold_depth - 1, 0)
        elif tag in ("td", "th") and self.cell is not None and self.table_depth == 1:
            self.row.append("\n".join(clean(x) for x in "".join(self.cell).split("\n")).strip())
            self.cell = None
        elif tag == "tr" and self.row is not None and self.table_depth == 1:
            if any(self.row):
                self.blocks.append(
                    Block("row", cells=self.row, header=self.header_row, table=self.tables)
                )
            self.row = None
        elif tag == "table":
            self.table_depth -= 1
        elif self.cell is not None:
            pass
        elif tag in ("ul", "ol"):
            self._flush()
            if self.lists:
                self.lists.pop()
                self.counters.pop()
        elif tag == "li" or re.fullmatch(r"h[1-6]", tag) or tag in ("p", "div", "dt", "dd"):
            self._flush()

    def handle_data(self, data):
        if not self.skip:
            self._data(data)

    def _data(self, data: str):
        if self.cell is not None:
            self.cell.append(data)
            return
        if self.current is None:
            if not data.strip():
                return
            self.current = Block("text")
        self.text.append(data)
        if self.bold_depth:
            self.bold_chars += len(data.strip())

    def _flush(self):
        block, self.current = self.current, None
        raw = "".join(self.text)
        bold, self.text, self.bold_chars = self.bold_chars, [], 0
        if block is None:
            return
        pieces = [clean(piece) for piece in raw.split("\n")]
        pieces = [piece for piece in pieces if piece]
        if not pieces:
            return
        block.bold = block.bold or bold >= len(re.sub(r"\s", "", raw)) > 0
        if block.kind == "text" and len(pieces) > 1:
            # Lines broken with <br> (Shift+Enter in Word) are read as lines of text.
            lines = [Line(piece, bold=block.bold) for piece in pieces]
            self.blocks += blocks_from_lines(lines)
            return
        block.text = " ".join(pieces)
        if block.kind == "text" and (match := BULLET.match(block.text)):
            # A bullet typed as a glyph, not made with Word's list button.
            block.kind, block.marker, block.text = "item", match["marker"], match["text"]
        self.blocks.append(block)

    def close(self):
        super().close()
        self._flush()


def blocks_from_html(html: str) -> list[Block]:
    parser = _HtmlBlocks()
    parser.feed(html)
    parser.close()
    return parser.blocks
