"""Opening, following and closing a review cycle, and reminding the people who act next.

Drafts are made through staff.progression's own workflow function, with the person's line
manager as assessor; readiness in the summary is staff.standing's. Reminders are recorded with
a unique constraint before their email is queued, so however often the reminder job runs (a
scheduled task, the daily command, both at once), each reminder goes out once.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from core.access import is_hr
from core.emails import email_queue
from reviews.models import CycleEntry, CycleReminder, ReviewCycle
from roles.models import JobFamily, Role
from staff import progression
from staff.models import Assessment, StaffProfile
from staff.notifications import assessment_link
from staff.standing import standings_of

# When reminders go out, relative to the due date.
DUE_SOON_DAYS = 7
OVERDUE_DAYS = 1

# Where an assessment of a cycle is, in the words of the cycle's page, in workflow order.
STAGES = {
    Assessment.Status.DRAFT: "With the manager",
    Assessment.Status.RETURNED: "With the manager",
    Assessment.Status.SUBMITTED: "With the employee",
    Assessment.Status.ACKNOWLEDGED: "With HR",
    Assessment.Status.APPROVED: "Decided",
    Assessment.Status.CLOSED: "Closed",
}
# The manager has finished and the employee has seen and acknowledged it.
COMPLETE = (Assessment.Status.ACKNOWLEDGED, Assessment.Status.APPROVED, Assessment.Status.CLOSED)


def people_matching(
    *,
    department: str = "",
    job_family: JobFamily | None = None,
    role: Role | None = None,
    manager: StaffProfile | None = None,
):
    """Everyone whose level in force is in the department, family and role given, and below
    the manager given; every criterion left out matches everyone."""
    people = StaffProfile.objects.with_level_in_force()
    roles = Role.objects.all()
    if department:
        roles = roles.filter(department__iexact=department.strip())
    if job_family is not None:
        roles = roles.filter(job_family=job_family)
    if role is not None:
        roles = roles.filter(pk=role.pk)
    if department or job_family is not None or role is not None:
        people = people.filter(level_now_role_id__in=roles.values("pk"))
    if manager is not None:
        people = people.filter(pk__in=StaffProfile.objects.below(manager).values("pk"))
    # Leavers keep their profile and history; a cycle is for the people still here.
    people = people.filter(user__is_active=True)
    return people.select_related("user", "line_manager__user").order_by("pk")


@transaction.atomic
def cycle_open(
    *,
    name: str,
    due_date: datetime.date,
    by: AbstractBaseUser,
    department: str = "",
    job_family: JobFamily | None = None,
    role: Role | None = None,
    manager: StaffProfile | None = None,
) -> ReviewCycle:
    """Open a cycle: a draft assessment for each person it matches, by their line manager,
    against their next level (their current level at the top). Someone already in an open
    assessment, without a manager or without a level is recorded as such, not given a draft."""
    if not is_hr(by):
        raise PermissionDenied("Only HR opens review cycles.")
    if not name.strip():
        raise ValidationError("Give the cycle a name.")
    cycle = ReviewCycle.objects.create(
        name=name.strip(),
        due_date=due_date,
        department=department.strip(),
        job_family=job_family,
        role=role,
        manager=manager,
        opened_by=by,
    )
    people = list(
        people_matching(department=department, job_family=job_family, role=role, manager=manager)
    )
    open_ones = {
        a.staff_id: a
        for a in Assessment.objects.filter(
            staff__in=[p.pk for p in people], status__in=Assessment.OPEN
        )
    }
    note = f"Started for the review cycle “{cycle.name}”, opened by {_name(by)}"
    for person in people:
        entry = CycleEntry(cycle=cycle, staff=person)
        if person.level_now_id is None:
            entry.outcome = CycleEntry.Outcome.NO_LEVEL
        elif person.line_manager_id is None:
            entry.outcome = CycleEntry.Outcome.NO_MANAGER
        elif person.pk in open_ones:
            entry.outcome = CycleEntry.Outcome.ALREADY_OPEN
            entry.assessment = open_ones[person.pk]
        else:
            entry.outcome = CycleEntry.Outcome.CREATED
            entry.assessment = progression.assessment_start(
                staff=person, by=person.line_manager.user, note=note
            )
        entry.save()
    transaction.on_commit(lambda: _schedule_reminders(cycle), robust=True)
    return cycle


@transaction.atomic
def cycle_close(*, cycle: ReviewCycle, by: AbstractBaseUser) -> ReviewCycle:
    """Close the cycle: no more reminders. Its assessments carry on through their workflow;
    nothing anyone recorded is touched."""
    if not is_hr(by):
        raise PermissionDenied("Only HR closes review cycles.")
    if not ReviewCycle.objects.filter(pk=cycle.pk, closed_at__isnull=True).update(
        closed_at=timezone.now(), closed_by=by
    ):
        raise ValidationError(f"“{cycle.name}” is already closed.")
    cycle.refresh_from_db()
    return cycle


# Following a cycle ---------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    """How far a cycle has come: the count of its assessments at each stage."""

    stages: dict[str, int]
    in_cycle: int
    complete: int
    reported: dict[str, int]

    @property
    def percent_complete(self) -> int:
        return round(100 * self.complete / self.in_cycle) if self.in_cycle else 0


def cycle_progress(cycle: ReviewCycle) -> Progress:
    return cycles_progress([cycle])[cycle.pk]


def cycles_progress(cycles) -> dict[int, Progress]:
    """Each cycle's counts by stage (of the drafts made and the open assessments found), in
    two queries however many cycles."""
    ids = [cycle.pk for cycle in cycles]
    stages = {pk: dict.fromkeys(dict.fromkeys(STAGES.values()), 0) for pk in ids}
    in_cycle, complete = dict.fromkeys(ids, 0), dict.fromkeys(ids, 0)
    for row in (
        CycleEntry.objects.filter(cycle__in=ids, assessment__isnull=False)
        .values("cycle", "assessment__status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        pk, status, n = row["cycle"], row["assessment__status"], row["n"]
        stages[pk][STAGES[status]] += n
        in_cycle[pk] += n
        complete[pk] += n if status in COMPLETE else 0
    reported = {pk: {} for pk in ids}
    for row in (
        CycleEntry.objects.filter(cycle__in=ids)
        .values("cycle", "outcome")
        .annotate(n=Count("pk"))
        .order_by("outcome")
    ):
        reported[row["cycle"]][CycleEntry.Outcome(row["outcome"]).label] = row["n"]
    return {
        pk: Progress(
            stages=stages[pk], in_cycle=in_cycle[pk], complete=complete[pk], reported=reported[pk]
        )
        for pk in ids
    }


def cycle_entries(cycle: ReviewCycle):
    return cycle.entries.select_related(
        "staff__user",
        "staff__line_manager__user",
        "assessment__assessor",
        "assessment__target_level__role",
    ).order_by("staff__user__last_name", "staff__user__first_name", "pk")


SUMMARY_HEADERS = [
    "Name",
    "Employee number",
    "Role",
    "Level",
    "Assessed against",
    "Assessor",
    "In the cycle",
    "Assessment status",
    "Recommendation",
    "Where they stand",
]


def cycle_summary_rows(cycle: ReviewCycle) -> list[list]:
    """One row per person of the cycle, with where they stand (staff.standing) now."""
    entries = list(cycle_entries(cycle))
    standings = standings_of([e.staff for e in entries])
    rows = []
    for entry in entries:
        standing, assessment = standings[entry.staff_id], entry.assessment
        rows.append(
            [
                entry.staff.name,
                entry.staff.employee_number,
                standing.level.role.title if standing.level else "",
                standing.level.code if standing.level else "",
                str(assessment.target_level) if assessment else "",
                _name(assessment.assessor) if assessment else "",
                entry.get_outcome_display(),
                assessment.get_status_display() if assessment else "",
                assessment.get_recommendation_display() if assessment else "",
                standing.verdict,
            ]
        )
    return rows


# Reminders -----------------------------------------------------------------------------


def reminder_dates(cycle: ReviewCycle) -> dict[str, datetime.date]:
    return {
        CycleReminder.Kind.DUE_SOON: cycle.due_date - datetime.timedelta(days=DUE_SOON_DAYS),
        CycleReminder.Kind.OVERDUE: cycle.due_date + datetime.timedelta(days=OVERDUE_DAYS),
    }


def reminders_send(*, today: datetime.date | None = None) -> int:
    """Send every reminder that is due and not yet sent, for every open cycle; returns how
    many went out. Due soon: from DUE_SOON_DAYS before the due date until it passes.
    Overdue: from OVERDUE_DAYS after it. Each goes to whoever acts next on the assessment:
    the assessor while it is with them, the employee while it waits for their acknowledgment."""
    today = today or timezone.localdate()
    sent = 0
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    for cycle in ReviewCycle.objects.open().filter(due_date__lte=soon):
        dates = reminder_dates(cycle)
        if today >= dates[CycleReminder.Kind.OVERDUE]:
            kind = CycleReminder.Kind.OVERDUE
        elif dates[CycleReminder.Kind.DUE_SOON] <= today <= cycle.due_date:
            kind = CycleReminder.Kind.DUE_SOON
        else:
            continue
        for entry in (
            cycle_entries(cycle)
            .filter(assessment__status__in=[*Assessment.EDITABLE, Assessment.Status.SUBMITTED])
            .exclude(reminders__kind=kind)
        ):
            sent += _remind(entry, kind)
    return sent


def _remind(entry: CycleEntry, kind: str) -> int:
    assessment = entry.assessment
    with_employee = assessment.status == Assessment.Status.SUBMITTED
    recipient = assessment.staff.user if with_employee else assessment.assessor
    try:
        with transaction.atomic():
            CycleReminder.objects.create(entry=entry, kind=kind, recipient=recipient)
            if recipient.email:
                email_queue(**_reminder_email(entry, kind, with_employee, [recipient.email]))
    except IntegrityError:
        return 0  # another run sent it first
    return 1


def _reminder_email(entry, kind, with_employee, recipients) -> dict:
    cycle, assessment = entry.cycle, entry.assessment
    due = f"{cycle.due_date:%-d %B %Y}"
    when = f"is due on {due}" if kind == CycleReminder.Kind.DUE_SOON else f"was due on {due}"
    if with_employee:
        subject = f"Please read and acknowledge your assessment ({cycle.name})"
        ask = (
            f"Your assessment against {assessment.target_level} {when}. "
            "Please read it and acknowledge it."
        )
    else:
        subject = f"Assessment of {entry.staff.name} {when} ({cycle.name})"
        ask = (
            f"The assessment of {entry.staff.name} against {assessment.target_level} for the "
            f"review cycle “{cycle.name}” {when}. Please finish and submit it."
        )
    body = f"{ask}\n\nOpen the assessment: {assessment_link(assessment)}\n"
    return {"subject": subject, "body": body, "recipients": recipients}


def _schedule_reminders(cycle: ReviewCycle) -> None:
    """Have the worker run the reminders on each reminder date; the daily command
    (send_review_reminders) does the same for sites without a worker that can wait."""
    from django_tasks import default_task_backend

    from reviews.tasks import send_reminders

    if not default_task_backend.supports_defer:
        return
    for day in reminder_dates(cycle).values():
        at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(8)))
        if at > timezone.now():
            send_reminders.using(run_after=at).enqueue()


def _name(user) -> str:
    return user.get_full_name() or user.get_username()
