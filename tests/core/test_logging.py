"""Each request has an id that every log line of it carries; a 500 leaves its traceback."""

import io
import json
import logging

import pytest
from django.core import mail
from django.urls import path

import config.urls
from tests.workers import run_db_worker


def broken_page(request):
    raise RuntimeError("the flux capacitor is empty")


urlpatterns = [path("broken/", broken_page), *config.urls.urlpatterns]


@pytest.fixture
def log_lines():
    """What the configured stdout handler writes, one parsed JSON event per line."""
    (handler,) = [h for h in logging.getLogger().handlers if h.get_name() == "stdout"]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    handler.setStream(previous)


@pytest.mark.urls(__name__)
def test_a_server_error_is_logged_with_its_traceback_request_id_and_user(
    client, employee, log_lines
):
    client.raise_request_exception = False
    client.force_login(employee.user)

    response = client.get("/broken/", headers={"X-Request-ID": "lb-1234"})

    assert response.status_code == 500
    assert response["X-Request-ID"] == "lb-1234"
    (event,) = [e for e in log_lines() if e["logger"] == "django.request"]
    assert event["level"] == "ERROR"
    assert event["request_id"] == "lb-1234"
    assert event["user_id"] == str(employee.user.pk)
    assert event["status"] == 500
    assert "RuntimeError: the flux capacitor is empty" in event["traceback"]
    assert "broken_page" in event["traceback"]


@pytest.mark.parametrize(("path", "status"), [("/staff/team/", 403), ("/no-such-page/", 404)])
def test_a_refused_or_missing_page_is_logged_with_the_request_id_and_user(
    login, employee, log_lines, path, status
):
    response = login(employee).get(path, headers={"X-Request-ID": "lb-4xx"})

    assert response.status_code == status
    (event,) = [e for e in log_lines() if e["logger"] == "django.request"]
    assert event["level"] == "WARNING"
    assert event["request_id"] == "lb-4xx"
    assert event["user_id"] == str(employee.user.pk)


def test_a_request_without_an_id_gets_a_new_one(client, db):
    first = client.get("/accounts/login/")["X-Request-ID"]
    second = client.get("/accounts/login/")["X-Request-ID"]
    assert first and second and first != second


def test_an_odd_incoming_id_is_replaced_not_logged(client, db):
    response = client.get("/accounts/login/", headers={"X-Request-ID": "x\nFAKE LOG LINE"})
    assert "\n" not in response["X-Request-ID"]
    assert response["X-Request-ID"] != "x\nFAKE LOG LINE"


@pytest.mark.urls(__name__)
def test_admins_get_the_error_report_from_the_worker_not_the_request(
    client, db, settings, monkeypatch
):

    settings.ADMINS = [("Ops", "ops@example.org")]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.raise_request_exception = False

    assert client.get("/broken/").status_code == 500
    assert mail.outbox == []

    run_db_worker(monkeypatch)

    (report,) = mail.outbox
    assert report.to == ["ops@example.org"]
    assert "Internal Server Error: /broken/" in report.subject
    assert "RuntimeError at /broken/\nthe flux capacitor is empty" in report.body
    assert "in broken_page" in report.body  # the traceback
