"""Who counts as HR: the one place that answers it for every app."""

HR_GROUP_NAME = "HR"


def is_hr(user) -> bool:
    """HR staff are active members of the HR group; superusers count as HR too."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    # Cached on the user object: navigation, querysets and views all ask within one request.
    if not hasattr(user, "_is_hr"):
        user._is_hr = user.groups.filter(name=HR_GROUP_NAME).exists()
    return user._is_hr
