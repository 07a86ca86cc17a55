"""Every email is recorded, retried when the mail server fails, and can be sent again by HR."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.emails import MAX_ATTEMPTS, deliver_email, email_queue
from core.models import OutgoingEmail

MAIL_SERVER_DOWN = "tests.mail_backends.MailServerDown"


def queued(subject="Your assessment is ready"):
    return OutgoingEmail.objects.create(subject=subject, body="Open it.", recipients=["a@b.org"])


@pytest.mark.django_db
def test_a_failed_attempt_is_retried_later_by_the_worker(settings):
    settings.EMAIL_BACKEND = MAIL_SERVER_DOWN
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    email = queued()

    deliver_email.call(email.pk)

    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.QUEUED
    assert email.attempts == 1
    retry = DBTaskResult.objects.get()
    assert retry.args_kwargs["args"] == [email.pk]
    assert retry.run_after > timezone.now() + timedelta(seconds=30)


@pytest.mark.django_db
def test_after_the_last_attempt_the_email_is_marked_not_delivered(settings):
    settings.EMAIL_BACKEND = MAIL_SERVER_DOWN
    email = queued()

    for _ in range(MAX_ATTEMPTS):
        deliver_email.call(email.pk)

    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.FAILED
    assert email.attempts == MAX_ATTEMPTS
    assert email.get_status_display() == "Not delivered"


@pytest.mark.django_db
def test_a_sent_email_is_not_sent_twice():
    email = queued()
    deliver_email.call(email.pk)
    deliver_email.call(email.pk)
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_nothing_is_sent_when_the_step_is_rolled_back(django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        email_queue(subject="Approved", body="Well done", recipients=["a@b.org"])
        transaction.set_rollback(True)

    assert mail.outbox == []
    assert not OutgoingEmail.objects.exists()


def test_hr_sees_undelivered_emails_in_the_admin(login, hr):
    failed = queued("Assessment of Ann approved")
    OutgoingEmail.objects.filter(pk=failed.pk).update(
        status=OutgoingEmail.Status.FAILED, attempts=5, last_error="SMTPConnectError: down"
    )

    response = login(hr).get(
        reverse("admin:core_outgoingemail_changelist"), {"status__exact": "failed"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Assessment of Ann approved" in page
    assert "SMTPConnectError: down" in page


def test_hr_sends_an_undelivered_email_again(login, hr, django_capture_on_commit_callbacks):
    failed = queued()
    OutgoingEmail.objects.filter(pk=failed.pk).update(status=OutgoingEmail.Status.FAILED)

    with django_capture_on_commit_callbacks(execute=True):
        response = login(hr).post(
            reverse("admin:core_outgoingemail_changelist"),
            {"action": "send_again", "_selected_action": [failed.pk]},
            follow=True,
        )

    assert "1 email(s) will be sent again." in response.content.decode()
    (message,) = mail.outbox
    assert message.to == ["a@b.org"]
    failed.refresh_from_db()
    assert failed.status == OutgoingEmail.Status.SENT


def test_managers_cannot_read_the_email_record(login, manager):
    response = login(manager).get(reverse("admin:core_outgoingemail_changelist"))
    assert response.status_code in (302, 403)
