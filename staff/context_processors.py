"""What the navigation needs to know about the signed-in person."""

from django.utils.functional import SimpleLazyObject

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
    """Each answer is looked up when a template first reads it: the site's pages show the
    navigation, the admin's and the scripts' JSON do not and pay nothing."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    profile = SimpleLazyObject(lambda: profile_of(user))
    return {
        "user_is_hr": SimpleLazyObject(lambda: is_hr(user)),
        "my_profile": profile,
        "user_is_manager": SimpleLazyObject(lambda: profile and profile.direct_reports.exists()),
        "section": section_of(request),
    }
