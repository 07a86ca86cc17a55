"""A role profile as printed: the print page's record and context, its version, and its PDF,
which the task worker builds (core.pdf)."""

from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject

from core.pdf import Printed, pdf_kind
from roles.levels_grid import levels_grid
from roles.models import Role
from roles.required_competencies import required_competencies

TEMPLATE = "roles/paths/role_print.html"


def print_context(role: Role) -> dict:
    """`role` as read for the catalogue: what else the print page shows is read only when its
    cached copy is missing."""
    return {
        "role": role,
        "competencies": SimpleLazyObject(lambda: required_competencies(role)),
        "grid": SimpleLazyObject(lambda: levels_grid(role)),
        "profile_seconds": Role.KEPT_PER_VERSION_SECONDS,
    }


def pdf_version(role: Role) -> str:
    # Every change the profile shows moves the version (Role.bump_versions).
    return f"v{role.version}"


@pdf_kind("role", model=Role)
def role_printed(pk: int) -> Printed:
    role = Role.objects.for_catalogue().get(pk=pk)
    return Printed(version=pdf_version(role), html=render_to_string(TEMPLATE, print_context(role)))
