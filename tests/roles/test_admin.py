"""HR's admin for the catalogue: a role's page edits its levels and duties in one save, each
level's page its groups and items; actions duplicate, publish and archive; lists read as much
for many rows as for few."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from competencies.models import Competency, CompetencyFramework, ProficiencyLevel
from roles.models import JobFamily, Level, RequirementItem, Responsibility, Role, RoleCompetency
from staff.self_assessment import evidence_add, self_rating_set
from tests import builders
from tests.admin_pages import (
    admin_url,
    change_form_data,
    item_prefix,
    level_page,
    level_page_saved,
)


def open_role_page(client, role):
    response = client.get(admin_url(Role, "change", role.pk))
    assert response.status_code == 200
    return change_form_data(response)


@pytest.fixture
def hr_client(login, hr):
    return login(hr)


def empty_inlines(client) -> dict:
    """The add page's inline management forms, as the browser posts them with no rows."""
    response = client.get(admin_url(Role, "add"))
    return {
        key: value
        for key, value in change_form_data(response).items()
        if key.endswith(("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"))
    }


def add_roles(names: range) -> None:
    for n in names:
        role = builders.role(f"Role {n}", levels=("A",))
        Responsibility.objects.create(role=role, order=1, text="Duty")


def changelist_queries(client, model) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(admin_url(model, "changelist")).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "model", [Role, Level, RequirementItem, Responsibility], ids=lambda model: model._meta.label
)
def test_an_admin_list_reads_as_much_for_many_rows_as_for_few(hr_client, model):
    """Intended to prevent an n+1 issue: each column's objects are joined, not read per row."""
    add_roles(range(2))
    few = changelist_queries(hr_client, model)
    add_roles(range(2, 12))

    assert changelist_queries(hr_client, model) == few


def test_role_page_links_each_level_to_its_requirements_not_showing_them(
    hr_client, insurance_officer
):
    level_c = insurance_officer.levels.get(code="C")
    page = hr_client.get(admin_url(Role, "change", insurance_officer.pk)).content.decode()

    assert (
        f'<a href="{admin_url(Level, "change", level_c.pk)}" class="changelink">'
        "Edit the 8 requirements of Level C</a>" in page
    )
    assert "Knowledge item 2 of Insurance Officer level C" not in page


def test_a_levels_page_shows_its_items_and_the_way_back_to_its_role(hr_client, insurance_officer):
    level_c = insurance_officer.levels.get(code="C")
    page = hr_client.get(admin_url(Level, "change", level_c.pk)).content.decode()

    assert "Knowledge item 2 of Insurance Officer level C" in page
    assert "Knowledge item 2 of Insurance Officer level B" not in page
    role_url = admin_url(Role, "change", insurance_officer.pk)
    assert f'&rsaquo; <a href="{role_url}">Insurance Officer</a>\n&rsaquo; Level C' in page
    assert admin_url(Role, "history", insurance_officer.pk) in page


def edited_item(client, item, text: str, button: str):
    return level_page_saved(client, item.level, {f"{item_prefix(item)}-text": text, button: "Save"})


def test_hr_changes_a_requirement_item_on_its_levels_page_and_returns_to_the_role(
    hr_client, insurance_officer
):
    item = RequirementItem.objects.get(level__code="B", group__heading="Skills", order=1)

    response = edited_item(hr_client, item, "Uses the payroll system unaided", "_save")

    assert response.status_code == 302
    assert response.url == admin_url(Role, "change", insurance_officer.pk)
    item.refresh_from_db()
    assert item.text == "Uses the payroll system unaided"


def test_hr_may_stay_on_the_levels_page_after_saving(hr_client, insurance_officer):
    item = RequirementItem.objects.get(level__code="B", group__heading="Skills", order=1)

    response = edited_item(hr_client, item, "Uses the payroll system unaided", "_continue")

    assert response.url == admin_url(Level, "change", item.level_id)
    item.refresh_from_db()
    assert item.text == "Uses the payroll system unaided"


def test_saving_a_levels_page_keeps_what_people_recorded_against_its_items(hr_client, employee):
    """Items are saved in place, never deleted and made again: self-ratings and evidence stay
    with the item they were recorded against."""
    item = RequirementItem.objects.filter(level__role=employee.level.role, level__code="B")[0]
    self_rating_set(staff=employee, ratings={item.pk: "met"})
    evidence_add(staff=employee, added_by=employee.user, text="Did it", requirements=[item])
    items = set(RequirementItem.objects.filter(level=item.level).values_list("pk", flat=True))

    assert edited_item(hr_client, item, "Reworded", "_save").status_code == 302

    assert set(RequirementItem.objects.filter(level=item.level).values_list("pk", flat=True)) == (
        items
    )
    assert RequirementItem.objects.filter(pk=item.pk, text="Reworded").in_use().exists()
    assert employee.evidence.get().requirements.get() == item


def test_hr_without_the_roles_change_permission_cannot_edit_a_levels_items(
    login, insurance_officer
):
    reader = builders.user("reader")
    reader.is_staff = True
    reader.save()
    reader.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="roles",
            codename__in=[
                "view_role",
                "view_level",
                "change_level",
                "change_requirementgroup",
                "change_requirementitem",
            ],
        )
    )
    item = RequirementItem.objects.get(level__code="B", group__heading="Skills", order=1)
    client = login(reader)

    response = edited_item(client, item, "Reworded", "_save")

    assert response.status_code == 403
    item.refresh_from_db()
    assert item.text != "Reworded"


def test_swapping_two_items_orders_in_one_save_works(hr_client, insurance_officer):
    first, second = RequirementItem.objects.filter(
        level__code="A", group__heading="Knowledge"
    ).order_by("order")
    data = level_page(hr_client, first.level)
    data[f"{item_prefix(first)}-order"] = 2
    data[f"{item_prefix(second)}-order"] = 1

    response = hr_client.post(admin_url(Level, "change", first.level_id), data)

    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.order, second.order) == (2, 1)


def test_swapping_two_levels_codes_in_one_save_works(hr_client, insurance_officer):
    data = open_role_page(hr_client, insurance_officer)
    data["levels-0-code"], data["levels-1-code"] = "B", "A"

    response = hr_client.post(admin_url(Role, "change", insurance_officer.pk), data)

    assert response.status_code == 302
    assert list(insurance_officer.levels.order_by("order").values_list("code", flat=True)) == [
        "B",
        "A",
        "C",
    ]


def responsibilities_data(data: dict, shares: list[int]) -> dict:
    data = {**data, "responsibilities-TOTAL_FORMS": len(shares)}
    for n, share in enumerate(shares):
        data[f"responsibilities-{n}-order"] = n + 1
        data[f"responsibilities-{n}-text"] = f"Duty {n + 1}"
        data[f"responsibilities-{n}-share_of_time"] = share
    return data


def test_shares_of_time_over_100_are_refused_with_the_total(hr_client, insurance_officer):
    data = responsibilities_data(open_role_page(hr_client, insurance_officer), [60, 30, 20])

    response = hr_client.post(admin_url(Role, "change", insurance_officer.pk), data)

    assert response.status_code == 200
    assert "The shares of time add up to 110%" in response.content.decode()
    assert not insurance_officer.responsibilities.exists()


def test_shares_of_time_can_be_rebalanced_in_one_save(hr_client, insurance_officer):
    Responsibility.objects.create(role=insurance_officer, order=1, text="Pay", share_of_time=60)
    Responsibility.objects.create(role=insurance_officer, order=2, text="Queries", share_of_time=40)
    data = open_role_page(hr_client, insurance_officer)
    data["responsibilities-0-share_of_time"] = 30
    data["responsibilities-1-share_of_time"] = 70

    response = hr_client.post(admin_url(Role, "change", insurance_officer.pk), data)

    assert response.status_code == 302
    assert list(
        insurance_officer.responsibilities.order_by("order").values_list("share_of_time", flat=True)
    ) == [30, 70]


def run_action(client, action: str, roles) -> None:
    response = client.post(
        admin_url(Role, "changelist"),
        {"action": action, "_selected_action": [role.pk for role in roles]},
    )
    assert response.status_code == 302


def test_duplicating_a_role_copies_levels_items_and_the_rest_as_a_draft(
    hr_client, insurance_officer
):
    Responsibility.objects.create(role=insurance_officer, order=1, text="Arrange cover")
    framework = CompetencyFramework.objects.create(name="Core Behaviours")
    proficiency = ProficiencyLevel.objects.create(framework=framework, name="Practitioner", order=1)
    RoleCompetency.objects.create(
        role=insurance_officer,
        competency=Competency.objects.create(framework=framework, name="Customer Focus"),
        proficiency=proficiency,
    )

    run_action(hr_client, "duplicate", [insurance_officer])

    copy = Role.objects.get(title="Insurance Officer (copy)")
    assert copy.status == Role.Status.DRAFT
    assert list(copy.levels.values_list("code", flat=True)) == ["A", "B", "C"]
    assert RequirementItem.objects.filter(level__role=copy).count() == 24
    assert copy.responsibilities.count() == 1
    assert copy.role_competencies.count() == 1


def test_duplicating_twice_gives_each_copy_its_own_title(hr_client, insurance_officer):
    run_action(hr_client, "duplicate", [insurance_officer])
    run_action(hr_client, "duplicate", [insurance_officer])

    assert Role.objects.filter(title="Insurance Officer (copy 2)").exists()


def complete_draft(title: str) -> Role:
    return builders.role(title, status=Role.Status.DRAFT, next_review=datetime.date(2027, 9, 1))


def test_publishing_puts_drafts_in_the_catalogue(hr_client):
    drafts = [complete_draft(f"Draft {n}") for n in range(2)]

    run_action(hr_client, "publish", drafts)

    assert Role.objects.published().count() == 2


def test_publishing_an_incomplete_role_says_what_it_lacks_and_publishes_nothing(hr_client):
    complete = complete_draft("Complete")
    bare = Role.objects.create(title="Bare", status=Role.Status.DRAFT)

    response = hr_client.post(
        admin_url(Role, "changelist"),
        {"action": "publish", "_selected_action": [complete.pk, bare.pk]},
        follow=True,
    )

    assert (
        "Nothing was published. “Bare” needs a job family, a grade, a level with requirement "
        "items, a next review date." in response.content.decode()
    )
    assert not Role.objects.published().exists()


def test_publishing_on_the_role_page_checks_the_same(hr_client):
    draft = builders.role("Draft", status=Role.Status.DRAFT)
    data = open_role_page(hr_client, draft) | {"status": Role.Status.PUBLISHED}

    response = hr_client.post(admin_url(Role, "change", draft.pk), data)

    assert "To publish this role it needs a next review date." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Role.Status.DRAFT


def test_the_role_page_publishes_a_complete_role(hr_client):
    draft = builders.role("Draft", status=Role.Status.DRAFT)
    data = open_role_page(hr_client, draft) | {
        "status": Role.Status.PUBLISHED,
        "next_review": "2027-09-01",
    }

    response = hr_client.post(admin_url(Role, "change", draft.pk), data)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Role.Status.PUBLISHED


def test_a_new_role_cannot_be_published_before_it_has_levels(hr_client):
    family = JobFamily.objects.create(name="Insurance")
    response = hr_client.post(
        admin_url(Role, "add"),
        {
            "title": "New",
            "job_family": family.pk,
            "status": Role.Status.PUBLISHED,
            "next_review": "2027-09-01",
            **empty_inlines(hr_client),
        },
    )

    assert "it needs a grade, a level with requirement items" in response.content.decode()
    assert not Role.objects.filter(title="New").exists()


def test_archiving_takes_roles_out_of_the_catalogue(hr_client, insurance_officer):
    run_action(hr_client, "archive", [insurance_officer])

    insurance_officer.refresh_from_db()
    assert insurance_officer.status == Role.Status.ARCHIVED


def page_queries(client, url) -> int:
    """The queries of a second visit: the first also reads what the process then keeps."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def require_competencies(role, names) -> None:
    framework = CompetencyFramework.objects.get_or_create(name="Core Behaviours")[0]
    proficiency = ProficiencyLevel.objects.get_or_create(
        framework=framework, name="Practitioner", order=1
    )[0]
    for name in names:
        RoleCompetency.objects.create(
            role=role,
            competency=Competency.objects.create(framework=framework, name=name),
            proficiency=proficiency,
            level=role.levels.first(),
        )


def test_a_roles_page_reads_as_much_for_many_levels_and_competencies_as_for_one(hr_client):
    """Each level's grade and each required competency's choices were read a row at a time."""
    role = builders.role("Claims Handler", levels=("A",), items_per_category=0)
    role.levels.update(grade=builders.grade("R1"))
    require_competencies(role, ["Customer Focus"])
    url = admin_url(Role, "change", role.pk)
    one = page_queries(hr_client, url)
    for order, code in enumerate("BCDEF", start=2):
        Level.objects.create(role=role, code=code, order=order, grade=builders.grade(f"R{order}"))
    require_competencies(role, ["Teamwork", "Delivery", "Integrity", "Resilience"])

    assert page_queries(hr_client, url) == one
    page = hr_client.get(url).content.decode()
    assert f'<option value="{builders.grade("R6").pk}" selected>R6</option>' in page
    assert ">Resilience</option>" in page


def replace_items(level, replaced_level) -> None:
    """Every item of `level` replaces the item in the same place of `replaced_level`."""
    lower = list(RequirementItem.objects.filter(level=replaced_level).order_by("group", "order"))
    for item, weaker in zip(
        RequirementItem.objects.filter(level=level).order_by("group", "order"), lower, strict=True
    ):
        item.replaces = weaker
        item.save()


def test_a_levels_page_names_what_each_item_replaces_in_as_many_queries_for_many(
    hr_client, insurance_officer
):
    """Each item's "Replaces" was looked up with a query of its own, and where it replaces
    nothing a query was still built: 80 items, 80 of them."""
    level_a, level_b = insurance_officer.levels.filter(code__in="AB").order_by("order")
    url = admin_url(Level, "change", level_b.pk)
    replace_items(level_b, level_a)
    few = page_queries(hr_client, url)
    for n in range(3, 6):
        for group in level_b.requirement_groups.all():
            builders.item(group, f"{group.heading} extra {n}")
            builders.item(level_a.requirement_groups.get(heading=group.heading), f"A {n}")
    replace_items(level_b, level_a)

    assert page_queries(hr_client, url) == few
    replaced = RequirementItem.objects.filter(level=level_b).exclude(replaces=None)
    assert replaced.count() == 20
    page = hr_client.get(url).content.decode()
    for item in replaced.select_related("replaces"):
        label = f"Insurance Officer — Level A: {item.replaces.text}"
        assert f'<option value="{item.replaces_id}" selected>{label}</option>' in page


def test_a_levels_page_sent_back_with_an_error_keeps_what_each_item_replaces(
    hr_client, insurance_officer
):
    level_a, level_b = insurance_officer.levels.filter(code__in="AB").order_by("order")
    replace_items(level_b, level_a)
    item, other = RequirementItem.objects.filter(level=level_b).order_by("group", "order")[:2]

    response = level_page_saved(hr_client, level_b, {f"{item_prefix(item)}-text": ""})

    assert response.status_code == 200
    page = response.content.decode()
    assert "This field is required." in page
    for kept in (item, other):
        label = f"Insurance Officer — Level A: {kept.replaces.text}"
        assert f'<option value="{kept.replaces_id}" selected>{label}</option>' in page


@pytest.mark.parametrize("posted", ["abc", "1.5", "99999999", "99999999999999999999999", "1;DROP"])
def test_a_replaced_item_that_names_none_is_refused_with_the_page_as_sent(
    hr_client, insurance_officer, posted
):
    item = RequirementItem.objects.filter(level__code="B").order_by("group", "order")[0]
    written = item.text

    response = level_page_saved(
        hr_client,
        item.level,
        {f"{item_prefix(item)}-replaces": posted, f"{item_prefix(item)}-text": "Reworded"},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Select a valid choice. That choice is not one of the available choices." in page
    assert "Reworded</textarea>" in page
    item.refresh_from_db()
    assert (item.text, item.replaces) == (written, None)
