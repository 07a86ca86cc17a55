"""An assessed item keeps the heading of the group it was assessed under, which may be as long
as a group's heading (300 characters; a category's name held 120).

The read-only triggers of 0003 name this column: PostgreSQL refuses to alter a column a
trigger names, and SQLite alters it by rebuilding the table, which drops the triggers. So they
are dropped before and made again after, on both.
"""

import importlib

from django.db import migrations, models

guards = importlib.import_module("staff.migrations.0003_assessments_read_only_guards")


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0010_requirement_groups"),
        ("staff", "0014_assessment_status_index_for_approvals"),
    ]

    operations = [
        migrations.RunPython(guards.drop_triggers, guards.create_triggers),
        migrations.AlterField(
            model_name="assessmentitem",
            name="category_name",
            field=models.CharField(max_length=300),
        ),
        migrations.AlterField(
            model_name="historicalassessmentitem",
            name="category_name",
            field=models.CharField(max_length=300),
        ),
        migrations.RunPython(guards.create_triggers, guards.drop_triggers),
    ]
