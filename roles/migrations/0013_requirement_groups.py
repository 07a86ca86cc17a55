"""Requirement groups inside a level: each item moves from its shared category into a group
of its level.

One group per (level, category) that has current items, its heading the category's name and
linked to that category, the level's groups in the categories' order; every current item goes
into its group, keeping its order. Retired items leave their groups (as they do from now on:
their assessments keep the heading they were rated under). Reversed, each item goes back to its
group's category (a group with none, or a retired item: a category named as the heading, or
"Retired", made if missing).
"""

import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from core.history_baseline import record_existing_rows


def items_into_groups(apps, schema_editor):
    RequirementItem = apps.get_model("roles", "RequirementItem")
    RequirementGroup = apps.get_model("roles", "RequirementGroup")
    current = RequirementItem.objects.filter(retired_at__isnull=True)
    pairs = (
        current.values_list("level_id", "category_id", "category__name")
        .distinct()
        .order_by("level_id", "category__order", "category__name", "category_id")
    )
    groups, place = {}, {}
    for level_id, category_id, name in pairs:
        place[level_id] = place.get(level_id, 0) + 1
        groups[level_id, category_id] = RequirementGroup(
            level_id=level_id, category_id=category_id, heading=name, order=place[level_id]
        )
    RequirementGroup.objects.bulk_create(groups.values(), batch_size=1000)
    items = list(current.only("pk", "level_id", "category_id"))
    for item in items:
        item.group_id = groups[item.level_id, item.category_id].pk
    RequirementItem.objects.bulk_update(items, ["group"], batch_size=1000)
    # The audit trail: each group's first record, and the items' past records in their group,
    # so that restoring an earlier version of a role finds its items' headings.
    record_existing_rows(apps, "roles", ["RequirementGroup"])
    HistoricalItem = apps.get_model("roles", "HistoricalRequirementItem")
    for (level_id, category_id), group in groups.items():
        HistoricalItem.objects.filter(level_id=level_id, category_id=category_id).update(
            group_id=group.pk
        )


def items_back_to_categories(apps, schema_editor):
    RequirementItem = apps.get_model("roles", "RequirementItem")
    RequirementCategory = apps.get_model("competencies", "RequirementCategory")
    made = {}

    def named(name):
        if name not in made:
            made[name] = RequirementCategory.objects.filter(name=name).first()
            if made[name] is None:
                last = RequirementCategory.objects.order_by("-order").first()
                order = last.order + 10 if last else 10
                made[name] = RequirementCategory.objects.create(name=name, order=order)
        return made[name]

    items = list(RequirementItem.objects.select_related("group"))
    for item in items:
        if item.group_id is None:
            item.category_id = named("Retired").pk
        else:
            item.category_id = (
                item.group.category_id or named(item.group.heading or "Requirements").pk
            )
    RequirementItem.objects.bulk_update(items, ["category"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("competencies", "0003_competency_descriptors_and_explicit_proficiency_order"),
        ("roles", "0012_role_sections_facts_sign_off"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalRequirementGroup",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("order", models.PositiveIntegerField(help_text="Position within its level.")),
                (
                    "heading",
                    models.CharField(
                        blank=True, help_text='For example "Knowledge".', max_length=300
                    ),
                ),
                (
                    "lead_in",
                    models.CharField(
                        blank=True,
                        help_text='Words before the items: "With supervision:".',
                        max_length=300,
                    ),
                ),
                (
                    "weight",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text='For groups weighted by the time they take: "30% of time".',
                        null=True,
                        validators=[django.core.validators.MaxValueValidator(100)],
                        verbose_name="share of time (%)",
                    ),
                ),
                (
                    "at_least",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="Blank: every item is asked. A number N: at least N of the items.",
                        null=True,
                        validators=[django.core.validators.MinValueValidator(1)],
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
            ],
            options={
                "verbose_name": "historical requirement group",
                "verbose_name_plural": "historical requirement groups",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="RequirementGroup",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("order", models.PositiveIntegerField(help_text="Position within its level.")),
                (
                    "heading",
                    models.CharField(
                        blank=True, help_text='For example "Knowledge".', max_length=300
                    ),
                ),
                (
                    "lead_in",
                    models.CharField(
                        blank=True,
                        help_text='Words before the items: "With supervision:".',
                        max_length=300,
                    ),
                ),
                (
                    "weight",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text='For groups weighted by the time they take: "30% of time".',
                        null=True,
                        validators=[django.core.validators.MaxValueValidator(100)],
                        verbose_name="share of time (%)",
                    ),
                ),
                (
                    "at_least",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="Blank: every item is asked. A number N: at least N of the items.",
                        null=True,
                        validators=[django.core.validators.MinValueValidator(1)],
                    ),
                ),
            ],
            options={
                "ordering": ["level", "order"],
            },
        ),
        migrations.AddField(
            model_name="historicalrequirementgroup",
            name="category",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The shared category this heading counts under in filters and reports.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="competencies.requirementcategory",
            ),
        ),
        migrations.AddField(
            model_name="historicalrequirementgroup",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalrequirementgroup",
            name="level",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="roles.level",
            ),
        ),
        migrations.AddField(
            model_name="requirementgroup",
            name="category",
            field=models.ForeignKey(
                blank=True,
                help_text="The shared category this heading counts under in filters and reports.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="requirement_groups",
                to="competencies.requirementcategory",
            ),
        ),
        migrations.AddField(
            model_name="requirementgroup",
            name="level",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="requirement_groups",
                to="roles.level",
            ),
        ),
        migrations.AddField(
            model_name="historicalrequirementitem",
            name="group",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="Empty only for a retired item.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="roles.requirementgroup",
            ),
        ),
        migrations.AddField(
            model_name="requirementitem",
            name="group",
            field=models.ForeignKey(
                blank=True,
                help_text="Empty only for a retired item.",
                null=True,
                on_delete=django.db.models.deletion.RESTRICT,
                related_name="items",
                to="roles.requirementgroup",
            ),
        ),
        # Nullable for the move, so that the way back can add it again before filling it.
        migrations.AlterField(
            model_name="requirementitem",
            name="category",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="requirement_items",
                to="competencies.requirementcategory",
            ),
        ),
        migrations.RunPython(items_into_groups, items_back_to_categories),
        migrations.AlterModelOptions(
            name="requirementitem",
            options={"ordering": ["level__order", "group__order", "order"]},
        ),
        migrations.RemoveConstraint(
            model_name="requirementitem",
            name="unique_requirement_order_per_level_category",
        ),
        migrations.RemoveField(
            model_name="historicalrequirementitem",
            name="category",
        ),
        migrations.RemoveField(
            model_name="requirementitem",
            name="category",
        ),
        migrations.AlterField(
            model_name="historicalrequirementitem",
            name="order",
            field=models.PositiveIntegerField(help_text="Position within its group."),
        ),
        migrations.AlterField(
            model_name="requirementitem",
            name="order",
            field=models.PositiveIntegerField(help_text="Position within its group."),
        ),
        migrations.AddConstraint(
            model_name="requirementitem",
            constraint=models.UniqueConstraint(
                fields=("group", "order"), name="unique_requirement_order_per_group"
            ),
        ),
        migrations.AddConstraint(
            model_name="requirementitem",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("group__isnull", False), ("retired_at__isnull", False), _connector="OR"
                ),
                name="current_requirement_has_a_group",
                violation_error_message="Choose the group this item belongs to.",
            ),
        ),
        migrations.AddConstraint(
            model_name="requirementgroup",
            constraint=models.UniqueConstraint(
                fields=("level", "order"), name="unique_group_order_per_level"
            ),
        ),
        migrations.AddConstraint(
            model_name="requirementgroup",
            constraint=models.CheckConstraint(
                condition=models.Q(("weight__isnull", True), ("weight__lte", 100), _connector="OR"),
                name="requirement_group_weight_at_most_100",
            ),
        ),
        migrations.AddConstraint(
            model_name="requirementgroup",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("at_least__isnull", True), ("at_least__gte", 1), _connector="OR"
                ),
                name="requirement_group_at_least_one",
            ),
        ),
    ]
