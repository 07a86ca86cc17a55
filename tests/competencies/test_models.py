"""Competency model rules: every unique constraint, on the validation and the database path."""

import pytest
from django.core.exceptions import ValidationError

from competencies.models import (
    Competency,
    CompetencyDescriptor,
    CompetencyFramework,
    ProficiencyLevel,
    RequirementCategory,
)
from tests import builders
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


def _descriptor():
    digital = builders.framework()
    testing, working = (
        digital.competencies.get(name="Testing"),
        ProficiencyLevel.objects.get(name="Working"),
    )
    CompetencyDescriptor.objects.create(
        competency=testing, proficiency=working, text="Writes tests"
    )
    return CompetencyDescriptor(competency=testing, proficiency=working, text="Tests")


UNIQUE_CASES = {
    "descriptor per competency and proficiency": _descriptor,
    "category name": _category,
    "category order": _category_order,
    "proficiency order per framework": _proficiency_order,
    "proficiency name per framework": _proficiency_name,
    "competency name per framework": _competency_name,
}


test_a_clash_is_refused_by_validation, test_a_clash_is_refused_by_the_database = (
    refused_on_both_paths(UNIQUE_CASES)
)


def test_a_descriptor_belongs_to_a_level_of_its_competencys_own_framework():
    builders.framework()
    police = builders.framework("Police Leadership", levels=("D", "C", "B", "A"))
    descriptor = CompetencyDescriptor(
        competency=Competency.objects.get(framework__name="Digital Skills", name="Testing"),
        proficiency=police.proficiency_levels.get(name="A"),
    )
    with pytest.raises(ValidationError, match="competency's own framework"):
        descriptor.full_clean()


def test_indicators_are_read_one_per_line():
    descriptor = CompetencyDescriptor(positive_indicators="Listens\n\n  Asks questions  \n")
    assert descriptor.positive_indicator_list == ["Listens", "Asks questions"]
    assert descriptor.negative_indicator_list == []
