"""Role profiles as HR writes them (Word, PDF, HTML, text, Markdown) read into an outline.

`read_document` turns one file into an `Outline` (formats -> blocks -> reading); the adapter
(`adapter.outline_to_role`) fits an outline to the role model the importer writes.
"""

from pathlib import PurePath

from roles.transfer.documents.adapter import outline_to_role
from roles.transfer.documents.formats import READERS
from roles.transfer.documents.outline import Outline
from roles.transfer.documents.reading import read_blocks
from roles.transfer.parsed import ParsedFile

SUFFIXES = tuple(READERS)


def is_document(name: str) -> bool:
    return PurePath(name).suffix.lower() in READERS


def read_document(*, name: str, data: bytes) -> Outline:
    """Raises ImportProblem, naming the file, for anything it cannot read as a role profile."""
    blocks = READERS[PurePath(name).suffix.lower()](name, data)
    return read_blocks(name, blocks)


def parse_document(*, name: str, data: bytes) -> tuple[ParsedFile, Outline]:
    """The file as the importer takes it, and the outline it was read into."""
    outline = read_document(name=name, data=data)
    role, notes = outline_to_role(outline)
    return ParsedFile(name=name, roles=[role], notes=notes), outline
