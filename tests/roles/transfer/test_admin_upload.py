"""HR's upload in the admin: who may use it, the preview, confirm and cancel.

Tasks run in process here (tests/conftest.py), so the upload's redirect leads to the finished
job; tests/roles/transfer/test_import_jobs.py runs them in the real worker.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import BackgroundJob
from roles.models import RequirementItem, Role
from tests import builders, samples
from tests.career_tables import simple_table

SAMPLE = samples.sample("medway-career-grade-table.tsv")
URL = "/admin/roles/role/import-profiles/"


@pytest.fixture
def hr_client(client, hr):
    client.force_login(hr)
    return client


def upload(client, data: bytes, name="roles.tsv"):
    """Upload the file and follow to the job's page (the preview, or the upload form again)."""
    return client.post(URL, {"file": SimpleUploadedFile(name, data)}, follow=True)


def job_url(response) -> str:
    return reverse("admin:roles_role_import_job", args=[response.context["job"].pk])


def role_details(client, response, number=0) -> str:
    job = response.context["job"]
    url = reverse("admin:roles_role_import_role", args=[job.pk, number])
    return client.get(url).content.decode()


def test_page_has_the_name_the_role_list_links_to():
    assert reverse("admin:roles_role_import_profiles") == URL


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response.url


def test_employee_is_sent_to_sign_in(login, employee):
    response = login(employee).get(URL)
    assert response.status_code == 302 and "/login/" in response.url


def test_admin_user_without_permission_to_add_roles_is_refused(client, db):
    clerk = builders.user("clerk")
    clerk.is_staff = True
    clerk.save()
    client.force_login(clerk)
    assert client.get(URL).status_code == 403


def test_hr_sees_the_upload_form(hr_client):
    response = hr_client.get(URL)
    assert response.status_code == 200
    assert b'type="file"' in response.content


def test_role_list_has_an_import_button(hr_client):
    response = hr_client.get(reverse("admin:roles_role_changelist"))
    assert URL.encode() in response.content


@samples.needs_samples
def test_preview_sums_up_each_role_and_shows_its_levels_side_by_side_on_request(hr_client):
    response = upload(hr_client, SAMPLE.read_bytes(), name=SAMPLE.name)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Insurance Officer" in page and "Insurance Team Leader" in page
    assert "New requirement categories: Qualifications, Knowledge, Experience, Skills" in page
    assert "Level A (Developing)" not in page
    details = role_details(hr_client, response, 1)
    assert "Insurance Team Leader" in details
    assert "Level A (Developing)" in details and "Level C (Accomplished)" in details


@samples.needs_samples
def test_preview_saves_nothing(hr_client):
    upload(hr_client, SAMPLE.read_bytes(), name=SAMPLE.name)
    assert not Role.objects.exists()


@samples.needs_samples
def test_confirm_imports_the_previewed_file(hr_client):
    preview = upload(hr_client, SAMPLE.read_bytes(), name=SAMPLE.name)
    response = hr_client.post(job_url(preview), {"action": "confirm"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:roles_role_changelist")
    assert "2 were created" in response.content.decode()
    assert RequirementItem.objects.count() == 82
    assert BackgroundJob.objects.values_list("upload", flat=True).get() is None


def test_confirming_twice_imports_once(hr_client):
    url = job_url(upload(hr_client, simple_table()))
    hr_client.post(url, {"action": "confirm"})
    response = hr_client.post(url, {"action": "confirm"}, follow=True)
    assert "already been confirmed" in response.content.decode()
    assert Role.objects.count() == 1


def test_cancel_saves_nothing_and_forgets_the_file(hr_client):
    url = job_url(upload(hr_client, simple_table()))
    hr_client.post(url, {"action": "cancel"})
    assert not Role.objects.exists()
    assert not BackgroundJob.objects.exists()


def test_someone_else_cannot_see_or_confirm_an_upload(hr_client, client, db):
    preview = upload(hr_client, simple_table())
    job = preview.context["job"]
    other = builders.user("otherhr", hr=True)
    client.logout()
    client.force_login(other)
    for url in (
        job_url(preview),
        reverse("admin:roles_role_import_role", args=[job.pk, 0]),
        reverse("job_progress", args=[job.pk]),
    ):
        assert client.get(url).status_code == 404
    assert client.post(job_url(preview), {"action": "confirm"}).status_code == 404
    assert client.post(job_url(preview), {"action": "cancel"}).status_code == 404
    assert not Role.objects.exists() and BackgroundJob.objects.exists()


def test_bad_file_is_refused_with_its_row_and_saves_nothing(hr_client):
    response = upload(hr_client, b"Range\tLevel A\nBand 2\t\n")
    assert "roles.tsv, row 1: no title column" in response.content.decode()
    assert not Role.objects.exists()


def test_upload_over_the_limit_is_refused(hr_client, settings):
    settings.MAX_UPLOAD_SIZE = 100
    response = upload(hr_client, simple_table())
    assert "are refused" in response.content.decode()
    assert not Role.objects.exists()


def test_a_failing_import_changes_nothing_and_shows_its_message(hr_client, monkeypatch):
    """The file previewed well, but by the time it is confirmed one role cannot be saved."""
    from roles.transfer import importing
    from roles.transfer.parsed import ImportProblem

    url = job_url(upload(hr_client, simple_table()))

    def refuse(pairs):
        raise ImportProblem("the grade is no longer in use.", file="roles.tsv", row=3)

    # After the roles, levels and items are written, inside the import's transaction.
    monkeypatch.setattr(importing, "_responsibilities", refuse)
    page = hr_client.post(url, {"action": "confirm"}, follow=True).content.decode()
    assert "Nothing was saved. roles.tsv, row 3: the grade is no longer in use." in page
    assert not Role.objects.exists()


def test_preview_offers_confirm_at_its_top_and_its_foot(hr_client):
    page = upload(hr_client, simple_table()).content.decode()
    confirms = [i for i in range(len(page)) if page.startswith('value="confirm"', i)]
    assert len(confirms) == 2
    assert confirms[0] < page.index('id="role-import-report"') < confirms[1]


def test_preview_says_a_new_role_arrives_as_a_draft_without_family_or_review_dates(hr_client):
    response = upload(hr_client, simple_table())
    assert "New roles arrive as drafts" in response.content.decode()
    details = role_details(hr_client, response)
    assert "it arrives as a draft, has no job family and has no review dates." in details


def test_preview_says_a_role_already_here_keeps_its_state(hr_client):
    hr_client.post(job_url(upload(hr_client, simple_table())), {"action": "confirm"})
    details = role_details(hr_client, upload(hr_client, simple_table()))
    assert "it keeps its status, keeps its job family and keeps its review dates." in details


def test_details_of_a_role_not_in_the_file_are_not_found(hr_client):
    job = upload(hr_client, simple_table()).context["job"]
    for number in (1, 99):
        url = reverse("admin:roles_role_import_role", args=[job.pk, number])
        assert hr_client.get(url).status_code == 404
