"""The health check load balancers poll: no sign-in, and it says what is wrong."""

from datetime import timedelta

from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.emails import deliver_email


def test_healthy_when_the_database_and_queue_answer(client, db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    response = client.get(reverse("health"))

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "queue": {"backend": "database", "waiting": 0, "oldest_waiting_seconds": 0},
    }
    assert "no-cache" in response["Cache-Control"]


def test_reports_work_waiting_for_the_worker(client, db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    deliver_email.enqueue(1)
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=10))

    queue = client.get(reverse("health")).json()["queue"]

    assert queue["waiting"] == 1
    assert queue["oldest_waiting_seconds"] >= 600


def test_unavailable_when_the_database_is_down(client, db, monkeypatch):
    class DatabaseDown:
        def cursor(self):
            raise DatabaseError("connection refused")

    monkeypatch.setattr("core.views.connection", DatabaseDown())

    response = client.get(reverse("health"))

    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
