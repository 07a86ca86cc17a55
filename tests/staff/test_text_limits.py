"""Every box a person types into has a length limit, with a message saying so (issue #12)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from staff import progression
from staff.models import (
    COMMENT_MAX_LENGTH,
    EVIDENCE_MAX_LENGTH,
    REASON_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    Assessment,
    Evidence,
    LevelChange,
    Rating,
)
from tests import builders

ONE_MEGABYTE = "x" * (1024 * 1024)


def too_long(limit):
    return f"at most {limit} characters"


@pytest.fixture
def draft(employee, manager):
    return progression.assessment_start(staff=employee, by=manager.user)


def assessment_form(assessment, **extra):
    data = {"version": assessment.version, "recommendation": "progress", "summary": ""}
    for item in assessment.items.all():
        data[f"rating_{item.pk}"] = Rating.MET
        data[f"comment_{item.pk}"] = ""
    return {**data, **extra}


def test_a_megabyte_of_evidence_in_an_assessment_is_refused(login, manager, draft):
    first = draft.items.first()
    response = login(manager).post(
        reverse("staff:assessment", args=[draft.pk]),
        assessment_form(draft, evidence_text=ONE_MEGABYTE, **{f"evidence_{first.pk}": "on"}),
    )
    assert response.status_code == 200
    assert too_long(EVIDENCE_MAX_LENGTH) in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_megabyte_of_evidence_on_the_employees_page_is_refused(login, employee):
    item = employee.level.role.levels.get(code="B").requirement_items.first()
    response = login(employee).post(
        reverse("staff:evidence_add"), {"text": ONE_MEGABYTE, "requirements": [item.pk]}
    )
    assert too_long(EVIDENCE_MAX_LENGTH) in response.content.decode()
    assert not Evidence.objects.exists()


def test_an_over_long_comment_or_summary_is_refused_and_nothing_saved(login, manager, draft):
    first = draft.items.first()
    data = assessment_form(
        draft,
        summary="s" * (SUMMARY_MAX_LENGTH + 1),
        **{f"comment_{first.pk}": "c" * (COMMENT_MAX_LENGTH + 1)},
    )
    response = login(manager).post(reverse("staff:assessment", args=[draft.pk]), data)
    page = response.content.decode()
    assert too_long(SUMMARY_MAX_LENGTH) in page and too_long(COMMENT_MAX_LENGTH) in page
    draft.refresh_from_db()
    assert draft.summary == "" and not draft.items.exclude(rating="").exists()


def test_an_over_long_acknowledgement_comment_is_refused(login, employee, manager):
    submitted = builders.assessment(employee, by=manager.user, until="submitted")
    response = login(employee).post(
        reverse("staff:assessment_acknowledge", args=[submitted.pk]),
        {"comment": "c" * (COMMENT_MAX_LENGTH + 1)},
    )
    assert too_long(COMMENT_MAX_LENGTH) in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Assessment.Status.SUBMITTED


def test_an_over_long_return_reason_is_refused(login, hr, employee, manager):
    submitted = builders.assessment(employee, by=manager.user, until="submitted")
    response = login(hr).post(
        reverse("staff:assessment_return", args=[submitted.pk]),
        {"reason": "r" * (REASON_MAX_LENGTH + 1)},
    )
    assert too_long(REASON_MAX_LENGTH) in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Assessment.Status.SUBMITTED


def test_an_over_long_override_reason_is_refused(login, hr, employee, manager):
    acknowledged = builders.assessment(employee, by=manager.user, until="acknowledged")
    response = login(hr).post(
        reverse("staff:assessment_approve", args=[acknowledged.pk]),
        {"effective_date": "2026-12-01", "override_reason": "o" * (REASON_MAX_LENGTH + 1)},
    )
    assert too_long(REASON_MAX_LENGTH) in response.content.decode()
    acknowledged.refresh_from_db()
    assert acknowledged.status == Assessment.Status.ACKNOWLEDGED


def test_full_clean_refuses_over_long_text(employee):
    evidence = Evidence(staff=employee, added_by=employee.user, text=ONE_MEGABYTE)
    with pytest.raises(ValidationError) as refused:
        evidence.full_clean()
    assert too_long(EVIDENCE_MAX_LENGTH) in str(refused.value)


def test_the_database_refuses_a_megabyte_of_evidence(employee):
    with pytest.raises(IntegrityError), transaction.atomic():
        Evidence.objects.create(staff=employee, added_by=employee.user, text=ONE_MEGABYTE)


def test_the_database_refuses_an_over_long_level_change_note(employee):
    with pytest.raises(IntegrityError), transaction.atomic():
        LevelChange.objects.create(
            staff=employee,
            to_level=employee.level,
            effective_date="2026-01-01",
            note="n" * (REASON_MAX_LENGTH + 1),
        )
