"""An approved assessment is read-only in the database itself, not only in the pages.

Triggers refuse any update of an approved assessment and any new or changed rating on its
items. Setting an item's requirement to NULL stays possible, so HR can still delete a
requirement: the item keeps the text as it was assessed.
"""

from django.conf import settings
from django.db import migrations, models

ITEM_COLUMNS = 'assessment_id, rating, comment, text, sub_points, is_essential, category_name, level_code, "order"'

SQLITE_CREATE = [
    """
    CREATE TRIGGER staff_assessment_approved_read_only
    BEFORE UPDATE ON staff_assessment
    WHEN OLD.status = 'approved'
    BEGIN SELECT RAISE(ABORT, 'An approved assessment is read-only.'); END
    """,
    """
    CREATE TRIGGER staff_assessmentitem_insert_approved_read_only
    BEFORE INSERT ON staff_assessmentitem
    WHEN (SELECT status FROM staff_assessment WHERE id = NEW.assessment_id) = 'approved'
    BEGIN SELECT RAISE(ABORT, 'An approved assessment is read-only.'); END
    """,
    f"""
    CREATE TRIGGER staff_assessmentitem_update_approved_read_only
    BEFORE UPDATE OF {ITEM_COLUMNS} ON staff_assessmentitem
    WHEN (SELECT status FROM staff_assessment WHERE id = OLD.assessment_id) = 'approved'
    BEGIN SELECT RAISE(ABORT, 'An approved assessment is read-only.'); END
    """,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS staff_assessment_approved_read_only",
    "DROP TRIGGER IF EXISTS staff_assessmentitem_insert_approved_read_only",
    "DROP TRIGGER IF EXISTS staff_assessmentitem_update_approved_read_only",
]

POSTGRES_CREATE = [
    """
    CREATE FUNCTION staff_refuse_approved_assessment_change() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'An approved assessment is read-only.'
            USING ERRCODE = 'integrity_constraint_violation';
    END;
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER staff_assessment_approved_read_only
    BEFORE UPDATE ON staff_assessment
    FOR EACH ROW WHEN (OLD.status = 'approved')
    EXECUTE FUNCTION staff_refuse_approved_assessment_change()
    """,
    """
    CREATE FUNCTION staff_refuse_approved_item_change() RETURNS trigger AS $$
    BEGIN
        IF EXISTS (
            SELECT 1 FROM staff_assessment
            WHERE id IN (NEW.assessment_id, CASE WHEN TG_OP = 'UPDATE' THEN OLD.assessment_id END)
              AND status = 'approved'
        ) THEN
            RAISE EXCEPTION 'An approved assessment is read-only.'
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql
    """,
    f"""
    CREATE TRIGGER staff_assessmentitem_approved_read_only
    BEFORE INSERT OR UPDATE OF {ITEM_COLUMNS} ON staff_assessmentitem
    FOR EACH ROW EXECUTE FUNCTION staff_refuse_approved_item_change()
    """,
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS staff_assessmentitem_approved_read_only ON staff_assessmentitem",
    "DROP FUNCTION IF EXISTS staff_refuse_approved_item_change()",
    "DROP TRIGGER IF EXISTS staff_assessment_approved_read_only ON staff_assessment",
    "DROP FUNCTION IF EXISTS staff_refuse_approved_assessment_change()",
]

STATEMENTS = {
    "sqlite": (SQLITE_CREATE, SQLITE_DROP),
    "postgresql": (POSTGRES_CREATE, POSTGRES_DROP),
}


def _run(schema_editor, which):
    # Other databases run without the guard; the workflow functions still refuse.
    statements = STATEMENTS.get(schema_editor.connection.vendor)
    if statements:
        for sql in statements[which]:
            schema_editor.execute(sql)


def create_triggers(apps, schema_editor):
    _run(schema_editor, 0)


def drop_triggers(apps, schema_editor):
    _run(schema_editor, 1)


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0001_initial"),
        ("staff", "0002_hr_group"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="assessment",
            constraint=models.CheckConstraint(
                condition=models.Q(("status", "approved"), _negated=True)
                | models.Q(effective_date__isnull=False),
                name="assessment_approved_has_effective_date",
            ),
        ),
        migrations.AddConstraint(
            model_name="assessment",
            constraint=models.CheckConstraint(
                condition=models.Q(("status", "returned"), _negated=True)
                | models.Q(("return_reason", ""), _negated=True),
                name="assessment_returned_has_reason",
            ),
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
