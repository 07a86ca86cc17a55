"""PDF downloads: the print pages rendered by WeasyPrint, with no browser and no network.

A PDF of a big role takes WeasyPrint seconds, so no web request renders one, nor even its
HTML: the view checks access, names what it wants (a kind, a record's id and the version of
what the PDF shows) and `pdf_download` serves the stored file of that version, or queues one
task (`pdf_make`) and answers at once with a page that says it is being prepared and looks
again by itself. The worker builds the print page through the kind's builder (registered with
`@pdf_kind` by the app that owns the record: roles.printing, staff.printing; core imports
neither), renders it and keeps it (core.models.PdfDocument) until the version moves on, or
the record is deleted.

A document being prepared keeps its task's id, and each look at it asks the queue (one query)
whether that task is still on its way. A task that is gone, or finished without making it (the
queue was cleared, its result pruned), is queued again without the person noticing: nothing
about this PDF went wrong. A task that failed, or started long ago and never finished (its
worker was killed mid-render, as when it runs out of memory), shows the "Try again" page
instead of queueing it by itself: a print page that kills its worker would kill the next one
too, taking the worker from everyone else's emails and jobs in a loop.
"""

import datetime
import mimetypes
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.db.models.signals import post_delete
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks.exceptions import TaskResultDoesNotExist
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


# How often the "being prepared" page looks again.
REFRESH_SECONDS = 2
# A task running this long has lost its worker: the biggest print page renders in seconds.
RENDER_LIMIT = datetime.timedelta(minutes=5)


@dataclass(frozen=True)
class Printed:
    """What a builder gives the worker: the print page, and the version it shows (which may
    have moved on since the download was asked for; the PDF is kept under this one)."""

    version: str
    html: str


_BUILDERS: dict[str, Callable[[int], Printed]] = {}


def pdf_kind(kind: str, *, model: type[models.Model]):
    """Register the builder of a kind of PDF of `model`'s records: `builder(pk) -> Printed`,
    run by the worker with no request and no access check (the download view has checked
    access). Deleting a record deletes its PDFs."""

    def register(builder: Callable[[int], Printed]) -> Callable[[int], Printed]:
        _BUILDERS[kind] = builder

        def forget(sender, instance, **kwargs):
            PdfDocument.objects.filter(key__startswith=_key(kind, instance.pk, "")).delete()

        post_delete.connect(forget, sender=model, weak=False, dispatch_uid=f"pdf:{kind}")
        return builder

    return register


def _key(kind: str, pk: int, version: str) -> str:
    return f"{kind}:{pk}:{version}"


def pdf_download(request, *, kind: str, pk: int, version: str, name: str) -> HttpResponse:
    """The PDF of record `pk` of `kind` at `version`, once the worker has made it; until
    then a page saying it is being prepared, which looks again by itself; if making it
    failed, a page that says so, whose "Try again" (a POST here) queues it again. The caller
    has checked that the person may see the record."""
    if kind not in _BUILDERS:
        raise ValueError(f"No PDF builder for {kind!r}: register one with @pdf_kind.")
    key = _key(kind, pk, version)
    document = PdfDocument.objects.filter(key=key).first()
    if request.method == "POST":
        if document is not None and document.status == PdfDocument.Status.FAILED:
            _queue_again(document, kind, pk, version)
        return redirect(request.path)
    if document is None and _queue(key, kind, pk, version):
        # Run in process (no worker, TASKS_BACKEND=immediate): made, or failed, already.
        document = PdfDocument.objects.filter(key=key).first()
    elif document is not None and document.status == PdfDocument.Status.QUEUED:
        _look_after(document, kind, pk, version)
    if document is not None and document.status == PdfDocument.Status.MADE:
        response = HttpResponse(bytes(document.content), content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="{slugify(name) or "document"}.pdf"'
        )
        return response
    if document is not None and document.status == PdfDocument.Status.FAILED:
        return render(request, "pdf_failed.html", {"name": name})
    return render(
        request,
        "pdf_preparing.html",
        {"name": name, "refresh_seconds": REFRESH_SECONDS},
        status=202,
    )


def _queue(key: str, kind: str, pk: int, version: str) -> bool:
    """Record the request and queue its task, together: the worker never sees one without the
    other. Two requests at once make one PDF: the second finds the key taken. True when the
    task has already run (in process)."""
    try:
        with transaction.atomic():
            document = PdfDocument.objects.create(key=key, requested_at=timezone.now())
            return _enqueue(document, kind, pk, version).is_finished
    except IntegrityError:
        return False


def _queue_again(document: PdfDocument, kind: str, pk: int, version: str) -> None:
    with transaction.atomic():
        # Only the first of several "Try again" clicks queues it.
        if PdfDocument.objects.filter(pk=document.pk, status=PdfDocument.Status.FAILED).update(
            status=PdfDocument.Status.QUEUED, requested_at=timezone.now()
        ):
            _enqueue(document, kind, pk, version)


def _enqueue(document: PdfDocument, kind: str, pk: int, version: str):
    """Queue the task that makes the document, and keep its id (in the caller's transaction)."""
    result = pdf_make.enqueue(kind, pk, version)
    PdfDocument.objects.filter(pk=document.pk).update(task_id=result.id)
    return result


def _look_after(document: PdfDocument, kind: str, pk: int, version: str) -> None:
    """A document being prepared whose task is lost is queued again; one whose task failed or
    died mid-render is marked failed (`document.status` says which). One query when its task
    is on its way; none when tasks run in process (which cannot leave one behind)."""
    if not pdf_make.get_backend().supports_get_result:
        return
    try:
        result = pdf_make.get_result(document.task_id)
    except TaskResultDoesNotExist:
        result = None
    if result is None or result.status == TaskResultStatus.SUCCESSFUL:
        with transaction.atomic():
            # Only the first of several pages looking at once queues it again.
            if _still_waiting_on(document).select_for_update().exists():
                _enqueue(document, kind, pk, version)
        return
    died = result.status == TaskResultStatus.FAILED or (
        result.status == TaskResultStatus.RUNNING
        and result.started_at < timezone.now() - RENDER_LIMIT
    )
    if died and _still_waiting_on(document).update(status=PdfDocument.Status.FAILED):
        document.status = PdfDocument.Status.FAILED


def _still_waiting_on(document: PdfDocument):
    """The document, if it is still being prepared by the task it had when it was read (not
    made meanwhile, nor queued again by another request)."""
    return PdfDocument.objects.filter(
        pk=document.pk, status=PdfDocument.Status.QUEUED, task_id=document.task_id
    )


@task()
def pdf_make(kind: str, pk: int, version: str) -> None:
    """Build, render and keep the PDF; a failure is recorded for the download page (and
    raised again, for the worker's log). The record's older PDFs are dropped."""
    asked = _key(kind, pk, version)
    if not PdfDocument.objects.filter(key=asked, status=PdfDocument.Status.QUEUED).exists():
        return  # made meanwhile under a newer version, which dropped this request
    try:
        printed = _BUILDERS[kind](pk)
        content = render_pdf(printed.html)
    except Exception:
        PdfDocument.objects.filter(key=asked).update(status=PdfDocument.Status.FAILED)
        raise
    made = _key(kind, pk, printed.version)
    now = timezone.now()
    with transaction.atomic():
        PdfDocument.objects.update_or_create(
            key=made,
            defaults={"content": content, "status": PdfDocument.Status.MADE, "ready_at": now},
            create_defaults={
                "content": content,
                "status": PdfDocument.Status.MADE,
                "ready_at": now,
                "requested_at": now,
            },
        )
        # Other versions go, except those still waiting for their own task.
        PdfDocument.objects.filter(key__startswith=f"{kind}:{pk}:").exclude(key=made).filter(
            Q(key=asked) | ~Q(status=PdfDocument.Status.QUEUED)
        ).delete()
