"""Each person's home (what is waiting for them) and HR's review-cycle pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core import jobs
from core.access import is_hr
from core.spreadsheets import table_download
from reviews import cycles, tasks
from reviews.forms import CycleForm
from reviews.models import ReviewCycle
from reviews.todos import todos_for
from staff.models import profile_of
from staff.standing import standing_of

PAGE_SIZE = 50


@login_required
def home(request):
    """What is waiting for the signed-in person; someone with no place in the organisation
    (no staff profile, not HR) goes to the role catalogue."""
    hr = is_hr(request.user)
    profile = profile_of(request.user)
    if profile is None and not hr:
        return redirect("roles:catalogue")
    open_cycles = []
    if hr:
        shown = list(ReviewCycle.objects.open()[:5])
        progress = cycles.cycles_progress(shown)
        open_cycles = [(cycle, progress[cycle.pk]) for cycle in shown]
    return render(
        request,
        "reviews/home.html",
        {
            "todos": todos_for(request.user),
            "open_cycles": open_cycles,
            "is_manager": profile is not None and profile.direct_reports.exists(),
            "standing": standing_of(profile) if profile and profile.level_id else None,
        },
    )


def _hr_only(request):
    if not is_hr(request.user):
        raise PermissionDenied("Review cycles are for HR.")


@login_required
def cycle_list(request):
    _hr_only(request)
    page = Paginator(
        ReviewCycle.objects.select_related("job_family", "role", "manager__user"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    progress = cycles.cycles_progress(page.object_list)
    rows = [(cycle, progress[cycle.pk]) for cycle in page.object_list]
    return render(request, "reviews/cycle_list.html", {"page_obj": page, "rows": rows})


@login_required
def cycle_open(request):
    """The form; the drafts are made by the task worker while the cycle's job page waits."""
    _hr_only(request)
    form = CycleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        job = jobs.job_start(
            work=tasks.cycle_open_in_background,
            by=request.user,
            title=f"Opening “{form.cleaned_data['name']}”",
            arguments={name: form.data.get(name, "") for name in form.fields},
        )
        return redirect("reviews:cycle_job", pk=job.pk)
    return _cycle_form(request, form)


def _cycle_form(request, form):
    return render(
        request, "reviews/cycle_open.html", {"form": form, "due_soon_days": cycles.DUE_SOON_DAYS}
    )


@login_required
def cycle_job(request, pk):
    """The opening of a cycle: its progress, then the cycle; or the form again, with why."""
    _hr_only(request)
    job = jobs.job_of(request, pk, tasks.cycle_open_in_background)
    if not job.finished:
        return render(
            request,
            "reviews/cycle_opening.html",
            {"job": job, "refresh_seconds": jobs.REFRESH_SECONDS},
        )
    if job.status == job.Status.FAILED:
        form = CycleForm(job.arguments)
        if form.is_valid():
            form.add_error(None, job.message)
        return _cycle_form(request, form)
    messages.success(request, job.summary["message"])
    return redirect("reviews:cycle", pk=job.summary["cycle"])


def _cycle(request, pk) -> ReviewCycle:
    _hr_only(request)
    return get_object_or_404(
        ReviewCycle.objects.select_related(
            "job_family", "role", "manager__user", "opened_by", "closed_by"
        ),
        pk=pk,
    )


@login_required
def cycle(request, pk):
    """Who is in the cycle, where each assessment is, and who was left out and why."""
    found = _cycle(request, pk)
    page = Paginator(cycles.cycle_entries(found), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "reviews/cycle.html",
        {
            "cycle": found,
            "progress": cycles.cycle_progress(found),
            "page_obj": page,
            "stages": cycles.STAGES,
        },
    )


@login_required
@require_POST
def cycle_close(request, pk):
    found = _cycle(request, pk)
    try:
        cycles.cycle_close(cycle=found, by=request.user)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, f"“{found.name}” is closed; download its summary below.")
    return redirect("reviews:cycle", pk=found.pk)


@login_required
def cycle_download(request, pk, fmt):
    found = _cycle(request, pk)
    return table_download(
        headers=cycles.SUMMARY_HEADERS,
        rows=cycles.cycle_summary_rows(found),
        fmt=fmt,
        filename=f"review-cycle-{found.pk}",
    )
