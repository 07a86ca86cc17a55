"""What is waiting for a person: the lists on their home page and the counts in the navigation."""

from dataclasses import dataclass

from django.db.models import Count, F, Max, OuterRef, Q, Subquery

from core.access import is_hr
from reviews.models import CycleEntry
from staff.models import Assessment, AssessmentEvent, profile_of

# Each list on the home page shows this many; the count says how many there are in all.
SHOWN = 10


def todo_counts(user) -> dict[str, int]:
    """How many assessments wait for `user` to acknowledge, to finish and (HR) to decide,
    in one query. It runs on every page, so it reads only the rows it counts (through the
    indexes on person, assessor and status), not every assessment there is."""
    profile = profile_of(user)
    mine = Q(staff=profile) if profile else Q(pk__in=[])
    acknowledge = mine & Q(status=Assessment.Status.SUBMITTED)
    drafts = Q(assessor=user, status__in=Assessment.EDITABLE)
    waiting_for_hr = Q(status=Assessment.Status.ACKNOWLEDGED) & ~mine & ~Q(assessor=user)
    if not is_hr(user):
        waiting_for_hr = Q(pk__in=[])
    counts = Assessment.objects.filter(acknowledge | drafts | waiting_for_hr).aggregate(
        acknowledge=Count("pk", filter=acknowledge),
        drafts=Count("pk", filter=drafts),
        approvals=Count("pk", filter=waiting_for_hr),
    )
    counts["total"] = counts["acknowledge"] + counts["drafts"] + counts["approvals"]
    return counts


@dataclass
class ToDos:
    counts: dict[str, int]
    to_acknowledge: list[Assessment]
    drafts: list[Assessment]
    approvals: list[Assessment]


def todos_for(user) -> ToDos:
    """The first SHOWN of each list, most pressing first: drafts by their cycle's due date
    (`due_date`, None outside a cycle), approvals longest waiting first (`waiting_since`)."""
    counts = todo_counts(user)
    due = CycleEntry.objects.filter(assessment=OuterRef("pk"), cycle__closed_at__isnull=True)
    acknowledged_at = (
        AssessmentEvent.objects.filter(
            assessment=OuterRef("pk"), to_status=Assessment.Status.ACKNOWLEDGED
        )
        .values("assessment")
        .annotate(at=Max("at"))
        .values("at")
    )
    people = Assessment.objects.with_people()
    return ToDos(
        counts=counts,
        to_acknowledge=list(
            people.filter(staff__user=user, status=Assessment.Status.SUBMITTED).order_by(
                "updated_at"
            )[:SHOWN]
        )
        if counts["acknowledge"]
        else [],
        drafts=list(
            people.filter(assessor=user, status__in=Assessment.EDITABLE)
            .annotate(
                due_date=Subquery(due.order_by("cycle__due_date").values("cycle__due_date")[:1]),
                cycle_name=Subquery(due.order_by("cycle__due_date").values("cycle__name")[:1]),
            )
            .order_by("-status", F("due_date").asc(nulls_last=True), "created_at")[:SHOWN]
        )
        if counts["drafts"]
        else [],
        approvals=list(
            people.filter(status=Assessment.Status.ACKNOWLEDGED)
            .exclude(staff__user=user)
            .exclude(assessor=user)
            .annotate(waiting_since=Subquery(acknowledged_at[:1]))
            .order_by("waiting_since", "pk")[:SHOWN]
        )
        if counts["approvals"]
        else [],
    )
