"""Review cycles: HR opens one for a group, the app makes the drafts, follows them, reminds the
people who act next once, and closes with a summary."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from core.models import OutgoingEmail
from reviews import cycles
from reviews.models import CycleEntry, CycleReminder
from staff import progression
from staff.models import Assessment
from tests import builders
from tests.reviews.conftest import DUE


def open_finance_cycle(hr, **choice):
    return cycles.cycle_open(name="Spring 2027", due_date=DUE, by=hr, **choice)


def outcome_of(cycle, person) -> str:
    return cycle.entries.get(staff=person).outcome


def test_a_cycle_makes_a_draft_for_each_person_with_their_line_manager_as_assessor(hr, finance):
    cycle = open_finance_cycle(hr, department="Finance")

    ann = cycle.entries.get(staff=finance["ann"]).assessment
    assert ann.status == Assessment.Status.DRAFT
    assert ann.assessor == finance["boss"].user
    assert ann.target_level.code == "B"
    assert ann.items.count() > 0
    assert "Spring 2027" in ann.events.get().note


def test_at_the_top_level_the_draft_is_against_the_current_level(hr, finance):
    cycle = open_finance_cycle(hr, department="Finance")
    assert cycle.entries.get(staff=finance["cat"]).assessment.target_level.code == "C"


def test_someone_already_in_an_open_assessment_is_reported_not_given_a_second(hr, finance):
    already = builders.assessment(finance["bob"], by=finance["boss"].user, until="submitted")

    cycle = open_finance_cycle(hr, department="Finance")

    assert outcome_of(cycle, finance["bob"]) == CycleEntry.Outcome.ALREADY_OPEN
    assert cycle.entries.get(staff=finance["bob"]).assessment == already
    assert finance["bob"].assessments.count() == 1


def test_people_without_a_line_manager_are_reported(hr, finance):
    cycle = open_finance_cycle(hr, department="Finance")
    assert outcome_of(cycle, finance["loner"]) == CycleEntry.Outcome.NO_MANAGER
    assert not finance["loner"].assessments.exists()


def test_a_cycle_covers_only_the_people_chosen(hr, finance, employee, outsider):
    by_department = open_finance_cycle(hr, department="finance")  # as HR may type it
    assert {e.staff for e in by_department.entries.all()} == {
        finance[name] for name in ("boss", "ann", "bob", "cat", "loner")
    }
    by_manager = open_finance_cycle(hr, manager=finance["boss"])
    assert {e.staff for e in by_manager.entries.all()} == {
        finance[name] for name in ("ann", "bob", "cat")
    }


def test_only_hr_opens_a_cycle(manager, finance):
    with pytest.raises(PermissionDenied):
        open_finance_cycle(manager.user, department="Finance")


def test_completion_follows_the_workflow(hr, finance):
    cycle = open_finance_cycle(hr, department="Finance")
    assert cycle.entries.count() == 5
    progress = cycles.cycle_progress(cycle)
    assert (progress.in_cycle, progress.complete) == (4, 0)
    assert progress.stages["With the manager"] == 4
    assert progress.reported == {"Draft created": 4, "No line manager": 1}

    draft = cycle.entries.get(staff=finance["ann"]).assessment
    boss = finance["boss"].user
    progression.assessment_save(
        assessment=draft,
        by=boss,
        version=draft.version,
        ratings=dict.fromkeys(draft.items.values_list("pk", flat=True), "met"),
        recommendation="progress",
    )
    progression.assessment_submit(assessment=draft, by=boss)
    assert cycles.cycle_progress(cycle).stages["With the employee"] == 1
    progression.assessment_acknowledge(assessment=draft, by=finance["ann"].user)

    progress = cycles.cycle_progress(cycle)
    assert (progress.complete, progress.percent_complete) == (1, 25)
    assert progress.stages == {
        "With the manager": 3,
        "With the employee": 0,
        "With HR": 1,
        "Decided": 0,
        "Closed": 0,
    }


# Reminders ------------------------------------------------------------------------------


def reminder_emails():
    return list(OutgoingEmail.objects.filter(subject__contains="Spring 2027").order_by("pk"))


def test_a_reminder_is_sent_once_however_often_the_job_runs(hr, finance, settings):
    settings.SITE_URL = "https://roles.example.org"
    cycle = open_finance_cycle(hr, manager=finance["boss"])
    week_before = DUE - datetime.timedelta(days=7)

    assert cycles.reminders_send(today=week_before - datetime.timedelta(days=1)) == 0
    assert cycles.reminders_send(today=week_before) == 3
    assert cycles.reminders_send(today=week_before) == 0
    assert cycles.reminders_send(today=DUE) == 0

    emails = reminder_emails()
    assert len(emails) == 3
    assert {tuple(e.recipients) for e in emails} == {(finance["boss"].user.email,)}
    ann = cycle.entries.get(staff=finance["ann"]).assessment
    link = f"https://roles.example.org{reverse('staff:assessment', args=[ann.pk])}"
    assert any(link in e.body for e in emails)


def test_after_the_due_date_the_person_who_acts_next_is_reminded_once(hr, finance):
    cycle = open_finance_cycle(hr, manager=finance["boss"])
    ann = cycle.entries.get(staff=finance["ann"]).assessment
    builders_submit(ann, finance["boss"].user)
    acknowledged = cycle.entries.get(staff=finance["cat"]).assessment
    builders_submit(acknowledged, finance["boss"].user)
    progression.assessment_acknowledge(assessment=acknowledged, by=finance["cat"].user)

    day_after = DUE + datetime.timedelta(days=1)
    assert cycles.reminders_send(today=day_after) == 2
    assert cycles.reminders_send(today=day_after + datetime.timedelta(days=3)) == 0

    recipients = {e.recipients[0]: e.subject for e in reminder_emails()}
    assert set(recipients) == {finance["ann"].user.email, finance["boss"].user.email}
    assert "acknowledge" in recipients[finance["ann"].user.email]
    assert CycleReminder.objects.filter(kind=CycleReminder.Kind.OVERDUE).count() == 2


def test_a_closed_cycle_reminds_nobody(hr, finance):
    cycle = open_finance_cycle(hr, manager=finance["boss"])
    cycles.cycle_close(cycle=cycle, by=hr)
    assert cycles.reminders_send(today=DUE) == 0


def test_the_daily_command_sends_what_is_due(hr, finance, time_machine_today):
    from django.core.management import call_command

    open_finance_cycle(hr, manager=finance["boss"])
    time_machine_today(DUE)
    out = io.StringIO()
    call_command("send_review_reminders", stdout=out)
    call_command("send_review_reminders", stdout=out)
    assert out.getvalue() == "3 reminders sent.\n0 reminders sent.\n"


@pytest.fixture
def time_machine_today(monkeypatch):
    def travel(day):
        monkeypatch.setattr(cycles.timezone, "localdate", lambda: day)

    return travel


def builders_submit(assessment, by):
    progression.assessment_save(
        assessment=assessment,
        by=by,
        version=assessment.version,
        ratings=dict.fromkeys(assessment.items.values_list("pk", flat=True), "met"),
        recommendation="progress",
    )
    progression.assessment_submit(assessment=assessment, by=by)


# The pages -------------------------------------------------------------------------------


def test_hr_opens_a_cycle_on_its_page_and_sees_who_was_left_out(login, hr, finance):
    client = login(hr)
    response = client.post(
        reverse("reviews:cycle_open"),
        {"name": "Spring 2027", "due_date": "2027-03-31", "department": "Finance"},
        follow=True,
    )
    page = response.content.decode()
    assert "“Spring 2027” is open: 4 drafts made." in page
    assert "No line manager: <strong>1</strong>" in page
    assert "0 of 4 complete (0%)" in page


def test_a_due_date_in_the_past_is_refused_keeping_what_was_typed(login, hr, finance):
    response = login(hr).post(
        reverse("reviews:cycle_open"),
        {"name": "Too late", "due_date": "2020-01-01", "department": "Finance"},
    )
    assert response.status_code == 200
    assert "The due date has passed" in response.content.decode()
    assert 'value="Too late"' in response.content.decode()
    assert not CycleEntry.objects.exists()


def test_closing_gives_a_summary_that_never_runs_as_a_formula(login, hr, finance):
    finance["ann"].user.first_name = "=HYPERLINK(1)"
    finance["ann"].user.save()
    cycle = open_finance_cycle(hr, department="Finance")
    client = login(hr)

    client.post(reverse("reviews:cycle_close", args=[cycle.pk]))
    cycle.refresh_from_db()
    assert not cycle.is_open

    response = client.get(reverse("reviews:cycle_download", args=[cycle.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == cycles.SUMMARY_HEADERS
    ann = next(row for row in rows if "HYPERLINK" in row[0])
    assert ann[0].startswith("'=")
    assert ann[6:8] == ["Draft created", "Draft"]
    # Level A's and B's items, one per category each: nothing shown to Ann is rated yet.
    assert ann[9] == "Not ready: 8 essential items outstanding"
    xlsx = client.get(reverse("reviews:cycle_download", args=[cycle.pk, "xlsx"]))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.parametrize("size", [2, 12])
def test_the_cycle_page_takes_the_same_queries_however_many_people(
    login, hr, payroll, django_assert_num_queries, size
):
    """Intended to prevent an n+1 issue."""
    boss = builders.staff("boss", level=payroll.levels.get(code="C"))
    for n in range(size):
        builders.staff(f"p{n}", level=payroll.levels.get(code="A"), manager=boss)
    cycle = open_finance_cycle(hr, department="Finance")
    client = login(hr)
    client.get(reverse("reviews:cycle", args=[cycle.pk]))
    with django_assert_num_queries(11):
        client.get(reverse("reviews:cycle", args=[cycle.pk]))


def test_opening_a_cycle_schedules_the_reminders_for_the_worker(
    hr, finance, settings, django_capture_on_commit_callbacks
):
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        open_finance_cycle(hr, manager=finance["boss"])

    scheduled = [
        (result.task.name, timezone.localtime(result.task.run_after))
        for result in default_task_backend.results
    ]
    at_eight = datetime.time(8)
    assert scheduled == [
        ("send_reminders", timezone.make_aware(datetime.datetime.combine(day, at_eight)))
        for day in (DUE - datetime.timedelta(days=7), DUE + datetime.timedelta(days=1))
    ]


def test_a_leaver_is_left_out_of_a_cycle(hr, finance):
    finance["bob"].user.is_active = False
    finance["bob"].user.save()
    cycle = open_finance_cycle(hr, department="Finance")
    assert not cycle.entries.filter(staff=finance["bob"]).exists()


@pytest.mark.parametrize("size", [1, 6])
def test_the_list_of_cycles_takes_the_same_queries_however_many(
    login, hr, finance, django_assert_num_queries, size
):
    """Intended to prevent an n+1 issue: each cycle's completion."""
    for n in range(size):
        cycles.cycle_open(name=f"Round {n}", due_date=DUE, by=hr, role=finance["ann"].level.role)
    client = login(hr)
    client.get(reverse("reviews:cycles"))
    with django_assert_num_queries(10):
        client.get(reverse("reviews:cycles"))
    with django_assert_num_queries(11):
        client.get(reverse("home"))
