"""Competency model rules: every unique constraint, on the validation and the database path."""

import pytest

from competencies.models import (
    Competency,
    CompetencyFramework,
    ProficiencyLevel,
    RequirementCategory,
)
from tests.unique_constraints import refused_on_both_paths

pytestmark = pytest.mark.django_db


# Each case makes the first object and returns an unsaved second one that clashes with it.


def _category():
    RequirementCategory.objects.create(name="Knowledge", order=10)
    return RequirementCategory(name="Knowledge", order=20)


def _category_order():
    RequirementCategory.objects.create(name="Knowledge", order=10)
    return RequirementCategory(name="Skills", order=10)


def _framework():
    return CompetencyFramework.objects.create(name="Core Behaviours")


def _proficiency_order():
    framework = _framework()
    ProficiencyLevel.objects.create(framework=framework, name="Foundation", order=1)
    return ProficiencyLevel(framework=framework, name="Practitioner", order=1)


def _proficiency_name():
    framework = _framework()
    ProficiencyLevel.objects.create(framework=framework, name="Foundation", order=1)
    return ProficiencyLevel(framework=framework, name="Foundation", order=2)


def _competency_name():
    framework = _framework()
    Competency.objects.create(framework=framework, name="Customer Focus")
    return Competency(framework=framework, name="Customer Focus")


UNIQUE_CASES = {
    "category name": _category,
    "category order": _category_order,
    "proficiency order per framework": _proficiency_order,
    "proficiency name per framework": _proficiency_name,
    "competency name per framework": _competency_name,
}


test_a_clash_is_refused_by_validation, test_a_clash_is_refused_by_the_database = (
    refused_on_both_paths(UNIQUE_CASES)
)
