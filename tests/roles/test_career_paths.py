"""Career paths: comparing levels and roles, a job family's path, for published roles only."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from roles import career_paths
from roles.models import Grade, Role
from tests import builders


@pytest.fixture
def team_leader(db):
    return builders.role("Insurance Team Leader", grade_name="Range 4", items_per_category=1)


def level(role, code):
    return role.levels.get(code=code)


def test_comparing_b_with_c_marks_only_c_items_as_additions(insurance_officer):
    comparison = career_paths.compare_levels(
        lower=level(insurance_officer, "B"), higher=level(insurance_officer, "C")
    )
    additions = [e.item.text for g in comparison.sections for e in g.items if e.is_addition]
    assert comparison.addition_count == 8
    assert all("level C" in text for text in additions)


def test_comparing_levels_shows_every_item_the_higher_level_asks(insurance_officer):
    comparison = career_paths.compare_levels(
        lower=level(insurance_officer, "B"), higher=level(insurance_officer, "C")
    )
    assert sum(len(group.items) for group in comparison.sections) == 24


def test_levels_given_the_wrong_way_round_are_compared_upwards(insurance_officer):
    comparison = career_paths.compare_levels(
        lower=level(insurance_officer, "C"), higher=level(insurance_officer, "A")
    )
    assert comparison.lower.code == "A"
    assert comparison.higher.code == "C"


def test_levels_are_compared_in_their_groups_order(insurance_officer):
    comparison = career_paths.compare_levels(
        lower=level(insurance_officer, "A"), higher=level(insurance_officer, "B")
    )
    names = [section.title for section in comparison.sections]
    headings = ["Qualifications", "Knowledge", "Experience", "Skills"]
    assert names == [f"{h} · Level A" for h in headings] + [f"{h} · Level B" for h in headings]


def test_compare_levels_page_highlights_what_the_next_level_adds(
    login, employee, insurance_officer
):
    b, c = level(insurance_officer, "B"), level(insurance_officer, "C")
    response = login(employee).get(
        reverse("roles:compare_levels", args=[insurance_officer.pk]),
        {"lower": b.pk, "higher": c.pk},
    )
    assert response.status_code == 200
    assert response.content.decode().count("New at level C") == 8


def test_compare_levels_with_another_roles_level_is_not_found(
    login, employee, insurance_officer, team_leader
):
    response = login(employee).get(
        reverse("roles:compare_levels", args=[insurance_officer.pk]),
        {"lower": level(team_leader, "A").pk, "higher": level(insurance_officer, "B").pk},
    )
    assert response.status_code == 404


def test_compare_roles_puts_grade_and_each_categorys_items_side_by_side(
    login, employee, insurance_officer, team_leader
):
    response = login(employee).get(
        reverse("roles:compare_roles"),
        {"first": insurance_officer.pk, "second": team_leader.pk},
    )
    page = response.content.decode()
    assert "Range 3" in page and "Range 4" in page
    assert "Skills item 2 of Insurance Officer level C" in page
    assert "Skills item 1 of Insurance Team Leader level C" in page


def test_compare_roles_rows_hold_both_roles_items_per_group(insurance_officer, team_leader):
    rows = career_paths.compare_roles(first=insurance_officer, second=team_leader)
    knowledge = next(row for row in rows if row.heading == "Knowledge · Level B")
    assert [len(section.items) for section in knowledge.columns] == [2, 1]


def test_compare_roles_marks_a_group_only_one_role_has(insurance_officer, team_leader):
    builders.group(team_leader.levels.get(code="C"), "Behaviours")
    rows = career_paths.compare_roles(first=insurance_officer, second=team_leader)
    assert rows[-1].heading == "Behaviours · Level C"
    first, second = rows[-1].columns
    assert first is None and second.items == []


def test_employee_cannot_compare_with_a_draft_role(login, employee, insurance_officer):
    draft = builders.role("Claims Handler", status=Role.Status.DRAFT, grade_name="Range 2")
    response = login(employee).get(
        reverse("roles:compare_roles"), {"first": insurance_officer.pk, "second": draft.pk}
    )
    assert response.status_code == 404


def test_hr_can_compare_with_a_draft_role(login, hr, insurance_officer):
    draft = builders.role("Claims Handler", status=Role.Status.DRAFT, grade_name="Range 2")
    response = login(hr).get(
        reverse("roles:compare_roles"), {"first": insurance_officer.pk, "second": draft.pk}
    )
    assert response.status_code == 200


def test_family_path_orders_roles_by_grade(login, employee, team_leader, insurance_officer):
    builders.role("Insurance Trainee", grade_name="Range 2", family="Insurance")
    Grade.objects.filter(name="Range 2").update(order=0)
    response = login(employee).get(
        reverse("roles:family_path", args=[insurance_officer.job_family_id])
    )
    titles = [role.title for role in response.context["roles"]]
    assert titles == ["Insurance Trainee", "Insurance Officer", "Insurance Team Leader"]


def test_family_path_lists_each_roles_levels_in_order(login, employee, insurance_officer):
    response = login(employee).get(
        reverse("roles:family_path", args=[insurance_officer.job_family_id])
    )
    [role] = response.context["roles"]
    assert [column.level.code for column in role.levels_grid.columns] == ["A", "B", "C"]


def test_family_path_leaves_out_draft_roles_for_employees(login, employee, insurance_officer):
    builders.role("Insurance Manager", status=Role.Status.DRAFT, grade_name="Range 5")
    response = login(employee).get(
        reverse("roles:family_path", args=[insurance_officer.job_family_id])
    )
    assert "Insurance Manager" not in response.content.decode()


def test_a_family_of_draft_roles_only_is_not_found_for_employees(login, employee):
    draft = builders.role("Paralegal", status=Role.Status.DRAFT, family="Legal")
    response = login(employee).get(reverse("roles:family_path", args=[draft.job_family_id]))
    assert response.status_code == 404


def test_family_path_query_count_does_not_grow_with_roles(
    login, employee, insurance_officer, django_assert_num_queries
):
    client = login(employee)
    url = reverse("roles:family_path", args=[insurance_officer.job_family_id])
    client.get(url)
    cache.clear()
    with django_assert_num_queries(11):
        client.get(url)
    for n in range(4):
        builders.role(f"Insurance Specialist {n}", grade_name=f"Range {n + 5}")
    cache.clear()
    with django_assert_num_queries(11):
        client.get(url)
    # Each role's levels are kept: read again, the page reads none of their items.
    with django_assert_num_queries(8):
        client.get(url)


def test_compare_roles_from_my_profile_starts_with_my_role_chosen(
    login, employee, insurance_officer
):
    response = login(employee).get(reverse("roles:compare_roles"), {"first": insurance_officer.pk})
    assert response.context["first"] == insurance_officer
    assert response.context["rows"] is None


def test_compare_roles_offers_a_page_of_search_results_not_every_role(
    login, employee, insurance_officer, team_leader
):
    for n in range(25):
        builders.role(f"Porter {n}", grade_name=f"Range {n + 5}")
    client = login(employee)
    url = reverse("roles:compare_roles")
    html = client.get(url, {"first": insurance_officer.pk}).content.decode()
    assert html.count("&amp;second=") == 20
    assert f"first={insurance_officer.pk}&amp;second={team_leader.pk}" in html
    found = client.get(url, {"first": insurance_officer.pk, "q": "Team"}).content.decode()
    assert found.count("&amp;second=") == 1
