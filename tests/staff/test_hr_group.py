"""The HR group the staff app's migration makes, with the permissions HR's work needs."""

from django.contrib.auth.models import Group

from core.access import HR_GROUP_NAME


def test_the_migrated_hr_group_holds_exactly_hrs_permissions(db):
    """HR edit the catalogue and staff, create logins, and only read assessments and history."""
    every = {"add", "change", "delete", "view"}
    needed = {
        ("competencies", model): every
        for model in [
            "requirementcategory",
            "competencyframework",
            "proficiencylevel",
            "competency",
            "competencydescriptor",
        ]
    }
    needed |= {
        ("roles", model): every
        for model in [
            "jobfamily",
            "gradingscheme",
            "grade",
            "role",
            "level",
            "requirementitem",
            "responsibility",
            "rolecompetency",
            "rolesection",
            "rolefact",
            "rolesignoff",
        ]
    }
    needed |= {
        ("staff", "staffprofile"): every,
        ("staff", "levelchange"): {"add", "view"},
        ("auth", "user"): {"add", "change", "view"},
        # The record of outgoing emails: read, and "send again" (a change).
        ("core", "outgoingemail"): {"view", "change"},
    }
    needed |= {
        ("staff", model): {"view"}
        for model in [
            "assessment",
            "assessmentitem",
            "assessmentevent",
            "evidence",
            "selfrating",
            "linemanagerchange",
        ]
    }
    group = Group.objects.get(name=HR_GROUP_NAME)
    held = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert held == {
        (app_label, f"{action}_{model}")
        for (app_label, model), actions in needed.items()
        for action in actions
    }
