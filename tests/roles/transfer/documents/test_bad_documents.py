"""Documents that cannot be imported: a message naming the file and saying why, nothing saved."""

import pytest
import weasyprint
from django.core.management import CommandError, call_command

from tests.roles.transfer.documents import bad_files
from tests.roles.transfer.refusals import database_state, refused


def test_scanned_pdf_without_a_text_layer(existing_catalogue, tmp_path):
    message = refused(tmp_path, "scan.pdf", bad_files.scanned_pdf())
    assert message.startswith("scan.pdf: has no text to read: it looks like a scanned image")
    assert database_state() == existing_catalogue


def test_password_protected_pdf(existing_catalogue, tmp_path):
    message = refused(tmp_path, "locked.pdf", bad_files.encrypted_pdf())
    assert message.startswith("locked.pdf: is password-protected")
    assert database_state() == existing_catalogue


def test_corrupt_pdf(existing_catalogue, tmp_path):
    message = refused(tmp_path, "broken.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 100)
    assert message == "broken.pdf: cannot be read as a PDF: it is damaged or of another type."
    assert database_state() == existing_catalogue


def test_password_protected_word_document(existing_catalogue, tmp_path):
    message = refused(tmp_path, "locked.docx", bad_files.PASSWORD_PROTECTED_DOCX)
    assert message.startswith("locked.docx: is a password-protected Word document or an old .doc")
    assert database_state() == existing_catalogue


@pytest.mark.parametrize(
    "data",
    [b"PK\x03\x04 truncated", bad_files.zip_without_a_document(), b"plain text"],
    ids=["truncated", "zip without a document", "plain text"],
)
def test_corrupt_word_document(existing_catalogue, tmp_path, data):
    message = refused(tmp_path, "broken.docx", data)
    assert message.startswith("broken.docx: cannot be read as a Word document (.docx)")
    assert database_state() == existing_catalogue


def test_document_that_is_not_a_role_profile(existing_catalogue, tmp_path):
    message = refused(tmp_path, "minutes.txt", b"Minutes of the meeting.\n\nWe agreed to meet.\n")
    assert message.startswith("minutes.txt: does not look like a role profile")
    assert database_state() == existing_catalogue


def test_binary_file_named_as_text(existing_catalogue, tmp_path):
    message = refused(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert message == "photo.txt: is not a text file (it holds binary data)."
    assert database_state() == existing_catalogue


def test_file_over_the_upload_limit_is_refused_before_it_is_read(
    existing_catalogue, tmp_path, settings
):
    settings.MAX_UPLOAD_SIZE = 1024
    message = refused(tmp_path, "huge.txt", b"Clerk\n\nDuties\n" + b"- Files.\n" * 500)
    assert message.startswith("huge.txt: is 4.")
    assert message.endswith("files over 1.0\xa0KB are refused.")
    assert database_state() == existing_catalogue


def test_text_too_long_to_be_one_role_profile(existing_catalogue, tmp_path, monkeypatch):
    from roles.transfer.documents import formats

    monkeypatch.setattr(formats, "MAX_CHARACTERS", 100)
    message = refused(tmp_path, "handbook.md", b"# Handbook\n\n" + b"- A rule.\n" * 20)
    assert message.startswith("handbook.md: holds 212 characters of text")
    assert database_state() == existing_catalogue


def test_pdf_of_too_many_pages(existing_catalogue, tmp_path, monkeypatch):
    from roles.transfer.documents import formats

    monkeypatch.setattr(formats, "MAX_PAGES", 1)
    pages = "".join(f"<h1 style='break-before:page'>Page {n}</h1>" for n in range(3))
    data = weasyprint.HTML(string=pages).write_pdf()
    message = refused(tmp_path, "handbook.pdf", data)
    assert message.startswith("handbook.pdf: has 3 pages; a role profile is a few pages")
    assert database_state() == existing_catalogue


def test_one_bad_file_among_several_saves_none_of_them(existing_catalogue, tmp_path):
    good = tmp_path / "clerk.txt"
    good.write_text("Clerk\n\nDuties\n- Files letters.\n")
    bad = tmp_path / "minutes.txt"
    bad.write_text("Minutes of the meeting.\n")
    with pytest.raises(CommandError, match="minutes.txt: does not look like a role profile"):
        call_command("import_role_profiles", str(good), str(bad))
    assert database_state() == existing_catalogue
