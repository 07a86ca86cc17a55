"""The move from shared categories to requirement groups (roles 0013), on the demo
organisation: migrated back to categories and forward again, every item is where it was; and
with the assessed heading as long as a group's (staff 0015), an approved assessment is still
read-only."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from roles.models import RequirementGroup, RequirementItem
from staff.demo import demo_data_load
from staff.models import Assessment, AssessmentItem, Rating

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("roles", "0012_role_sections_facts_sign_off"),
    ("staff", "0016_hr_keeps_role_sections_facts_sign_off"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def where_items_are() -> list[tuple]:
    """Each current item with its level, heading, linked category, places and words."""
    return sorted(
        RequirementItem.objects.values_list(
            "pk",
            "level_id",
            "group__heading",
            "group__category__name",
            "group__order",
            "order",
            "text",
            "is_essential",
            "sub_points",
        )
    )


def test_the_demo_organisation_moves_to_groups_and_back_without_loss():
    demo_data_load()
    before = where_items_are()
    groups = RequirementGroup.objects.count()
    assert before and groups
    migrate(BEFORE)
    try:
        old_apps = MigrationExecutor(connection).loader.project_state(BEFORE).apps
        OldItem = old_apps.get_model("roles", "RequirementItem")
        assert OldItem.objects.count() == len(before)
        # Back on categories, each item is under the category its group was linked to.
        categories = dict(OldItem.objects.values_list("pk", "category__name"))
        assert categories == {row[0]: row[3] for row in before}
    finally:
        migrate(latest())
    after = where_items_are()
    assert after == before
    assert RequirementGroup.objects.count() == groups


def test_an_approved_assessment_is_still_read_only_after_the_headings_grew():
    demo_data_load()
    approved = Assessment.objects.filter(status=Assessment.Status.APPROVED).first()
    assert approved is not None
    migrate([("staff", "0014_assessment_status_index_for_approvals")])
    migrate(latest())
    with pytest.raises(IntegrityError), transaction.atomic():
        AssessmentItem.objects.filter(assessment=approved).update(rating=Rating.NOT_MET)
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.filter(pk=approved.pk).update(summary="Rewritten")
    # Room for a group's heading, as long as it may be.
    draft = AssessmentItem.objects.exclude(assessment__status=Assessment.Status.APPROVED).first()
    AssessmentItem.objects.filter(pk=draft.pk).update(category_name="H" * 300)
