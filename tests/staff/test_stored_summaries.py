"""The stored summaries HR's dashboard counts say what the live standing says: the workflow
rewrites them as standing changes, and what changes standing without the workflow (a role
edited, a scheduled level change coming into force, a new person) makes them out of date, so
that the dashboard (or the task worker) writes them again before counting."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis.extra.django import TestCase

from dashboards import figures
from roles.models import Level, RequirementItem, Role
from staff import progression
from staff.models import Pipeline, StandingSummary
from staff.standing import standing_of
from staff.summaries import REFRESHED_ON_THE_PAGE, out_of_date, summaries_refresh, summary_of
from tests import builders
from tests.dashboards.conftest import assess
from tests.staff import test_standing_property as histories

WRITTEN = [
    f.attname
    for f in StandingSummary._meta.concrete_fields
    if f.name not in ("staff", "written_at")
]


def stored(person) -> dict:
    summary = StandingSummary.objects.get(staff=person)
    return {name: getattr(summary, name) for name in WRITTEN}


def live(person, today=None) -> dict:
    summary = summary_of(standing_of(person, today=today))
    return {name: getattr(summary, name) for name in WRITTEN}


def is_up_to_date(person, day=None) -> bool:
    return not out_of_date(type(person).objects.filter(pk=person.pk), day).exists()


class StoredSummariesFollowTheWorkflow(TestCase):
    make_people = histories.StandingIsTheSameEverywhere.make_people
    play = histories.StandingIsTheSameEverywhere.play

    @histories.whole_histories(12)
    @given(histories.HISTORIES)
    def test_after_any_history_the_stored_summary_is_the_live_standing(self, history):
        self.make_people()
        summaries_refresh([self.person, self.manager])
        for outcome, ratings in history:
            self.play(outcome, ratings)
            assert is_up_to_date(self.person)
            assert stored(self.person) == live(self.person)


def pipeline(response) -> dict:
    found = next(f for f in response.context["board"].figures if f.key == "pipeline")
    return {label: n for label, n in found.rows if n}


@pytest.fixture
def dashboard(login, hr):
    client = login(hr)
    return lambda **query: client.get(reverse("dashboards:hr"), query)


def test_a_role_edit_makes_its_holders_out_of_date_until_the_dashboard_counts(
    dashboard, outsider, other_manager
):
    # Every item met but one essential one: close.
    assess(outsider, by=other_manager.user, ratings=["not_met", "met"])
    assert stored(outsider)["pipeline"] == Pipeline.CLOSE
    assert pipeline(dashboard())[figures.CLOSE] == 1

    # HR makes the one item outstanding desirable, with no desirable item required (as the
    # admin does it: the role's version moves).
    role = outsider.level.role
    outstanding = standing_of(outsider).towards_next.essential_outstanding
    RequirementItem.objects.filter(level__role=role, text__in=outstanding).update(
        is_essential=False
    )
    Level.objects.filter(role=role).update(min_desirable_met=0)
    Role.bump_versions([outsider.level.role_id])
    assert not is_up_to_date(outsider)

    shown = pipeline(dashboard())
    assert shown.get(figures.CLOSE, 0) == 0 and shown[figures.READY] == 1
    assert is_up_to_date(outsider) and stored(outsider) == live(outsider)


def test_a_scheduled_level_change_is_out_of_date_on_its_day(
    dashboard, monkeypatch, hr, manager, colleague
):
    assessment = assess(colleague, by=manager.user, ratings=["met"])
    progression.assessment_acknowledge(assessment=assessment, by=colleague.user)
    today = timezone.localdate()
    day = today + datetime.timedelta(days=10)
    progression.assessment_approve(assessment=assessment, by=hr, effective_date=day)
    assert stored(colleague)["level_id"] == colleague.level_id  # still B until the day
    assert stored(colleague)["stale_from"] == day
    assert is_up_to_date(colleague, today)
    assert not is_up_to_date(colleague, day)

    localdate = figures.timezone.localdate
    monkeypatch.setattr(
        figures.timezone, "localdate", lambda value=None: day if value is None else localdate(value)
    )
    levels = next(f for f in dashboard().context["board"].figures if f.key == "levels").rows
    assert [row[2:4] for row in levels] == [["C", 3]]
    assert stored(colleague) == live(colleague, day) and stored(colleague)["stale_from"] is None


def test_many_out_of_date_are_left_to_the_task_worker_and_the_page_says_so(
    dashboard, settings, insurance_officer
):
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    for n in range(REFRESHED_ON_THE_PAGE + 1):
        builders.staff(f"new{n}", level=insurance_officer.levels.get(code="A"))
    page = dashboard().content.decode()
    assert "being brought up to date" in page
    assert len(default_task_backend.results) == 1
    dashboard()  # already queued: not again
    assert len(default_task_backend.results) == 1

    default_task_backend.results[0].task.call()
    page = dashboard()
    assert "being brought up to date" not in page.content.decode()
    assert pipeline(page)[figures.NOT_ASSESSED] == REFRESHED_ON_THE_PAGE + 1


def test_a_few_out_of_date_are_brought_up_to_date_by_the_page(dashboard, insurance_officer):
    for n in range(REFRESHED_ON_THE_PAGE):
        builders.staff(f"new{n}", level=insurance_officer.levels.get(code="A"))
    response = dashboard()
    assert "being brought up to date" not in response.content.decode()
    assert pipeline(response)[figures.NOT_ASSESSED] == REFRESHED_ON_THE_PAGE


def test_the_command_writes_those_out_of_date_or_everyone(employee, colleague):
    call_command("refresh_standing_summaries")
    assert StandingSummary.objects.count() == 4  # with their managers
    StandingSummary.objects.filter(staff=employee).update(pipeline=Pipeline.READY)
    call_command("refresh_standing_summaries")
    assert stored(employee)["pipeline"] == Pipeline.READY  # not out of date, so not rewritten
    call_command("refresh_standing_summaries", "--all")
    assert stored(employee) == live(employee)
