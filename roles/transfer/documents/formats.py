"""Each document format into blocks (see `blocks`): text and Markdown, HTML, Word, PDF.

Every refusal is an `ImportProblem` naming the file and saying what to do instead.
"""

import io
import re
import zipfile

from roles.transfer.documents.blocks import (
    Block,
    Line,
    blocks_from_html,
    blocks_from_lines,
    lines_from_text,
)
from roles.transfer.parsed import ImportProblem

# One role profile is a few pages; past these it is a handbook or a scan, not a profile.
MAX_PAGES = 60
MAX_CHARACTERS = 400_000

# Word's own styles that mammoth does not map by itself.
WORD_STYLES = "\n".join(
    [
        "p[style-name='Title'] => h1:fresh",
        "p[style-name='Subtitle'] => h2:fresh",
        "p[style-name='List Bullet 2'] => ul|ol > li > ul > li:fresh",
        "p[style-name='List Number 2'] => ul|ol > li > ol > li:fresh",
        "p[style-name='List Bullet 3'] => ul|ol > li > ul|ol > li > ul > li:fresh",
    ]
)


def decode(name: str, data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise ImportProblem("is not a text file (it holds binary data).", file=name)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = data.decode("latin-1")
    _check_length(name, text)
    return text


def _check_length(name: str, text: str) -> None:
    if len(text) > MAX_CHARACTERS:
        raise ImportProblem(
            f"holds {len(text):,} characters of text; a role profile is a few pages. "
            "Import each role's profile as a file of its own.",
            file=name,
        )


def text_blocks(name: str, data: bytes) -> list[Block]:
    return blocks_from_lines(lines_from_text(decode(name, data)))


def html_blocks(name: str, data: bytes) -> list[Block]:
    return blocks_from_html(decode(name, data))


def docx_blocks(name: str, data: bytes) -> list[Block]:
    import mammoth

    if data[:4] == b"\xd0\xcf\x11\xe0":
        raise ImportProblem(
            "is a password-protected Word document or an old .doc file. Remove the password "
            "or save it as a Word document (.docx), then import it again.",
            file=name,
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise zipfile.BadZipFile
            total = sum(info.file_size for info in archive.infolist())
        if total > 20 * len(data) + 50_000_000:
            raise zipfile.BadZipFile  # unpacks to far more than any document needs
        html = mammoth.convert_to_html(io.BytesIO(data), style_map=WORD_STYLES).value
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError):
        raise ImportProblem(
            "cannot be read as a Word document (.docx): it is damaged or of another type. "
            "Open it in Word and save it again as .docx.",
            file=name,
        ) from None
    _check_length(name, html)
    return blocks_from_html(html)


def pdf_blocks(name: str, data: bytes) -> list[Block]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise ImportProblem(
                    f"has {len(pdf.pages)} pages; a role profile is a few pages "
                    f"(at most {MAX_PAGES} are read). Import each role's profile on its own.",
                    file=name,
                )
            blocks: list[Block] = []
            characters = 0
            for page in pdf.pages:
                page_blocks, page_characters = _pdf_page(page, tables_before=len(blocks))
                blocks += page_blocks
                characters += page_characters
                _check_length(name, "x" * characters)
    except ImportProblem:
        raise
    except (PDFPasswordIncorrect, PdfminerException) as error:
        encrypted = isinstance(error, PDFPasswordIncorrect) or "password" in repr(error).lower()
        raise ImportProblem(
            "is password-protected; remove the password (print it to a new PDF) and import it "
            "again."
            if encrypted
            else "cannot be read as a PDF: it is damaged or of another type.",
            file=name,
        ) from None
    except Exception:  # pdfminer raises many kinds on a broken file; none is ours to show
        raise ImportProblem(
            "cannot be read as a PDF: it is damaged or of another type.", file=name
        ) from None
    if not characters:
        raise ImportProblem(
            "has no text to read: it looks like a scanned image. Import the Word document it "
            "was made from, or run the scan through text recognition (OCR) first.",
            file=name,
        )
    return blocks


def _is_bold(chars) -> bool:
    letters = [c for c in chars if c["text"].strip()]
    return bool(letters) and all(
        re.search(r"bold|black|heavy|semibold", c["fontname"], re.I) for c in letters
    )


def _pdf_page(page, *, tables_before: int) -> tuple[list[Block], int]:
    """One page: ruled tables as rows, the rest as lines with their breaks and wrapping."""
    tables = [t for t in page.find_tables() if len(t.rows) >= 1 and len(t.columns) >= 2]
    boxes = [t.bbox for t in tables]
    lines = page.extract_text_lines(return_chars=True)
    characters = sum(len(line["text"]) for line in lines)
    sizes = sorted(c["size"] for line in lines for c in line["chars"])
    body = sizes[len(sizes) // 2] if sizes else 10
    right = max((line["x1"] for line in lines), default=0)

    def inside(line, box) -> bool:
        middle = (line["top"] + line["bottom"]) / 2
        return box[1] <= middle <= box[3] and box[0] - 2 <= line["x0"] <= box[2]

    segments: list[tuple[float, list]] = []  # (top, lines or rows)
    for number, table in enumerate(tables, start=tables_before + 1):
        rows = [
            Block("row", cells=[(cell or "").strip() for cell in row], table=number)
            for row in table.extract()
            if any((cell or "").strip() for cell in row)
        ]
        segments.append((table.bbox[1], rows))
    current: list[Line] = []
    previous = None
    for line in lines:
        if any(inside(line, box) for box in boxes):
            if current:
                segments.append((current[0].top, current))
                current = []
            previous = None
            continue
        height = line["bottom"] - line["top"]
        size = max((c["size"] for c in line["chars"]), default=body)
        entry = Line(
            line["text"],
            indent=line["x0"],
            bold=_is_bold(line["chars"]),
            break_before=previous is not None and line["top"] - previous["bottom"] > height * 0.6,
            wrapped=previous is not None and previous["x1"] >= right - (right * 0.12),
            heading=1 if size >= body * 1.5 else 2 if size >= body * 1.15 else 0,
            top=line["top"],
        )
        current.append(entry)
        previous = line
    if current:
        segments.append((current[0].top, current))
    blocks: list[Block] = []
    for _, segment in sorted(segments, key=lambda s: s[0]):
        if segment and isinstance(segment[0], Block):
            blocks += segment
        else:
            blocks += blocks_from_lines(segment)
    return blocks, characters


READERS = {
    ".txt": text_blocks,
    ".md": text_blocks,
    ".markdown": text_blocks,
    ".html": html_blocks,
    ".htm": html_blocks,
    ".docx": docx_blocks,
    ".pdf": pdf_blocks,
}
