"""A line manager's team page, a person's page, and where each kind of user lands."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from staff import progression
from staff.models import Rating
from tests import builders

pytestmark = pytest.mark.django_db


def names(response):
    return [row["person"].name for row in response.context["rows"]]


def test_the_team_shows_direct_reports(login, manager, employee, colleague, outsider):
    response = login(manager).get(reverse("staff:team"))
    assert names(response) == ["Colleague Tester", "Employee Tester"]


def test_the_switch_shows_everyone_below_not_only_direct_reports(
    login, senior_manager, manager, employee, colleague
):
    client = login(senior_manager)
    assert names(client.get(reverse("staff:team"))) == ["Manager Tester"]
    everyone = names(client.get(reverse("staff:team"), {"everyone": "1"}))
    assert everyone == ["Colleague Tester", "Employee Tester", "Manager Tester"]


def test_readiness_for_the_next_level_is_shown_in_words(login, manager, employee, colleague):
    assessment = builders.assessment(employee, by=manager.user, rating=Rating.MET)
    partly = assessment.items.filter(level_code="B")[:2]
    assessment.items.filter(pk__in=[i.pk for i in partly]).update(rating=Rating.PARTLY_MET)
    progression.assessment_submit(assessment=assessment, by=manager.user)
    page = login(manager).get(reverse("staff:team")).content.decode()
    assert "Not ready: 2 essential items outstanding" in page
    assert "(14 of 16 met, 88%)" in page


def test_someone_not_yet_assessed_says_so(login, manager, employee):
    page = login(manager).get(reverse("staff:team")).content.decode()
    assert "Not yet assessed against level B" in page


def test_the_team_filters_by_latest_assessment_status(login, manager, employee, colleague):
    builders.assessment(employee, by=manager.user, until="submitted")
    client = login(manager)
    assert names(client.get(reverse("staff:team"), {"status": "submitted"})) == ["Employee Tester"]
    assert names(client.get(reverse("staff:team"), {"status": "none"})) == ["Colleague Tester"]


def test_the_team_filters_by_role(login, manager, employee):
    claims = builders.role("Claims Handler")
    builders.staff("claire", level=claims.levels.get(code="A"), manager=manager)
    response = login(manager).get(reverse("staff:team"), {"role": claims.pk})
    assert names(response) == ["Claire Tester"]


def test_the_team_sorts_by_name_descending(login, manager, employee, colleague):
    response = login(manager).get(reverse("staff:team"), {"sort": "-name"})
    assert names(response) == ["Employee Tester", "Colleague Tester"]


def test_the_team_sorts_by_level(login, manager, employee, colleague):
    response = login(manager).get(reverse("staff:team"), {"sort": "-level"})
    assert names(response) == ["Colleague Tester", "Employee Tester"]


@pytest.mark.parametrize("size", [3, 30])
def test_the_team_page_takes_the_same_queries_for_3_people_as_for_30(
    login, manager, insurance_officer, django_assert_num_queries, size
):
    """Intended to prevent an n+1 issue: every person has an assessment with its items."""
    for n in range(size):
        person = builders.staff(
            f"person{n}", level=insurance_officer.levels.get(code="A"), manager=manager
        )
        builders.assessment(person, by=manager.user)
    client = login(manager)
    cache.clear()  # as the first reader after the role's last change: its items read too
    # Nobody has a stored summary yet: the page finds them out of date and writes them (their
    # standings' four queries and one write), then reads them.
    with django_assert_num_queries(18):
        response = client.get(reverse("staff:team"))
    assert len(response.context["rows"]) == min(size, 25)
    # Then it reads them only: one query for who is out of date, one for the summaries (where
    # the page worked out standings live it took 15).
    with django_assert_num_queries(13):
        client.get(reverse("staff:team"))


def test_a_big_team_is_paginated(login, manager, insurance_officer):
    for n in range(26):
        builders.staff(f"person{n}", level=insurance_officer.levels.get(code="A"), manager=manager)
    response = login(manager).get(reverse("staff:team"), {"page": 2})
    assert len(response.context["rows"]) == 1


def test_the_persons_page_shows_the_latest_rating_of_each_requirement(login, manager, employee):
    builders.assessment(employee, by=manager.user, rating=Rating.PARTLY_MET, until="submitted")
    response = login(manager).get(reverse("staff:person", args=[employee.pk]))
    labels = {r.rating_label for r in response.context["standing"].all_items}
    assert labels == {"Partly met"}
    assert "16 essential items outstanding" in response.content.decode()


def test_the_persons_page_shows_the_level_history_with_its_assessment(login, manager, employee, hr):
    approved = builders.assessment(employee, by=manager.user, until="approved", hr_user=hr)
    page = login(hr).get(reverse("staff:person", args=[employee.pk])).content.decode()
    assert "from level A to level B" in page
    assert reverse("staff:assessment", args=[approved.pk]) in page


def test_the_navigation_offers_my_team_to_managers_only(login, manager, employee):
    team_link = f'href="{reverse("staff:team")}"'
    assert team_link in login(manager).get(reverse("roles:catalogue")).content.decode()
    assert team_link not in login(employee).get(reverse("roles:catalogue")).content.decode()


def test_the_approvals_queue_lists_acknowledged_assessments_first(
    login, hr, manager, employee, colleague
):
    builders.assessment(employee, by=manager.user, until="submitted")
    ready = builders.assessment(colleague, by=manager.user, until="acknowledged")
    response = login(hr).get(reverse("staff:approvals"))
    assert list(response.context["assessments"])[0] == ready
    assert 'href="/staff/approvals/"' in response.content.decode()
