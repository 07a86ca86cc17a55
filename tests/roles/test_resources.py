"""The flat lists of the roles app HR loads in the admin: grades and job families."""

from roles.models import Grade, JobFamily
from roles.resources import GradeResource, JobFamilyResource
from tests.builders import flat_list_load


def test_grades_import_creates_the_scheme_they_name(db):
    flat_list_load(GradeResource(), ["scheme", "name", "order"], ["NHS bands", "Band 2", 2])
    assert Grade.objects.get(name="Band 2").scheme.name == "NHS bands"


def test_job_families_import(db):
    flat_list_load(
        JobFamilyResource(), ["name", "description"], ["Legal", "Solicitors and paralegals"]
    )
    assert JobFamily.objects.get().description == "Solicitors and paralegals"
