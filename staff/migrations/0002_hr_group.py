"""The HR group, with exactly the model permissions HR staff need."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# A frozen copy of what the group held when this migration was written: later changes to HR's
# permissions come in migrations of their own, so this one always does the same thing.
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


def create_hr_group(apps, schema_editor):
    # Permissions are normally created after all migrations; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=HR_GROUP_NAME)
    permissions = [
        Permission.objects.get(content_type__app_label=app_label, codename=f"{action}_{model}")
        for app_label, models in HR_PERMISSIONS.items()
        for model, actions in models.items()
        for action in actions
    ]
    group.permissions.set(permissions)


def remove_hr_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=HR_GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("competencies", "0001_initial"),
        ("roles", "0001_initial"),
        ("staff", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_hr_group, remove_hr_group)]
