"""Progression: how ready a person is for a level, and the assessment workflow that moves them.

Every step of the workflow is one function here; the pages, the admin and the tests all call
them. Each refuses what its actor may not do (PermissionDenied) or what the assessment's state
does not allow (ValidationError, with a message for the person), records who moved the
assessment and when, and tells the person who acts next.
"""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from core import history
from core.access import is_hr
from roles.models import Level, RequirementItem

# The rule and readiness live with standing, the one computation of where a person stands.
from staff import notifications
from staff.history import level_change_record
from staff.models import (
    Assessment,
    AssessmentEvent,
    AssessmentItem,
    Evidence,
    Rating,
    StaffProfile,
    profile_of,
)
from staff.standing import Readiness, level_in_force, readiness, rule_in_words, standing_of
from staff.summaries import summaries_refresh

__all__ = ["Readiness", "readiness", "rule_in_words"]


# Who may do what ------------------------------------------------------------------------


def may_assess(user: AbstractBaseUser, staff: StaffProfile) -> bool:
    """Managers assess the people below them in the management tree, and nobody else:
    never themselves, whatever their other rights (HR and superusers included)."""
    if staff.user_id == user.pk:
        return False
    profile = profile_of(user)
    return profile is not None and staff.is_managed_by(profile)


def may_respond(user: AbstractBaseUser, assessment: Assessment) -> bool:
    """The person assessed comments on and acknowledges what was submitted about them."""
    return assessment.staff.user_id == user.pk and assessment.status == Assessment.Status.SUBMITTED


def decision_refused(user: AbstractBaseUser, assessment: Assessment) -> str:
    """Why `user` may not approve or return `assessment` ("" when they may): only HR
    decides, never about their own progression, and never on an assessment they made."""
    if not is_hr(user):
        return "Only HR may approve or return an assessment."
    if assessment.staff.user_id == user.pk:
        return "Nobody decides on their own progression; another member of HR must."
    if assessment.assessor_id == user.pk:
        return "You made this assessment; another member of HR must decide on it."
    return ""


def may_decide(user: AbstractBaseUser, assessment: Assessment) -> bool:
    return not decision_refused(user, assessment) and assessment.status in (
        Assessment.Status.SUBMITTED,
        Assessment.Status.ACKNOWLEDGED,
    )


# The workflow ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NewEvidence:
    """Evidence to add with a save: its text, an optional link and the items it supports."""

    text: str
    requirement_ids: Sequence[int]
    link: str = ""


def items_to_assess(*, staff: StaffProfile, target_level: Level) -> list[RequirementItem]:
    """Every item of the target level, and of lower levels those not currently rated met
    (standing's ratings, which carry forward), in display order (level by level, group by
    group)."""
    standing = standing_of(staff)
    already_met = {e.item.pk for e in standing.entries if e.rating == Rating.MET}
    return [
        item
        for item in target_level.requirements()
        if item.level_id == target_level.pk or item.pk not in already_met
    ]


def default_target_level(staff: StaffProfile) -> Level | None:
    """The next level up from the level in force; at the top, that level (the assessment
    then confirms it)."""
    level = level_in_force(staff)
    if level is None:
        return None
    return level.next_level() or level


@transaction.atomic
def assessment_start(
    *,
    staff: StaffProfile,
    by: AbstractBaseUser,
    target_level: Level | None = None,
    note: str = "Started",
) -> Assessment:
    """Open a draft assessment of `staff`, one item per requirement it covers. `note` says
    in the assessment's history why it was started (a review cycle names itself)."""
    if staff.user_id == by.pk:
        raise PermissionDenied("Nobody assesses their own progression.")
    if not may_assess(by, staff):
        raise PermissionDenied("Only a manager of this person may assess them.")
    current = level_in_force(staff)
    if current is None:
        raise ValidationError(f"{staff.name} has no level yet; HR records it first.")
    target_level = target_level or default_target_level(staff)
    if target_level.role_id != current.role_id or target_level.order < current.order:
        raise ValidationError(
            f"{target_level} is not a level {staff.name} can be assessed against: choose their "
            f"current level or one above it in {current.role.title}."
        )
    # Lock the person so that two managers cannot open two assessments at once.
    StaffProfile.objects.select_for_update(of=("self",)).filter(pk=staff.pk).first()
    open_one = staff.assessments.filter(status__in=Assessment.OPEN).first()
    if open_one is not None:
        raise ValidationError(
            f"{staff.name} already has an assessment in progress "
            f"({open_one.get_status_display().lower()}, started "
            f"{open_one.created_at:%d %B %Y}); finish that one first."
        )
    assessment = Assessment.objects.create(staff=staff, assessor=by, target_level=target_level)
    history.bulk_create(
        AssessmentItem,
        (
            AssessmentItem.snapshot_of(item, assessment=assessment, order=position)
            for position, item in enumerate(
                items_to_assess(staff=staff, target_level=target_level), start=1
            )
        ),
    )
    _record(assessment, by=by, from_status="", note=note)
    return assessment


@transaction.atomic
def assessment_save(
    *,
    assessment: Assessment,
    by: AbstractBaseUser,
    version: int,
    ratings: Mapping[int, str] | None = None,
    comments: Mapping[int, str] | None = None,
    recommendation: str | None = None,
    summary: str | None = None,
    evidence: Sequence[NewEvidence] = (),
) -> Assessment:
    """Save the manager's ratings, comments, recommendation and new evidence on a draft.

    `version` is the one the manager's copy was read at: if anyone saved since, nothing is
    saved and the message says so, so the later save never silently overwrites the earlier.
    `ratings` and `comments` are keyed by AssessmentItem id.
    """
    if not may_assess(by, assessment.staff):
        raise PermissionDenied("Only a manager of this person may change their assessment.")
    ratings, comments = ratings or {}, comments or {}
    items = {item.pk: item for item in assessment.items.all()}
    unknown = (set(ratings) | set(comments)) - set(items)
    if unknown:
        raise ValidationError("Some of the ratings are for items that are not in this assessment.")
    valid = {"", *Rating.values}
    if any(value not in valid for value in ratings.values()):
        raise ValidationError("A rating must be one of: " + ", ".join(Rating.labels) + ".")
    if recommendation not in (None, "", *Assessment.Recommendation.values):
        raise ValidationError("The recommendation must be progress or not yet.")
    for entry in evidence:
        if not entry.text.strip():
            raise ValidationError("Evidence needs a description.")
        if not set(entry.requirement_ids) <= {i.requirement_id for i in items.values()}:
            raise ValidationError("Evidence can only support items of this assessment.")
        if not entry.requirement_ids:
            raise ValidationError("Choose at least one item the evidence supports.")

    fields = {"version": F("version") + 1, "updated_at": timezone.now()}
    if recommendation is not None:
        fields["recommendation"] = recommendation
    if summary is not None:
        fields["summary"] = summary
    saved = Assessment.objects.filter(
        pk=assessment.pk, version=version, status__in=Assessment.EDITABLE
    ).update(**fields)
    if not saved:
        _refuse_stale(assessment, version)
    history.record(Assessment, Assessment.objects.filter(pk=assessment.pk))

    changed = []
    for item_id, item in items.items():
        rating = ratings.get(item_id, item.rating)
        comment = comments.get(item_id, item.comment)
        if (rating, comment) != (item.rating, item.comment):
            item.rating, item.comment = rating, comment
            changed.append(item)
    history.bulk_update(AssessmentItem, changed, ["rating", "comment"])
    for entry in evidence:
        record = Evidence.objects.create(
            staff=assessment.staff,
            assessment=assessment,
            text=entry.text.strip(),
            link=entry.link,
            added_by=by,
        )
        record.requirements.set(entry.requirement_ids)
    assessment.refresh_from_db()
    _record(assessment, by=by, from_status=assessment.status, note="Saved")
    return assessment


@transaction.atomic
def assessment_submit(*, assessment: Assessment, by: AbstractBaseUser) -> Assessment:
    """Hand a finished draft to the employee: every item rated, a recommendation made."""
    if not may_assess(by, assessment.staff):
        raise PermissionDenied("Only a manager of this person may submit their assessment.")
    unrated = list(assessment.items.filter(rating="").values_list("text", flat=True))
    if unrated:
        shown = "; ".join(f"“{text[:60]}”" for text in unrated[:5])
        more = f" and {len(unrated) - 5} more" if len(unrated) > 5 else ""
        raise ValidationError(
            f"{len(unrated)} item{'s are' if len(unrated) != 1 else ' is'} not rated yet: "
            f"{shown}{more}. Rate every item before submitting."
        )
    if not assessment.recommendation:
        raise ValidationError("Choose a recommendation (progress or not yet) before submitting.")
    _move(assessment, by=by, allowed=Assessment.EDITABLE, to=Assessment.Status.SUBMITTED)
    notifications.assessment_submitted(assessment)
    return assessment


@transaction.atomic
def assessment_comment(*, assessment: Assessment, by: AbstractBaseUser, comment: str) -> Assessment:
    """The employee's comment on what was submitted about them; their manager is told."""
    if assessment.staff.user_id != by.pk:
        raise PermissionDenied("Only the person assessed may comment.")
    comment = comment.strip()
    if not comment:
        raise ValidationError("Write a comment first.")
    if not Assessment.objects.filter(pk=assessment.pk, status=Assessment.Status.SUBMITTED).update(
        employee_comment=comment, version=F("version") + 1, updated_at=timezone.now()
    ):
        raise ValidationError(
            "Comments can only be added before the assessment is acknowledged; "
            f"it is {assessment.get_status_display().lower()}."
        )
    assessment.refresh_from_db()
    history.record(Assessment, [assessment])
    _record(assessment, by=by, from_status=assessment.status, note=f"Commented: {comment}")
    notifications.assessment_commented(assessment)
    return assessment


@transaction.atomic
def assessment_acknowledge(
    *, assessment: Assessment, by: AbstractBaseUser, comment: str = ""
) -> Assessment:
    """The employee confirms they have seen the assessment; HR can then decide on it."""
    if assessment.staff.user_id != by.pk:
        raise PermissionDenied("Only the person assessed may acknowledge the assessment.")
    extra = {"employee_comment": comment.strip()} if comment.strip() else {}
    _move(
        assessment,
        by=by,
        allowed=(Assessment.Status.SUBMITTED,),
        to=Assessment.Status.ACKNOWLEDGED,
        note=comment.strip(),
        **extra,
    )
    notifications.assessment_acknowledged(assessment)
    return assessment


@transaction.atomic
def assessment_approve(
    *,
    assessment: Assessment,
    by: AbstractBaseUser,
    effective_date: datetime.date,
    override_reason: str = "",
) -> Assessment:
    """HR's approval. A recommended progression changes the person's level from
    `effective_date` (a later date schedules it) through the one write path of level history,
    provided the level's rule is met by the person's standing or HR records why it is
    approved anyway. Approving never changes a person's role."""
    refused = decision_refused(by, assessment)
    if refused:
        raise PermissionDenied(refused)
    if effective_date is None:
        raise ValidationError("Give the date the decision takes effect.")
    override_reason = override_reason.strip()
    staff = StaffProfile.objects.select_for_update(of=("self",)).get(pk=assessment.staff_id)
    target = assessment.target_level
    current = level_in_force(staff)
    if current is not None and target.role_id != current.role_id:
        raise ValidationError(
            f"{staff.name} is now in {current.role.title}; an assessment against "
            f"{target.role.title} cannot change their level."
        )
    progresses = (
        assessment.recommendation == Assessment.Recommendation.PROGRESS
        and current is not None
        and target.order > current.order
    )
    if progresses:
        standing = standing_of(staff).readiness_for(target)
        if not standing.rule_met and not override_reason:
            blocking = "; ".join(f"“{text}”" for text in standing.blocking_items)
            raise ValidationError(
                f"The rule for {target} is not met ({standing.explanation()}). "
                f"Blocking: {blocking}. Record an override reason to approve it anyway."
            )
    _move(
        assessment,
        by=by,
        allowed=(Assessment.Status.ACKNOWLEDGED,),
        to=Assessment.Status.APPROVED,
        note=override_reason,
        effective_date=effective_date,
        override_reason=override_reason,
    )
    if progresses:
        level_change_record(
            staff=staff,
            to_level=target,
            effective_date=effective_date,
            reason=(
                f"Approved despite the rule: {override_reason}"
                if override_reason
                else "Progression approved"
            ),
            by=by,
            assessment=assessment,
        )
    notifications.assessment_approved(assessment, level_changed=progresses)
    return assessment


@transaction.atomic
def assessment_return(*, assessment: Assessment, by: AbstractBaseUser, reason: str) -> Assessment:
    """HR sends the assessment back to the manager, saying why. The employee no longer sees
    it (nor the reason, nor the manager's edits) until the manager submits it again."""
    refused = decision_refused(by, assessment)
    if refused:
        raise PermissionDenied(refused)
    reason = reason.strip()
    if not reason:
        raise ValidationError("Say why the assessment is returned, so the manager can act on it.")
    _move(
        assessment,
        by=by,
        allowed=(Assessment.Status.SUBMITTED, Assessment.Status.ACKNOWLEDGED),
        to=Assessment.Status.RETURNED,
        note=reason,
        return_reason=reason,
    )
    notifications.assessment_returned(assessment)
    return assessment


def _move(
    assessment: Assessment,
    *,
    by: AbstractBaseUser,
    allowed: Sequence[str],
    to: str,
    note: str = "",
    **fields,
) -> None:
    """Change the state, refusing with a message when the assessment has moved on: the row is
    locked first, so of two people acting at once the second sees the first one's result."""
    current = Assessment.objects.select_for_update().only("status").get(pk=assessment.pk)
    if current.status not in allowed:
        raise ValidationError(
            f"This assessment is {current.get_status_display().lower()}, so it cannot be "
            f"{Assessment.Status(to).label.lower()} now."
        )
    Assessment.objects.filter(pk=assessment.pk).update(
        status=to, version=F("version") + 1, updated_at=timezone.now(), **fields
    )
    assessment.refresh_from_db()
    history.record(Assessment, [assessment])
    _record(assessment, by=by, from_status=current.status, note=note)
    # A move can change which assessments the person has been shown, and so their standing.
    summaries_refresh([assessment.staff])


def _refuse_stale(assessment: Assessment, version: int) -> None:
    current = Assessment.objects.get(pk=assessment.pk)
    if current.is_read_only:
        raise ValidationError(
            f"This assessment is {current.get_status_display().lower()} and can no longer "
            "be changed."
        )
    if not current.is_editable:
        raise ValidationError(
            f"This assessment is {current.get_status_display().lower()}; "
            "it can only be changed while it is a draft or returned."
        )
    last = current.events.select_related("actor").order_by("-at", "-pk").first()
    who = f" by {last.actor.get_full_name() or last.actor}" if last and last.actor else ""
    when = f" at {timezone.localtime(last.at):%H:%M}" if last else ""
    raise ValidationError(
        f"This assessment was saved again{who}{when} after you opened it. Your changes "
        "were not saved: they are still in the form below. Open the assessment again to see "
        "theirs, then add yours."
    )


def _record(assessment: Assessment, *, by: AbstractBaseUser, from_status: str, note: str = ""):
    AssessmentEvent.objects.create(
        assessment=assessment,
        from_status=from_status,
        to_status=assessment.status,
        actor=by,
        note=note,
    )
