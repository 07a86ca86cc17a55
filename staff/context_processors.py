"""What the navigation needs to know about the signed-in person."""

from core.access import is_hr
from staff.models import profile_of

# The navigation link marked as the current section (aria-current), by the page's URL name.
SECTIONS = {
    "staff:team": "team",
    "staff:person": "team",
    "staff:assessment_start": "team",
    "staff:my_profile": "me",
    "staff:self_assessment": "me",
    "staff:evidence_add": "me",
    "staff:my_print": "me",
    "staff:approvals": "approvals",
    # The apps above staff: only their URL names are known here, never their code.
    "home": "home",
    "reviews:cycles": "dashboard",
    "reviews:cycle_open": "dashboard",
    "reviews:cycle": "dashboard",
    "dashboards:hr": "dashboard",
    "dashboards:team_map": "team",
    "dashboards:team_map_cell": "team",
}


def section_of(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    if match.app_name == "roles":
        return "roles"
    return SECTIONS.get(match.view_name, "")


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    profile = profile_of(user)
    return {
        "user_is_hr": is_hr(user),
        "my_profile": profile,
        "user_is_manager": profile is not None and profile.direct_reports.exists(),
        "section": section_of(request),
    }
