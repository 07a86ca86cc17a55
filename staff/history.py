"""The one way a person's level and line manager change, each change kept in their history.

Approvals, the admin, imports and corrections all call these functions, so no change of
level or of line manager happens without a record of who made it, when, and why.
"""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from core import history
from roles.models import Level
from staff.models import (
    Assessment,
    AssessmentEvent,
    LevelChange,
    LineManagerChange,
    StaffProfile,
)
from staff.standing import level_in_force
from staff.summaries import summaries_refresh


@transaction.atomic
def level_change_record(
    *,
    staff: StaffProfile,
    to_level: Level,
    effective_date: datetime.date,
    reason: str,
    by: AbstractBaseUser | None,
    assessment: Assessment | None = None,
) -> LevelChange:
    """Record that `staff` is at `to_level` from `effective_date`, and why.

    A date still to come schedules the change: the level in force is computed from the
    history (staff.standing), so it takes effect on its date with no job to run. The stored
    `StaffProfile.level` is kept equal to the level in force today, for lists and filters.
    A move to another role closes the person's open assessments against the old one.
    """
    reason = reason.strip()
    if not reason:
        raise ValidationError("Say why the level changes; it is kept in the person's history.")
    if effective_date is None:
        raise ValidationError("Give the date the level changes.")
    # Lock the person: two changes recorded at once would each start from the same level.
    StaffProfile.objects.select_for_update(of=("self",)).filter(pk=staff.pk).first()
    from_level = level_in_force(staff, effective_date - datetime.timedelta(days=1))
    if from_level is not None and from_level.pk == to_level.pk:
        raise ValidationError(
            f"{staff.name} is already at {to_level} on {effective_date:%-d %B %Y}."
        )
    change = LevelChange.objects.create(
        staff=staff,
        from_level=from_level,
        to_level=to_level,
        effective_date=effective_date,
        assessment=assessment,
        note=reason,
        recorded_by=by,
    )
    today_level = level_in_force(staff)
    if today_level is not None and today_level.pk != staff.level_id:
        staff.level = today_level
        staff.level_reached_on = (
            staff.level_changes.filter(effective_date__lte=timezone.localdate())
            .order_by("-effective_date", "-recorded_at", "-pk")
            .values_list("effective_date", flat=True)
            .first()
        )
        StaffProfile.objects.filter(pk=staff.pk).update(
            level=staff.level, level_reached_on=staff.level_reached_on
        )
        history.record(StaffProfile, StaffProfile.objects.filter(pk=staff.pk))
    if from_level is None or from_level.role_id != to_level.role_id:
        _close_open_assessments(staff, to_level=to_level, effective_date=effective_date, by=by)
    # Today's level, or a change scheduled (the summary is stale from its date).
    summaries_refresh([staff])
    return change


def _close_open_assessments(staff, *, to_level, effective_date, by) -> None:
    """An assessment against the old role can no longer lead anywhere: close it, saying why,
    so that it can never be approved and move the person back."""
    note = (
        f"Closed: {staff.name} moves to {to_level.role.title}, {to_level}, "
        f"from {effective_date:%-d %B %Y}."
    )
    stale = list(
        staff.assessments.filter(status__in=Assessment.OPEN).exclude(
            target_level__role_id=to_level.role_id
        )
    )
    for assessment in stale:
        Assessment.objects.filter(pk=assessment.pk).update(
            status=Assessment.Status.CLOSED,
            version=F("version") + 1,
            updated_at=timezone.now(),
        )
        AssessmentEvent.objects.create(
            assessment=assessment,
            from_status=assessment.status,
            to_status=Assessment.Status.CLOSED,
            actor=by,
            note=note,
        )
    history.record(Assessment, Assessment.objects.filter(pk__in=[a.pk for a in stale]))


@transaction.atomic
def line_manager_set(
    *, staff: StaffProfile, manager: StaffProfile | None, by: AbstractBaseUser | None
) -> LineManagerChange | None:
    """Make `manager` the person's line manager (None: nobody), recording who did it and
    when. Refuses a loop in the management tree. None when nothing changes."""
    current = StaffProfile.objects.select_for_update(of=("self",)).get(pk=staff.pk)
    if current.line_manager_id == (manager.pk if manager else None):
        return None
    staff.line_manager = manager
    staff.clean()
    StaffProfile.objects.filter(pk=staff.pk).update(line_manager=manager)
    history.record(StaffProfile, StaffProfile.objects.filter(pk=staff.pk))
    return LineManagerChange.objects.create(
        staff=staff, from_manager_id=current.line_manager_id, to_manager=manager, changed_by=by
    )
