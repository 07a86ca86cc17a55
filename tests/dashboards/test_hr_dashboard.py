"""HR's dashboard: each figure against the hand-counted organisation of conftest.py."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from dashboards import figures
from tests import builders


def figure(response, key) -> figures.Figure:
    return next(f for f in response.context["board"].figures if f.key == key)


@pytest.fixture
def dashboard(login, hr, organisation):
    client = login(hr)
    return lambda **query: client.get(reverse("dashboards:hr"), query)


def test_people_by_level_for_each_role(dashboard):
    rows = figure(dashboard(), "levels").rows
    assert [row[:4] for row in rows] == [
        ["Insurance", "Insurance Officer", "A", 3],
        ["Insurance", "Insurance Officer", "B", 1],
        ["Insurance", "Insurance Officer", "C", 3],
    ]


def test_the_readiness_pipeline(dashboard):
    found = figure(dashboard(), "pipeline")
    assert dict(map(tuple, found.rows)) == {
        figures.READY: 1,
        figures.CLOSE: 1,
        figures.FURTHER: 1,
        figures.NOT_ASSESSED: 1,
        figures.AT_TOP: 3,
        figures.NO_LEVEL: 1,
    }
    # Everyone with a level but the three assessed today.
    assert found.note == "4 of 8 not assessed in the last 12 months."


def test_who_is_ready_or_close_and_what_stands_in_their_way(dashboard, colleague, outsider):
    rows = figure(dashboard(), "ready").rows
    assert [(row[0], row[4]) for row in rows] == [
        (colleague.name, figures.READY),
        (outsider.name, figures.CLOSE),
    ]
    assert rows[1][5] == "Qualifications item 1 of Insurance Officer level A"


def test_assessments_by_state_and_age(dashboard):
    rows = {row[0]: row[1:] for row in figure(dashboard(), "assessments").rows}
    assert rows["Submitted"] == [3, 3, 0, 0]
    assert rows["Draft"] == [0, 0, 0, 0]


def test_completion_by_manager(dashboard, manager, other_manager, senior_manager):
    rows = {row[0]: row[1:] for row in figure(dashboard(), "completion_manager").rows}
    assert rows == {
        manager.name: [3, 2, 67, 2],
        other_manager.name: [1, 1, 100, 1],
        senior_manager.name: [1, 0, 0, 0],
        "No line manager": [2, 0, 0, 0],
    }


def test_role_profiles_by_status_and_past_their_review(dashboard, insurance_officer):
    builders.role("Old Role", status="archived")
    insurance_officer.last_reviewed = datetime.date(2020, 1, 1)
    insurance_officer.next_review = datetime.date(2021, 1, 1)
    insurance_officer.save()
    response = dashboard()
    assert figure(response, "roles").rows == [
        ["Draft", 0, 0],
        ["Published", 1, 1],
        ["Archived", 1, 0],
    ]
    assert [row[0] for row in figure(response, "overdue_roles").rows] == ["Insurance Officer"]


def test_the_filters_narrow_every_figure_to_a_managers_line(dashboard, manager):
    response = dashboard(manager=manager.pk)
    assert response.context["board"].people_count == 3
    assert [row[2:4] for row in figure(response, "levels").rows] == [["A", 2], ["B", 1]]


def test_a_value_that_is_not_a_choice_is_ignored(dashboard):
    assert dashboard(department="Nowhere", months="x").context["board"].people_count == 8


def test_months_changes_what_counts_as_not_assessed_recently(dashboard, time_travel):
    time_travel(days=100)
    assert figure(dashboard(months=3), "pipeline").note.startswith("7 of 8")
    assert figure(dashboard(months=4), "pipeline").note.startswith("4 of 8")


@pytest.fixture
def time_travel(monkeypatch):
    def travel(*, days):
        localdate = figures.timezone.localdate
        later = localdate() + datetime.timedelta(days=days)
        monkeypatch.setattr(
            figures.timezone,
            "localdate",
            lambda value=None: later if value is None else localdate(value),
        )

    return travel


def test_each_figure_downloads_as_its_table(dashboard):
    response = dashboard(download="levels", format="csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Job family", "Role", "Level", "People", "Median months at the level"]
    assert len(rows) == 4
    assert dashboard(download="pipeline", format="xlsx")["Content-Type"].startswith(
        "application/vnd.openxmlformats"
    )


def test_an_unknown_download_is_not_found(dashboard):
    assert dashboard(download="levels", format="exe").status_code == 404
    assert dashboard(download="salaries", format="csv").status_code == 404


def test_every_chart_has_its_table_as_text(dashboard):
    page = dashboard().content.decode()
    assert page.count('class="bar-chart mb-2" aria-hidden="true"') == 6
    assert page.count("<caption") == 8


@pytest.mark.parametrize("size", [2, 12])
def test_the_dashboard_takes_the_same_queries_however_many_people(
    login, hr, insurance_officer, manager, django_assert_num_queries, size
):
    """Intended to prevent an n+1 issue: everyone assessed, with ratings."""
    from tests.dashboards.conftest import assess

    for n in range(size):
        person = builders.staff(
            f"p{n}", level=insurance_officer.levels.get(code="A"), manager=manager
        )
        assess(person, by=manager.user, ratings=["met"])
    client = login(hr)
    client.get(reverse("dashboards:hr"))  # brings the new people's stored standings up to date
    with django_assert_num_queries(24):
        client.get(reverse("dashboards:hr"))
