"""Emails that tell the person who acts next on an assessment, with a link to it."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse

from core.access import HR_GROUP_NAME
from core.emails import email_queue
from staff.models import Assessment
from staff.standing import standing_of


def assessment_link(assessment: Assessment) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("staff:assessment", args=[assessment.pk])


def _send(assessment: Assessment, recipients, subject: str, opening: str) -> None:
    addresses = sorted({user.email for user in recipients if user.email})
    if not addresses:
        return
    body = f"{opening}\n\nOpen the assessment: {assessment_link(assessment)}\n"
    # Recorded in the step's transaction and sent by the worker once it commits: a refused
    # step does not announce itself, and a mail server that is down does not undo the step.
    email_queue(subject=subject, body=body, recipients=addresses)


def _hr_staff():
    return (
        get_user_model()
        .objects.filter(Q(groups__name=HR_GROUP_NAME) | Q(is_superuser=True), is_active=True)
        .distinct()
    )


def assessment_submitted(assessment: Assessment) -> None:
    _send(
        assessment,
        [assessment.staff.user],
        f"Your assessment against {assessment.target_level} is ready to read",
        f"{assessment.assessor.get_full_name() or assessment.assessor} has submitted your "
        f"assessment against {assessment.target_level}. Please read it, add a comment if you "
        "wish, and acknowledge it.\n\n"
        f"Where you stand now: {standing_of(assessment.staff).verdict}.",
    )


def assessment_commented(assessment: Assessment) -> None:
    _send(
        assessment,
        [assessment.assessor],
        f"{assessment.staff.name} commented on their assessment",
        f"{assessment.staff.name} wrote: {assessment.employee_comment}",
    )


def assessment_acknowledged(assessment: Assessment) -> None:
    _send(
        assessment,
        _hr_staff(),
        f"Assessment of {assessment.staff.name} awaits approval",
        f"{assessment.staff.name} has acknowledged their assessment against "
        f"{assessment.target_level}. It is ready for HR to approve or return.\n\n"
        f"Where {assessment.staff.name} stands: {standing_of(assessment.staff).verdict}.",
    )


def assessment_approved(assessment: Assessment, *, level_changed: bool) -> None:
    standing = standing_of(assessment.staff)
    if not level_changed:
        outcome = "The assessment is approved; the level does not change."
    elif standing.scheduled is not None:
        outcome = f"{assessment.staff.name} will be at {standing.scheduled_words}."
    else:
        outcome = f"{assessment.staff.name} is at {standing.level} from {standing.since:%-d %B %Y}."
    _send(
        assessment,
        [assessment.staff.user, assessment.assessor],
        f"Assessment of {assessment.staff.name} approved",
        f"HR approved the assessment against {assessment.target_level}. {outcome}",
    )


def assessment_returned(assessment: Assessment) -> None:
    _send(
        assessment,
        [assessment.assessor],
        f"Assessment of {assessment.staff.name} returned to you",
        f"HR returned the assessment against {assessment.target_level}: {assessment.return_reason}",
    )
