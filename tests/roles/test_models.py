"""Role model rules: cumulative levels, and every constraint on the validation and database path."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from competencies.models import Competency, CompetencyFramework, ProficiencyLevel
from roles.models import (
    Grade,
    GradingScheme,
    JobFamily,
    Level,
    RequirementItem,
    Responsibility,
    Role,
    RoleCompetency,
    check_shares_of_time,
)
from roles.requirement_groups import by_group
from tests import builders
from tests.unique_constraints import refused_on_both_paths

pytestmark = pytest.mark.django_db


def texts(items) -> list[str]:
    return [item.text for item in items]


# Levels are cumulative


def test_a_level_requires_its_own_items_and_those_of_every_level_below(insurance_officer):
    level_b = insurance_officer.levels.get(code="B")
    required = texts(level_b.requirements())
    assert "Skills item 1 of Insurance Officer level A" in required
    assert "Skills item 1 of Insurance Officer level B" in required
    assert "Skills item 1 of Insurance Officer level C" not in required


def test_requirements_come_by_level_then_group(insurance_officer):
    level_b = insurance_officer.levels.get(code="B")
    sections = by_group(level_b.requirements(), item=lambda item: item, name_level=True)
    assert [s.title for s in sections][:5] == [
        "Qualifications · Level A",
        "Knowledge · Level A",
        "Experience · Level A",
        "Skills · Level A",
        "Qualifications · Level B",
    ]
    assert texts(sections[0].items) == [
        "Qualifications item 1 of Insurance Officer level A",
        "Qualifications item 2 of Insurance Officer level A",
    ]


def test_the_next_level_follows_the_stored_order_not_the_code(db):
    role = builders.role("Inspector", levels=("V", "IV"))
    lowest = role.levels.get(code="V")
    assert lowest.next_level().code == "IV"
    assert role.levels.get(code="IV").previous_level() == lowest


def test_the_top_level_has_no_next_level(insurance_officer):
    assert insurance_officer.levels.get(code="C").next_level() is None


# Every unique constraint, on the validation path and the database path.
# Each case makes the first object and returns an unsaved second one that clashes with it.


def _framework():
    return CompetencyFramework.objects.create(name="Core Behaviours")


def _job_family():
    JobFamily.objects.create(name="Legal")
    return JobFamily(name="Legal")


def _scheme():
    GradingScheme.objects.create(name="Bands")
    return GradingScheme(name="Bands")


def _grade_order():
    first = builders.grade("Band 2", scheme="Bands", order=1)
    return Grade(scheme=first.scheme, name="Band 3", order=1)


def _grade_name():
    first = builders.grade("Band 2", scheme="Bands", order=1)
    return Grade(scheme=first.scheme, name="Band 2", order=2)


def _role_title():
    first = builders.role("Legal Assistant", levels=())
    return Role(title="Legal Assistant", grade=first.grade)


def _level_order():
    role = builders.role("Legal Assistant")
    return Level(role=role, code="D", order=1)


def _level_code():
    role = builders.role("Legal Assistant")
    return Level(role=role, code="A", order=9)


def _item_order():
    role = builders.role("Legal Assistant")
    first = RequirementItem.objects.filter(level__role=role).first()
    return RequirementItem(level=first.level, group=first.group, order=first.order, text="x")


def _responsibility_order():
    role = builders.role("Legal Assistant", levels=())
    Responsibility.objects.create(role=role, order=1, text="Prepare bundles")
    return Responsibility(role=role, order=1, text="File documents")


def _role_competency():
    role = builders.role("Legal Assistant", levels=())
    framework = _framework()
    competency = Competency.objects.create(framework=framework, name="Customer Focus")
    proficiency = ProficiencyLevel.objects.create(framework=framework, name="Foundation", order=1)
    RoleCompetency.objects.create(role=role, competency=competency, proficiency=proficiency)
    return RoleCompetency(role=role, competency=competency, proficiency=proficiency)


def _role_competency_at_a_level():
    clash = _role_competency()
    level = Level.objects.create(role=clash.role, code="A", order=1)
    RoleCompetency.objects.create(
        role=clash.role, competency=clash.competency, proficiency=clash.proficiency, level=level
    )
    clash.level = level
    return clash


UNIQUE_CASES = {
    "job family name": _job_family,
    "grading scheme name": _scheme,
    "grade order per scheme": _grade_order,
    "grade name per scheme": _grade_name,
    "role title per grade": _role_title,
    "level order per role": _level_order,
    "level code per role": _level_code,
    "item order per level and category": _item_order,
    "responsibility order per role": _responsibility_order,
    "competency once per role": _role_competency,
    "competency once per role level": _role_competency_at_a_level,
}


test_a_clash_is_refused_by_validation, test_a_clash_is_refused_by_the_database = (
    refused_on_both_paths(UNIQUE_CASES)
)


# Check constraints and cross-field rules


def test_a_next_review_before_the_last_is_refused_by_validation(insurance_officer):
    insurance_officer.last_reviewed = datetime.date(2026, 5, 1)
    insurance_officer.next_review = datetime.date(2026, 4, 1)
    with pytest.raises(ValidationError, match="cannot come before the last review"):
        insurance_officer.full_clean()


def test_a_next_review_before_the_last_is_refused_by_the_database(insurance_officer):
    with pytest.raises(IntegrityError), transaction.atomic():
        Role.objects.filter(pk=insurance_officer.pk).update(
            last_reviewed=datetime.date(2026, 5, 1), next_review=datetime.date(2026, 4, 1)
        )


def test_a_top_grade_from_another_scheme_is_refused(insurance_officer):
    insurance_officer.top_grade = builders.grade("Band 6", scheme="Bands")
    with pytest.raises(ValidationError, match="same grading scheme"):
        insurance_officer.full_clean()


def test_a_top_grade_below_the_grade_is_refused(db):
    role = builders.role("Senior Officer", grade_name="Range 4")
    role.top_grade = builders.grade("Range 3", scheme="Test ranges", order=0)
    with pytest.raises(ValidationError, match="must not be below"):
        role.full_clean()


def test_a_share_of_time_over_100_is_refused_by_validation(insurance_officer):
    duty = Responsibility(role=insurance_officer, order=1, text="Everything", share_of_time=120)
    with pytest.raises(ValidationError):
        duty.full_clean()


def test_a_share_of_time_over_100_is_refused_by_the_database(insurance_officer):
    with pytest.raises(IntegrityError), transaction.atomic():
        Responsibility.objects.create(
            role=insurance_officer, order=1, text="Everything", share_of_time=120
        )


def test_shares_of_time_adding_up_to_over_100_are_refused_with_the_total():
    with pytest.raises(ValidationError, match="add up to 110%"):
        check_shares_of_time([70, 40, None])


def test_shares_of_time_adding_up_to_100_are_accepted():
    check_shares_of_time([30, 30, 20, 20])


def test_a_proficiency_from_another_framework_is_refused(insurance_officer):
    framework = _framework()
    other = CompetencyFramework.objects.create(name="Leadership Framework")
    required = RoleCompetency(
        role=insurance_officer,
        competency=Competency.objects.create(framework=framework, name="Customer Focus"),
        proficiency=ProficiencyLevel.objects.create(framework=other, name="Leading Self", order=1),
    )
    with pytest.raises(ValidationError, match="competency's own framework"):
        required.full_clean()


def test_duties_lose_scripts_when_saved(insurance_officer):
    insurance_officer.duties_html = "<p>Pay staff</p><script>alert(1)</script>"
    insurance_officer.save()
    assert insurance_officer.duties_html == "<p>Pay staff</p>"


def test_a_competency_may_be_required_at_every_level_and_at_one_level_differently():
    role_wide = _role_competency()
    role_wide.level = Level.objects.create(role=role_wide.role, code="A", order=1)
    role_wide.full_clean()
    role_wide.save()
    assert role_wide.role.role_competencies.count() == 2


def test_a_required_competency_is_at_one_of_its_roles_own_levels():
    required = _role_competency()
    required.level = builders.role("Claims Handler").levels.get(code="A")
    with pytest.raises(ValidationError, match="this role's own levels"):
        required.full_clean()
