"""The role catalogue and the role profile page."""

import pytest
from django.urls import reverse

from roles.models import JobFamily, RequirementItem, Role
from tests import builders

CATALOGUE = reverse("roles:catalogue")


def detail_url(role: Role) -> str:
    return reverse("roles:detail", args=[role.pk])


@pytest.fixture
def employee_client(login, employee):
    return login(employee)


@pytest.fixture
def hr_client(login, hr):
    return login(hr)


def listed(response) -> list[str]:
    return [role.title for role in response.context["roles"]]


# The catalogue


def test_employee_sees_published_roles(employee_client, insurance_officer):
    assert listed(employee_client.get(CATALOGUE)) == ["Insurance Officer"]


def test_employee_does_not_see_a_draft(employee_client, insurance_officer):
    builders.role("Claims Handler", status=Role.Status.DRAFT)
    assert "Claims Handler" not in listed(employee_client.get(CATALOGUE))


def test_employee_does_not_see_an_archived_role(employee_client, insurance_officer):
    builders.role("Claims Handler", status=Role.Status.ARCHIVED)
    assert "Claims Handler" not in listed(employee_client.get(CATALOGUE))


def test_hr_sees_drafts_marked_as_drafts(hr_client):
    builders.role("Claims Handler", status=Role.Status.DRAFT)
    response = hr_client.get(CATALOGUE)
    assert listed(response) == ["Claims Handler"]
    assert '<span class="badge text-bg-warning">Draft</span>' in response.content.decode()


def test_search_finds_a_role_by_title(employee_client, insurance_officer):
    builders.role("Legal Assistant", family="Legal")
    assert listed(employee_client.get(CATALOGUE, {"q": "legal"})) == ["Legal Assistant"]


def test_search_finds_a_role_by_purpose(employee_client, insurance_officer):
    builders.role("Legal Assistant", family="Legal", purpose="Prepare court bundles.")
    assert listed(employee_client.get(CATALOGUE, {"q": "court bundles"})) == ["Legal Assistant"]


def test_filter_by_job_family(employee_client, insurance_officer):
    builders.role("Legal Assistant", family="Legal")
    legal = JobFamily.objects.get(name="Legal")
    assert listed(employee_client.get(CATALOGUE, {"job_family": legal.pk})) == ["Legal Assistant"]


def test_filter_by_grade_finds_roles_whose_range_spans_it(employee_client):
    band_2, band_3, band_4 = (
        builders.grade(f"Band {n}", scheme="Bands", order=n) for n in (2, 3, 4)
    )
    spanning = builders.role("Case Officer", levels=())
    below = builders.role("Team Assistant", levels=())
    Role.objects.filter(pk=spanning.pk).update(grade=band_2, top_grade=band_4)
    Role.objects.filter(pk=below.pk).update(grade=band_2)

    assert listed(employee_client.get(CATALOGUE, {"grade": band_3.pk})) == ["Case Officer"]


def test_the_filter_form_keeps_what_was_chosen(employee_client, insurance_officer):
    family = insurance_officer.job_family
    response = employee_client.get(CATALOGUE, {"q": "officer", "job_family": family.pk})
    html = response.content.decode()
    assert 'value="officer"' in html
    assert f'<option value="{family.pk}" selected>' in html


def test_an_unknown_grade_is_named_and_nothing_is_listed(employee_client, insurance_officer):
    response = employee_client.get(CATALOGUE, {"grade": 999999})
    assert "Select a valid choice" in response.content.decode()
    assert listed(response) == []


def test_the_catalogue_shows_20_roles_a_page_and_keeps_filters_on_the_next(employee_client):
    for n in range(25):
        builders.role(f"Adviser {n:02}", levels=())
    response = employee_client.get(CATALOGUE, {"q": "adviser"})
    assert len(listed(response)) == 20
    assert "?q=adviser&amp;page=2" in response.content.decode()
    assert len(listed(employee_client.get(CATALOGUE, {"q": "adviser", "page": 2}))) == 5


@pytest.mark.parametrize("roles", [3, 30])
def test_the_catalogue_query_count_does_not_grow_with_roles(
    employee_client, django_assert_num_queries, roles
):
    """Intended to prevent an n+1 issue: family and grade are read with each role."""
    for n in range(roles):
        builders.role(f"Officer {n:02}", levels=("A",))
    with django_assert_num_queries(10):
        employee_client.get(CATALOGUE)


# The role profile page


def test_the_role_page_shows_levels_side_by_side(employee_client, insurance_officer):
    response = employee_client.get(detail_url(insurance_officer))
    grid = response.context["grid"]
    assert [column.level.code for column in grid.columns] == ["A", "B", "C"]
    assert [column.heading for column in grid.columns] == [
        "Required for this level",
        "In addition to level A",
        "In addition to levels A and B",
    ]


def test_the_role_page_leads_to_its_career_paths_print_and_pdf(employee_client, insurance_officer):
    html = employee_client.get(detail_url(insurance_officer)).content.decode()
    for url in (
        reverse("roles:compare_levels", args=[insurance_officer.pk]),
        f"{reverse('roles:compare_roles')}?first={insurance_officer.pk}",
        reverse("roles:family_path", args=[insurance_officer.job_family_id]),
        reverse("roles:print", args=[insurance_officer.pk]),
        reverse("roles:pdf", args=[insurance_officer.pk]),
    ):
        assert f'href="{url}"' in html


def test_a_role_with_one_level_offers_no_level_comparison(employee_client):
    single = builders.role("Porter", levels=("1",))
    html = employee_client.get(detail_url(single)).content.decode()
    assert reverse("roles:compare_levels", args=[single.pk]) not in html


def test_the_role_page_shows_categories_as_rows(employee_client, insurance_officer):
    html = employee_client.get(detail_url(insurance_officer)).content.decode()
    for name in builders.DEFAULT_CATEGORIES:
        assert f'<th scope="row">{name}</th>' in html


def test_the_role_page_shows_purpose_duties_and_responsibilities(
    employee_client, insurance_officer
):
    insurance_officer.purpose = "Keep the council insured."
    insurance_officer.duties_html = "<ul><li>Renew policies</li></ul>"
    insurance_officer.save()
    insurance_officer.responsibilities.create(
        order=1, heading="Claims", text="Handle claims", measures_of_success="Paid in 30 days"
    )
    html = employee_client.get(detail_url(insurance_officer)).content.decode()
    for text in ["Keep the council insured.", "<li>Renew policies</li>", "Handle claims"]:
        assert text in html
    assert "Paid in 30 days" in html


def test_the_role_page_marks_desirable_items_and_lists_sub_points(
    employee_client, insurance_officer
):
    RequirementItem.objects.filter(level__code="A", category__name="Skills", order=1).update(
        is_essential=False, sub_points="Spreadsheets\nLedgers"
    )
    html = employee_client.get(detail_url(insurance_officer)).content.decode()
    assert "Skills item 1 of Insurance Officer level A <span class" in html
    assert "<li>Ledgers</li>" in html


def test_scripts_stored_in_duties_never_reach_the_page(employee_client, insurance_officer):
    Role.objects.filter(pk=insurance_officer.pk).update(
        duties_html="<p>Pay</p><script>alert('x')</script>"
    )
    html = employee_client.get(detail_url(insurance_officer)).content.decode()
    assert "alert('x')" not in html


def test_employee_gets_404_for_a_draft_role(employee_client):
    draft = builders.role("Claims Handler", status=Role.Status.DRAFT)
    assert employee_client.get(detail_url(draft)).status_code == 404


def test_hr_opens_a_draft_role(hr_client):
    draft = builders.role("Claims Handler", status=Role.Status.DRAFT)
    assert hr_client.get(detail_url(draft)).status_code == 200


@pytest.mark.parametrize("items_per_category", [1, 10])
def test_the_role_page_query_count_does_not_grow_with_items(
    employee_client, django_assert_num_queries, items_per_category
):
    """Intended to prevent an n+1 issue: levels, items and categories are read at once.
    (A first reading: the profile's sections, facts and sign-off block are one query each.)"""
    role = builders.role("Claims Handler", items_per_category=items_per_category)
    with django_assert_num_queries(15):
        employee_client.get(detail_url(role))
