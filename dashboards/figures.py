"""The HR dashboard's figures, each a table (and the bars of its chart) that downloads as it is.

Where people stand (level in force, time at level, readiness, last assessment) comes from
staff.standing's one computation for everyone in view; nothing here works it out again. Every
figure is computed in a fixed number of queries, however many people are in view.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from roles.models import Role
from staff.models import Assessment, StaffProfile
from staff.standing import Standing, summaries_of

# Rows of a figure's table shown on the page; its download has them all.
ROWS_SHOWN = 50
# Close to the next level: this many essential items outstanding, or fewer (and at least one).
CLOSE_ESSENTIAL_OUTSTANDING = 2


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
        return max((value for _, value in self.bars), default=0)

    @property
    def shown_rows(self) -> list[list]:
        return self.rows[:ROWS_SHOWN]

    @property
    def rows_left_out(self) -> int:
        return max(0, len(self.rows) - ROWS_SHOWN)


# Readiness buckets, in the pipeline's order.
READY = "Ready now"
CLOSE = "Close (1 or 2 essential items outstanding)"
FURTHER = "Further away"
NOT_ASSESSED = "Not assessed yet"
AT_TOP = "At the top level"
NO_LEVEL = "No level recorded"
PIPELINE = [READY, CLOSE, FURTHER, NOT_ASSESSED, AT_TOP, NO_LEVEL]


def pipeline_bucket(standing: Standing) -> str:
    """Where the person is in the readiness pipeline, from their standing."""
    if standing.level is None:
        return NO_LEVEL
    if standing.next_level is None:
        return AT_TOP
    if standing.shown_assessment is None:
        return NOT_ASSESSED
    towards = standing.towards_next
    if towards.rule_met:
        return READY
    if len(towards.essential_outstanding) <= CLOSE_ESSENTIAL_OUTSTANDING and (
        towards.essential_outstanding and not towards.desirable_short_by
    ):
        return CLOSE
    return FURTHER


def last_assessed(standing: Standing) -> datetime.date | None:
    shown = standing.shown_assessment
    return timezone.localdate(shown.created_at) if shown else None


def months_between(earlier: datetime.date, later: datetime.date) -> int:
    return (
        (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)
    )


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
    people = list(people.select_related("user", "line_manager__user"))
    standings = summaries_of(people, today=today)
    roles = {
        role.pk: role
        for role in Role.objects.filter(
            pk__in={s.level.role_id for s in standings.values() if s.level}
        ).select_related("job_family")
    }
    return Dashboard(
        figures=[
            _levels(people, standings, roles, today),
            _pipeline(people, standings, months, today),
            _ready_people(people, standings),
            _assessments_by_state(people, today),
            _completion(people, standings, roles, months, today, by="manager"),
            _completion(people, standings, roles, months, today, by="department"),
            _role_profiles(roles_in_view, today),
            _overdue_roles(roles_in_view, today),
        ],
        people_count=len(people),
    )


def _levels(people, standings, roles, today) -> Figure:
    """People by level for each role (and its family), with their median time at the level."""
    months_at: dict[tuple, list[int]] = defaultdict(list)
    for person in people:
        standing = standings[person.pk]
        if standing.level is None:
            continue
        role = roles[standing.level.role_id]
        key = (
            role.job_family.name if role.job_family else "",
            role.title,
            standing.level.order,
            standing.level.code,
        )
        months_at[key].append(months_between(standing.since, today) if standing.since else 0)
    rows = []
    for (family, title, _, code), spans in sorted(months_at.items()):
        spans.sort()
        rows.append([family, title, code, len(spans), spans[len(spans) // 2]])
    return Figure(
        key="levels",
        title="People by level",
        headers=["Job family", "Role", "Level", "People", "Median months at the level"],
        rows=rows,
        bars=[(f"{title}, {code}", n) for _, title, code, n, _ in rows],
    )


def _pipeline(people, standings, months, today) -> Figure:
    buckets = Counter(pipeline_bucket(standings[p.pk]) for p in people)
    stale = sum(
        1
        for p in people
        if standings[p.pk].level is not None
        and (
            last_assessed(standings[p.pk]) is None
            or months_between(last_assessed(standings[p.pk]), today) >= months
        )
    )
    rows = [[bucket, buckets[bucket]] for bucket in PIPELINE]
    return Figure(
        key="pipeline",
        title="Readiness for the next level",
        headers=["Where they stand", "People"],
        rows=rows,
        bars=[(bucket, n) for bucket, n in rows],
        note=f"{stale} of {len(people)} not assessed in the last {months} months.",
    )


def _ready_people(people, standings) -> Figure:
    """Who is ready now or close, with what still stands in the way."""
    rows = []
    for person in people:
        standing = standings[person.pk]
        bucket = pipeline_bucket(standing)
        if bucket not in (READY, CLOSE):
            continue
        rows.append(
            [
                person.name,
                standing.level.role.title,
                standing.level.code,
                standing.next_level.code,
                bucket,
                "; ".join(standing.towards_next.essential_outstanding),
                person.line_manager.name if person.line_manager else "",
            ]
        )
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


def _age_label(days: int) -> str:
    return next(label for limit, label in AGES if limit is None or days < limit)


def _assessments_by_state(people, today) -> Figure:
    """Assessments of the people in view by state, and how long since each last moved."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for status, updated in Assessment.objects.filter(staff__in=[p.pk for p in people]).values_list(
        "status", "updated_at"
    ):
        counts[status][_age_label((today - timezone.localdate(updated)).days)] += 1
    rows = [
        [label, sum(counts[status].values()), *(counts[status][age] for _, age in AGES)]
        for status, label in Assessment.Status.choices
    ]
    return Figure(
        key="assessments",
        title="Assessments by state, and time since they last moved",
        headers=["State", "Assessments", *(age.capitalize() for _, age in AGES)],
        rows=rows,
        bars=[(row[0], row[1]) for row in rows],
    )


def _completion(people, standings, roles, months, today, *, by: str) -> Figure:
    """For each manager (or department): people with a level, how many were assessed in the
    last `months` months, and how many are in an open assessment now."""
    open_now = set(
        Assessment.objects.filter(
            staff__in=[p.pk for p in people], status__in=Assessment.OPEN
        ).values_list("staff_id", flat=True)
    )
    groups: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for person in people:
        standing = standings[person.pk]
        if standing.level is None:
            continue
        if by == "manager":
            key = person.line_manager.name if person.line_manager else "No line manager"
        else:
            key = roles[standing.level.role_id].department or "No department"
        seen = last_assessed(standing)
        tally = groups[key]
        tally[0] += 1
        tally[1] += seen is not None and months_between(seen, today) < months
        tally[2] += person.pk in open_now
    rows = [
        [key, total, assessed, round(100 * assessed / total), in_progress]
        for key, (total, assessed, in_progress) in sorted(groups.items())
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
    return StaffProfile.objects.with_level_in_force()
