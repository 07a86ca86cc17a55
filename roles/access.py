"""Who counts as HR, and what HR may change: the one place that answers it for every app."""

HR_GROUP_NAME = "HR"

FULL = ("add", "change", "delete", "view")

HR_PERMISSIONS = {
    "competencies": {
        "requirementcategory": FULL,
        "competencyframework": FULL,
        "proficiencylevel": FULL,
        "competency": FULL,
    },
    "roles": {
        "jobfamily": FULL,
        "gradingscheme": FULL,
        "grade": FULL,
        "role": FULL,
        "level": FULL,
        "requirementitem": FULL,
        "responsibility": FULL,
        "rolecompetency": FULL,
    },
    "staff": {
        "staffprofile": FULL,
        # Level history is written by approvals and by HR recording a change; never rewritten.
        "levelchange": ("add", "view"),
        # Assessments are decided through their workflow, not edited in the admin.
        "assessment": ("view",),
        "assessmentitem": ("view",),
        "assessmentevent": ("view",),
        "evidence": ("view",),
        "selfrating": ("view",),
    },
    # HR creates the logins of new staff; leavers are deactivated, not deleted.
    "auth": {"user": ("add", "change", "view")},
}


def hr_permission_codenames() -> list[tuple[str, str]]:
    """(app label, codename) of every permission the HR group holds."""
    return [
        (app_label, f"{action}_{model}")
        for app_label, models in HR_PERMISSIONS.items()
        for model, actions in models.items()
        for action in actions
    ]


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
