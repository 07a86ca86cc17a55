"""Long work in the task worker, with a page that shows how far it has come.

A view starts a job (`job_start`) and sends the person to the job's page at once; the worker runs
the job's task, which says how far it has come through `JobProgress`; the page shows a progress
bar that a small script keeps up to date from the job's JSON (`core.views.job_progress`), and
without scripts the page reloads itself. When the job is done the same page shows its result.
A task written with `background_job` only does the work: starting, progress, the summary it
returns and a refusal (`JobRefused`) are recorded here, the same way for every kind of job.
"""

import datetime
import functools
import time

from django.contrib.auth.models import AbstractBaseUser
from django.db.models.fields.json import KT
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django_tasks import task
from django_tasks.base import Task

from core.models import BackgroundJob

# How often the page without scripts reloads itself; the script looks every second.
REFRESH_SECONDS = 2
# Finished jobs (and ones the worker never reached) are forgotten after this long.
KEPT_FOR = datetime.timedelta(days=1)
# The worker writes progress at most this often (seconds), however fast the work goes.
PROGRESS_INTERVAL = 0.5

UNEXPECTED = (
    "It stopped on an unexpected error, which has been logged for the site's administrators. "
    "Nothing was saved; try again, and tell them if it happens again."
)


class JobRefused(Exception):
    """The work cannot be done for a reason the person can act on (a bad file, a choice that
    no longer exists); the message says what and where, and nothing was changed."""


class JobProgress:
    """Called by the work as it goes: `progress("Laying out each role", 120, 1000)`. Each call
    is written at once (outside the work's own transaction, so the page sees it), but no more
    often than PROGRESS_INTERVAL unless the stage changes or the work is complete."""

    def __init__(self, job: BackgroundJob):
        self.job = job
        self._written_at = 0.0
        # The job's file is dropped when the job finishes, unless the work needs it again.
        self.keep_upload = False

    def __call__(self, stage: str, done: int = 0, total: int = 0) -> None:
        now = time.monotonic()
        if stage == self.job.stage and done != total and now - self._written_at < PROGRESS_INTERVAL:
            return
        self._written_at = now
        self.job.stage, self.job.done, self.job.total = stage, done, total
        BackgroundJob.objects.filter(pk=self.job.pk).update(
            status=BackgroundJob.Status.RUNNING, stage=stage, done=done, total=total
        )


def background_job(work) -> Task:
    """A task, enqueued with a job's id, that runs `work(job, progress)`: what `work` returns
    is the job's summary (JSON), and a `JobRefused` its message. Anything else stops the job
    with a general message and is raised again, for the worker's log."""

    @functools.wraps(work)
    def run(job_id: int) -> None:
        job = (
            BackgroundJob.objects.defer("upload", "details")
            .select_related("created_by")
            .filter(pk=job_id)
            .first()
        )
        if job is None:
            return  # cancelled before the worker reached it
        job.details = None
        progress = JobProgress(job)
        progress("Starting")
        try:
            summary = work(job, progress)
        except JobRefused as refusal:
            _finish(job, BackgroundJob.Status.FAILED, message=str(refusal))
        except Exception:
            _finish(job, BackgroundJob.Status.FAILED, message=UNEXPECTED)
            raise
        else:
            _finish(job, BackgroundJob.Status.DONE, summary=summary, keep=progress.keep_upload)

    return task()(run)


def _finish(
    job: BackgroundJob, status: str, *, summary=None, message: str = "", keep: bool = False
) -> None:
    fields = {
        "status": status,
        "summary": summary,
        "message": message,
        "details": job.details,
        "finished_at": timezone.now(),
    }
    if not keep:
        fields["upload"] = None
    BackgroundJob.objects.filter(pk=job.pk).update(**fields)


def job_start(
    *,
    work: Task,
    by: AbstractBaseUser,
    title: str,
    arguments: dict | None = None,
    upload: bytes | None = None,
    upload_name: str = "",
) -> BackgroundJob:
    """Record the job and queue it for the worker (with the queue in the database, both are
    written in the caller's transaction, so the worker never sees one without the other)."""
    BackgroundJob.objects.filter(created_at__lt=timezone.now() - KEPT_FOR).delete()
    job = BackgroundJob.objects.create(
        kind=work.module_path,
        title=title,
        created_by=by,
        arguments=arguments or {},
        upload=upload,
        upload_name=upload_name,
    )
    work.enqueue(job.pk)
    return job


def job_continue(job: BackgroundJob, *, work: Task, after: Task, title: str) -> bool:
    """Run `work` on a job that `after` has finished (an import confirmed after its preview),
    keeping the job's file; False when it is not in that state (confirmed twice, expired)."""
    if not BackgroundJob.objects.filter(
        pk=job.pk, kind=after.module_path, status=BackgroundJob.Status.DONE
    ).update(
        kind=work.module_path,
        title=title,
        status=BackgroundJob.Status.QUEUED,
        stage="",
        done=0,
        total=0,
        finished_at=None,
    ):
        return False
    work.enqueue(job.pk)
    return True


def job_upload(job: BackgroundJob) -> bytes:
    """The job's file, read once (the job itself is loaded without it)."""
    upload = BackgroundJob.objects.filter(pk=job.pk).values_list("upload", flat=True).get()
    return bytes(upload)


def job_detail(job: BackgroundJob, number: int):
    """One part of the job's details (parts count from 0), without reading the others."""
    if number < 0:
        return None
    return (
        BackgroundJob.objects.filter(pk=job.pk)
        .annotate(part=KT(f"details__{number}"))
        .values_list("part", flat=True)
        .get()
    )


def job_of(request, pk: int, *works: Task) -> BackgroundJob:
    """The person's own job of one of these kinds; anyone else's is not found."""
    return get_object_or_404(
        BackgroundJob.objects.defer("upload", "details"),
        pk=pk,
        created_by=request.user,
        kind__in=[work.module_path for work in works],
    )
