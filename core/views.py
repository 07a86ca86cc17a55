"""The health check that load balancers and monitors poll, and the progress of a person's job."""

from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_tasks import task_backends
from django_tasks_db import DatabaseBackend

from core.models import BackgroundJob


def _queue_backlog() -> dict:
    """How much background work waits, and for how long: the worker is stalled if a job
    waits much longer than the worker's polling interval."""
    backend = task_backends["default"]
    if not isinstance(backend, DatabaseBackend):
        return {"backend": type(backend).__name__}
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.ready()
    # A retry's wait starts when it became due (run_after), not when it was queued.
    due = [
        max(enqueued, run_after) if run_after.year < 9999 else enqueued
        for enqueued, run_after in waiting.order_by("enqueued_at").values_list(
            "enqueued_at", "run_after"
        )[:50]
    ]
    return {
        "backend": "database",
        "waiting": waiting.count(),
        "oldest_waiting_seconds": int((timezone.now() - min(due)).total_seconds()) if due else 0,
    }


@never_cache
@require_GET
def health(request):
    """200 when this instance can serve pages: its database answers and the task queue's
    table can be read. A backlog is reported, not failed on: a stalled worker is not a
    reason to take the web servers out of the load balancer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        queue = _queue_backlog()
    except DatabaseError as error:
        return JsonResponse(
            {"status": "unavailable", "error": f"database: {type(error).__name__}"}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok", "queue": queue})


@never_cache
@require_GET
@login_required
def job_progress(request, pk: int):
    """How far one of the person's own jobs has come, for the script on the job's page; someone
    else's job is not found."""
    job = get_object_or_404(
        BackgroundJob.objects.only("status", "stage", "done", "total", "created_by"),
        pk=pk,
        created_by=request.user,
    )
    return JsonResponse(
        {
            "status": job.status,
            "status_label": job.get_status_display(),
            "stage": job.stage,
            "done": job.done,
            "total": job.total,
            "percent": job.percent,
            "finished": job.finished,
        }
    )
