"""PDF downloads: the print pages rendered by WeasyPrint, with no browser and no network."""

import mimetypes
from urllib.parse import unquote, urlsplit

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Rendering never leaves the machine: only the site's own static files are read, from disk.
_BASE_URL = "http://pdf.invalid/"


class StaticFilesFetcher(URLFetcher):
    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        static_prefix = "/" + settings.STATIC_URL.lstrip("/")
        if f"{parts.scheme}://{parts.netloc}/" != _BASE_URL or not parts.path.startswith(
            static_prefix
        ):
            raise ValueError(f"Only the site's static files are used in PDFs, not {url}")
        path = finders.find(unquote(parts.path.removeprefix(static_prefix)))
        if path is None:
            raise ValueError(f"No static file at {url}")
        with open(path, "rb") as handle:
            body = handle.read()
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


def render_pdf(html: str) -> bytes:
    return weasyprint.HTML(
        string=html, base_url=_BASE_URL, url_fetcher=StaticFilesFetcher()
    ).write_pdf()


def pdf_response(request, template: str, context: dict, *, name: str) -> HttpResponse:
    """Render a print template to PDF and offer it as a download named after `name`."""
    html = render_to_string(template, context, request=request)
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{slugify(name) or "document"}.pdf"'
    return response
