"""The demo organisation: what `load_demo_data` creates, and that a second run changes nothing."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import Count, Max
from django.test import RequestFactory

from core.access import is_hr
from roles.models import GradingScheme, JobFamily, Role
from staff.demo import DEMO_PASSWORD
from staff.models import StaffProfile

pytestmark = pytest.mark.django_db


@pytest.fixture
def output():
    out = StringIO()
    call_command("load_demo_data", stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    """How many rows each model has, and the latest change time where a model records one."""
    state = {}
    for model in apps.get_models():
        state[model._meta.label] = model.objects.count()
        if any(field.name == "updated_at" for field in model._meta.fields):
            state[f"{model._meta.label} updated"] = model.objects.aggregate(Max("updated_at"))
    return state


def sign_in_request():
    """django-axes counts sign-ins by address: authenticating needs the request."""
    return RequestFactory().post("/accounts/login/")


def test_the_command_prints_the_demo_password(output):
    assert DEMO_PASSWORD in output


def test_the_three_demo_logins_sign_in_with_it(output):
    for username in ("hr", "manager", "employee"):
        assert authenticate(sign_in_request(), username=username, password=DEMO_PASSWORD)


def test_hr_is_a_staff_member_in_the_hr_group_not_a_superuser(output):
    hr = authenticate(sign_in_request(), username="hr", password=DEMO_PASSWORD)
    assert (hr.is_staff, is_hr(hr), hr.is_superuser) == (True, True, False)


def test_there_are_six_roles_in_three_families_on_two_schemes(output):
    assert Role.objects.published().count() >= 6
    assert JobFamily.objects.filter(roles__isnull=False).distinct().count() >= 3
    assert GradingScheme.objects.filter(grades__roles__isnull=False).distinct().count() == 2


def test_every_role_has_at_least_20_requirement_items(output):
    counts = Role.objects.annotate(items=Count("levels__requirement_items"))
    assert min(role.items for role in counts) >= 20


def test_career_grades_have_levels_a_b_c_and_the_job_family_1_2_3(output):
    codes = {
        role.title: list(role.levels.values_list("code", flat=True)) for role in Role.objects.all()
    }
    assert codes["Payroll Officer"] == ["A", "B", "C"]
    assert codes["Case Officer"] == ["1", "2", "3"]


def test_the_employee_is_managed_by_the_manager_who_has_a_manager_too(output):
    employee = StaffProfile.objects.get(user__username="employee")
    assert employee.line_manager.user.username == "manager"
    assert employee.line_manager.line_manager is not None
    assert StaffProfile.objects.count() >= 15


def test_the_employee_has_a_next_level_to_work_towards(output):
    employee = StaffProfile.objects.get(user__username="employee")
    assert employee.level.next_level() is not None


def test_a_second_run_changes_nothing(output):
    before = snapshot()
    out = StringIO()

    call_command("load_demo_data", stdout=out)

    assert snapshot() == before
    assert "nothing changed" in out.getvalue()


def test_roles_require_proficiency_in_the_core_behaviours(output):
    assert Role.objects.filter(
        role_competencies__competency__framework__name="Core Behaviours"
    ).exists()
