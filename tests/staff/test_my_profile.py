"""An employee's own profile: their level, the next one, and the ratings shown to them.

Who may open the profile pages is in tests/test_access_matrix.py."""

from django.core.cache import cache
from django.urls import reverse

from roles.models import RequirementItem
from staff.models import Assessment, AssessmentItem, Evidence, LevelChange, Rating, SelfRating
from staff.standing import standing_of


def assessment(profile, *, by, ratings=None, status=Assessment.Status.SUBMITTED):
    """An assessment of `profile` against their next level, rating the given items."""
    made = Assessment.objects.create(
        staff=profile, assessor=by.user, target_level=profile.level.next_level(), status=status
    )
    AssessmentItem.objects.bulk_create(
        AssessmentItem.snapshot_of(item, assessment=made, order=n, rating=rating)
        for n, (item, rating) in enumerate((ratings or {}).items(), start=1)
    )
    return made


def items_of(profile, code=None):
    items = RequirementItem.objects.filter(level__role=profile.level.role).select_related(
        "group", "level"
    )
    return items.filter(level__code=code) if code else items


def test_my_profile_shows_my_role_level_and_the_date_i_reached_it(login, employee):
    employee.level_reached_on = "2025-04-01"
    employee.save()
    page = login(employee).get(reverse("staff:my_profile")).content.decode()
    assert "Insurance Officer" in page
    assert "Level A" in page
    assert "1 April 2025" in page


def test_my_profile_never_shows_a_colleagues_evidence(login, employee, colleague, manager):
    evidence = Evidence.objects.create(
        staff=colleague, text="Colleague's claim audit", added_by=manager.user
    )
    evidence.requirements.set(items_of(colleague, "A")[:1])
    page = login(employee).get(reverse("staff:my_profile")).content.decode()
    assert "Colleague&#x27;s claim audit" not in page
    assert "claim audit" not in page


def test_my_profile_never_shows_a_colleagues_ratings(login, employee, colleague, manager):
    [item] = items_of(employee, "B")[:1]
    assessment(colleague, by=manager, ratings={items_of(colleague, "C")[0]: Rating.MET})
    SelfRating.objects.create(staff=colleague, requirement=item, rating=Rating.MET)
    standing = login(employee).get(reverse("staff:my_profile")).context["standing"]
    assert {entry.rating for entry in standing.all_items} == {""}
    assert {entry.self_rating for entry in standing.all_items} == {""}


def test_my_level_is_cumulative_and_the_next_level_lists_only_its_additions(colleague):
    standing = standing_of(colleague)  # level B of A, B, C
    current = [entry.item.level.code for group in standing.current for entry in group.items]
    additions = [e.item.level.code for group in standing.next_additions for e in group.items]
    assert sorted(set(current)) == ["A", "B"]
    assert len(current) == 16
    assert set(additions) == {"C"}
    assert len(additions) == 8


def test_requirements_are_grouped_by_heading_in_order(employee):
    standing = standing_of(employee)
    names = [section.heading for section in standing.next_additions]
    assert names == ["Qualifications", "Knowledge", "Experience", "Skills"]


def test_each_item_shows_its_rating_in_the_latest_assessment_shown(employee, manager):
    older, newer = items_of(employee, "A")[:2]
    assessment(employee, by=manager, ratings={older: Rating.NOT_MET, newer: Rating.NOT_MET})
    assessment(employee, by=manager, ratings={older: Rating.MET, newer: Rating.PARTLY_MET})
    ratings = {e.item.pk: e.rating_label for e in standing_of(employee).all_items}
    assert ratings[older.pk] == "Met"
    assert ratings[newer.pk] == "Partly met"


def test_a_draft_assessment_is_not_shown_to_the_employee(employee, manager):
    [item] = items_of(employee, "A")[:1]
    assessment(employee, by=manager, ratings={item: Rating.NOT_MET})
    assessment(employee, by=manager, ratings={item: Rating.MET}, status=Assessment.Status.DRAFT)
    ratings = {e.item.pk: e.rating_label for e in standing_of(employee).all_items}
    assert ratings[item.pk] == "Not met"


def test_items_outside_the_assessment_are_not_yet_assessed(employee):
    labels = {e.rating_label for e in standing_of(employee).all_items}
    assert labels == {"Not yet assessed"}


def test_progress_counts_the_current_and_the_next_levels_items(employee, manager):
    assessment(employee, by=manager, ratings=dict.fromkeys(items_of(employee, "A"), Rating.MET))
    towards = standing_of(employee).towards_next
    assert (towards.met, towards.counted) == (8, 16)
    assert towards.percent_met == 50


def test_progress_leaves_out_items_rated_not_applicable(employee, manager):
    a_items = list(items_of(employee, "A"))
    ratings = dict.fromkeys(a_items, Rating.MET) | {a_items[0]: Rating.NOT_APPLICABLE}
    assessment(employee, by=manager, ratings=ratings)
    towards = standing_of(employee).towards_next
    assert (towards.met, towards.counted) == (7, 15)
    assert a_items[0].text not in towards.essential_outstanding


def test_only_essential_items_are_listed_as_outstanding(employee):
    desirable = items_of(employee, "B").first()
    RequirementItem.objects.filter(pk=desirable.pk).update(is_essential=False)
    towards = standing_of(employee).towards_next
    assert desirable.text not in towards.essential_outstanding
    assert len(towards.essential_outstanding) == 15


def test_a_next_level_asking_for_some_desirable_items_is_met_with_those(employee, manager):
    next_level = employee.level.next_level()
    next_level.min_desirable_met = 1
    next_level.save()
    b_items = list(items_of(employee, "B"))
    RequirementItem.objects.filter(pk__in=[i.pk for i in b_items[:2]]).update(is_essential=False)
    met = [*items_of(employee, "A"), *b_items[1:]]
    assessment(employee, by=manager, ratings=dict.fromkeys(met, Rating.MET))
    towards = standing_of(employee).towards_next
    assert towards.rule_met
    assert towards.explanation() == "all essential items met; 1 of 2 desirable met"


def test_progress_bar_and_rule_in_words_are_on_my_profile(login, employee, manager):
    assessment(employee, by=manager, ratings=dict.fromkeys(items_of(employee, "A"), Rating.MET))
    page = login(employee).get(reverse("staff:my_profile")).content.decode()
    assert 'aria-valuenow="50"' in page
    assert "To reach Level B: every essential item met" in page
    assert "8 essential items outstanding" in page


def test_the_top_level_has_no_next_level_to_progress_to(manager):
    standing = standing_of(manager)  # level C, the role's top
    assert standing.next_level is None
    assert standing.towards_next is None
    assert len(standing.all_items) == 24


def test_my_profile_lists_my_level_history(login, employee, hr):
    a, b = employee.level, employee.level.next_level()
    LevelChange.objects.create(staff=employee, to_level=a, effective_date="2024-01-15")
    LevelChange.objects.create(
        staff=employee, from_level=a, to_level=b, effective_date="2025-03-01"
    )
    response = login(employee).get(reverse("staff:my_profile"))
    assert [str(change.to_level) for change in response.context["level_changes"]] == [
        "Level B",
        "Level A",
    ]
    assert "1 March 2025" in response.content.decode()


def test_my_profile_lists_assessments_shown_to_me_but_not_drafts(login, employee, manager):
    assessment(employee, by=manager, status=Assessment.Status.ACKNOWLEDGED)
    assessment(employee, by=manager, status=Assessment.Status.DRAFT)
    response = login(employee).get(reverse("staff:my_profile"))
    assert [a.status for a in response.context["assessments"]] == ["acknowledged"]


def add_items(role, count):
    """Add `count` more items to every level of `role`, under its Skills group."""
    RequirementItem.objects.bulk_create(
        RequirementItem(
            level=level,
            group=level.requirement_groups.get(heading="Skills"),
            order=100 + n,
            text=f"Extra {n}",
        )
        for level in role.levels.all()
        for n in range(count)
    )


def test_my_profile_query_count_does_not_grow_with_items(
    login, employee, manager, django_assert_num_queries
):
    """Intended to prevent an n+1 issue: items, ratings and evidence are read in bulk."""
    client = login(employee)
    a_items = list(items_of(employee, "A"))
    assessment(employee, by=manager, ratings=dict.fromkeys(a_items, Rating.MET))
    SelfRating.objects.create(staff=employee, requirement=a_items[0], rating=Rating.MET)
    evidence = Evidence.objects.create(staff=employee, text="Audit", added_by=employee.user)
    evidence.requirements.set(a_items[:2])
    client.get(reverse("staff:my_profile"))
    # As the first reader after the role's last change (a later one reads 2 fewer: the role's
    # items and groups written empty are kept, test_kept_role_items.py).
    cache.clear()
    # 17: standing's one read of the role's groups written empty (they are listed too).
    with django_assert_num_queries(17):
        client.get(reverse("staff:my_profile"))

    add_items(employee.level.role, 20)
    more = list(items_of(employee, "B"))
    SelfRating.objects.bulk_create(
        SelfRating(staff=employee, requirement=item, rating=Rating.MET) for item in more
    )
    for item in more:
        Evidence.objects.create(staff=employee, text=f"For {item}", added_by=employee.user)
    Evidence.requirements.through.objects.bulk_create(
        Evidence.requirements.through(evidence=entry, requirementitem=item)
        for entry, item in zip(Evidence.objects.filter(text__startswith="For "), more, strict=False)
    )
    cache.clear()
    with django_assert_num_queries(17):
        client.get(reverse("staff:my_profile"))


def test_my_profile_links_to_each_assessment_shown_to_me(login, employee, manager):
    shown = assessment(employee, by=manager)
    page = login(employee).get(reverse("staff:my_profile")).content.decode()
    assert reverse("staff:assessment", args=[shown.pk]) in page
