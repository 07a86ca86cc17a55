"""Nobody assesses, approves, returns or reads drafts about their own progression, HR and
superusers included; the approver is never the assessor. Each rule for each kind of user."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from staff import progression
from staff.history import line_manager_set
from staff.models import Assessment, LineManagerChange
from tests import builders

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 11, 1)


@pytest.fixture
def hr_person(manager, insurance_officer):
    """Someone in HR who is also a member of staff, managed by `manager`."""
    return builders.staff(
        "hrperson", level=insurance_officer.levels.get(code="A"), manager=manager, hr=True
    )


@pytest.fixture
def superuser_person(manager, insurance_officer):
    profile = builders.staff("root", level=insurance_officer.levels.get(code="A"), manager=manager)
    profile.user.is_superuser = True
    profile.user.save()
    return profile


@pytest.fixture
def assessed(request):
    """The person whose own progression is at stake, by kind of user."""
    return request.getfixturevalue(request.param)


KINDS = ["hr_person", "superuser_person", "manager", "employee"]


@pytest.mark.parametrize("assessed", KINDS, indirect=True)
def test_nobody_assesses_themselves(assessed):
    assert not progression.may_assess(assessed.user, assessed)
    with pytest.raises(PermissionDenied):
        progression.assessment_start(staff=assessed, by=assessed.user)


@pytest.mark.parametrize("assessed", KINDS, indirect=True)
def test_nobody_approves_their_own_progression(assessed, senior_manager, manager):
    boss = senior_manager if assessed == manager else manager
    acknowledged = builders.assessment(assessed, by=boss.user, until="acknowledged")
    with pytest.raises(PermissionDenied):
        progression.assessment_approve(
            assessment=acknowledged, by=assessed.user, effective_date=DAY
        )
    acknowledged.refresh_from_db()
    assert acknowledged.status == Assessment.Status.ACKNOWLEDGED


@pytest.mark.parametrize("assessed", KINDS, indirect=True)
def test_nobody_returns_their_own_assessment(assessed, senior_manager, manager):
    boss = senior_manager if assessed == manager else manager
    submitted = builders.assessment(assessed, by=boss.user, until="submitted")
    with pytest.raises(PermissionDenied):
        progression.assessment_return(assessment=submitted, by=assessed.user, reason="Mine")


@pytest.mark.parametrize("assessed", KINDS, indirect=True)
def test_nobody_reads_a_draft_about_themselves(assessed, senior_manager, manager, login):
    boss = senior_manager if assessed == manager else manager
    draft = builders.assessment(assessed, by=boss.user)
    assert not Assessment.objects.visible_to(assessed.user).filter(pk=draft.pk).exists()
    response = login(assessed).get(reverse("staff:assessment", args=[draft.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("assessed", KINDS, indirect=True)
def test_nobody_reads_an_assessment_returned_about_themselves(
    assessed, senior_manager, manager, hr, login
):
    boss = senior_manager if assessed == manager else manager
    submitted = builders.assessment(assessed, by=boss.user, until="submitted")
    progression.assessment_return(assessment=submitted, by=hr, reason="Check item 3")
    response = login(assessed).get(reverse("staff:assessment", args=[submitted.pk]))
    assert response.status_code == 404


def test_another_member_of_hr_approves_an_hr_persons_progression(hr_person, manager, hr):
    acknowledged = builders.assessment(hr_person, by=manager.user, until="acknowledged")
    progression.assessment_approve(assessment=acknowledged, by=hr, effective_date=DAY)
    hr_person.refresh_from_db()
    assert hr_person.level.code == "B"


@pytest.mark.parametrize("approver_kind", ["hr", "superuser"])
def test_hr_who_made_themselves_line_manager_cannot_approve_what_they_assessed(
    approver_kind, employee, manager, insurance_officer
):
    """The measured case: HR made themselves a person's manager, assessed and approved alone."""
    boss = builders.staff(
        "hrboss", level=insurance_officer.levels.get(code="C"), hr=approver_kind == "hr"
    )
    if approver_kind == "superuser":
        boss.user.is_superuser = True
        boss.user.save()
    line_manager_set(staff=employee, manager=boss, by=boss.user)
    change = LineManagerChange.objects.get(staff=employee)
    assert (change.from_manager, change.to_manager, change.changed_by) == (
        manager,
        boss,
        boss.user,
    )
    acknowledged = builders.assessment(employee, by=boss.user, until="acknowledged")
    with pytest.raises(PermissionDenied, match="another member of HR"):
        progression.assessment_approve(assessment=acknowledged, by=boss.user, effective_date=DAY)
    with pytest.raises(PermissionDenied, match="another member of HR"):
        progression.assessment_return(assessment=acknowledged, by=boss.user, reason="x")


def test_a_manager_cannot_approve_or_return(employee, manager):
    acknowledged = builders.assessment(employee, by=manager.user, until="acknowledged")
    with pytest.raises(PermissionDenied):
        progression.assessment_approve(assessment=acknowledged, by=manager.user, effective_date=DAY)
    with pytest.raises(PermissionDenied):
        progression.assessment_return(assessment=acknowledged, by=manager.user, reason="x")


def test_an_employee_cannot_assess_a_colleague(employee, colleague):
    with pytest.raises(PermissionDenied):
        progression.assessment_start(staff=colleague, by=employee.user)


def test_hr_still_reads_drafts_about_others(employee, manager, hr):
    draft = builders.assessment(employee, by=manager.user)
    assert Assessment.objects.visible_to(hr).filter(pk=draft.pk).exists()


def test_the_approve_button_is_not_offered_on_ones_own_assessment(hr_person, manager, login):
    acknowledged = builders.assessment(hr_person, by=manager.user, until="acknowledged")
    response = login(hr_person).get(reverse("staff:assessment", args=[acknowledged.pk]))
    assert response.context["may_approve"] is False
    assert response.context["may_return"] is False
