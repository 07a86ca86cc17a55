"""A person's requirements as printed: the print page's context, and its PDF, which the task
worker builds (core.pdf)."""

from django.template.loader import render_to_string

from core.pdf import Printed, pdf_kind
from staff.models import StaffProfile
from staff.standing import standing_of, standing_version

TEMPLATE = "staff/employee/my_print.html"


def print_context(profile: StaffProfile) -> dict:
    return {"profile": profile, "standing": standing_of(profile)}


@pdf_kind("person", model=StaffProfile)
def person_printed(pk: int) -> Printed:
    context = print_context(StaffProfile.objects.with_role().get(pk=pk))
    return Printed(
        version=standing_version(context["profile"], context["standing"]),
        html=render_to_string(TEMPLATE, context),
    )
