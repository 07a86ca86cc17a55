"""What HR types into role profiles and frameworks has length limits, in the admin and in
imported files, with a message naming the place (issue #12)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.fields import DESCRIPTION_MAX_LENGTH, ITEM_MAX_LENGTH
from roles.models import JobFamily, RequirementItem, Role
from tests.career_tables import cell, role_block, tsv


@pytest.fixture
def hr_client(client, hr):
    client.force_login(hr)
    return client


def test_the_admin_refuses_an_over_long_description(hr_client):
    response = hr_client.post(
        reverse("admin:roles_jobfamily_add"),
        {"name": "Legal", "description": "d" * (DESCRIPTION_MAX_LENGTH + 1)},
    )
    assert response.status_code == 200
    assert f"at most {DESCRIPTION_MAX_LENGTH} characters" in response.content.decode()
    assert not JobFamily.objects.exists()


def test_full_clean_refuses_an_over_long_requirement(insurance_officer):
    item = RequirementItem.objects.filter(level__role=insurance_officer).first()
    item.text = "t" * (ITEM_MAX_LENGTH + 1)
    with pytest.raises(ValidationError, match=f"at most {ITEM_MAX_LENGTH} characters"):
        item.full_clean()


def test_an_imported_over_long_requirement_is_refused_naming_the_role(hr_client):
    long_item = "Knows " + "very " * ITEM_MAX_LENGTH
    table = tsv(*role_block(rows=[["", "", "", cell("Knowledge", long_item), cell("Knowledge")]]))
    response = hr_client.post(
        reverse("admin:roles_role_import_profiles"),
        {"file": SimpleUploadedFile("roles.tsv", table)},
        follow=True,
    )
    page = response.content.decode()
    assert "Claims Handler" in page and f"at most {ITEM_MAX_LENGTH} fit" in page
    assert not Role.objects.exists()


def test_an_imported_over_long_title_is_refused_not_a_server_error(hr_client):
    table = tsv(*role_block(title="T" * 300))
    response = hr_client.post(
        reverse("admin:roles_role_import_profiles"),
        {"file": SimpleUploadedFile("roles.tsv", table)},
        follow=True,
    )
    assert response.status_code == 200
    assert "the title is 300 characters long; at most 200 fit" in response.content.decode()
    assert not Role.objects.exists()
