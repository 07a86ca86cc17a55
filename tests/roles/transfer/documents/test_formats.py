"""Word, PDF and HTML documents read into the same outline as text: the format is not the point."""

import pytest

from roles.transfer.documents import read_document
from tests.roles.transfer.documents.corpus import build_docx, build_pdf

SOURCE = """<!-- build: {bullets} -->
# Records Clerk

**Grade:** Band 2

## Level 1

### Skills

- Files records in the right place, every time, so that colleagues find them again without help
  - paper files
  - scanned files
- Answers the phone.

## Level 2

### Skills

1. Trains new clerks.
"""

EXPECTED = [
    (
        "Level 1",
        "Skills",
        "Files records in the right place, every time, so that colleagues find them again "
        "without help",
        ["paper files", "scanned files"],
    ),
    ("Level 1", "Skills", "Answers the phone.", []),
    ("Level 2", "Skills", "Trains new clerks.", []),
]


def reading(outline):
    return [
        (level.label, group.heading, item.text, item.sub_points)
        for level, group, item in outline.all_items()
    ]


@pytest.mark.parametrize(
    "bullets", ["docx, bullets made with Word's list styles", "docx, bullets typed as glyphs"]
)
def test_word_document_with_list_styles_or_typed_bullets(bullets):
    data = build_docx(SOURCE.format(bullets=bullets))
    outline = read_document(name="clerk.docx", data=data)
    assert outline.title == "Records Clerk"
    assert ("Grade", "Band 2") in outline.facts
    assert reading(outline) == EXPECTED


def test_pdf_with_a_text_layer_joins_wrapped_lines_and_keeps_sub_points():
    outline = read_document(name="clerk.pdf", data=build_pdf(SOURCE.format(bullets="pdf")))
    assert outline.title == "Records Clerk"
    assert reading(outline) == EXPECTED


def test_pdf_table_is_read_as_a_table():
    source = "# Adviser\n\n| Behaviour | Level 1 | Level 2 |\n| Listening | Listens | Coaches |\n"
    outline = read_document(name="grid.pdf", data=build_pdf(source))
    assert [(lv.label, g.heading, i.text) for lv, g, i in outline.all_items()] == [
        ("Level 1", "Listening", "Listens"),
        ("Level 2", "Listening", "Coaches"),
    ]


def test_text_in_windows_1252_is_read():
    data = "Clerk\n\nSkills\n• Types letters – quickly.\n".encode("cp1252")
    outline = read_document(name="clerk.txt", data=data)
    assert next(outline.all_items())[2].text == "Types letters – quickly."
