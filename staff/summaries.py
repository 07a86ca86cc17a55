"""Stored summaries of standings (`StandingSummary`), so that HR's dashboard counts in the
database instead of working out 10,000 standings on every visit, and the lists of people (the
team page, approvals) read one row a person instead of every item of their role.

A summary is written from the person's standing (staff.standing), and only here: the pipeline
bucket below is the one rule of where a person is in the readiness pipeline. The workflow
rewrites a person's summary whenever their standing changes (an assessment moves, a level
change is recorded); what changes standing without them (a role edited, a scheduled level
change coming into force, a person added) makes it stale (`StandingSummary.objects.stale`),
or, for an assessment or level change deleted, removes it (`_forget_on_delete`); the page
that reads it (`summaries_for`) or the task worker brings it up to date.
"""

import datetime
from collections.abc import Iterable

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django_tasks import task

from staff.models import Assessment, LevelChange, Pipeline, StaffProfile, StandingSummary
from staff.standing import Standing, summaries_of

# Close to the next level: this many essential items outstanding, or fewer (and at least one).
CLOSE_ESSENTIAL_OUTSTANDING = 2
# HR's dashboard brings this many people up to date itself; more wait for the task worker.
REFRESHED_ON_THE_PAGE = 20
# People written at a time: a batch's standings are worked out together, in fixed queries.
BATCH = 500
# While a refresh waits for the task worker, pages do not queue another one: for QUEUED_FOR
# seconds, or until the worker finishes where the cache is shared with it (not LocMem).
QUEUED_KEY = "standing-summaries-refresh-queued"
QUEUED_FOR = 600


def pipeline_bucket(standing: Standing) -> str:
    """Where the person is in the readiness pipeline, from their standing."""
    if standing.level is None:
        return Pipeline.NO_LEVEL
    if standing.next_level is None:
        return Pipeline.AT_TOP
    if standing.shown_assessment is None:
        return Pipeline.NOT_ASSESSED
    towards = standing.towards_next
    if towards.rule_met:
        return Pipeline.READY
    if len(towards.essential_outstanding) <= CLOSE_ESSENTIAL_OUTSTANDING and (
        towards.essential_outstanding and not towards.desirable_short_by
    ):
        return Pipeline.CLOSE
    return Pipeline.FURTHER


def summary_of(standing: Standing) -> StandingSummary:
    """The summary of a standing, unsaved."""
    shown = standing.shown_assessment
    towards = standing.towards_next
    return StandingSummary(
        staff_id=standing.profile.pk,
        level=standing.level,
        next_level=standing.next_level,
        since=standing.since,
        pipeline=pipeline_bucket(standing),
        essential_outstanding=list(towards.essential_outstanding) if towards else [],
        last_assessed=timezone.localdate(shown.created_at) if shown else None,
        role_version=standing.level.role.version if standing.level else None,
        stale_from=standing.scheduled.effective_date if standing.scheduled else None,
        scheduled_words=standing.scheduled_words,
        counted=towards.counted if towards else 0,
        met=towards.met if towards else 0,
        desirable_not_met=list(towards.desirable_not_met) if towards else [],
        desirable_total=towards.desirable_total if towards else 0,
        desirable_met=towards.desirable_met if towards else 0,
        desirable_required=towards.desirable_required if towards else 0,
    )


_WRITTEN = [
    f.name for f in StandingSummary._meta.concrete_fields if f.name not in ("staff", "written_at")
]


def summaries_refresh(
    profiles: Iterable[StaffProfile], *, today: datetime.date | None = None
) -> int:
    """Write the summaries of `profiles` from their standings today; how many were written."""
    profiles = list(profiles)
    if not profiles:
        return 0
    standings = summaries_of(profiles, today=today)
    StandingSummary.objects.bulk_create(
        [summary_of(standing) for standing in standings.values()],
        update_conflicts=True,
        unique_fields=["staff"],
        update_fields=[*_WRITTEN, "written_at"],
    )
    return len(standings)


def out_of_date(people, day: datetime.date | None = None):
    """Those of `people` (a StaffProfile queryset) without a summary, or with a stale one."""
    # Each person's own summary, not `pk IN (every stale summary)`: that read all 10,000
    # summaries with their roles for a team of 15.
    return people.filter(
        Q(standing_summary__isnull=True)
        | Exists(StandingSummary.objects.stale(day).filter(staff=OuterRef("pk")))
    )


def summaries_for(profiles: Iterable[StaffProfile]) -> dict[int, StandingSummary]:
    """The summaries of `profiles` (a page of people), by profile id, up to date: those out of
    date are written first, from their standings. The same queries however many people (one to
    find those out of date, one to read the summaries, and `summaries_refresh`'s if any are)."""
    profiles = list(profiles)
    ids = [p.pk for p in profiles]
    # Unordered: the staff's default order would join every login to sort them.
    behind = set(
        out_of_date(StaffProfile.objects.filter(pk__in=ids).order_by()).values_list("pk", flat=True)
    )
    summaries_refresh([p for p in profiles if p.pk in behind])
    return StandingSummary.objects.select_related("level__role", "next_level").in_bulk(ids)


def refresh_out_of_date(people=None, *, everyone: bool = False) -> int:
    """Bring summaries up to date, `BATCH` people at a time: those of `people` (everyone by
    default) without one or with a stale one, or with `everyone` all of them."""
    people = people if people is not None else StaffProfile.objects.all()
    wanted = people if everyone else out_of_date(people)
    ids = list(wanted.order_by("pk").values_list("pk", flat=True))
    written = 0
    for start in range(0, len(ids), BATCH):
        written += summaries_refresh(
            StaffProfile.objects.filter(pk__in=ids[start : start + BATCH]).order_by()
        )
    return written


@task()
def refresh_in_background() -> int:
    try:
        return refresh_out_of_date()
    finally:
        cache.delete(QUEUED_KEY)


def queue_refresh() -> None:
    """Ask the task worker to bring every stale summary up to date, unless it has been asked
    already and has not finished."""
    if cache.add(QUEUED_KEY, True, QUEUED_FOR):
        refresh_in_background.enqueue()


def bring_up_to_date() -> int:
    """Bring everyone's summary up to date before a page counts them: a few at once, more by
    the task worker. How many are still out of date (left to the worker), else 0."""
    # Unordered: the staff's default order would join every login to sort them.
    everyone = StaffProfile.objects.order_by()
    behind = list(out_of_date(everyone).values_list("pk", flat=True)[: REFRESHED_ON_THE_PAGE + 1])
    if len(behind) <= REFRESHED_ON_THE_PAGE:
        summaries_refresh(StaffProfile.objects.filter(pk__in=behind))
        return 0
    queue_refresh()
    return out_of_date(everyone).count()


@receiver(post_delete, sender=Assessment)
@receiver(post_delete, sender=LevelChange)
def _forget_on_delete(sender, instance, **kwargs) -> None:
    """A deleted assessment (with its ratings) or level change can move the person's standing,
    and no workflow function saw it go: their summary goes too, so they are out of date (no
    summary) until a page or the worker writes it again. A receiver, not a `delete()` method,
    because it hears every way a row goes: one at a time, a queryset's (the admin's bulk
    action), and a cascade."""
    StandingSummary.objects.filter(staff_id=instance.staff_id).delete()
