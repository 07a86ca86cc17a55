"""Who may open or act on each staff page: outsiders get 404, never data; those who may look
but not act get 403; anonymous visitors are sent to sign in."""

import pytest
from django.urls import reverse

from staff import progression
from tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(employee, manager):
    return builders.assessment(employee, by=manager.user, until="submitted")


@pytest.fixture
def acknowledged(submitted, employee):
    return progression.assessment_acknowledge(assessment=submitted, by=employee.user)


def url_for(name, request):
    """The URL of a staff page for the employee (or their submitted assessment), with the
    whole cast and that assessment in place."""
    assessment = request.getfixturevalue("submitted")
    for persona in ("hr", "colleague", "outsider"):
        request.getfixturevalue(persona)
    if name in ("team", "approvals"):
        return reverse(f"staff:{name}")
    if name in ("person", "assessment_start"):
        return reverse(f"staff:{name}", args=[request.getfixturevalue("employee").pk])
    return reverse(f"staff:{name}", args=[assessment.pk])


ALL_PAGES = [
    ("team", "get"),
    ("approvals", "get"),
    ("person", "get"),
    ("assessment_start", "get"),
    ("assessment", "get"),
    ("assessment_submit", "post"),
    ("assessment_comment", "post"),
    ("assessment_acknowledge", "post"),
    ("assessment_approve", "post"),
    ("assessment_return", "post"),
]


@pytest.mark.parametrize(("name", "method"), ALL_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, request, name, method):
    response = getattr(client, method)(url_for(name, request))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("who", "name", "method", "status"),
    [
        # The team page is for line managers.
        ("manager", "team", "get", 200),
        ("senior_manager", "team", "get", 200),
        ("employee", "team", "get", 403),
        ("hr", "team", "get", 403),
        # HR's queue is HR's.
        ("hr", "approvals", "get", 200),
        ("manager", "approvals", "get", 403),
        ("employee", "approvals", "get", 403),
        # A person's page: their managers, HR and themselves; nobody else finds it.
        ("manager", "person", "get", 200),
        ("senior_manager", "person", "get", 200),
        ("hr", "person", "get", 200),
        ("employee", "person", "get", 200),
        ("colleague", "person", "get", 404),
        ("other_manager", "person", "get", 404),
        ("outsider", "person", "get", 404),
        # Only a manager above the person starts an assessment.
        ("manager", "assessment_start", "get", 200),
        ("hr", "assessment_start", "get", 403),
        ("employee", "assessment_start", "get", 403),
        ("other_manager", "assessment_start", "get", 404),
        ("colleague", "assessment_start", "get", 404),
        # The submitted assessment: managers above, HR and the employee read it.
        ("manager", "assessment", "get", 200),
        ("senior_manager", "assessment", "get", 200),
        ("hr", "assessment", "get", 200),
        ("employee", "assessment", "get", 200),
        ("colleague", "assessment", "get", 404),
        ("other_manager", "assessment", "get", 404),
        ("outsider", "assessment", "get", 404),
        # Each step is its actor's.
        ("employee", "assessment", "post", 403),
        ("hr", "assessment", "post", 403),
        ("employee", "assessment_submit", "post", 403),
        ("hr", "assessment_submit", "post", 403),
        ("other_manager", "assessment_submit", "post", 404),
        ("manager", "assessment_comment", "post", 403),
        ("colleague", "assessment_comment", "post", 404),
        ("manager", "assessment_acknowledge", "post", 403),
        ("hr", "assessment_acknowledge", "post", 403),
        ("colleague", "assessment_acknowledge", "post", 404),
        ("manager", "assessment_approve", "post", 403),
        ("employee", "assessment_approve", "post", 403),
        ("other_manager", "assessment_approve", "post", 404),
        ("manager", "assessment_return", "post", 403),
        ("employee", "assessment_return", "post", 403),
    ],
)
def test_each_persona_gets_the_expected_status(login, request, who, name, method, status):
    url = url_for(name, request)
    client = login(request.getfixturevalue(who))
    data = {"effective_date": "2026-12-01", "reason": "Why", "comment": "A comment"}
    response = client.get(url) if method == "get" else client.post(url, data)
    assert response.status_code == status


def test_an_employee_never_sees_their_draft(login, employee, manager):
    draft = builders.assessment(employee, by=manager.user, until="draft")
    response = login(employee).get(reverse("staff:assessment", args=[draft.pk]))
    assert response.status_code == 404


def test_an_employee_cannot_open_a_colleagues_assessment(login, employee, colleague, manager):
    theirs = builders.assessment(colleague, by=manager.user, until="submitted")
    response = login(employee).get(reverse("staff:assessment", args=[theirs.pk]))
    assert response.status_code == 404


def test_a_manager_cannot_open_an_assessment_outside_their_tree(
    login, manager, outsider, other_manager
):
    theirs = builders.assessment(outsider, by=other_manager.user, until="submitted")
    response = login(manager).get(reverse("staff:assessment", args=[theirs.pk]))
    assert response.status_code == 404


def test_a_manager_cannot_start_an_assessment_outside_their_tree(login, manager, outsider):
    response = login(manager).post(reverse("staff:assessment_start", args=[outsider.pk]))
    assert response.status_code == 404
    assert not outsider.assessments.exists()


def test_an_employees_own_page_hides_drafts_about_them(login, employee, manager):
    builders.assessment(employee, by=manager.user, until="draft")
    response = login(employee).get(reverse("staff:person", args=[employee.pk]))
    assert response.context["assessments"] == []


def test_hr_can_approve_from_the_assessment_page(login, hr, acknowledged):
    response = login(hr).post(
        reverse("staff:assessment_approve", args=[acknowledged.pk]),
        {"effective_date": "2026-12-01"},
    )
    assert response.status_code == 302
    acknowledged.refresh_from_db()
    assert acknowledged.status == "approved"
