"""HR writes a role's free sections, labelled document facts and sign-off block."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

HR_GROUP_NAME = "HR"
# Frozen here, like 0002's table.
CODENAMES = [
    f"{action}_{model}"
    for model in ("rolesection", "rolefact", "rolesignoff")
    for action in ("add", "change", "delete", "view")
]


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
        ("roles", "0012_role_sections_facts_sign_off"),
        ("staff", "0015_longer_level_codes_and_headings_in_assessments"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
