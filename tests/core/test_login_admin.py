"""HR manages ordinary logins; only superusers grant privileges or set passwords (issue #12)."""

import pytest
import tablib
from django.contrib.auth.models import Group, Permission, User
from django.core import mail
from django.urls import reverse

from core.access import HR_GROUP_NAME
from staff.models import StaffProfile
from staff.resources import StaffResource
from tests import builders

HEADERS = ["employee_number", "first_name", "last_name", "email", "role", "level",
           "line_manager", "level_reached_on"]  # fmt: skip


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("root", "root@example.org", builders.PASSWORD)


def change_url(user):
    return reverse("admin:auth_user_change", args=[user.pk])


def login_post(user, **changes):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on" if user.is_active else "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def test_hr_change_form_has_no_privilege_or_password_fields(login, hr, employee):
    response = login(hr).get(change_url(employee.user))
    fields = set(response.context["adminform"].form.fields)
    assert fields == {"username", "first_name", "last_name", "email", "is_active"}
    assert reverse("admin:auth_user_password_change", args=[employee.user.pk]) not in (
        response.content.decode()
    )


def test_hr_ticking_superuser_on_a_login_grants_nothing(login, hr, employee):
    group = Group.objects.get(name=HR_GROUP_NAME)
    data = login_post(
        employee.user,
        first_name="Renamed",
        is_superuser="on",
        is_staff="on",
        groups=[group.pk],
        user_permissions=[Permission.objects.first().pk],
    )
    response = login(hr).post(change_url(employee.user), data)
    assert response.status_code == 302
    employee.user.refresh_from_db()
    assert employee.user.first_name == "Renamed"
    assert not employee.user.is_superuser and not employee.user.is_staff
    assert not employee.user.groups.exists() and not employee.user.user_permissions.exists()


def test_hr_cannot_make_their_own_login_superuser(login, hr):
    response = login(hr).post(change_url(hr), login_post(hr, is_superuser="on"))
    assert response.status_code == 403
    hr.refresh_from_db()
    assert not hr.is_superuser


def test_hr_cannot_change_the_superusers_email(login, hr, superuser):
    response = login(hr).post(change_url(superuser), login_post(superuser, email="hr@evil.test"))
    assert response.status_code == 403
    superuser.refresh_from_db()
    assert superuser.email == "root@example.org"


@pytest.mark.parametrize("whose", ["superuser", "employee", "hr"])
def test_hr_cannot_set_anyones_password(login, hr, superuser, employee, whose):
    target = {"superuser": superuser, "employee": employee.user, "hr": hr}[whose]
    url = reverse("admin:auth_user_password_change", args=[target.pk])
    client = login(hr)
    assert client.get(url).status_code == 403
    data = {"password1": "Takeover-2026!", "password2": "Takeover-2026!", "usable_password": "true"}
    assert client.post(url, data).status_code == 403
    target.refresh_from_db()
    assert not target.check_password("Takeover-2026!")


def test_hr_creates_a_login_without_password_or_privileges(login, hr):
    data = {
        "username": "newstarter",
        "first_name": "New",
        "last_name": "Starter",
        "email": "new@example.org",
        "password1": "Chosen-by-HR-2026",
        "password2": "Chosen-by-HR-2026",
        "usable_password": "true",
        "is_superuser": "on",
        "is_staff": "on",
    }
    response = login(hr).post(reverse("admin:auth_user_add"), data)
    assert response.status_code == 302
    user = User.objects.get(username="newstarter")
    assert not user.has_usable_password()
    assert not (user.is_superuser or user.is_staff)


def test_hr_deactivates_a_leaver(login, hr, employee):
    login(hr).post(change_url(employee.user), login_post(employee.user, is_active=""))
    employee.user.refresh_from_db()
    assert not employee.user.is_active


def test_a_name_with_a_line_break_is_refused(login, hr, employee):
    data = login_post(employee.user, last_name="Tester\nBcc: everyone@example.org")
    response = login(hr).post(change_url(employee.user), data)
    assert response.status_code == 200
    assert "one line" in str(response.context["adminform"].form.errors)


def test_hr_sends_a_password_reset_to_a_login_without_password(login, hr, db):
    user = User.objects.create_user("fresh", email="fresh@example.org", password=None)
    data = {"action": "send_password_reset", "_selected_action": [user.pk]}
    login(hr).post(reverse("admin:auth_user_changelist"), data)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["fresh@example.org"]
    assert "/accounts/reset/" in mail.outbox[0].body


def test_superuser_still_manages_privileges(login, superuser, employee):
    response = login(superuser).get(change_url(employee.user))
    assert "is_superuser" in response.context["adminform"].form.fields
    url = reverse("admin:auth_user_password_change", args=[employee.user.pk])
    assert login(superuser).get(url).status_code == 200


def test_group_admin_is_for_superusers_even_if_hr_is_given_group_permissions(login, hr):
    group = Group.objects.get(name=HR_GROUP_NAME)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="auth"))
    hr = User.objects.get(pk=hr.pk)  # permissions are cached on the user
    client = login(hr)
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403
    response = client.post(
        reverse("admin:auth_group_change", args=[group.pk]),
        {"name": HR_GROUP_NAME, "permissions": [p.pk for p in Permission.objects.all()]},
    )
    assert response.status_code == 403


def test_staff_import_cannot_change_a_privileged_logins_email(insurance_officer, superuser):
    StaffProfile.objects.create(user=superuser, employee_number="E1")
    row = ["E1", superuser.first_name, superuser.last_name, "hr@evil.test", "", "", "", ""]
    result = StaffResource().import_data(
        tablib.Dataset(row, headers=HEADERS), dry_run=False, use_transactions=True,
        rollback_on_validation_errors=True,
    )  # fmt: skip
    assert result.has_validation_errors()
    superuser.refresh_from_db()
    assert superuser.email == "root@example.org"


def test_staff_import_refuses_a_name_on_two_lines(insurance_officer):
    row = ["E2", "Pat", "Tester\nBcc: all@example.org", "e2@example.org", "", "", "", ""]
    result = StaffResource().import_data(
        tablib.Dataset(row, headers=HEADERS), dry_run=False, use_transactions=True,
        rollback_on_validation_errors=True,
    )  # fmt: skip
    assert result.has_validation_errors()
    assert not User.objects.filter(username="E2").exists()


def test_staff_import_refuses_an_over_long_employee_number(insurance_officer):
    row = ["E" * 31, "Pat", "Tester", "pat@example.org", "", "", "", ""]
    result = StaffResource().import_data(
        tablib.Dataset(row, headers=HEADERS), dry_run=False, use_transactions=True,
        rollback_on_validation_errors=True,
    )  # fmt: skip
    assert result.has_validation_errors()
    assert "at most 30 fit" in str(result.invalid_rows[0].error_dict)
