"""One truth about where a person stands: every page shows the same figures, from
staff.standing, and the rules it applies (shown ratings only, carried forward)."""

import datetime

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from staff import progression
from staff.models import Rating, SelfRating
from staff.standing import standing_of, standings_of
from tests import builders
from tests.staff.pages import figures, standing_pages, verdicts

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_for(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


def test_after_an_approval_and_an_all_met_assessment_every_page_shows_24_of_24(
    client_for, employee, manager, hr
):
    """The measured case of the issue: approved A->B, then submitted against C, all met."""
    builders.assessment(employee, by=manager.user, until="approved", hr_user=hr)
    builders.assessment(employee, by=manager.user, until="submitted")

    pages = standing_pages(client_for, person=employee, manager=manager, hr=hr)

    assert set(pages) == {
        "my profile",
        "print",
        "person page",
        "team",
        "approvals",
        "assessment page",
    }
    for name, html in pages.items():
        assert figures(html) == {(24, 24)}, name
        assert verdicts(html) == {"Ready for Level C"}, name


def test_the_email_to_the_employee_gives_the_same_verdict(
    employee, manager, hr, django_capture_on_commit_callbacks
):
    builders.assessment(employee, by=manager.user, until="approved", hr_user=hr)
    with django_capture_on_commit_callbacks(execute=True):
        builders.assessment(employee, by=manager.user, until="submitted")
    assert "Where you stand now: Ready for Level C." in mail.outbox[-1].body


def test_a_rating_carries_forward_when_a_later_assessment_does_not_cover_it(employee, manager, hr):
    builders.assessment(employee, by=manager.user, until="approved", hr_user=hr)
    second = builders.assessment(employee, by=manager.user, rating=Rating.NOT_MET)
    assert not second.items.filter(level_code__in=["A", "B"]).exists()
    progression.assessment_submit(assessment=second, by=manager.user)

    standing = standing_of(employee)
    by_level = {}
    for entry in standing.all_items:
        by_level.setdefault(entry.item.level.code, set()).add(entry.rating)
    assert by_level == {"A": {Rating.MET}, "B": {Rating.MET}, "C": {Rating.NOT_MET}}
    assert (standing.towards_next.met, standing.towards_next.counted) == (16, 24)


def test_each_rating_says_where_it_came_from(employee, manager):
    made = builders.assessment(employee, by=manager.user, until="submitted")
    entry = standing_of(employee).all_items[0]
    assert entry.rated_in == made
    assert entry.source.startswith("assessment against Level B, ")
    assert entry.source.endswith("by Manager Tester")


def test_a_draft_does_not_count(employee, manager):
    builders.assessment(employee, by=manager.user)
    assert standing_of(employee).towards_next.met == 0


def test_own_ratings_are_shown_beside_and_never_counted(employee):
    standing = standing_of(employee)
    item = standing.all_items[0].item
    SelfRating.objects.create(staff=employee, requirement=item, rating=Rating.MET)
    standing = standing_of(employee)
    assert standing.all_items[0].self_rating == Rating.MET
    assert standing.towards_next.met == 0


def test_the_verdict_names_what_is_outstanding(employee, manager):
    made = builders.assessment(employee, by=manager.user)
    two = list(made.items.filter(level_code="B").values_list("pk", flat=True)[:2])
    progression.assessment_save(
        assessment=made,
        by=manager.user,
        version=made.version,
        ratings=dict.fromkeys(two, Rating.NOT_MET),
    )
    progression.assessment_submit(assessment=made, by=manager.user)
    assert standing_of(employee).verdict == "Not ready: 2 essential items outstanding"


def test_many_people_cost_the_same_queries_as_one(
    employee, colleague, manager, django_assert_num_queries
):
    builders.assessment(employee, by=manager.user, until="submitted")
    builders.assessment(colleague, by=manager.user, until="submitted")
    # As the first reader after the roles' last change (the roles' items and groups written
    # empty are then kept: test_kept_role_items.py).
    cache.clear()
    # 8: with the one read of the roles' groups written empty.
    with django_assert_num_queries(8):
        standings_of([employee])
    cache.clear()
    with django_assert_num_queries(8):
        standings = standings_of([employee, colleague])
    assert standings[colleague.pk].level.code == "B"


@pytest.mark.parametrize("size", [2, 12])
def test_the_approvals_queue_takes_the_same_queries_however_long(
    login, hr, manager, insurance_officer, django_assert_num_queries, size
):
    """Intended to prevent an n+1 issue: each row shows the person's standing."""
    for n in range(size):
        person = builders.staff(
            f"waiting{n}", level=insurance_officer.levels.get(code="A"), manager=manager
        )
        builders.assessment(person, by=manager.user, until="acknowledged")
    client = login(hr)
    # Each person's stored summary (written by the workflow as the assessment moved), read in
    # one query after one for who is out of date: not their standings worked out (13).
    with django_assert_num_queries(10):
        response = client.get(reverse("staff:approvals"))
    assert len(response.context["assessments"]) == size


# A level in force, and a level scheduled -------------------------------------------------


def test_an_approval_dated_later_schedules_the_level_and_pages_say_so(
    client_for, employee, manager, hr
):
    later = timezone.localdate() + datetime.timedelta(days=30)
    acknowledged = builders.assessment(employee, by=manager.user, until="acknowledged")
    progression.assessment_approve(assessment=acknowledged, by=hr, effective_date=later)

    employee.refresh_from_db()
    assert employee.level.code == "A"
    standing = standing_of(employee)
    assert standing.level.code == "A"
    words = f"Level B from {later:%-d %B %Y}"
    assert standing.scheduled_words == words
    for name in ["my profile", "print", "person page", "team"]:
        html = standing_pages(client_for, person=employee, manager=manager, hr=hr)[name]
        assert words in html, name

    on_the_day = standing_of(employee, today=later)
    assert (on_the_day.level.code, on_the_day.since, on_the_day.scheduled) == ("B", later, None)


def test_a_scheduled_level_takes_effect_on_its_date_with_no_job(
    login, employee, colleague, manager, hr, monkeypatch
):
    later = timezone.localdate() + datetime.timedelta(days=5)
    acknowledged = builders.assessment(employee, by=manager.user, until="acknowledged")
    progression.assessment_approve(assessment=acknowledged, by=hr, effective_date=later)
    client = login(manager)
    before = client.get(reverse("staff:team"), {"sort": "level"}).context["rows"]
    assert [row["standing"].level.code for row in before] == ["A", "B"]

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: later)
    after = client.get(reverse("staff:team"), {"sort": "level"}).context["rows"]
    assert {(row["person"], row["standing"].level.code) for row in after} == {
        (employee, "B"),
        (colleague, "B"),
    }
    mine = next(row for row in after if row["person"] == employee)
    assert (mine["person"].level_now_since, mine["standing"].since) == (later, later)
