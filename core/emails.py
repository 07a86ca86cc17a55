"""Emails are recorded with the change they announce and sent by the task worker.

A mail server that is slow or down then never turns a saved step into an error page:
the step and its email record commit together, and delivery is retried in the background.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, mail_admins
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import default_task_backend, task

from core.models import OutgoingEmail

logger = logging.getLogger(__name__)

# Attempts before a message is marked "not delivered" for HR to look at.
MAX_ATTEMPTS = 5


def retry_delay(attempts: int) -> timedelta:
    """1, 4, 16, 64 minutes: a restarting mail server is back well within the day."""
    return timedelta(minutes=4 ** (attempts - 1))


def email_queue(*, subject: str, body: str, recipients: list[str]) -> OutgoingEmail:
    """Record a message and have it sent once the current transaction commits.

    Called inside the workflow's transaction: if the step is refused and rolled back, the
    record goes with it and nothing is sent.
    """
    email = OutgoingEmail.objects.create(subject=subject, body=body, recipients=recipients)
    # robust: a task queue that refuses the job must not fail the request that saved the
    # step; the message stays queued and shows in the admin for HR to send again.
    transaction.on_commit(lambda: _enqueue(email.pk), robust=True)
    return email


def _enqueue(email_id: int, *, after: timedelta | None = None) -> None:
    job = deliver_email
    if after is not None:
        if not default_task_backend.supports_defer:
            # The immediate backend (tests, no worker) cannot wait; HR resends from the admin.
            return
        job = job.using(run_after=timezone.now() + after)
    job.enqueue(email_id)


def email_resend(email: OutgoingEmail) -> None:
    """HR's "send again": a fresh round of attempts, whatever happened before."""
    OutgoingEmail.objects.filter(pk=email.pk).exclude(status=OutgoingEmail.Status.SENT).update(
        status=OutgoingEmail.Status.QUEUED, attempts=0
    )
    transaction.on_commit(lambda: _enqueue(email.pk), robust=True)


@task()
def deliver_email(email_id: int) -> str:
    """Send one recorded message; on failure, note why and try again later."""
    # Claimed with one UPDATE, and sent outside any transaction: holding a lock while the
    # mail server answers would stall every other write (on SQLite, the whole database).
    # The claim also stops a resend and a retry from sending the same message twice.
    claimed = OutgoingEmail.objects.filter(pk=email_id, status=OutgoingEmail.Status.QUEUED).update(
        status=OutgoingEmail.Status.SENDING,
        attempts=F("attempts") + 1,
        last_attempt_at=timezone.now(),
    )
    if not claimed:
        return "skipped"
    email = OutgoingEmail.objects.get(pk=email_id)
    try:
        EmailMessage(
            email.subject, email.body, settings.DEFAULT_FROM_EMAIL, email.recipients
        ).send()
    except Exception as error:  # Any failure of the mail server or of the connection to it.
        email.last_error = f"{type(error).__name__}: {error}"
        given_up = email.attempts >= MAX_ATTEMPTS
        email.status = OutgoingEmail.Status.FAILED if given_up else OutgoingEmail.Status.QUEUED
        email.save(update_fields=["status", "last_error"])
        logger.warning(
            "Email %s not sent (attempt %s of %s): %s",
            email.pk,
            email.attempts,
            MAX_ATTEMPTS,
            email.last_error,
            exc_info=True,
        )
        if not given_up:
            _enqueue(email.pk, after=retry_delay(email.attempts))
        return email.status
    email.status = OutgoingEmail.Status.SENT
    email.sent_at = timezone.now()
    email.last_error = ""
    email.save(update_fields=["status", "sent_at", "last_error"])
    return email.status


@task()
def mail_admins_later(subject: str, message: str) -> None:
    """An error report for ADMINS, sent by the worker (see QueuedAdminEmailHandler). Not
    recorded in OutgoingEmail: tracebacks are for the people who run the site, not for HR."""
    mail_admins(subject, message)
