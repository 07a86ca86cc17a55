"""Rating myself against the next level and adding evidence, without touching the manager's."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from roles.models import RequirementItem
from staff.models import Assessment, AssessmentItem, Evidence, Rating, SelfRating
from staff.self_assessment import evidence_add, self_rating_set
from tests import builders


def items_of(profile, code):
    return list(
        RequirementItem.objects.filter(level__role=profile.level.role, level__code=code).order_by(
            "pk"
        )
    )


def field(item):
    return f"rating-{item.pk}"


def test_saving_one_rating_keeps_my_other_ratings(login, employee):
    first, second = items_of(employee, "B")[:2]
    SelfRating.objects.create(staff=employee, requirement=first, rating=Rating.PARTLY_MET)
    login(employee).post(reverse("staff:self_assessment"), {field(second): Rating.MET})
    ratings = dict(SelfRating.objects.values_list("requirement_id", "rating"))
    assert ratings == {first.pk: Rating.PARTLY_MET, second.pk: Rating.MET}


def test_a_rating_can_be_changed(login, employee):
    [item] = items_of(employee, "B")[:1]
    client = login(employee)
    client.post(reverse("staff:self_assessment"), {field(item): Rating.PARTLY_MET})
    client.post(reverse("staff:self_assessment"), {field(item): Rating.MET})
    assert SelfRating.objects.get(staff=employee, requirement=item).rating == Rating.MET


def test_saving_the_whole_form_saves_every_rating_chosen(login, employee):
    a_item, b_item = items_of(employee, "A")[0], items_of(employee, "B")[0]
    response = login(employee).post(
        reverse("staff:self_assessment"),
        {
            field(a_item): Rating.MET,
            field(b_item): Rating.NOT_MET,
            field(items_of(employee, "B")[1]): "",
        },
    )
    assert response.status_code == 302
    assert SelfRating.objects.filter(staff=employee).count() == 2


def test_a_script_save_answers_in_json(login, employee):
    [item] = items_of(employee, "B")[:1]
    response = login(employee).post(
        reverse("staff:self_assessment"),
        {field(item): Rating.MET},
        headers={"X-Requested-With": "fetch"},
    )
    assert response.json() == {"saved": 1}


def test_an_unknown_rating_is_refused_and_nothing_is_saved(login, employee):
    good, bad = items_of(employee, "B")[:2]
    response = login(employee).post(
        reverse("staff:self_assessment"), {field(good): Rating.MET, field(bad): "excellent"}
    )
    assert response.status_code == 200
    assert "excellent is not one of the available choices" in response.content.decode()
    assert not SelfRating.objects.exists()


def test_a_refused_form_keeps_what_was_chosen(login, employee):
    good, bad = items_of(employee, "B")[:2]
    response = login(employee).post(
        reverse("staff:self_assessment"), {field(good): Rating.PARTLY_MET, field(bad): "excellent"}
    )
    assert response.context["form"][field(good)].value() == Rating.PARTLY_MET


def test_rating_a_requirement_of_another_role_is_not_found(login, employee):
    other = builders.role("Legal Officer", family="Legal", grade_name="Range 5")
    foreign = RequirementItem.objects.filter(level__role=other).first()
    response = login(employee).post(reverse("staff:self_assessment"), {field(foreign): Rating.MET})
    assert response.status_code == 404
    assert not SelfRating.objects.exists()


def test_rating_beyond_the_next_level_is_not_found(login, employee):
    [level_c_item] = items_of(employee, "C")[:1]
    response = login(employee).post(
        reverse("staff:self_assessment"), {field(level_c_item): Rating.MET}
    )
    assert response.status_code == 404


def test_my_rating_never_changes_my_managers(employee, manager):
    [item] = items_of(employee, "B")[:1]
    shown = Assessment.objects.create(
        staff=employee,
        assessor=manager.user,
        target_level=item.level,
        status=Assessment.Status.SUBMITTED,
    )
    AssessmentItem.objects.create(
        assessment=shown,
        requirement=item,
        order=1,
        category_name="Skills",
        level_code="B",
        text=item.text,
        rating=Rating.NOT_MET,
    )
    self_rating_set(staff=employee, ratings={item.pk: Rating.MET})
    assert AssessmentItem.objects.get(assessment=shown).rating == Rating.NOT_MET


def test_self_rating_set_names_the_item_with_a_wrong_rating(employee):
    [item] = items_of(employee, "B")[:1]
    with pytest.raises(ValidationError, match="is not a rating") as refusal:
        self_rating_set(staff=employee, ratings={item.pk: "great"})
    assert item.text in str(refusal.value)


def test_my_ratings_show_on_the_page_after_saving(login, employee):
    [item] = items_of(employee, "B")[:1]
    client = login(employee)
    client.post(reverse("staff:self_assessment"), {field(item): Rating.PARTLY_MET})
    response = client.get(reverse("staff:self_assessment"))
    assert response.context["form"][field(item)].value() == Rating.PARTLY_MET


def test_one_piece_of_evidence_can_support_several_items(login, employee):
    first, second = items_of(employee, "B")[:2]
    response = login(employee).post(
        reverse("staff:evidence_add"),
        {
            "text": "Ran the renewals audit",
            "link": "https://intranet.example/audit",
            "requirements": [first.pk, second.pk],
        },
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert set(evidence.requirements.all()) == {first, second}
    assert (evidence.staff, evidence.added_by) == (employee, employee.user)


def test_evidence_without_a_requirement_is_refused_with_a_message(login, employee):
    response = login(employee).post(reverse("staff:evidence_add"), {"text": "Ran an audit"})
    assert "Choose at least one requirement it supports." in response.content.decode()
    assert not Evidence.objects.exists()


def test_refused_evidence_keeps_what_was_typed(login, employee):
    [item] = items_of(employee, "B")[:1]
    response = login(employee).post(
        reverse("staff:evidence_add"),
        {"text": "Ran an audit", "link": "not a link", "requirements": [item.pk]},
    )
    assert "Enter a valid URL." in response.content.decode()
    assert "Ran an audit" in response.content.decode()
    assert not Evidence.objects.exists()


def test_evidence_for_another_roles_requirement_is_not_found(login, employee):
    other = builders.role("Legal Officer", family="Legal", grade_name="Range 5")
    foreign = RequirementItem.objects.filter(level__role=other).first()
    response = login(employee).post(
        reverse("staff:evidence_add"), {"text": "Audit", "requirements": [foreign.pk]}
    )
    assert response.status_code == 404
    assert not Evidence.objects.exists()


def test_evidence_form_for_someone_elses_requirement_is_not_found(login, employee):
    [level_c_item] = items_of(employee, "C")[:1]
    response = login(employee).get(reverse("staff:evidence_add"), {"requirement": level_c_item.pk})
    assert response.status_code == 404


def test_evidence_form_ticks_the_item_it_was_opened_for(login, employee):
    [item] = items_of(employee, "B")[:1]
    response = login(employee).get(reverse("staff:evidence_add"), {"requirement": item.pk})
    assert response.context["form"]["requirements"].value() == [item.pk]


def test_evidence_add_refuses_requirements_beyond_the_next_level(employee):
    [level_c_item] = items_of(employee, "C")[:1]
    with pytest.raises(ValidationError, match="not one of the requirements"):
        evidence_add(staff=employee, added_by=employee.user, text="x", requirements=[level_c_item])
    assert not Evidence.objects.exists()


def test_my_evidence_shows_beside_each_item_it_supports(login, employee):
    first, second = items_of(employee, "B")[:2]
    evidence_add(
        staff=employee, added_by=employee.user, text="Ran the renewals audit", requirements=[first]
    )
    response = login(employee).get(reverse("staff:my_profile"))
    evidence = {e.item.pk: e.evidence for e in response.context["standing"].all_items}
    assert [entry.text for entry in evidence[first.pk]] == ["Ran the renewals audit"]
    assert evidence[second.pk] == []


def test_someone_without_a_level_is_told_there_is_nothing_to_rate(db, login):
    newcomer = builders.staff("newcomer")
    response = login(newcomer).get(reverse("staff:self_assessment"))
    assert "nothing to rate yourself against" in response.content.decode()
