"""What the navigation needs to know about the signed-in person."""

from core.access import is_hr


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    profile = getattr(user, "staff_profile", None)
    return {
        "user_is_hr": is_hr(user),
        "my_profile": profile,
        "user_is_manager": profile is not None and profile.direct_reports.exists(),
    }
