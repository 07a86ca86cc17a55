"""Reading what the site prints, as a reader would: pages laid out by WeasyPrint, PDF bookmarks."""

import re
import zlib

import weasyprint

from core.pdf import StaticFilesFetcher


def pdf_bookmarks(content: bytes) -> list[str]:
    """The PDF's bookmark titles (WeasyPrint makes one per heading), read from its streams."""
    streams = b"".join(
        zlib.decompress(match.group(1))
        for match in re.finditer(rb"stream\n(.*?)endstream", content, re.S)
    )
    return [title.decode() for title in re.findall(rb"/Title \((.*?)\)/Dest", streams)]


def printed(html: str) -> weasyprint.Document:
    """A page as printed, laid out by WeasyPrint with the print stylesheet."""
    return weasyprint.HTML(
        string=html, base_url="http://pdf.invalid/", url_fetcher=StaticFilesFetcher()
    ).render()


def page_texts(html: str) -> list[str]:
    """The text of each printed page."""

    def texts(box):
        if hasattr(box, "text"):
            yield box.text
        for child in getattr(box, "children", None) or []:
            yield from texts(child)

    return [" ".join(texts(page._page_box)) for page in printed(html).pages]


def printed_text(html: str) -> str:
    return " ".join(page_texts(html))
