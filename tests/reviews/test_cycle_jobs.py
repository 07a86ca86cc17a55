"""Opening a cycle on its page: the request returns at once, the task worker makes the drafts
while the page shows its progress, then the cycle's page says what was made and who was not."""

import pytest
from django.urls import reverse

from core.models import BackgroundJob
from reviews.models import CycleEntry, ReviewCycle
from tests import builders
from tests.workers import run_db_worker

FORM = {"name": "Spring 2027", "due_date": "2027-03-31", "department": "Finance"}


@pytest.fixture
def worker_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_opening_returns_at_once_and_the_worker_makes_the_drafts(
    login, hr, finance, worker_queue, monkeypatch
):
    client = login(hr)
    already = builders.assessment(finance["bob"], by=finance["boss"].user)
    response = client.post(reverse("reviews:cycle_open"), FORM)
    job = BackgroundJob.objects.get()
    assert response.url == reverse("reviews:cycle_job", args=[job.pk])
    assert not ReviewCycle.objects.exists()
    waiting = client.get(response.url).content.decode()
    assert "Waiting for the task worker" in waiting and "<progress" in waiting

    run_db_worker(monkeypatch)

    page = client.get(response.url, follow=True).content.decode()
    assert "“Spring 2027” is open: 3 drafts made." in page
    bob = CycleEntry.objects.get(staff=finance["bob"])
    assert bob.outcome == CycleEntry.Outcome.ALREADY_OPEN and bob.assessment == already
    assert finance["bob"].assessments.count() == 1


def test_hr_from_another_login_cannot_see_the_opening(login, hr, finance, worker_queue, client):
    response = login(hr).post(reverse("reviews:cycle_open"), FORM)
    job = BackgroundJob.objects.get()
    client.force_login(builders.user("otherhr", hr=True))
    assert client.get(response.url).status_code == 404
    assert client.get(reverse("job_progress", args=[job.pk])).status_code == 404


def test_a_choice_gone_before_the_worker_runs_is_refused_and_nothing_made(
    login, hr, finance, worker_queue, monkeypatch
):
    client = login(hr)
    form = {**FORM, "department": "", "manager": finance["boss"].pk}
    response = client.post(reverse("reviews:cycle_open"), form)
    finance["ann"].line_manager = None
    finance["ann"].save()
    for person in ("bob", "cat"):
        finance[person].line_manager = None
        finance[person].save()

    run_db_worker(monkeypatch)

    page = client.get(response.url).content.decode()
    assert "Select a valid choice" in page and 'value="Spring 2027"' in page
    assert not ReviewCycle.objects.exists()
