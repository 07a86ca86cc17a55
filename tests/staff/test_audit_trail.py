"""Staff profiles and assessments are in the audit trail; an approved assessment's history is
written although the database refuses any change to the assessment itself (issue #12)."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from staff.models import Assessment, AssessmentItem, StaffProfile
from tests import builders


def test_each_step_of_an_assessment_is_recorded_with_who_took_it(employee, manager, hr):
    made = builders.assessment(employee, by=manager.user, until="approved", hr_user=hr)

    records = list(made.history.order_by("history_date", "history_id"))
    assert [r.status for r in records] == [
        "draft",  # started
        "draft",  # rated
        "submitted",
        "acknowledged",
        "approved",
    ]
    assert records[-1].effective_date is not None
    # Outside a request the user is not known from the middleware; the path still is.
    assert {r.history_change_reason for r in records} == {"command"}


def test_ratings_are_recorded_item_by_item(employee, manager):
    made = builders.assessment(employee, by=manager.user, rating="met")
    item = made.items.first()
    assert [r.rating for r in item.history.order_by("history_date", "history_id")] == ["", "met"]


def test_an_approved_assessment_stays_read_only_with_history_installed(employee, manager, hr):
    made = builders.assessment(employee, by=manager.user, until="approved", hr_user=hr)
    made.summary = "Rewritten afterwards"
    with pytest.raises(IntegrityError), transaction.atomic():
        made.save()
    assert Assessment.objects.get(pk=made.pk).summary != "Rewritten afterwards"
    assert not made.history.filter(summary="Rewritten afterwards").exists()


def test_a_managers_save_through_the_page_names_the_manager(login, employee, manager):
    made = builders.assessment(employee, by=manager.user, rating=None)
    item = made.items.first()
    client = login(manager)
    url = reverse("staff:assessment", args=[made.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data[f"rating_{item.pk}"] = "met"
    client.post(url, data)
    record = AssessmentItem.history.filter(id=item.pk).latest()
    assert record.rating == "met"
    assert (record.history_user, record.history_change_reason) == (manager.user, "page")


def test_changing_a_staff_profile_in_the_admin_is_recorded(login, hr, employee, colleague):
    client = login(hr)
    url = reverse("admin:staff_staffprofile_change", args=[employee.pk])
    response = client.post(
        url,
        {
            "user": employee.user_id,
            "employee_number": employee.employee_number,
            "level": colleague.level_id,
            "level_effective_date": "2026-01-05",
            "level_change_reason": "Promoted at the annual review",
            "line_manager": employee.line_manager_id,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    record = StaffProfile.history.filter(id=employee.pk).latest()
    assert (record.level_id, record.history_user, record.history_change_reason) == (
        colleague.level_id,
        hr,
        "admin",
    )
    history_page = client.get(reverse("admin:staff_staffprofile_history", args=[employee.pk]))
    assert "Level" in history_page.content.decode()
