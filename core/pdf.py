"""PDF downloads: the print pages rendered by WeasyPrint, with no browser and no network.

A PDF of a big role takes WeasyPrint seconds, so it is never rendered in a web worker: the
page asks the task worker for it (`pdf_download`), says it is being prepared and looks again
every few seconds; the worker keeps the result (core.models.PdfDocument) for the version of
what it shows, and every later download of that version is served as the stored file.
"""

import datetime
import mimetypes
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django_tasks import task
from weasyprint.urls import URLFetcher, URLFetcherResponse

from core.models import PdfDocument

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
        name = unquote(parts.path.removeprefix(static_prefix))
        path = finders.find(name) or _collected(name)
        if path is None:
            raise ValueError(f"No static file at {url}")
        with open(path, "rb") as handle:
            body = handle.read()
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


def _collected(name: str) -> Path | None:
    """A collected static file by its stored name: in production the pages link to the
    hashed copies (bootstrap.min.6a7df65a8257.css), which only STATIC_ROOT holds."""
    root = Path(settings.STATIC_ROOT).resolve()
    path = (root / name).resolve()
    return path if path.is_relative_to(root) and path.is_file() else None


def render_pdf(html: str) -> bytes:
    return weasyprint.HTML(
        string=html, base_url=_BASE_URL, url_fetcher=StaticFilesFetcher()
    ).write_pdf()


# A request still unanswered after this long (the worker was down, or failed) is asked again.
RETRY_AFTER = datetime.timedelta(minutes=2)
# How often the "being prepared" page looks again.
REFRESH_SECONDS = 2


def pdf_download(
    request, *, subject: str, version: str, html: Callable[[], str], name: str
) -> HttpResponse:
    """The PDF of `subject` ("role:12") at `version`, as a download once the worker has
    rendered it; until then a page saying it is being prepared, which looks again by itself.
    `html` (the print page) is rendered only when the worker needs it."""
    key = f"{subject}:{version}"
    document = PdfDocument.objects.filter(key=key).first()
    if document is None or (
        document.content is None and timezone.now() - document.requested_at > RETRY_AFTER
    ):
        if _claim(key, document):
            pdf_render.enqueue(subject, key, html())
        # With a worker, still empty; run in process (no worker, as in tests), ready now.
        document = PdfDocument.objects.filter(key=key).first()
    if document is not None and document.content is not None:
        response = HttpResponse(bytes(document.content), content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="{slugify(name) or "document"}.pdf"'
        )
        return response
    return render(
        request,
        "pdf_preparing.html",
        {"name": name, "refresh_seconds": REFRESH_SECONDS},
        status=202,
    )


def _claim(key: str, document: PdfDocument | None) -> bool:
    """Record the request; False when another request has just done so (one render each)."""
    now = timezone.now()
    if document is None:
        try:
            with transaction.atomic():
                PdfDocument.objects.create(key=key, requested_at=now)
        except IntegrityError:
            return False
        return True
    return bool(
        PdfDocument.objects.filter(
            pk=document.pk, content__isnull=True, requested_at=document.requested_at
        ).update(requested_at=now)
    )


@task()
def pdf_render(subject: str, key: str, html: str) -> None:
    """Render and keep the PDF; the subject's older versions are dropped."""
    content = render_pdf(html)
    PdfDocument.objects.filter(key=key).update(content=content, ready_at=timezone.now())
    PdfDocument.objects.filter(key__startswith=f"{subject}:").exclude(key=key).delete()
