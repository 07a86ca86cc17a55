"""HR reads the record of outgoing emails and sends undelivered ones again."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

HR_GROUP_NAME = "HR"
# Frozen here, like 0002's table: "change" is what the admin's "send again" action needs.
ACTIONS = ("view", "change")


def grant(apps, schema_editor):
    app_config = apps.get_app_config("core")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=HR_GROUP_NAME)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="core",
            codename__in=[f"{action}_outgoingemail" for action in ACTIONS],
        )
    )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    group = apps.get_model("auth", "Group").objects.filter(name=HR_GROUP_NAME).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="core", codename__endswith="_outgoingemail"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_outgoing_email"),
        ("staff", "0006_hr_reads_line_manager_changes"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
