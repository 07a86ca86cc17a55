"""PDF downloads never hold a web request for the rendering: the first request queues one task
and answers at once with a page that looks again; the worker makes the PDF; later requests are
served the stored file until what it shows changes. A failure says so and offers to try again.
Every kind of PDF (a role, a person's requirements) goes the same way (core.pdf)."""

import datetime
import io

import pdfplumber
import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core import pdf
from core.models import PdfDocument
from roles.models import Role
from staff import self_assessment
from staff.models import Rating, StaffProfile
from tests import builders
from tests.admin_pages import admin_url
from tests.printouts import pdf_bookmarks
from tests.workers import run_db_worker


@pytest.fixture(autouse=True)
def worker_queue(settings):
    """The queue in the database, as in production: nothing runs until the worker does."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def role_pdf(insurance_officer):
    return reverse("roles:pdf", args=[insurance_officer.pk])


def is_pdf(response) -> bool:
    return response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")


def assert_tried_again_and_made(client, url, monkeypatch) -> None:
    """The PDF at `url` says it could not be made and offers to try again; asked to, the worker
    makes it."""
    failed = client.get(url).content.decode()
    assert "could not be made" in failed and "Try again" in failed
    client.post(url)
    run_db_worker(monkeypatch)
    assert is_pdf(client.get(url))


def test_first_request_queues_the_pdf_and_answers_at_once(
    login, employee, role_pdf, django_assert_num_queries
):
    """Intended to keep the request light: it records the request and queues one task, keeping
    its id (no print page, no levels read), whatever the role's size."""
    client = login(employee)
    with django_assert_num_queries(13):
        response = client.get(role_pdf)
    assert response.status_code == 202
    page = response.content.decode()
    assert "being prepared" in page and 'http-equiv="refresh"' in page
    assert PdfDocument.objects.get().status == PdfDocument.Status.QUEUED


def test_looking_again_before_the_worker_queues_nothing_more(
    login, employee, role_pdf, django_assert_num_queries
):
    """Sign-in, the role, the stored PDF's row, whether its task is still on its way, and the
    page's navigation."""
    client = login(employee)
    client.get(role_pdf)
    with django_assert_num_queries(9):
        response = client.get(role_pdf)
    assert response.status_code == 202
    assert PdfDocument.objects.count() == 1


def test_the_worker_makes_it_and_the_next_request_is_served_the_file(
    login, employee, role_pdf, monkeypatch, django_assert_num_queries
):
    """Sign-in (three), the role and the stored file: nothing is rendered."""
    client = login(employee)
    client.get(role_pdf)
    run_db_worker(monkeypatch)
    with django_assert_num_queries(5):
        response = client.get(role_pdf)
    assert is_pdf(response)
    assert response["Content-Disposition"] == 'attachment; filename="insurance-officer.pdf"'
    assert "Insurance Officer" in pdf_bookmarks(response.content)


def test_a_stored_pdf_is_served_without_rendering_again(
    login, employee, colleague, role_pdf, monkeypatch
):
    login(employee).get(role_pdf)
    run_db_worker(monkeypatch)
    monkeypatch.setattr(pdf, "render_pdf", lambda html: pytest.fail("rendered again"))
    assert is_pdf(login(colleague).get(role_pdf))


def test_an_edit_of_the_role_gives_a_new_pdf_at_once(
    login, employee, insurance_officer, role_pdf, monkeypatch
):
    client = login(employee)
    client.get(role_pdf)
    run_db_worker(monkeypatch)
    insurance_officer.purpose = "Reads every claim twice"
    insurance_officer.save()  # as the admin's role page saves it

    assert client.get(role_pdf).status_code == 202
    run_db_worker(monkeypatch)
    response = client.get(role_pdf)
    assert is_pdf(response)
    assert b"Reads every claim twice" in _text(response.content)
    assert PdfDocument.objects.count() == 1  # the older version is dropped


def test_my_pdf_follows_my_own_ratings(login, employee, monkeypatch):
    client = login(employee)
    url = reverse("staff:my_pdf")
    client.get(url)
    run_db_worker(monkeypatch)
    assert is_pdf(client.get(url))

    item = self_assessment.requirements_to_self_assess(employee).first()
    self_assessment.self_rating_set(staff=employee, ratings={item.pk: Rating.MET})
    assert client.get(url).status_code == 202
    run_db_worker(monkeypatch)
    response = client.get(url)
    assert is_pdf(response)
    assert b"Own rating: Met" in _text(response.content)


def test_a_failed_pdf_says_so_and_try_again_queues_it_again(login, employee, role_pdf, monkeypatch):
    client = login(employee)
    client.get(role_pdf)

    def broken(html):
        raise RuntimeError("WeasyPrint fell over")

    with monkeypatch.context() as patched:
        patched.setattr(pdf, "render_pdf", broken)
        run_db_worker(monkeypatch)
    failed = client.get(role_pdf)
    assert failed.status_code == 200
    assert "could not be made" in failed.content.decode()
    assert "Try again" in failed.content.decode()
    # Looking again shows the failure; it queues nothing until asked.
    assert PdfDocument.objects.get().status == PdfDocument.Status.FAILED

    again = client.post(role_pdf)
    assert again.status_code == 302 and again.url == role_pdf
    assert client.get(role_pdf).status_code == 202
    run_db_worker(monkeypatch)
    assert is_pdf(client.get(role_pdf))


def test_a_draft_role_pdf_is_neither_served_nor_queued_for_an_employee(
    login, employee, hr, insurance_officer, role_pdf, monkeypatch
):
    login(hr).get(role_pdf)
    run_db_worker(monkeypatch)
    insurance_officer.status = "draft"
    insurance_officer.save()
    login(hr).get(role_pdf)
    run_db_worker(monkeypatch)
    kept = PdfDocument.objects.count()

    client = login(employee)
    assert client.get(role_pdf).status_code == 404
    assert client.post(role_pdf).status_code == 404
    assert PdfDocument.objects.count() == kept


def test_someone_without_a_staff_profile_has_no_pdf_of_their_own(login, visitor):
    assert login(visitor).get(reverse("staff:my_pdf")).status_code == 404
    assert not PdfDocument.objects.exists()


def test_my_pdf_is_never_served_to_a_colleague(login, employee, colleague, monkeypatch):
    url = reverse("staff:my_pdf")
    login(employee).get(url)
    run_db_worker(monkeypatch)
    response = login(colleague).get(url)
    assert response.status_code == 202  # their own, queued; not the employee's file
    run_db_worker(monkeypatch)
    assert "Colleague" in " ".join(pdf_bookmarks(login(colleague).get(url).content))


def _text(content: bytes) -> bytes:
    with pdfplumber.open(io.BytesIO(content)) as document:
        return "\n".join(page.extract_text() for page in document.pages).encode()


def test_a_pdf_whose_task_was_lost_is_queued_again_by_itself(
    login, employee, role_pdf, monkeypatch
):
    client = login(employee)
    client.get(role_pdf)
    DBTaskResult.objects.all().delete()  # the queue cleared: nothing will ever make it

    assert client.get(role_pdf).status_code == 202
    run_db_worker(monkeypatch)
    assert is_pdf(client.get(role_pdf))


def test_a_pdf_whose_worker_was_stopped_mid_render_offers_to_try_again(
    login, employee, monkeypatch
):
    """Told twice to stop, the worker leaves at once: its task failed, the PDF was not made."""
    client = login(employee)
    url = reverse("staff:my_pdf")
    client.get(url)

    def stopped(html):
        raise SystemExit(1)

    with monkeypatch.context() as patched:
        patched.setattr(pdf, "render_pdf", stopped)
        run_db_worker(monkeypatch)
    assert_tried_again_and_made(client, url, monkeypatch)


def test_a_pdf_whose_worker_died_mid_render_offers_to_try_again_after_a_while(
    login, employee, role_pdf, monkeypatch
):
    """Killed (out of memory), the worker leaves its task running for ever."""
    client = login(employee)
    client.get(role_pdf)
    DBTaskResult.objects.get().claim("the worker that dies")
    assert client.get(role_pdf).status_code == 202  # still rendering, for all anyone knows

    DBTaskResult.objects.update(started_at=timezone.now() - datetime.timedelta(hours=1))
    assert_tried_again_and_made(client, role_pdf, monkeypatch)


def test_deleting_a_role_in_the_admin_deletes_its_pdfs(
    login, employee, hr, insurance_officer, role_pdf, monkeypatch
):
    unstaffed = builders.role("Claims Handler")
    unstaffed_pdf = reverse("roles:pdf", args=[unstaffed.pk])
    client = login(employee)
    client.get(unstaffed_pdf)
    run_db_worker(monkeypatch)
    unstaffed.purpose = "Handles claims"
    unstaffed.save()
    client.get(unstaffed_pdf)  # a newer version, being prepared beside the older one
    client.get(role_pdf)
    assert PdfDocument.objects.count() == 3

    response = login(hr).post(admin_url(Role, "delete", unstaffed.pk), {"post": "yes"})

    assert response.status_code == 302
    assert [document.key for document in PdfDocument.objects.all()] == [
        f"role:{insurance_officer.pk}:v{insurance_officer.version}"
    ]


def test_deleting_a_staff_profile_in_the_admin_deletes_their_pdf(
    login, employee, colleague, hr, monkeypatch
):
    url = reverse("staff:my_pdf")
    login(employee).get(url)
    login(colleague).get(url)
    run_db_worker(monkeypatch)

    response = login(hr).post(admin_url(StaffProfile, "delete", colleague.pk), {"post": "yes"})

    assert response.status_code == 302
    assert [document.key for document in PdfDocument.objects.all()] == [
        PdfDocument.objects.get(key__startswith=f"person:{employee.pk}:").key
    ]
