"""Each person's home shows what is waiting for them, and the navigation counts it."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from reviews import cycles
from tests import builders
from tests.reviews.conftest import DUE


def home(client):
    return client.get(reverse("home"))


def test_an_employee_finds_their_assessment_to_acknowledge(login, employee, manager):
    submitted = builders.assessment(employee, by=manager.user, until="submitted")
    response = home(login(employee))
    assert response.status_code == 200
    assert response.context["todos"].to_acknowledge == [submitted]
    page = response.content.decode()
    assert reverse("staff:assessment", args=[submitted.pk]) in page
    assert 'aria-label="My profile, 1 to acknowledge"' in page


def test_a_manager_finds_their_drafts_with_the_cycles_due_date(login, hr, finance):
    cycles.cycle_open(name="Spring 2027", due_date=DUE, by=hr, manager=finance["boss"])
    ad_hoc = builders.staff("dan", level=finance["ann"].level, manager=finance["boss"])
    builders.assessment(ad_hoc, by=finance["boss"].user)

    response = home(login(finance["boss"]))

    drafts = response.context["todos"].drafts
    assert [d.due_date for d in drafts] == [DUE, DUE, DUE, None]
    assert drafts[-1].staff == ad_hoc
    page = response.content.decode()
    assert "31 March 2027" in page and "Spring 2027" in page
    assert 'aria-label="My team, 4 to finish"' in page


def test_hr_finds_approvals_waiting_longest_first(login, hr, manager, employee, colleague):
    first = builders.assessment(employee, by=manager.user, until="acknowledged")
    second = builders.assessment(colleague, by=manager.user, until="acknowledged")
    response = home(login(hr))
    assert response.context["todos"].approvals == [first, second]
    assert response.context["todos"].approvals[0].waiting_since is not None
    assert "Awaiting your decision" in response.content.decode()


def test_hr_is_not_asked_to_decide_on_an_assessment_they_made(login, hr, manager, employee):
    builders.assessment(employee, by=manager.user, until="acknowledged")
    assert home(login(manager)).context["todos"].counts["approvals"] == 0
    assert home(login(hr)).context["todos"].counts["approvals"] == 1


def test_hr_with_nothing_waiting_lands_on_something_useful(login, hr):
    page = home(login(hr)).content.decode()
    assert "Nothing is waiting for you." in page
    assert reverse("reviews:cycle_open") in page
    assert reverse("dashboards:hr") in page


def test_someone_without_a_staff_profile_lands_on_the_role_catalogue(login, visitor):
    assert home(login(visitor))["Location"] == reverse("roles:catalogue")


@pytest.mark.parametrize("size", [2, 8])
def test_home_takes_the_same_queries_however_much_is_waiting(
    login, hr, payroll, django_assert_num_queries, size
):
    """Intended to prevent an n+1 issue: drafts, submissions and approvals all waiting."""
    boss = builders.staff("boss", level=payroll.levels.get(code="C"))
    for n in range(size):
        person = builders.staff(f"p{n}", level=payroll.levels.get(code="A"), manager=boss)
        builders.assessment(person, by=boss.user, until=["draft", "acknowledged"][n % 2])
    # The boss's 16 include standing's one read of the role's groups written empty.
    for who, queries in ((boss, 16), (hr, 10)):
        client = login(who)
        home(client)
        cache.clear()  # as the first reader after the role's last change (staff.standing keeps it)
        with django_assert_num_queries(queries):
            home(client)


def test_an_employee_with_nothing_waiting_sees_where_they_stand(login, employee):
    page = home(login(employee)).content.decode()
    assert "Nothing is waiting for you." in page
    assert "Where you stand: " in page and "Not ready: 16 essential items outstanding" in page


def _counted_todos(queries) -> bool:
    return any('AS "acknowledge"' in query["sql"] for query in queries.captured_queries)


def test_the_todo_counts_are_counted_only_where_the_navigation_shows_them(
    login, hr, employee, manager
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    builders.assessment(employee, by=manager.user, until="acknowledged")
    client = login(hr)
    with CaptureQueriesContext(connection) as admin_page:
        assert client.get(reverse("admin:roles_role_changelist")).status_code == 200
    with CaptureQueriesContext(connection) as site_page:
        page = client.get(reverse("roles:catalogue")).content.decode()
    assert not _counted_todos(admin_page)
    assert _counted_todos(site_page)
    assert 'aria-label="Approvals, 1 awaiting your decision"' in page
