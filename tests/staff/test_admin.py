"""HR's admin for staff: levels named with their role, no loops in the tree, level history
added but never rewritten, assessments only read; the staff list filters by role."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roles.models import Level
from staff.models import Assessment, LevelChange, StaffProfile
from tests import builders
from tests.admin_pages import admin_url, change_form_data


@pytest.fixture
def hr_client(login, hr):
    return login(hr)


def test_staff_profile_offers_levels_named_with_their_role(hr_client, employee):
    response = hr_client.get(admin_url(type(employee), "change", employee.pk))
    assert "Insurance Officer — Level A" in response.content.decode()


def test_hr_cannot_make_a_management_loop(hr_client, manager, employee):
    data = change_form_data(hr_client.get(admin_url(type(manager), "change", manager.pk)))
    data["line_manager"] = employee.pk

    response = hr_client.post(admin_url(type(manager), "change", manager.pk), data)

    assert "would make a loop in the management tree" in response.content.decode()
    manager.refresh_from_db()
    assert manager.line_manager != employee


def test_a_level_change_records_who_added_it(hr_client, hr, employee):
    level_b = Level.objects.get(role=employee.role, code="B")
    response = hr_client.post(
        admin_url(LevelChange, "add"),
        {
            "staff": employee.pk,
            "from_level": employee.level_id,
            "to_level": level_b.pk,
            "effective_date": "2026-04-01",
            "note": "Promotion agreed at review",
        },
    )

    assert response.status_code == 302
    assert LevelChange.objects.get(staff=employee).recorded_by == hr


def test_level_history_cannot_be_rewritten(hr_client, hr, employee):
    change = LevelChange.objects.create(
        staff=employee, to_level=employee.level, effective_date="2026-01-01"
    )
    response = hr_client.post(admin_url(LevelChange, "change", change.pk), {"note": "edited"})

    change.refresh_from_db()
    assert (response.status_code, change.note) == (403, "")


def test_hr_reads_an_assessment_item_by_item(hr_client, employee):
    assessment = Assessment.objects.create(
        staff=employee, assessor=employee.line_manager.user, target_level=employee.level
    )
    assessment.items.create(
        order=1, category_name="Skills", level_code="A", text="Checks figures", rating="met"
    )

    response = hr_client.get(admin_url(Assessment, "change", assessment.pk))

    assert response.status_code == 200
    assert "Checks figures" in response.content.decode()


def test_staff_list_filters_by_role(hr_client, employee):
    builders.staff("lawyer", level=builders.role("Legal Assistant").levels.get(code="A"))

    response = hr_client.get(admin_url(StaffProfile, "changelist"), {"role": employee.role.pk})

    listed = {profile.role.title for profile in response.context["cl"].result_list}
    assert listed == {"Insurance Officer"}


def test_staff_list_with_a_nonsense_role_is_not_an_error(hr_client, employee):
    response = hr_client.get(admin_url(StaffProfile, "changelist"), {"role": "nonsense"})
    assert response.status_code == 302
    assert response.url.endswith("?e=1")


def add_staff(names: range) -> None:
    for n in names:
        role = builders.role(f"Role {n}", levels=("A",))
        boss = builders.staff(f"boss{n}", level=role.levels.get())
        builders.staff(f"member{n}", level=role.levels.get(), manager=boss)


def changelist_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(admin_url(StaffProfile, "changelist")).status_code == 200
    return len(queries)


def test_the_staff_list_reads_as_much_for_many_rows_as_for_few(hr_client):
    """Intended to prevent an n+1 issue: each column's objects are joined, not read per row."""
    add_staff(range(2))
    few = changelist_queries(hr_client)
    add_staff(range(2, 12))

    assert changelist_queries(hr_client) == few
