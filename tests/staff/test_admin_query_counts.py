"""Intended to prevent pages that grow with the data: HR's staff pages read the same number
of queries, and list no more levels, for a bigger organisation than for a small one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from staff.models import (
    Assessment,
    AssessmentEvent,
    AssessmentItem,
    Evidence,
    LevelChange,
    SelfRating,
    StaffProfile,
)
from tests import builders
from tests.admin_pages import admin_url


@pytest.fixture
def hr_client(login, hr):
    return login(hr)


def grow(manager, start: int) -> None:
    """Five more roles, and a report of `manager` in each, assessed and approved."""
    for n in range(start, start + 5):
        role = builders.role(f"Grown role {n}", grade_name=f"Range {n + 10}")
        person = builders.staff(f"grown{n}", level=role.levels.get(code="A"), manager=manager)
        builders.assessment(person, by=manager.user, until="approved")


def queries(client, url) -> int:
    client.get(url)  # once first: per-process caches (content types) are filled
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


PAGES = {
    "staff list": lambda employee: admin_url(StaffProfile, "changelist"),
    "staff change": lambda employee: admin_url(StaffProfile, "change", employee.pk),
    "level change add": lambda employee: admin_url(LevelChange, "add"),
    "assessments": lambda employee: admin_url(Assessment, "changelist"),
    "assessment items": lambda employee: admin_url(AssessmentItem, "changelist"),
    "assessment events": lambda employee: admin_url(AssessmentEvent, "changelist"),
    "evidence": lambda employee: admin_url(Evidence, "changelist"),
    "self-ratings": lambda employee: admin_url(SelfRating, "changelist"),
}


@pytest.mark.parametrize("page", PAGES)
def test_an_admin_staff_page_reads_as_much_for_a_bigger_organisation(
    hr_client, manager, employee, page
):
    url = PAGES[page](employee)
    grow(manager, 0)
    small = queries(hr_client, url)
    grow(manager, 5)

    assert queries(hr_client, url) == small


@pytest.mark.parametrize("page", ["staff change", "level change add"])
def test_the_staff_and_level_change_pages_search_levels_instead_of_listing_them(
    hr_client, manager, employee, page
):
    grow(manager, 0)
    html = hr_client.get(PAGES[page](employee)).content.decode()
    assert "Grown role 1 — Level A" not in html
    assert 'data-theme="admin-autocomplete"' in html


def test_a_level_found_by_search_is_named_with_its_role(hr_client, employee):
    response = hr_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Insurance",
            "app_label": "staff",
            "model_name": "staffprofile",
            "field_name": "level",
        },
    )
    assert response.status_code == 200
    assert "Insurance Officer — Level A" in [r["text"] for r in response.json()["results"]]
