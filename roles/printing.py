"""A role profile as printed: the print page's record and context, its version, and its PDF,
which the task worker builds (core.pdf)."""

from django.db.models import QuerySet
from django.template.loader import render_to_string

from core.pdf import Printed, pdf_kind
from roles.levels_grid import levels_grid
from roles.models import Role
from roles.required_competencies import required_competencies

TEMPLATE = "roles/paths/role_print.html"


def for_print(roles: QuerySet[Role]) -> QuerySet[Role]:
    """`roles` with everything the print page shows read in a fixed number of queries."""
    return roles.for_catalogue().prefetch_related(
        "responsibilities", "sections", "facts", "sign_offs"
    )


def print_context(role: Role) -> dict:
    return {"role": role, "competencies": required_competencies(role), "grid": levels_grid(role)}


def pdf_version(role: Role) -> str:
    # Every change the profile shows moves the version (Role.bump_versions).
    return f"v{role.version}"


@pdf_kind("role", model=Role)
def role_printed(pk: int) -> Printed:
    role = for_print(Role.objects.all()).get(pk=pk)
    return Printed(version=pdf_version(role), html=render_to_string(TEMPLATE, print_context(role)))
