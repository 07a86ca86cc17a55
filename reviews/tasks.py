"""The task worker's jobs for review cycles: reminders on each cycle's reminder dates, and
opening a cycle (a draft for everyone in it, which for a big cycle takes a while)."""

from django.core.exceptions import ValidationError
from django_tasks import task

from core.jobs import JobRefused, background_job
from reviews.cycles import cycle_open, people_matching, reminders_send


@task()
def send_reminders() -> int:
    return reminders_send()


@background_job
def cycle_open_in_background(job, progress) -> dict:
    """Open the cycle HR asked for on the form (`job.arguments`, as typed), checked again
    here: a job family or manager chosen may have gone since."""
    from reviews.forms import CycleForm

    form = CycleForm(job.arguments)
    if not form.is_valid():
        raise JobRefused(
            " ".join(f"{error}" for errors in form.errors.values() for error in errors)
        )
    choice = {name: form.cleaned_data[name] for name in ("department", "job_family", "role")}
    people = people_matching(**choice, manager=form.cleaned_data["manager"]).count()
    progress(f"Making a draft assessment for each of {people} people")
    try:
        cycle = cycle_open(by=job.created_by, **form.cleaned_data)
    except ValidationError as refused:
        raise JobRefused(" ".join(refused.messages)) from None
    made = cycle.entries.filter(outcome="created").count()
    return {
        "cycle": cycle.pk,
        "message": f"“{cycle.name}” is open: {made} draft{'s' if made != 1 else ''} made.",
    }
