"""A manager's profile with reports is not deleted from under them (issue #12)."""

from django.urls import reverse

from staff.models import StaffProfile


def test_deleting_a_managers_profile_is_refused_naming_the_reports(login, hr, manager, employee):
    url = reverse("admin:staff_staffprofile_delete", args=[manager.pk])
    response = login(hr).post(url, {"post": "yes"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "protected" in page and employee.name in page
    assert StaffProfile.objects.filter(pk=manager.pk).exists()
    employee.refresh_from_db()
    assert employee.line_manager == manager


def test_deleting_a_managers_profile_with_the_list_action_is_refused(login, hr, manager, employee):
    response = login(hr).post(
        reverse("admin:staff_staffprofile_changelist"),
        {"action": "delete_selected", "_selected_action": [manager.pk], "post": "yes"},
    )
    assert employee.name in response.content.decode()
    assert StaffProfile.objects.filter(pk=manager.pk).exists()


def test_a_profile_without_reports_can_be_deleted(login, hr, outsider):
    url = reverse("admin:staff_staffprofile_delete", args=[outsider.pk])
    login(hr).post(url, {"post": "yes"})
    assert not StaffProfile.objects.filter(pk=outsider.pk).exists()
