"""HR's upload in the admin: who may use it, the preview, confirm and cancel."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from roles.models import RequirementItem, Role
from roles.transfer import admin_upload
from tests import builders, samples
from tests.career_tables import simple_table

SAMPLE = samples.sample("medway-career-grade-table.tsv")
URL = "/admin/roles/role/import-profiles/"


@pytest.fixture(autouse=True)
def uploads_in_tmp_path(tmp_path, monkeypatch):
    """Files waiting for confirmation go to the test's own folder, removed with it."""
    monkeypatch.setattr(admin_upload, "UPLOADS", tmp_path / "uploads")


@pytest.fixture
def hr_client(client, hr):
    client.force_login(hr)
    return client


def upload(client, data: bytes, name="roles.tsv"):
    return client.post(URL, {"file": SimpleUploadedFile(name, data)})


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
def test_preview_shows_each_role_with_levels_side_by_side(hr_client):
    response = upload(hr_client, SAMPLE.read_bytes(), name=SAMPLE.name)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Insurance Officer" in page and "Insurance Team Leader" in page
    assert "Level A (Developing)" in page and "Level C (Accomplished)" in page
    assert "New requirement categories: Qualifications, Knowledge, Experience, Skills" in page


@samples.needs_samples
def test_preview_saves_nothing(hr_client):
    upload(hr_client, SAMPLE.read_bytes(), name=SAMPLE.name)
    assert not Role.objects.exists()


@samples.needs_samples
def test_confirm_imports_the_previewed_file(hr_client):
    token = upload(hr_client, SAMPLE.read_bytes(), name=SAMPLE.name).context["token"]
    response = hr_client.post(URL, {"action": "confirm", "token": token})
    assert response.status_code == 302
    assert RequirementItem.objects.count() == 82


def test_cancel_saves_nothing_and_forgets_the_file(hr_client):
    token = upload(hr_client, simple_table()).context["token"]
    hr_client.post(URL, {"action": "cancel", "token": token})
    assert not Role.objects.exists()
    assert not (admin_upload.UPLOADS / token).exists()


def test_someone_else_cannot_confirm_an_upload(hr_client, client, db):
    token = upload(hr_client, simple_table()).context["token"]
    other = builders.user("otherhr", hr=True)
    client.logout()
    client.force_login(other)
    client.post(URL, {"action": "confirm", "token": token})
    assert not Role.objects.exists()


def test_bad_file_is_refused_with_its_row_and_saves_nothing(hr_client):
    response = upload(hr_client, b"Range\tLevel A\nBand 2\t\n")
    assert "roles.tsv, row 1: no title column" in response.content.decode()
    assert not Role.objects.exists()


def test_upload_over_the_limit_is_refused(hr_client, settings):
    settings.MAX_UPLOAD_SIZE = 100
    response = upload(hr_client, simple_table())
    assert "are refused" in response.content.decode()
    assert not Role.objects.exists()


def test_preview_offers_confirm_at_its_top_and_its_foot(hr_client):
    page = upload(hr_client, simple_table()).content.decode()
    confirms = [i for i in range(len(page)) if page.startswith('value="confirm"', i)]
    assert len(confirms) == 2
    assert confirms[0] < page.index('id="role-import-report"') < confirms[1]


def test_preview_says_a_new_role_arrives_as_a_draft_without_family_or_review_dates(hr_client):
    page = upload(hr_client, simple_table()).content.decode()
    assert "New roles arrive as drafts" in page
    assert "it arrives as a draft, has no job family and has no review dates." in page


def test_preview_says_a_role_already_here_keeps_its_state(hr_client):
    token = upload(hr_client, simple_table()).context["token"]
    hr_client.post(URL, {"action": "confirm", "token": token})
    page = upload(hr_client, simple_table()).content.decode()
    assert "it keeps its status, keeps its job family and keeps its review dates." in page
