"""The demo shows the product at work: assessments in every state, made through the workflow,
level history, self-ratings and evidence; and the sign-in page names the demo accounts
on a development machine only."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from staff.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from staff.models import Assessment, Evidence, LevelChange, SelfRating, StaffProfile
from staff.standing import standing_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo_data", stdout=None)


def test_there_is_an_assessment_in_every_state_of_the_workflow(demo):
    # "Closed" is left out: only a move to another role closes an assessment.
    workflow = {"draft", "submitted", "acknowledged", "approved", "returned"}
    assert set(Assessment.objects.values_list("status", flat=True)) == workflow


def test_each_assessment_went_through_the_workflow(demo):
    for assessment in Assessment.objects.all():
        statuses = list(assessment.events.order_by("at", "pk").values_list("to_status", flat=True))
        assert statuses[0] == "draft"
        assert statuses[-1] == assessment.status
        if assessment.status != "draft":
            assert "submitted" in statuses


def test_an_approved_progression_is_in_the_level_history(demo):
    change = LevelChange.objects.select_related("staff__user", "to_level").get()
    assert change.assessment.status == "approved"
    assert change.staff.level == change.to_level


def test_one_person_is_ready_for_the_next_level_and_one_is_not(demo):
    open_ones = Assessment.objects.filter(status__in=["submitted", "acknowledged"])
    ready = {a.staff.user.username: standing_of(a.staff).towards_next.rule_met for a in open_ones}
    assert ready == {"payroll2": True, "payroll4": False}


def test_the_demo_employee_has_self_ratings_evidence_and_a_shown_assessment(demo):
    employee = StaffProfile.objects.get(user__username="employee")
    assert SelfRating.objects.filter(staff=employee).count() >= 3
    assert Evidence.objects.filter(staff=employee, added_by=employee.user).exists()
    assert employee.assessments.filter(status="approved").exists()
    assert employee.assessments.filter(status="draft").exists()


def test_sign_in_page_names_the_demo_accounts_when_debug_is_on(client, settings):
    settings.DEBUG = True
    page = client.get(reverse("login")).content.decode()
    assert DEMO_PASSWORD in page
    for username, _ in DEMO_ACCOUNTS:
        assert f"<code>{username}</code>" in page


def test_sign_in_page_never_shows_the_demo_password_in_production(client, settings):
    settings.DEBUG = False
    page = client.get(reverse("login")).content.decode()
    assert DEMO_PASSWORD not in page
    assert "Demo accounts" not in page
