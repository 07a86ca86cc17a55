"""Levels, roles and requirement items that people's records depend on are not deleted; the
refusal names what depends on them (issue #12)."""

import pytest
from django.urls import reverse

from roles.models import Level, RequirementItem, Role
from staff import progression
from staff.self_assessment import evidence_add, self_rating_set
from tests import builders
from tests.admin_pages import item_prefix, level_page_saved


@pytest.fixture
def hr_client(login, hr):
    return login(hr)


def next_level_item(employee):
    return RequirementItem.objects.filter(level__role=employee.level.role, level__code="B").first()


@pytest.fixture(params=["rated", "self-rated", "evidence"])
def item_in_use(request, employee, manager):
    item = next_level_item(employee)
    if request.param == "rated":
        progression.assessment_start(staff=employee, by=manager.user)
    elif request.param == "self-rated":
        self_rating_set(staff=employee, ratings={item.pk: "met"})
    else:
        evidence_add(staff=employee, added_by=employee.user, text="Did it", requirements=[item])
    return item


def test_deleting_an_item_in_use_on_its_levels_page_retires_it(hr_client, item_in_use):
    """Refused at first; retired since (tests/roles/test_retiring.py)."""
    changes = {f"{item_prefix(item_in_use)}-DELETE": "on"}
    response = level_page_saved(hr_client, item_in_use.level, changes)
    assert response.url == reverse("admin:roles_role_change", args=[item_in_use.level.role_id])
    response = hr_client.get(response.url)
    assert "Retired, not deleted" in response.content.decode()
    assert RequirementItem.all_objects.get(pk=item_in_use.pk).retired_at is not None


def test_deleting_a_level_whose_items_are_in_use_is_refused(hr_client, item_in_use):
    level = item_in_use.level
    url = reverse("admin:roles_level_delete", args=[level.pk])
    response = hr_client.post(url, {"post": "yes"})
    assert str(item_in_use)[:40] in response.content.decode()
    assert Level.objects.filter(pk=level.pk).exists()


def test_deleting_an_item_in_use_from_its_own_page_is_refused(hr_client, item_in_use):
    url = reverse("admin:roles_requirementitem_delete", args=[item_in_use.pk])
    response = hr_client.post(url, {"post": "yes"})
    assert "self-rated or supported by evidence" in response.content.decode()
    assert RequirementItem.objects.filter(pk=item_in_use.pk).exists()


def test_deleting_a_role_people_hold_is_refused_naming_them(hr_client, employee):
    role = employee.level.role
    response = hr_client.post(reverse("admin:roles_role_delete", args=[role.pk]), {"post": "yes"})
    assert employee.name in response.content.decode()
    assert Role.objects.filter(pk=role.pk).exists()


def test_an_item_nobody_used_is_deleted_as_before(hr_client, db):
    role = builders.role("Legal Officer", family="Legal", grade_name="Range 5")
    item = RequirementItem.objects.filter(level__role=role).first()
    url = reverse("admin:roles_requirementitem_delete", args=[item.pk])
    hr_client.post(url, {"post": "yes"})
    assert not RequirementItem.objects.filter(pk=item.pk).exists()
