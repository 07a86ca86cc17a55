"""Staff model rules: the management tree, every unique constraint on both paths, evidence."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from staff.models import (
    Assessment,
    AssessmentItem,
    Evidence,
    SelfRating,
    StaffProfile,
)
from tests import builders
from tests.unique_constraints import refused_on_both_paths

pytestmark = pytest.mark.django_db


# The management tree


def test_a_manager_is_above_everyone_below_them_however_deep(senior_manager, manager, employee):
    assert set(StaffProfile.objects.below(senior_manager)) == {manager, employee}


def test_a_manager_sees_their_team_but_not_another_team(manager, employee, colleague, outsider):
    visible = set(StaffProfile.objects.visible_to(manager.user))
    assert visible == {manager, employee, colleague}


def test_an_employee_sees_only_themselves(employee, colleague):
    assert list(StaffProfile.objects.visible_to(employee.user)) == [employee]


def test_hr_sees_everyone(hr, employee, outsider):
    assert {employee, outsider} <= set(StaffProfile.objects.visible_to(hr))


def test_choosing_someone_below_as_your_manager_is_refused(senior_manager, employee):
    senior_manager.line_manager = employee
    with pytest.raises(ValidationError, match="loop in the management tree"):
        senior_manager.full_clean()


def test_being_your_own_line_manager_is_refused_by_validation(employee):
    employee.line_manager = employee
    with pytest.raises(ValidationError, match="their own line manager"):
        employee.full_clean()


def test_being_your_own_line_manager_is_refused_by_the_database(employee):
    with pytest.raises(IntegrityError), transaction.atomic():
        StaffProfile.objects.filter(pk=employee.pk).update(line_manager=employee)


# Every unique constraint, on the validation path and the database path.
# Each case makes the first object and returns an unsaved second one that clashes with it.


def _employee_number():
    first = builders.staff("first")
    return StaffProfile(user=builders.user("second"), employee_number=first.employee_number)


def _one_profile_per_login():
    first = builders.staff("first")
    return StaffProfile(user=first.user, employee_number="E-other")


def _employee():
    role = builders.role("Legal Assistant")
    manager = builders.staff("boss", level=role.levels.get(code="C"))
    return builders.staff("worker", level=role.levels.get(code="A"), manager=manager)


def _assessment(employee):
    return Assessment.objects.create(
        staff=employee, assessor=employee.line_manager.user, target_level=employee.level
    )


def _assessment_item_order():
    employee = _employee()
    assessment = _assessment(employee)
    AssessmentItem.objects.create(
        assessment=assessment, order=1, category_name="Skills", level_code="A", text="One"
    )
    return AssessmentItem(
        assessment=assessment, order=1, category_name="Skills", level_code="A", text="Two"
    )


def _assessment_item_requirement():
    employee = _employee()
    assessment = _assessment(employee)
    requirement = employee.level.requirement_items.first()
    AssessmentItem.objects.create(
        assessment=assessment,
        requirement=requirement,
        order=1,
        category_name="Skills",
        level_code="A",
        text="One",
    )
    return AssessmentItem(
        assessment=assessment,
        requirement=requirement,
        order=2,
        category_name="Skills",
        level_code="A",
        text="One",
    )


def _self_rating():
    employee = _employee()
    requirement = employee.level.requirement_items.first()
    SelfRating.objects.create(staff=employee, requirement=requirement, rating="met")
    return SelfRating(staff=employee, requirement=requirement, rating="not_met")


UNIQUE_CASES = {
    "employee number": _employee_number,
    "one profile per login": _one_profile_per_login,
    "assessment item order": _assessment_item_order,
    "requirement once per assessment": _assessment_item_requirement,
    "one self rating per requirement": _self_rating,
}


test_a_clash_is_refused_by_validation, test_a_clash_is_refused_by_the_database = (
    refused_on_both_paths(UNIQUE_CASES)
)


# Evidence


def test_evidence_is_never_edited(employee):
    evidence = Evidence.objects.create(staff=employee, text="Ran payroll", added_by=employee.user)
    evidence.text = "Ran two payrolls"
    with pytest.raises(ValidationError, match="never edited"):
        evidence.save()
