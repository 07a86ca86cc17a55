"""The admin upload hands its work to the task worker: the request returns at once, the worker
reads and previews the file, the page follows its progress, and a big file's preview page stays
the same size and query count however many roles it holds."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core import jobs
from core.models import BackgroundJob
from roles.models import Role
from tests.career_tables import role_block, tsv
from tests.workers import run_db_worker

URL = "/admin/roles/role/import-profiles/"


def table(roles: int) -> bytes:
    rows = []
    for number in range(roles):
        rows += role_block(title=f"Claims Handler {number}", grade="Band 2")
    return tsv(*rows)


@pytest.fixture
def worker_queue(settings):
    """The queue in the database, as in production: nothing runs until the worker does."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def hr_client(client, hr):
    client.force_login(hr)
    return client


def test_the_upload_returns_at_once_and_the_worker_does_the_work(
    hr_client, worker_queue, monkeypatch
):
    response = hr_client.post(URL, {"file": SimpleUploadedFile("roles.tsv", table(3))})
    job = BackgroundJob.objects.get()
    job_page = reverse("admin:roles_role_import_job", args=[job.pk])
    assert response.status_code == 302 and response.url == job_page
    assert job.status == BackgroundJob.Status.QUEUED

    waiting = hr_client.get(job_page).content.decode()
    assert "Waiting for the task worker" in waiting
    assert "<progress" in waiting and "js/job-progress.js" in waiting
    assert 'http-equiv="refresh"' in waiting  # inside noscript: the page without scripts

    run_db_worker(monkeypatch)

    preview = hr_client.get(job_page).content.decode()
    assert "Claims Handler 2" in preview and "Confirm import" in preview
    assert not Role.objects.exists()

    hr_client.post(job_page, {"action": "confirm"})
    assert not Role.objects.exists()
    run_db_worker(monkeypatch)
    assert Role.objects.count() == 3


def test_progress_is_reported_as_the_work_goes(hr_client, monkeypatch):
    seen = []
    real = jobs.JobProgress.__call__

    def watch(self, stage, done=0, total=0):
        real(self, stage, done, total)
        job = BackgroundJob.objects.get(pk=self.job.pk)
        seen.append((job.status, job.stage, job.done, job.total))

    monkeypatch.setattr(jobs, "PROGRESS_INTERVAL", 0)
    monkeypatch.setattr(jobs.JobProgress, "__call__", watch)
    hr_client.post(URL, {"file": SimpleUploadedFile("roles.tsv", table(3))})

    assert ("running", "Reading roles.tsv", 0, 0) in seen
    assert ("running", "Checking what would change in 3 roles", 0, 0) in seen
    assert [done for _, stage, done, _ in seen if stage == "Laying out each role"] == [1, 2, 3]


def test_the_progress_endpoint_answers_the_jobs_owner(hr_client, worker_queue):
    hr_client.post(URL, {"file": SimpleUploadedFile("roles.tsv", table(1))})
    job = BackgroundJob.objects.get()
    BackgroundJob.objects.filter(pk=job.pk).update(
        status="running", stage="Laying out each role", done=1, total=4
    )
    answer = json.loads(hr_client.get(reverse("job_progress", args=[job.pk])).content)
    assert answer == {
        "status": "running",
        "status_label": "Running",
        "stage": "Laying out each role",
        "done": 1,
        "total": 4,
        "percent": 25,
        "finished": False,
    }
    page = hr_client.get(reverse("admin:roles_role_import_job", args=[job.pk])).content.decode()
    assert 'value="25"' in page and "(1 of 4)" in page


@pytest.mark.parametrize("roles", [1, 120])
def test_the_preview_page_takes_the_same_queries_and_size_however_many_roles(
    hr_client, roles, django_assert_num_queries
):
    """Intended to prevent the preview growing with the file: it shows a page of counts."""
    response = hr_client.post(
        URL, {"file": SimpleUploadedFile("roles.tsv", table(roles))}, follow=True
    )
    job_page = response.redirect_chain[-1][0]
    with django_assert_num_queries(5):
        page = hr_client.get(job_page)
    assert len(page.content) < 60_000  # a page of 50 roles at most
    details = reverse("admin:roles_role_import_role", args=[page.context["job"].pk, roles - 1])
    with django_assert_num_queries(6):
        assert f"Claims Handler {roles - 1}" in hr_client.get(details).content.decode()


def test_an_import_under_way_is_not_said_to_be_cancelled(hr_client, worker_queue, monkeypatch):
    hr_client.post(URL, {"file": SimpleUploadedFile("roles.tsv", table(2))})
    job_page = reverse("admin:roles_role_import_job", args=[BackgroundJob.objects.get().pk])
    run_db_worker(monkeypatch)
    hr_client.post(job_page, {"action": "confirm"})
    page = hr_client.post(job_page, {"action": "cancel"}, follow=True).content.decode()
    assert "under way and cannot be cancelled" in page
    run_db_worker(monkeypatch)
    assert Role.objects.count() == 2
