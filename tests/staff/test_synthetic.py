"""The benchmark's generated organisation (`manage.py generate_organisation`) is one the
workflow could have made: every rule the workflow functions enforce holds on it, checked
with those functions (standing, progression, history, self-assessment), so that what the
benchmark measures is what a real organisation of that size would show."""

import datetime
from collections import Counter, defaultdict

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q

from staff import progression, synthetic
from staff.history import level_change_record
from staff.models import (
    Assessment,
    AssessmentEvent,
    Evidence,
    LevelChange,
    SelfRating,
    StaffProfile,
)
from staff.self_assessment import requirements_to_self_assess
from staff.standing import level_in_force

pytestmark = pytest.mark.django_db

STAFF = 60


@pytest.fixture(scope="module")
def generated(django_db_setup, django_db_blocker):
    """Generated once for the module (it takes seconds), in a transaction undone at its end;
    each test's own changes are undone after it as usual."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("generate_organisation", "--staff", str(STAFF), "--seed", "3", stdout=None)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def organisation(generated, db):
    return StaffProfile.objects.select_related("user", "level__role")


def paths_of_assessments():
    """Each assessment with its events' statuses in order: ("", draft), (draft, submitted)..."""
    paths = defaultdict(list)
    for assessment_id, from_status, to_status in AssessmentEvent.objects.order_by(
        "at", "pk"
    ).values_list("assessment_id", "from_status", "to_status"):
        paths[assessment_id].append((from_status, to_status))
    return paths


def test_it_makes_every_state_and_everyone_it_promised(organisation):
    assert organisation.count() == STAFF
    states = set(Assessment.objects.values_list("status", flat=True))
    assert states == set(Assessment.Status.values)
    assert SelfRating.objects.exists() and Evidence.objects.exists()
    logins = (synthetic.HR, synthetic.SENIOR, synthetic.MANAGER, synthetic.EMPLOYEE)
    assert User.objects.filter(username__in=logins).count() == len(logins)


def test_each_assessment_is_in_the_state_its_events_lead_to(organisation):
    paths = paths_of_assessments()
    for assessment in Assessment.objects.all():
        path = paths[assessment.pk]
        assert path[0] == ("", Assessment.Status.DRAFT), assessment.pk
        for (_, before), (after_from, _) in zip(path, path[1:], strict=False):
            assert after_from == before, (assessment.pk, path)
        assert path[-1][1] == assessment.status, (assessment.pk, path)


def test_an_assessment_was_closed_only_by_its_persons_move_to_another_role(organisation):
    closed = Assessment.objects.filter(status=Assessment.Status.CLOSED)
    assert closed.exists()
    for assessment in closed.select_related("staff", "target_level"):
        closed_on = assessment.events.get(to_status=Assessment.Status.CLOSED).at
        role_then = level_in_force(assessment.staff, closed_on.date()).role_id
        assert role_then != assessment.target_level.role_id, assessment.pk


def test_each_step_was_taken_by_someone_the_workflow_lets_take_it(organisation):
    for assessment in Assessment.objects.select_related("staff", "assessor", "target_level"):
        assert progression.may_assess(assessment.assessor, assessment.staff), assessment.pk
        for event in assessment.events.select_related("actor"):
            if event.to_status in (Assessment.Status.DRAFT, Assessment.Status.SUBMITTED):
                assert event.actor == assessment.assessor
            elif event.to_status == Assessment.Status.ACKNOWLEDGED:
                assert event.actor == assessment.staff.user
            elif event.to_status in (Assessment.Status.APPROVED, Assessment.Status.RETURNED):
                assert progression.decision_refused(event.actor, assessment) == ""


def test_every_path_in_it_can_be_walked_through_the_workflow(organisation):
    """Each distinct sequence of states the generator wrote, taken again by the workflow's own
    functions on a generated person, ends in the same state."""
    walked = Counter(tuple(to for _, to in path) for path in paths_of_assessments().values())
    hr = User.objects.get(username=synthetic.HR)
    for path in walked:
        person = next(
            p
            for p in organisation.filter(line_manager__isnull=False).exclude(
                assessments__status__in=Assessment.OPEN
            )
            if level_in_force(p) is not None and level_in_force(p).next_level() is not None
        )
        manager = person.line_manager.user
        made = progression.assessment_start(staff=person, by=manager)
        items = made.items.values_list("pk", flat=True)
        made = progression.assessment_save(
            assessment=made,
            by=manager,
            version=made.version,
            ratings=dict.fromkeys(items, "met"),
            recommendation=Assessment.Recommendation.NOT_YET,
        )
        for status in path[1:]:
            if status == Assessment.Status.SUBMITTED:
                progression.assessment_submit(assessment=made, by=manager)
            elif status == Assessment.Status.ACKNOWLEDGED:
                progression.assessment_acknowledge(assessment=made, by=person.user)
            elif status == Assessment.Status.RETURNED:
                progression.assessment_return(assessment=made, by=hr, reason="More evidence")
            elif status == Assessment.Status.APPROVED:
                progression.assessment_approve(
                    assessment=made, by=hr, effective_date=datetime.date(2026, 1, 1)
                )
            elif status == Assessment.Status.CLOSED:
                elsewhere = (
                    StaffProfile.objects.exclude(level__role=person.level.role)
                    .exclude(level=None)
                    .first()
                )
                level_change_record(
                    staff=person,
                    to_level=elsewhere.level,
                    effective_date=datetime.date(2026, 1, 1),
                    reason="Moved role",
                    by=hr,
                )
            made.refresh_from_db()
        assert made.status == path[-1], path


def test_nobody_has_more_than_one_assessment_in_progress(organisation):
    most = organisation.annotate(
        open=Count("assessments", filter=Q(assessments__status__in=Assessment.OPEN))
    ).order_by("-open")[0]
    assert most.open <= 1


def test_the_management_tree_has_no_loops(organisation):
    for person in organisation:
        person.clean()  # refuses a line manager who reports to the person
    top = organisation.filter(line_manager=None)
    assert top.count() == 1
    assert StaffProfile.objects.below(top.get()).count() == STAFF - 1


def test_each_persons_level_history_leads_to_the_level_recorded(organisation):
    for person in organisation:
        assert level_in_force(person) == person.level, person
        for change in LevelChange.objects.filter(staff=person).order_by("effective_date"):
            day_before = change.effective_date - datetime.timedelta(days=1)
            assert level_in_force(person, day_before) == change.from_level, change
            assert level_in_force(person, change.effective_date) == change.to_level, change
            if change.assessment_id:
                approved = change.assessment
                assert approved.status == Assessment.Status.APPROVED
                assert approved.target_level == change.to_level
                assert approved.effective_date == change.effective_date
    # Every approved progression moved its person to the level it was made for.
    progressions = Assessment.objects.filter(
        status=Assessment.Status.APPROVED, recommendation=Assessment.Recommendation.PROGRESS
    )
    assert not progressions.filter(level_changes=None).exists()


def test_self_ratings_and_evidence_are_on_the_persons_own_requirements(organisation):
    for person in organisation:
        allowed = set(requirements_to_self_assess(person).values_list("pk", flat=True))
        rated = set(person.self_ratings.values_list("requirement_id", flat=True))
        supported = set(
            Evidence.requirements.through.objects.filter(evidence__staff=person).values_list(
                "requirementitem_id", flat=True
            )
        )
        assert rated <= allowed, person
        assert supported <= allowed, person
        assert set(person.evidence.values_list("added_by", flat=True)) <= {person.user_id}
