"""A role's rendered profile is kept for every reader until the role changes: an edit made
through any of HR's pages shows at once on the role page, the family path and the print page."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from competencies.models import (
    Competency,
    CompetencyFramework,
    ProficiencyLevel,
)
from roles.models import (
    Grade,
    RequirementGroup,
    RequirementItem,
    Responsibility,
    RoleCompetency,
)
from tests.admin_pages import admin_url, change_form_data, item_prefix, level_page_saved


@pytest.fixture
def hr_client(hr):
    client = Client()
    client.force_login(hr)
    return client


def role_page(client, role) -> str:
    return client.get(reverse("roles:detail", args=[role.pk])).content.decode()


def family_page(client, role) -> str:
    return client.get(reverse("roles:family_path", args=[role.job_family_id])).content.decode()


def print_page(client, role) -> str:
    return client.get(reverse("roles:print", args=[role.pk])).content.decode()


@pytest.mark.parametrize("page_of", [role_page, print_page])
def test_a_second_reading_of_the_role_reads_no_items(login, employee, insurance_officer, page_of):
    client = login(employee)
    page_of(client, insurance_officer)
    with CaptureQueriesContext(connection) as queries:
        page = page_of(client, insurance_officer)
    assert "Knowledge item 1 of Insurance Officer level B" in page
    assert not [q for q in queries if "roles_requirementitem" in q["sql"]]


def test_an_item_edited_on_its_levels_admin_page_shows_at_once(
    login, employee, hr_client, insurance_officer
):
    reader = login(employee)
    assert "Knowledge item 1 of Insurance Officer level B" in role_page(reader, insurance_officer)
    family_page(reader, insurance_officer)
    print_page(reader, insurance_officer)
    item = RequirementItem.objects.get(level__code="B", group__heading="Knowledge", order=1)
    changes = {f"{item_prefix(item)}-text": "Knows the claims ledger"}

    assert level_page_saved(hr_client, item.level, changes).status_code == 302

    for page_of in (role_page, family_page, print_page):
        page = page_of(reader, insurance_officer)
        assert "Knows the claims ledger" in page
        assert "Knowledge item 1 of Insurance Officer level B" not in page


def test_a_responsibility_edited_on_its_own_admin_page_shows_at_once(
    login, employee, hr_client, insurance_officer
):
    duty = Responsibility.objects.create(role=insurance_officer, order=1, text="Handles claims")
    insurance_officer.refresh_from_db()
    reader = login(employee)
    assert "Handles claims" in role_page(reader, insurance_officer)
    data = change_form_data(hr_client.get(admin_url(Responsibility, "change", duty.pk)))
    data["text"] = "Settles claims"

    assert hr_client.post(admin_url(Responsibility, "change", duty.pk), data).status_code == 302

    assert "Settles claims" in role_page(reader, insurance_officer)


@pytest.mark.parametrize("renamed", ["group", "grade", "competency"])
def test_a_renamed_group_grade_or_competency_shows_at_once(
    login, employee, hr_client, insurance_officer, renamed
):
    framework = CompetencyFramework.objects.create(name="Core")
    RoleCompetency.objects.create(
        role=insurance_officer,
        competency=Competency.objects.create(framework=framework, name="Teamwork", order=1),
        proficiency=ProficiencyLevel.objects.create(framework=framework, name="Expert", order=1),
    )
    target = {
        "group": RequirementGroup.objects.filter(heading="Knowledge").first(),
        "grade": Grade.objects.get(pk=insurance_officer.grade_id),
        "competency": Competency.objects.get(name="Teamwork"),
    }[renamed]
    reader = login(employee)
    role_page(reader, insurance_officer)
    family_page(reader, insurance_officer)
    url = admin_url(type(target), "change", target.pk)
    data = change_form_data(hr_client.get(url))
    data["heading" if renamed == "group" else "name"] = "Renamed by HR"

    assert hr_client.post(url, data).status_code == 302

    assert "Renamed by HR" in role_page(reader, insurance_officer)
    if renamed != "competency":  # the family path shows no competencies
        assert "Renamed by HR" in family_page(reader, insurance_officer)
