"""A first historical record ("history started") for each row that existed before the audit
trail, so that the first change after it shows the old values too."""

from django.db import migrations

from core.history_baseline import record_existing_rows


def record(apps, schema_editor):
    record_existing_rows(apps, "staff", ["StaffProfile", "Assessment", "AssessmentItem"])


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0010_audit_history"),
    ]

    operations = [
        migrations.RunPython(record, migrations.RunPython.noop),
    ]
