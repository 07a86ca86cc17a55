"""Intended to prevent a query per role or per item: importing and exporting run in bulk."""

import pytest

from roles.models import Role
from roles.transfer.exporting import export_roles, roles_for_export
from roles.transfer.importing import parse_file, role_profiles_import
from tests import builders
from tests.career_tables import simple_rows, tsv


def parsed_table(roles: int):
    rows = []
    for number in range(roles):
        rows += simple_rows(title=f"Claims Handler {number}", grade=f"Band {number % 3 + 1}")
    return parse_file(name="roles.tsv", data=tsv(*rows))


@pytest.mark.parametrize("roles", [2, 12])
def test_importing_new_roles_takes_the_same_queries_however_many(
    db, roles, django_assert_num_queries
):
    parsed = parsed_table(roles)
    # 15 to write the roles, levels and items, 3 to record them in the history (issue #12).
    with django_assert_num_queries(21):
        role_profiles_import(parsed=parsed, dry_run=False)


@pytest.mark.parametrize("roles", [2, 12])
def test_importing_again_takes_the_same_queries_however_many(db, roles, django_assert_num_queries):
    parsed = parsed_table(roles)
    role_profiles_import(parsed=parsed, dry_run=False)
    with django_assert_num_queries(8):
        role_profiles_import(parsed=parsed, dry_run=False)


@pytest.mark.parametrize("roles", [1, 6])
def test_exporting_takes_the_same_queries_however_many(db, roles, django_assert_num_queries):
    for number in range(roles):
        builders.role(f"Claims Handler {number}", items_per_category=3)
    # Roles, levels, items, responsibilities, sections, facts, sign-offs, competencies.
    with django_assert_num_queries(8):
        export_roles(roles_for_export(Role.objects.all()), file_format="json")
