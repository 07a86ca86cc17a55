"""HR reads the history of line manager changes (it is written by staff.history only)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

HR_GROUP_NAME = "HR"


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; this one is needed now.
    app_config = apps.get_app_config("staff")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=HR_GROUP_NAME).first()
    if group is not None:
        group.permissions.add(
            Permission.objects.get(
                content_type__app_label="staff", codename="view_linemanagerchange"
            )
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=HR_GROUP_NAME):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="staff", codename="view_linemanagerchange"
            )
        )


class Migration(migrations.Migration):
    dependencies = [("staff", "0005_assessment_event_actor_optional")]

    operations = [migrations.RunPython(grant, revoke)]
