"""A mail server that is down never turns a saved workflow step into an error page."""

import pytest
from django.core import mail
from django.urls import reverse

from core.models import OutgoingEmail
from staff.models import Assessment, LevelChange
from tests import builders
from tests.workers import run_db_worker

MAIL_SERVER_DOWN = "tests.mail_backends.MailServerDown"


def form_data(assessment):
    """What the manager's browser posts: the version they opened and a rating for each item."""
    data = {"version": assessment.version, "recommendation": "progress", "summary": ""}
    for item in assessment.items.all():
        data[f"rating_{item.pk}"] = "met"
        data[f"comment_{item.pk}"] = ""
    return data


@pytest.fixture
def mail_server_down(settings):
    settings.EMAIL_BACKEND = MAIL_SERVER_DOWN


def test_submitting_saves_and_answers_normally_when_mail_is_down(
    login, manager, employee, mail_server_down, django_capture_on_commit_callbacks
):
    draft = builders.assessment(employee, by=manager.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = login(manager).post(
            reverse("staff:assessment_submit", args=[draft.pk]), form_data(draft)
        )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.SUBMITTED
    (email,) = OutgoingEmail.objects.all()
    assert email.recipients == [employee.user.email]
    assert email.status == OutgoingEmail.Status.QUEUED
    assert email.attempts == 1
    assert "not answering" in email.last_error


def test_approving_saves_the_level_and_answers_normally_when_mail_is_down(
    login, hr, manager, employee, mail_server_down, django_capture_on_commit_callbacks
):
    acknowledged = builders.assessment(employee, by=manager.user, until="acknowledged")
    OutgoingEmail.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        response = login(hr).post(
            reverse("staff:assessment_approve", args=[acknowledged.pk]),
            {"effective_date": "2026-11-01"},
        )

    assert response.status_code == 302
    employee.refresh_from_db()
    assert employee.level.code == "B"
    assert LevelChange.objects.filter(staff=employee, assessment=acknowledged).exists()
    (email,) = OutgoingEmail.objects.all()
    assert sorted(email.recipients) == sorted([employee.user.email, manager.user.email])
    assert email.status == OutgoingEmail.Status.QUEUED


def test_a_refused_step_records_no_email(login, manager, employee):
    draft = builders.assessment(employee, by=manager.user, rating=None)

    login(manager).post(reverse("staff:assessment_submit", args=[draft.pk]), {})

    draft.refresh_from_db()
    assert draft.status == Assessment.Status.DRAFT
    assert not OutgoingEmail.objects.exists()


def test_the_worker_sends_queued_emails(
    login, manager, employee, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """With the database queue, the step only records the job; `db_worker` sends it."""

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    draft = builders.assessment(employee, by=manager.user)

    with django_capture_on_commit_callbacks(execute=True):
        login(manager).post(reverse("staff:assessment_submit", args=[draft.pk]), form_data(draft))
    assert mail.outbox == []

    run_db_worker(monkeypatch)

    (message,) = mail.outbox
    assert message.to == [employee.user.email]
    assert reverse("staff:assessment", args=[draft.pk]) in message.body
    email = OutgoingEmail.objects.get()
    assert email.status == OutgoingEmail.Status.SENT
    assert email.sent_at is not None
