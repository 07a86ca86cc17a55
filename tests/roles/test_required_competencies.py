"""The proficiency a role requires, level by level, as its page and print view show it."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from competencies.models import Competency, ProficiencyLevel
from roles.models import RoleCompetency
from roles.publishing import role_duplicate, role_restore_as_draft
from tests import builders


@pytest.fixture
def digital(db):
    return builders.framework()


def require(role, competency: str, proficiency: str, level: str | None = None) -> None:
    RoleCompetency.objects.create(
        role=role,
        competency=Competency.objects.get(name=competency),
        proficiency=ProficiencyLevel.objects.get(name=proficiency),
        level=role.levels.get(code=level) if level else None,
    )


def competencies_block(client, role, page="roles:detail") -> str:
    html = client.get(reverse(page, args=[role.pk])).content.decode()
    start = html.index('class="list-unstyled small role-competencies"')
    end = min(html.find(mark, start) % len(html) for mark in ("</section>", "print-levels"))
    return " ".join(html[start:end].split())


def test_a_role_wide_proficiency_is_shown_once(login, employee, insurance_officer, digital):
    require(insurance_officer, "Testing", "Working")
    block = competencies_block(login(employee), insurance_officer)
    assert "<strong>Testing</strong>" in block
    assert "</a>)</span>: Working" in block
    assert "Level A" not in block


def test_a_level_that_asks_more_is_shown_level_by_level(
    login, employee, insurance_officer, digital
):
    require(insurance_officer, "Testing", "Working")
    require(insurance_officer, "Testing", "Expert", level="C")
    require(insurance_officer, "Coding", "Practitioner", level="B")
    block = competencies_block(login(employee), insurance_officer)
    assert "<li>Level A: Working</li> <li>Level B: Working</li> <li>Level C: Expert</li>" in block
    assert (
        '<li>Level A: <span class="text-secondary">not required</span></li> '
        "<li>Level B: Practitioner</li> "
        '<li>Level C: <span class="text-secondary">not required</span></li>'
    ) in block


def test_the_print_view_shows_the_proficiency_by_level_too(
    login, employee, insurance_officer, digital
):
    require(insurance_officer, "Testing", "Working")
    require(insurance_officer, "Testing", "Expert", level="C")
    block = competencies_block(login(employee), insurance_officer, page="roles:print")
    assert "<li>Level C: Expert</li>" in block


def test_the_competencies_link_to_their_frameworks_page(
    login, employee, insurance_officer, digital
):
    require(insurance_officer, "Testing", "Working")
    block = competencies_block(login(employee), insurance_officer)
    assert f'href="{reverse("competencies:framework", args=[digital.pk])}"' in block


@pytest.mark.parametrize("per_level", [False, True])
def test_the_role_page_query_count_does_not_grow_with_competencies(
    login, employee, insurance_officer, digital, django_assert_num_queries, per_level
):
    """Intended to prevent an n+1 issue: competencies, frameworks, levels read at once (the
    profile's sections, facts and sign-off block are one query each)."""
    client = login(employee)
    url = reverse("roles:detail", args=[insurance_officer.pk])
    require(insurance_officer, "Testing", "Working")
    client.get(url)
    cache.clear()  # the profile is kept once rendered: count a first reading
    with django_assert_num_queries(15):
        client.get(url)
    require(insurance_officer, "Coding", "Awareness")
    if per_level:
        require(insurance_officer, "Coding", "Expert", level="C")
        require(insurance_officer, "Testing", "Expert", level="B")
    cache.clear()
    with django_assert_num_queries(15):
        client.get(url)


def test_the_roles_admin_page_offers_its_own_levels_or_every_level(login, hr, insurance_officer):
    builders.role("Claims Handler")
    response = login(hr).get(reverse("admin:roles_role_change", args=[insurance_officer.pk]))
    formset = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is RoleCompetency
    )
    field = formset.empty_form.fields["level"]
    assert [level.code for level in field.queryset] == ["A", "B", "C"]
    assert set(field.queryset) == set(insurance_officer.levels.all())
    assert field.empty_label == "Every level"


def proficiency_by_level(role) -> set[tuple[str, str]]:
    return {
        (rc.level.code if rc.level else "", rc.proficiency.name)
        for rc in role.role_competencies.select_related("level", "proficiency")
    }


def test_a_duplicate_requires_the_proficiency_at_its_own_copy_of_the_level(
    insurance_officer, digital
):
    require(insurance_officer, "Testing", "Working")
    require(insurance_officer, "Testing", "Expert", level="C")

    copy = role_duplicate(role=insurance_officer)

    assert proficiency_by_level(copy) == {("", "Working"), ("C", "Expert")}
    assert copy.role_competencies.get(level__isnull=False).level.role == copy


def test_a_restored_draft_requires_the_proficiency_at_its_own_copy_of_the_level(
    insurance_officer, digital
):
    require(insurance_officer, "Testing", "Working")
    require(insurance_officer, "Testing", "Expert", level="C")

    draft = role_restore_as_draft(record=insurance_officer.history.latest())

    assert proficiency_by_level(draft) == {("", "Working"), ("C", "Expert")}
    assert draft.role_competencies.get(level__isnull=False).level.role == draft


def test_the_roles_history_names_the_level_of_a_per_level_requirement(login, hr, digital):
    role = builders.role("Payroll Officer")
    require(role, "Testing", "Expert", level="C")
    page = login(hr).get(reverse("admin:roles_role_history", args=[role.pk])).content.decode()
    assert "Competency Testing (level C)" in page
