"""Who may act on an assessment, and object-level access the URL access matrix cannot show.

Who may open each staff page (GET), persona by persona, is in tests/test_access_matrix.py. Here:
each workflow step posted by each kind of user (outsiders get 404, never data; those who may
look but not act get 403; anonymous visitors are sent to sign in), and pages about other
assessments and people than the matrix's."""

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
    """The URL of a step of the employee's submitted assessment, with the whole cast and that
    assessment in place."""
    assessment = request.getfixturevalue("submitted")
    for persona in ("hr", "colleague", "outsider"):
        request.getfixturevalue(persona)
    return reverse(f"staff:{name}", args=[assessment.pk])


STEPS = [
    "assessment",
    "assessment_submit",
    "assessment_comment",
    "assessment_acknowledge",
    "assessment_approve",
    "assessment_return",
]


@pytest.mark.parametrize("name", STEPS)
def test_anonymous_posts_are_sent_to_sign_in(client, request, name):
    response = client.post(url_for(name, request))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("who", "name", "status"),
    [
        # Each step is its actor's.
        ("employee", "assessment", 403),
        ("hr", "assessment", 403),
        ("employee", "assessment_submit", 403),
        ("hr", "assessment_submit", 403),
        ("other_manager", "assessment_submit", 404),
        ("manager", "assessment_comment", 403),
        ("colleague", "assessment_comment", 404),
        ("manager", "assessment_acknowledge", 403),
        ("hr", "assessment_acknowledge", 403),
        ("colleague", "assessment_acknowledge", 404),
        ("manager", "assessment_approve", 403),
        ("employee", "assessment_approve", 403),
        ("other_manager", "assessment_approve", 404),
        ("manager", "assessment_return", 403),
        ("employee", "assessment_return", 403),
    ],
)
def test_each_step_posted_by_each_persona_gets_the_expected_status(
    login, request, who, name, status
):
    client = login(request.getfixturevalue(who))
    data = {"effective_date": "2026-12-01", "reason": "Why", "comment": "A comment"}
    assert client.post(url_for(name, request), data).status_code == status


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
