"""HR edits the requirement groups of a role's levels, with their items."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

HR_GROUP_NAME = "HR"
# Frozen here, like 0002's table.
CODENAMES = [f"{action}_requirementgroup" for action in ("add", "change", "delete", "view")]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("roles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=HR_GROUP_NAME)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="roles", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    group = apps.get_model("auth", "Group").objects.filter(name=HR_GROUP_NAME).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="roles", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0013_requirement_groups"),
        ("staff", "0016_hr_keeps_role_sections_facts_sign_off"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
