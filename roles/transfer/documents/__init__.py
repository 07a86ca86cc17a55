"""Role profiles as HR writes them (Word, PDF, HTML, text, Markdown, flat spreadsheets) read
into outlines.

`read_outlines` turns one file into outlines (formats -> blocks -> reading, or rows for a flat
spreadsheet); the adapter (`adapter.outline_to_role`) fits an outline to the role model the
importer writes; `parse_document` does both.
"""

from pathlib import PurePath

from roles.transfer.documents import flat
from roles.transfer.documents.adapter import outline_to_role
from roles.transfer.documents.formats import READERS
from roles.transfer.documents.outline import Outline
from roles.transfer.documents.reading import read_blocks
from roles.transfer.parsed import ParsedFile

SPREADSHEETS = (".csv", ".xlsx")


def _suffix(name: str) -> str:
    return PurePath(name).suffix.lower()


def is_document(name: str, data: bytes | None = None) -> bool:
    """A document this package reads; a spreadsheet only when it is a flat list of items."""
    if _suffix(name) in READERS:
        return True
    return _suffix(name) in SPREADSHEETS and data is not None and flat.is_flat(name, data)


def read_outlines(*, name: str, data: bytes, columns: dict | None = None) -> list[Outline]:
    """Raises ImportProblem, naming the file, for anything it cannot read as a role profile."""
    if _suffix(name) in SPREADSHEETS:
        return flat.read_flat(name, data, columns)
    return [read_blocks(name, READERS[_suffix(name)](name, data))]


def read_document(*, name: str, data: bytes) -> Outline:
    return read_outlines(name=name, data=data)[0]


def parse_document_outline(name: str, outline: Outline) -> tuple[ParsedFile, list[Outline]]:
    """An outline already read (and perhaps corrected) as the importer takes it."""
    role, notes = outline_to_role(outline)
    return ParsedFile(name=name, roles=[role], notes=notes), [outline]


def parse_document(
    *, name: str, data: bytes, columns: dict | None = None
) -> tuple[ParsedFile, list[Outline]]:
    """The file as the importer takes it, and the outlines it was read into."""
    outlines = read_outlines(name=name, data=data, columns=columns)
    parsed = ParsedFile(name=name, roles=[])
    for number, outline in enumerate(outlines, start=1):
        role, notes = outline_to_role(outline, where=f"role {number}")
        parsed.roles.append(role)
        parsed.notes += notes
    return parsed, outlines
