"""The HR group, with exactly the model permissions HR staff need."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from roles.access import HR_GROUP_NAME, hr_permission_codenames


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
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in hr_permission_codenames()
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
