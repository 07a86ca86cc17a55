"""The team page and approvals read each person's stored standing summary instead of working
out their standing from every item of their role: what they show is the live standing's, whatever
the history, and a summary left wrong by a change outside the workflow (an assessment or a level
change deleted) is written again."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis.extra.django import TestCase

from roles.models import Level, Role
from staff.history import level_change_record
from staff.models import Assessment, LevelChange, Rating, StandingSummary
from staff.standing import standing_of
from tests import builders
from tests.staff import test_standing_property as histories

_ROW = re.compile(r'<tr>\s*<th scope="row"><a href="/staff/people/(\d+)/">.*?</tr>', re.S)
_CELL = re.compile(r'<td data-label="([^"]+)">(.*?)</td>', re.S)


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def team_rows(html: str) -> dict[int, dict[str, str]]:
    """Each row of the team table, by the person's id: {column: the words shown}."""
    return {
        int(match.group(1)): {label: text(cell) for label, cell in _CELL.findall(match.group(0))}
        for match in _ROW.finditer(html)
    }


def shown_live(person) -> dict[str, str]:
    """The level and readiness words the team page shows, from the live standing."""
    standing = standing_of(person)
    towards = standing.towards_next
    if towards is not None and standing.shown_assessment is not None:
        readiness = (
            f"Level {standing.next_level.code}: {towards.verdict} "
            f"({towards.met} of {towards.counted} met, {towards.percent_met}%)"
        )
    elif standing.next_level is not None:
        readiness = f"Not yet assessed against level {standing.next_level.code}"
    else:
        readiness = "At the top level" if standing.level else "—"
    level = standing.level.code if standing.level else "—"
    return {
        "Level": f"{level} {standing.scheduled_words}".strip(),
        "Readiness for the next level": readiness,
    }


class TheTeamPageShowsTheLiveStanding(TestCase):
    make_people = histories.StandingIsTheSameEverywhere.make_people
    play = histories.StandingIsTheSameEverywhere.play

    def check_team_page(self):
        client = self.client
        client.force_login(self.manager.user)
        rows = team_rows(client.get(reverse("staff:team")).content.decode())
        assert set(rows) == {self.person.pk, self.colleague.pk}
        for person in (self.person, self.colleague):
            shown = {k: v for k, v in rows[person.pk].items() if k in shown_live(person)}
            assert shown == shown_live(person), person

    @histories.whole_histories(10)
    @given(histories.HISTORIES)
    def test_after_any_history_the_team_page_shows_the_live_readiness(self, history):
        self.make_people()
        self.colleague = builders.staff(
            "colleague", level=self.person.level.role.levels.get(code="B"), manager=self.manager
        )
        for outcome, ratings in history:
            self.play(outcome, ratings)
            self.check_team_page()
        # Outside the workflow: HR relaxes the rule (the role's version moves on) ...
        Level.objects.filter(role=self.person.level.role).update(min_desirable_met=0)
        Role.bump_versions([self.person.level.role_id])
        self.check_team_page()
        # ... and a level change is scheduled for a day to come.
        standing = standing_of(self.person)
        if standing.next_level is not None:
            level_change_record(
                staff=self.person,
                to_level=standing.next_level,
                effective_date=timezone.localdate() + datetime.timedelta(days=30),
                reason="generated",
                by=self.hr,
            )
            self.check_team_page()


pytestmark = pytest.mark.django_db


def test_the_team_page_reads_each_persons_summary_not_their_ratings(
    login, manager, employee, colleague
):
    builders.assessment(employee, by=manager.user, until="submitted", rating=Rating.MET)
    client = login(manager)
    client.get(reverse("staff:team"))  # everyone's summary up to date
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("staff:team")).content.decode()
    assert "(16 of 16 met, 100%)" in page
    read = " ".join(q["sql"] for q in queries.captured_queries)
    assert "staff_standingsummary" in read and "roles_requirementitem" not in read


def test_approvals_show_where_each_person_stands_from_their_summary(login, hr, manager, employee):
    builders.assessment(employee, by=manager.user, until="acknowledged", rating=Rating.MET)
    client = login(hr)
    client.get(reverse("staff:approvals"))
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("staff:approvals")).content.decode()
    assert "Ready for Level B" in page and "(16 of 16 met, 100%)" in page
    assert "roles_requirementitem" not in " ".join(q["sql"] for q in queries.captured_queries)


def test_deleting_an_assessment_shows_the_standing_without_it(login, manager, employee):
    assessment = builders.assessment(employee, by=manager.user, until="submitted")
    client = login(manager)
    assert "Ready for Level B" in client.get(reverse("staff:team")).content.decode()

    # As a data fix in the shell or a script would: not through the workflow.
    Assessment.objects.filter(pk=assessment.pk).delete()

    assert not StandingSummary.objects.filter(staff=employee).exists()
    page = client.get(reverse("staff:team")).content.decode()
    assert "Ready for Level B" not in page
    assert "Not yet assessed against level B" in page


def test_deleting_a_scheduled_level_change_takes_it_off_the_team_page(login, hr, manager, employee):
    day = timezone.localdate() + datetime.timedelta(days=30)
    level_change_record(
        staff=employee,
        to_level=employee.level.role.levels.get(code="B"),
        effective_date=day,
        reason="promoted",
        by=hr,
    )
    client = login(manager)
    row = team_rows(client.get(reverse("staff:team")).content.decode())[employee.pk]
    assert row["Level"] == f"A Level B from {day:%-d %B %Y}"

    LevelChange.objects.filter(staff=employee).delete()

    assert not StandingSummary.objects.filter(staff=employee).exists()  # out of date
    row = team_rows(client.get(reverse("staff:team")).content.decode())[employee.pk]
    assert row["Level"] == "A"
