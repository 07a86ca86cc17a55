"""The assessment pages as the manager, the employee and HR use them."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from staff import progression
from staff.models import Assessment, Evidence, Rating, SelfRating
from tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(employee, manager):
    return progression.assessment_start(staff=employee, by=manager.user)


def form_data(assessment, rating=Rating.MET, **extra):
    """What the manager's browser posts: the version they opened and a rating for each item."""
    data = {"version": assessment.version, "recommendation": "progress", "summary": ""}
    for item in assessment.items.all():
        data[f"rating_{item.pk}"] = rating
        data[f"comment_{item.pk}"] = ""
    return {**data, **extra}


def test_starting_from_the_persons_page_opens_the_form(login, manager, employee):
    client = login(manager)
    response = client.post(
        reverse("staff:assessment_start", args=[employee.pk]),
        {"target_level": employee.level.next_level().pk},
    )
    started = employee.assessments.get()
    assert response["Location"] == reverse("staff:assessment", args=[started.pk])


def test_the_form_groups_items_by_group_in_display_order(login, manager, draft):
    response = login(manager).get(reverse("staff:assessment", args=[draft.pk]))
    headings = ["Qualifications", "Knowledge", "Experience", "Skills"]
    assert [group["title"] for group in response.context["groups"]] == [
        f"{heading} · Level {code}" for code in "AB" for heading in headings
    ]


def test_the_form_shows_the_employees_own_rating_and_evidence_beside_the_item(
    login, manager, employee, draft
):
    item = draft.items.first()
    SelfRating.objects.create(staff=employee, requirement=item.requirement, rating=Rating.MET)
    evidence = Evidence.objects.create(
        staff=employee, text="Certificate from the course", added_by=employee.user
    )
    evidence.requirements.add(item.requirement)
    response = login(manager).get(reverse("staff:assessment", args=[draft.pk]))
    row = response.context["groups"][0]["items"][0]
    assert row["self_rating"].get_rating_display() == "Met"
    assert [e.text for e in row["evidence"]] == ["Certificate from the course"]
    assert "Certificate from the course" in response.content.decode()


def test_saving_keeps_the_ratings_and_returns_to_the_form(login, manager, draft):
    response = login(manager).post(
        reverse("staff:assessment", args=[draft.pk]), form_data(draft, Rating.PARTLY_MET)
    )
    assert response.status_code == 302
    assert set(draft.items.values_list("rating", flat=True)) == {Rating.PARTLY_MET}


def test_new_evidence_supports_every_item_ticked(login, manager, draft):
    first, second = draft.items.all()[:2]
    login(manager).post(
        reverse("staff:assessment", args=[draft.pk]),
        form_data(
            draft,
            evidence_text="Led the renewals project",
            **{f"evidence_{first.pk}": "on", f"evidence_{second.pk}": "on"},
        ),
    )
    evidence = Evidence.objects.get()
    assert set(evidence.requirements.all()) == {first.requirement, second.requirement}


def test_evidence_without_an_item_ticked_is_refused_and_nothing_is_saved(login, manager, draft):
    response = login(manager).post(
        reverse("staff:assessment", args=[draft.pk]),
        form_data(draft, evidence_text="Led the renewals project"),
    )
    assert "Tick at least one item" in response.content.decode()
    assert not Evidence.objects.exists()
    assert set(draft.items.values_list("rating", flat=True)) == {""}


def test_a_stale_save_is_refused_with_a_message_and_keeps_what_was_typed(
    login, manager, senior_manager, draft
):
    item = draft.items.first()
    opened = form_data(draft, **{f"comment_{item.pk}": "My careful note"})
    progression.assessment_save(
        assessment=draft, by=senior_manager.user, version=draft.version, summary="Theirs"
    )
    response = login(manager).post(reverse("staff:assessment", args=[draft.pk]), opened)
    page = response.content.decode()
    assert "This assessment was saved again by Senior Tester" in page
    assert "My careful note" in page
    draft.refresh_from_db()
    assert draft.summary == "Theirs"


def test_submitting_with_unrated_items_saves_a_draft_and_says_how_many(login, manager, draft):
    item = draft.items.first()
    response = login(manager).post(
        reverse("staff:assessment_submit", args=[draft.pk]),
        form_data(draft, **{f"rating_{item.pk}": ""}),
        follow=True,
    )
    assert "Saved as a draft, not submitted. 1 item is not rated yet" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.DRAFT


def test_the_employee_acknowledges_with_a_comment(login, employee, manager):
    submitted = builders.assessment(employee, by=manager.user, until="submitted")
    login(employee).post(
        reverse("staff:assessment_acknowledge", args=[submitted.pk]),
        {"comment": "Fair, thank you"},
    )
    submitted.refresh_from_db()
    assert submitted.status == Assessment.Status.ACKNOWLEDGED
    assert submitted.employee_comment == "Fair, thank you"


def test_the_employee_sees_the_acknowledge_button_on_a_submitted_assessment(
    login, employee, manager
):
    submitted = builders.assessment(employee, by=manager.user, until="submitted")
    response = login(employee).get(reverse("staff:assessment", args=[submitted.pk]))
    assert "Acknowledge" in response.content.decode()
    assert response.context["form"] is None


def test_a_refused_approval_names_the_blocking_items_and_keeps_the_date(
    login, hr, employee, manager
):
    acknowledged = builders.assessment(
        employee, by=manager.user, rating=Rating.PARTLY_MET, until="acknowledged"
    )
    response = login(hr).post(
        reverse("staff:assessment_approve", args=[acknowledged.pk]),
        {"effective_date": "2026-12-01"},
    )
    page = response.content.decode()
    assert "16 essential items outstanding" in page
    assert acknowledged.items.first().text in page
    assert 'value="2026-12-01"' in page
    acknowledged.refresh_from_db()
    assert acknowledged.status == Assessment.Status.ACKNOWLEDGED


def test_returning_without_a_reason_is_refused_with_a_message(login, hr, employee, manager):
    submitted = builders.assessment(employee, by=manager.user, until="submitted")
    response = login(hr).post(reverse("staff:assessment_return", args=[submitted.pk]), {})
    assert "This field is required" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Assessment.Status.SUBMITTED


def test_an_approved_assessment_shows_no_form(login, manager, employee, hr):
    approved = builders.assessment(employee, by=manager.user, until="approved", hr_user=hr)
    response = login(manager).get(reverse("staff:assessment", args=[approved.pk]))
    assert response.context["form"] is None
    assert "can no longer be changed" in response.content.decode()


def test_posting_to_an_approved_assessment_changes_nothing(login, manager, employee, hr):
    approved = builders.assessment(employee, by=manager.user, until="approved", hr_user=hr)
    response = login(manager).post(
        reverse("staff:assessment", args=[approved.pk]), form_data(approved, Rating.NOT_MET)
    )
    assert "approved and can no longer be changed" in response.content.decode()
    assert set(approved.items.values_list("rating", flat=True)) == {Rating.MET}


def test_the_history_shows_who_moved_it_and_when(login, manager, employee, hr):
    approved = builders.assessment(employee, by=manager.user, until="approved", hr_user=hr)
    page = login(employee).get(reverse("staff:assessment", args=[approved.pk])).content.decode()
    assert "Acknowledged" in page and "by Employee Tester on" in page
    assert "Approved" in page and "by Hr Tester on" in page


@pytest.mark.parametrize("per_category", [1, 6])
def test_the_form_takes_the_same_queries_for_10_items_as_for_60(
    login, django_assert_num_queries, per_category
):
    """Intended to prevent an n+1 issue: 2 levels x 5 categories x 1 or 6 items each."""
    role = builders.role(
        "Claims Handler",
        levels=("A", "B"),
        items_per_category=per_category,
        categories=["Qualifications", "Knowledge", "Experience", "Skills", "Behaviours"],
    )
    boss = builders.staff("boss", level=role.levels.get(code="B"))
    person = builders.staff("person", level=role.levels.get(code="A"), manager=boss)
    draft = progression.assessment_start(staff=person, by=boss.user)
    assert draft.items.count() == 10 * per_category
    for item in draft.items.all()[:3]:
        SelfRating.objects.create(staff=person, requirement=item.requirement, rating="met")
        Evidence.objects.create(staff=person, text="x", added_by=person.user).requirements.add(
            item.requirement
        )
    client = login(boss)
    # As the first reader after the role's last change: starting the assessment read the
    # role's items and kept them for its version (staff.standing), and a later reader reads
    # 2 fewer (the items, the groups written empty).
    cache.clear()
    # 19: standing's one read of the role's groups written empty.
    with django_assert_num_queries(19):
        client.get(reverse("staff:assessment", args=[draft.pk]))
