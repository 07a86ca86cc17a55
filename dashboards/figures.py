"""The HR dashboard's figures, each a table (and the bars of its chart) that downloads as it is.

Where people stand (level in force, time at level, readiness, last assessment) is counted in the
database from their stored summaries (staff.summaries, written from staff.standing's one
computation); nothing here works it out again. Every figure is one or two queries, grouped and
counted in SQL, with the people in view passed as a subquery: the same queries however many.
"""

import datetime
from calendar import monthrange
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, Count, F, IntegerField, Q, Value, When, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone

from roles.models import Role
from staff.models import Assessment, Pipeline, StaffProfile, StandingSummary

# Rows of a figure's table shown on the page; its download has them all.
ROWS_SHOWN = 50


@dataclass
class Figure:
    """A titled table; `bars` (label, value) feed its chart, the table is its text."""

    key: str
    title: str
    headers: list[str]
    rows: list[list]
    bars: list[tuple[str, int]] = field(default_factory=list)
    note: str = ""

    @property
    def bar_max(self) -> int:
        return max((value for _, value in self.shown_bars), default=0)

    @property
    def shown_rows(self) -> list[list]:
        return self.rows[:ROWS_SHOWN]

    @property
    def shown_cells(self) -> list[list[tuple[str, object]]]:
        """The rows shown, each cell with its column's heading: on a phone the table becomes
        one card per row, each value named by its heading."""
        return [list(zip(self.headers, row, strict=True)) for row in self.shown_rows]

    @property
    def shown_bars(self) -> list[tuple[str, int]]:
        """The bars of the rows shown: a chart of 1,500 bars is neither read nor light."""
        return self.bars[:ROWS_SHOWN]

    @property
    def rows_left_out(self) -> int:
        return max(0, len(self.rows) - ROWS_SHOWN)


# The pipeline's rows, in order, by the words the page shows.
PIPELINE = [label for _, label in Pipeline.choices]
READY, CLOSE, FURTHER, NOT_ASSESSED, AT_TOP, NO_LEVEL = PIPELINE


def months_between(earlier: datetime.date, later: datetime.date) -> int:
    """Whole months from `earlier` to `later`: a month is complete on the same day of a later
    month."""
    return (
        (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)
    )


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The last date at least `months` whole months before `day` (`months_between`)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return datetime.date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


@dataclass
class Dashboard:
    figures: list[Figure]
    people_count: int


def dashboard(
    people, *, roles_in_view, months: int, today: datetime.date | None = None
) -> Dashboard:
    """Every figure for `people` (a StaffProfile queryset) and the role profiles
    `roles_in_view`, with "not assessed in the last `months` months" counted from `today`."""
    today = today or timezone.localdate()
    summaries, assessments = StandingSummary.objects.all(), Assessment.objects.all()
    if people.query.has_filters():  # everyone's needs no subquery
        in_view = people.order_by().values("pk")
        summaries = summaries.filter(staff__in=in_view)
        assessments = assessments.filter(staff__in=in_view)
    people_count = people.count()
    cutoff = months_before(today, months)
    return Dashboard(
        figures=[
            _levels(summaries, today),
            _pipeline(summaries, cutoff, months, people_count),
            _ready_people(summaries),
            _assessments_by_state(assessments, today),
            _completion(summaries, assessments, cutoff, months, by="manager"),
            _completion(summaries, assessments, cutoff, months, by="department"),
            _role_profiles(roles_in_view, today),
            _overdue_roles(roles_in_view, today),
        ],
        people_count=people_count,
    )


def _levels(summaries, today) -> Figure:
    """People by level for each role (and its family), with their median time at the level:
    the database ranks each level's people by the date they reached it (latest first; no date
    counts as today) and gives the middle one (of two, the longer)."""
    reached = Coalesce("since", Value(today))
    level = [F("level_id")]
    middle = (
        summaries.filter(level__isnull=False)
        .annotate(
            people=Window(Count("pk"), partition_by=level),
            rank=Window(RowNumber(), partition_by=level, order_by=[reached.desc(), F("pk")]),
        )
        .filter(rank=F("people") / 2 + 1)
        .annotate(reached=reached)
        .values_list(
            "level__role__job_family__name",
            "level__role__title",
            "level__order",
            "level__code",
            "people",
            "reached",
        )
    )
    rows = [
        [family or "", title, code, people, months_between(reached, today)]
        for family, title, _, code, people, reached in sorted(
            middle, key=lambda row: (row[0] or "", *row[1:3])
        )
    ]
    return Figure(
        key="levels",
        title="People by level",
        headers=["Job family", "Role", "Level", "People", "Median months at the level"],
        rows=rows,
        bars=[(f"{title}, {code}", n) for _, title, code, n, _ in rows],
    )


def _not_recently_assessed(cutoff: datetime.date) -> Q:
    """Never assessed, or last assessed on `cutoff` or before."""
    return Q(last_assessed__isnull=True) | Q(last_assessed__lte=cutoff)


def _pipeline(summaries, cutoff, months, people_count) -> Figure:
    buckets, stale = {}, 0
    for code, n, not_recent in (
        summaries.values_list("pipeline")
        .annotate(
            n=Count("pk"),
            not_recent=Count("pk", filter=Q(level__isnull=False) & _not_recently_assessed(cutoff)),
        )
        .order_by()
    ):
        buckets[code] = n
        stale += not_recent
    rows = [[label, buckets.get(code, 0)] for code, label in Pipeline.choices]
    return Figure(
        key="pipeline",
        title="Readiness for the next level",
        headers=["Where they stand", "People"],
        rows=rows,
        bars=[(bucket, n) for bucket, n in rows],
        note=f"{stale} of {people_count} not assessed in the last {months} months.",
    )


def _ready_people(summaries) -> Figure:
    """Who is ready now or close, with what still stands in the way."""
    rows = [
        [
            summary.staff.name,
            summary.level.role.title,
            summary.level.code,
            summary.next_level.code,
            summary.get_pipeline_display(),
            "; ".join(summary.essential_outstanding),
            summary.staff.line_manager.name if summary.staff.line_manager else "",
        ]
        for summary in summaries.filter(
            pipeline__in=[Pipeline.READY, Pipeline.CLOSE]
        ).select_related("staff__user", "staff__line_manager__user", "level__role", "next_level")
    ]
    rows.sort(key=lambda row: (row[4] != READY, row[0]))
    return Figure(
        key="ready",
        title="Ready now and close",
        headers=[
            "Name",
            "Role",
            "Level",
            "Next level",
            "Where they stand",
            "Outstanding",
            "Manager",
        ],
        rows=rows,
    )


AGES = [(30, "under 30 days"), (90, "30 to 90 days"), (None, "over 90 days")]


def _age(today):
    """The index in AGES of how long ago `updated_at` was, in days of the local calendar."""
    zone = timezone.get_current_timezone()
    since = [
        datetime.datetime.combine(today - datetime.timedelta(days=limit - 1), datetime.time(), zone)
        for limit, _ in AGES[:-1]
    ]
    return Case(
        *(When(updated_at__gte=start, then=n) for n, start in enumerate(since)),
        default=len(since),
        output_field=IntegerField(),
    )


def _assessments_by_state(assessments, today) -> Figure:
    """Assessments of the people in view by state, and how long since each last moved."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0] * len(AGES))
    for status, age, n in (
        assessments.annotate(age=_age(today))
        .values_list("status", "age")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[status][age] = n
    rows = [
        [label, sum(counts[status]), *counts[status]] for status, label in Assessment.Status.choices
    ]
    return Figure(
        key="assessments",
        title="Assessments by state, and time since they last moved",
        headers=["State", "Assessments", *(age.capitalize() for _, age in AGES)],
        rows=rows,
        bars=[(row[0], row[1]) for row in rows],
    )


def _completion(summaries, assessments, cutoff, months, *, by: str) -> Figure:
    """For each manager (or department): people with a level, how many were assessed in the
    last `months` months, and how many are in an open assessment now."""
    # The group of a summary, and of an assessment.
    key, of_assessment = {
        "manager": ("staff__line_manager", "staff__line_manager"),
        "department": (
            "level__role__department",
            "staff__standing_summary__level__role__department",
        ),
    }[by]
    with_level = summaries.filter(level__isnull=False)
    counted = (
        with_level.values_list(key)
        .annotate(total=Count("pk"), assessed=Count("pk", filter=~_not_recently_assessed(cutoff)))
        .order_by()
    )
    # A person has at most one open assessment: counted by a join, not a subquery per person.
    in_progress = dict(
        assessments.filter(status__in=Assessment.OPEN, staff__standing_summary__level__isnull=False)
        .values_list(of_assessment)
        .annotate(n=Count("pk"))
        .order_by()
    )
    if by == "manager":
        names = {
            manager.pk: manager.name
            for manager in StaffProfile.objects.filter(
                pk__in=with_level.values("staff__line_manager")
            ).select_related("user")
        }
    groups: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for group, total, assessed in counted:
        if by == "manager":
            name = names[group] if group else "No line manager"
        else:
            name = group or "No department"
        tally = (total, assessed, in_progress.get(group, 0))
        groups[name] = [a + b for a, b in zip(groups[name], tally, strict=True)]
    rows = [
        [name, total, assessed, round(100 * assessed / total), in_progress]
        for name, (total, assessed, in_progress) in sorted(groups.items())
    ]
    title = "Manager" if by == "manager" else "Department"
    return Figure(
        key=f"completion_{by}",
        title=f"Assessment completion by {title.lower()}",
        headers=[title, "People", f"Assessed in the last {months} months", "%", "In progress"],
        rows=rows,
        bars=[(row[0], row[3]) for row in rows],
        note="Bars show the share assessed, in %.",
    )


def _role_profiles(roles_in_view, today) -> Figure:
    """Role profiles by status, and how many are past their next review date."""
    by_status = roles_in_view.values("status").order_by("status")
    totals = dict(by_status.annotate(n=Count("pk")).values_list("status", "n"))
    overdue = dict(
        roles_in_view.review_overdue(today)
        .values("status")
        .order_by("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    rows = [
        [label, totals.get(status, 0), overdue.get(status, 0)]
        for status, label in Role.Status.choices
    ]
    return Figure(
        key="roles",
        title="Role profiles by status",
        headers=["Status", "Role profiles", "Past their next review date"],
        rows=rows,
        bars=[(row[0], row[1]) for row in rows],
    )


def _overdue_roles(roles_in_view, today) -> Figure:
    """Role profiles in use (not archived) past their next review date, longest overdue first."""
    overdue = (
        roles_in_view.review_overdue(today)
        .exclude(status=Role.Status.ARCHIVED)
        .select_related("job_family")
        .order_by("next_review", "title")
    )
    return Figure(
        key="overdue_roles",
        title="Role profiles past their next review date",
        headers=["Role", "Job family", "Status", "Next review was due", "Days overdue"],
        rows=[
            [
                role.title,
                role.job_family.name if role.job_family else "",
                role.get_status_display(),
                # A month-only review is shown as the month it names ("March 2025").
                role.next_review
                if role.next_review_due == role.next_review
                else role.next_review_written,
                (today - role.next_review_due).days,
            ]
            for role in overdue
        ],
    )


def people_in_view():
    return StaffProfile.objects.all()
