"""Every change of level goes through staff.history: approvals, the admin, imports; role
moves close open assessments; returned assessments go back to the manager unseen."""

import datetime

import pytest
import tablib
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from staff import progression
from staff.history import level_change_record
from staff.models import Assessment, LevelChange, LineManagerChange, StaffProfile
from staff.resources import StaffResource
from staff.standing import standing_of
from tests import builders

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 11, 1)


def test_a_role_move_closes_open_assessments_and_approving_them_cannot_move_back(
    employee, manager, hr
):
    acknowledged = builders.assessment(employee, by=manager.user, until="acknowledged")
    claims = builders.role("Claims Handler")
    level_change_record(
        staff=employee,
        to_level=claims.levels.get(code="A"),
        effective_date=timezone.localdate(),
        reason="Moved to claims",
        by=hr,
    )
    acknowledged.refresh_from_db()
    assert acknowledged.status == Assessment.Status.CLOSED
    assert acknowledged.events.last().note.startswith("Closed: Employee Tester moves to Claims")
    with pytest.raises(ValidationError):
        progression.assessment_approve(assessment=acknowledged, by=hr, effective_date=DAY)
    employee.refresh_from_db()
    assert employee.role == claims


def test_every_level_change_records_from_to_date_why_and_who(employee, hr):
    level_a, level_b = employee.level, employee.level.next_level()
    change = level_change_record(
        staff=employee, to_level=level_b, effective_date=DAY, reason="Correction", by=hr
    )
    assert (change.from_level, change.to_level, change.effective_date) == (
        level_a,
        level_b,
        DAY,
    )
    assert (change.note, change.recorded_by) == ("Correction", hr)
    employee.refresh_from_db()
    assert (employee.level, employee.level_reached_on) == (level_b, DAY)


def test_a_level_change_needs_a_reason(employee, hr):
    with pytest.raises(ValidationError):
        level_change_record(
            staff=employee,
            to_level=employee.level.next_level(),
            effective_date=DAY,
            reason=" ",
            by=hr,
        )


def test_adding_a_level_change_in_the_admin_moves_the_person(login, hr, employee):
    level_b = employee.level.next_level()
    response = login(hr).post(
        reverse("admin:staff_levelchange_add"),
        {
            "staff": employee.pk,
            "to_level": level_b.pk,
            "effective_date": "2026-04-01",
            "note": "Review",
        },
    )
    assert response.status_code == 302
    employee.refresh_from_db()
    assert employee.level == level_b
    assert LevelChange.objects.get(staff=employee).from_level.code == "A"


def _profile_form(employee, **changes):
    data = {
        "user": employee.user_id,
        "employee_number": employee.employee_number,
        "level": employee.level_id,
        "line_manager": employee.line_manager_id or "",
        "level_effective_date": "",
        "level_change_reason": "",
    }
    data.update(changes)
    return data


def test_editing_a_level_in_the_admin_records_it_in_the_history(login, hr, employee):
    level_b = employee.level.next_level()
    url = reverse("admin:staff_staffprofile_change", args=[employee.pk])
    client = login(hr)
    refused = client.post(url, _profile_form(employee, level=level_b.pk))
    assert refused.status_code == 200
    assert "Say why the level changes." in refused.content.decode()

    response = client.post(
        url, _profile_form(employee, level=level_b.pk, level_change_reason="Regraded")
    )
    assert response.status_code == 302
    employee.refresh_from_db()
    assert employee.level == level_b
    change = LevelChange.objects.get(staff=employee)
    assert (change.note, change.recorded_by, change.effective_date) == (
        "Regraded",
        hr,
        timezone.localdate(),
    )


def test_changing_a_line_manager_in_the_admin_is_recorded(
    login, hr, employee, manager, other_manager
):
    url = reverse("admin:staff_staffprofile_change", args=[employee.pk])
    response = login(hr).post(url, _profile_form(employee, line_manager=other_manager.pk))
    assert response.status_code == 302
    change = LineManagerChange.objects.get(staff=employee)
    assert (change.from_manager, change.to_manager, change.changed_by) == (
        manager,
        other_manager,
        hr,
    )
    assert StaffProfile.objects.get(pk=employee.pk).line_manager == other_manager


def test_a_returned_assessment_is_the_managers_draft_until_resubmitted(
    login, employee, manager, hr
):
    submitted = builders.assessment(employee, by=manager.user, until="submitted")
    met_before = standing_of(employee).towards_next.met
    progression.assessment_return(assessment=submitted, by=hr, reason="Evidence for item 2?")

    assert standing_of(employee).towards_next.met == 0 < met_before
    profile = login(employee).get(reverse("staff:my_profile")).content.decode()
    assert "Evidence for item 2?" not in profile
    assert reverse("staff:assessment", args=[submitted.pk]) not in profile

    submitted.refresh_from_db()
    progression.assessment_submit(assessment=submitted, by=manager.user)
    page = login(employee).get(reverse("staff:assessment", args=[submitted.pk]))
    assert page.status_code == 200
    assert "Evidence for item 2?" not in page.content.decode()
    assert standing_of(employee).towards_next.met == met_before


def _load_staff(*rows):
    headers = [
        "employee_number",
        "first_name",
        "last_name",
        "email",
        "role",
        "level",
        "line_manager",
        "level_reached_on",
    ]
    result = StaffResource().import_data(
        tablib.Dataset(*rows, headers=headers),
        dry_run=False,
        use_transactions=True,
        rollback_on_validation_errors=True,
        user=None,
    )
    assert not result.has_errors() and not result.has_validation_errors()


def test_a_staff_list_changes_levels_and_managers_through_the_history(insurance_officer):
    row = ["E1", "Pat", "Tester", "e1@example.org", "Insurance Officer", "A", "", "2024-04-01"]
    boss = ["E9", "Bo", "Tester", "e9@example.org", "Insurance Officer", "C", "", "2020-01-01"]
    _load_staff(row, boss)
    pat = StaffProfile.objects.get(employee_number="E1")
    first = LevelChange.objects.get(staff=pat)
    assert (first.from_level, first.to_level.code, first.effective_date) == (
        None,
        "A",
        datetime.date(2024, 4, 1),
    )

    _load_staff(row[:5] + ["B", "E9", "2025-04-01"], boss)
    pat.refresh_from_db()
    assert (pat.level.code, pat.level_reached_on) == ("B", datetime.date(2025, 4, 1))
    latest = pat.level_changes.order_by("-effective_date").first()
    assert (latest.from_level.code, latest.note) == ("A", "Loaded from the staff list")
    assert LineManagerChange.objects.get(staff=pat).to_manager.employee_number == "E9"


def test_the_approval_email_says_when_a_scheduled_level_takes_effect(
    employee, manager, hr, django_capture_on_commit_callbacks, mailoutbox
):
    later = timezone.localdate() + datetime.timedelta(days=10)
    acknowledged = builders.assessment(employee, by=manager.user, until="acknowledged")
    with django_capture_on_commit_callbacks(execute=True):
        progression.assessment_approve(assessment=acknowledged, by=hr, effective_date=later)
    assert f"Employee Tester will be at Level B from {later:%-d %B %Y}." in mailoutbox[-1].body
