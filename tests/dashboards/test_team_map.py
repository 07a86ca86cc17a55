"""A manager's team at a glance: each person against their next level, group by group."""

import csv
import io

import pytest
from django.core.cache import cache
from django.urls import reverse

from dashboards import team_map
from staff.models import Rating, SelfRating
from staff.standing import standing_of
from tests import builders
from tests.dashboards.conftest import assess

HEADINGS = ["Qualifications", "Knowledge", "Experience", "Skills"]


def knowledge(standing):
    """The key of level B's Knowledge group."""
    return next(
        section.key
        for section in team_map.requirement_groups(standing)
        if section.title == "Knowledge · Level B"
    )


def states(standing) -> set[str]:
    return {team_map.Cell.of(section).state for section in team_map.requirement_groups(standing)}


def test_a_cell_counts_its_groups_items_by_rating(manager, employee):
    # Employee at A, towards B: A's four groups and B's four, two items each.
    assess(
        employee, by=manager.user, ratings=["met", "partly_met", "not_met", "met"] + ["met"] * 12
    )
    standing = standing_of(employee)
    cells = {
        section.title: team_map.Cell.of(section)
        for section in team_map.requirement_groups(standing)
    }

    assert list(cells) == [f"{h} · Level {code}" for code in "AB" for h in HEADINGS]
    qualifications = cells["Qualifications · Level A"]
    assert qualifications.words() == "1 of 2 met, 1 partly met"
    assert qualifications.state == team_map.PARTLY
    assert cells["Knowledge · Level A"].words() == "1 of 2 met, 1 not met"
    assert cells["Skills · Level B"].state == team_map.MET


def test_a_group_nobody_rated_is_not_assessed_and_one_with_nothing_met_is_not_met(
    manager, employee
):
    assert states(standing_of(employee)) == {team_map.NOT_ASSESSED}
    assess(employee, by=manager.user, ratings=["not_met"])
    assert states(standing_of(employee)) == {team_map.NOT_MET}


def test_the_employees_own_view_is_shown_beside(manager, employee):
    standing = standing_of(employee)
    key = knowledge(standing)
    first, second = [entry.item for entry in team_map.cell_of(standing, key).items][:2]
    SelfRating.objects.create(staff=employee, requirement=first, rating=Rating.MET)
    SelfRating.objects.create(staff=employee, requirement=second, rating=Rating.NOT_MET)
    assert team_map.cell_of(standing_of(employee), key).own_words() == "Own view: 1 of 2 met"


@pytest.fixture
def team(manager, employee, colleague, outsider, other_manager):
    assess(colleague, by=manager.user, ratings=["met"])
    assess(employee, by=manager.user, ratings=["partly_met"])
    below = builders.staff("deputy", level=employee.level, manager=employee)
    return {"below": below}


def test_direct_reports_readiest_first_and_everyone_below_on_request(
    login, manager, employee, colleague, team
):
    client = login(manager)
    rows = [row.person for row, _ in client.get(reverse("dashboards:team_map")).context["grid"]]
    assert rows == [colleague, employee]
    everyone = client.get(reverse("dashboards:team_map"), {"everyone": "1"}).context["grid"]
    # Employee and deputy are as far from B (every essential item outstanding): by name.
    assert [row.person for row, _ in everyone] == [colleague, team["below"], employee]


def test_a_cell_opens_its_items(login, manager, employee, team):
    key = knowledge(standing_of(employee))
    page = (
        login(manager)
        .get(reverse("dashboards:team_map_cell", args=[employee.pk, key]))
        .content.decode()
    )
    assert "Knowledge item 1 of Insurance Officer level B" in page
    assert "Partly met" in page


def test_a_group_the_next_level_does_not_have_is_not_found(login, manager, employee):
    assert (
        login(manager)
        .get(reverse("dashboards:team_map_cell", args=[employee.pk, "999999"]))
        .status_code
        == 404
    )


def test_the_map_downloads(login, manager, colleague, employee, team):
    response = login(manager).get(reverse("dashboards:team_map"), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    # Colleague (towards C) first: every group of A, B and C; employee (towards B) has no C.
    assert rows[0][-12:] == [f"{h} · Level {code}" for code in "ABC" for h in HEADINGS]
    assert rows[1][0] == colleague.name and rows[1][-1] == "2 of 2 met"
    assert rows[2][-5] == "0 of 2 met, 2 partly met" and rows[2][-1] == ""


@pytest.mark.parametrize("size", [2, 12])
def test_the_map_takes_the_same_queries_however_many_people(
    login, manager, insurance_officer, django_assert_num_queries, size
):
    """Intended to prevent an n+1 issue."""
    for n in range(size):
        person = builders.staff(
            f"p{n}", level=insurance_officer.levels.get(code="A"), manager=manager
        )
        assess(person, by=manager.user, ratings=["met", "not_met"])
    client = login(manager)
    client.get(reverse("dashboards:team_map"))
    cache.clear()  # as the first reader after the role's last change (staff.standing keeps it)
    with django_assert_num_queries(15):
        client.get(reverse("dashboards:team_map"))
