"""Broken and unsuitable files for the tests of bad input: each is made here, none is stored."""

import io
import zipfile


def encrypted_pdf() -> bytes:
    """A one-page PDF locked with a password (the standard security handler)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <"
        + b"11" * 32
        + b"> /U <"
        + b"22" * 32
        + b"> /P -4 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    identifier = b"<" + b"ab" * 16 + b">"
    out += b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [%s %s] >>\n" % (
        len(objects) + 1,
        identifier,
        identifier,
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def scanned_pdf() -> bytes:
    """A page with a picture on it and no text, as a scanner makes."""
    import weasyprint

    html = "<div style='width:10cm;height:10cm;background:#888'></div>"
    return weasyprint.HTML(string=html).write_pdf()


def zip_without_a_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "not a Word document")
    return buffer.getvalue()


# An encrypted Word file is an OLE compound file, as an old .doc is.
PASSWORD_PROTECTED_DOCX = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
