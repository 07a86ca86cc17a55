"""HR's admin: every page opens for HR and is refused to staff; a role's page edits its parts."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection
from django.db.models import Model
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from competencies.models import Competency, CompetencyFramework, ProficiencyLevel
from roles.models import Level, RequirementItem, Responsibility, Role, RoleCompetency
from staff.models import (
    Assessment,
    AssessmentEvent,
    AssessmentItem,
    Evidence,
    LevelChange,
    LineManagerChange,
    SelfRating,
    StaffProfile,
)
from tests import builders

OUR_APPS = {"competencies", "roles", "staff"}
ADMIN_MODELS = [
    model
    for model in apps.get_models()
    if admin.site.is_registered(model)
    and (model._meta.app_label in OUR_APPS or model._meta.model_name == "user")
]
READ_ONLY = {Assessment, AssessmentItem, AssessmentEvent, Evidence, SelfRating, LineManagerChange}


def admin_url(model, page: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}", args=args)


def model_id(model) -> str:
    return model._meta.label


def change_form_data(response) -> dict:
    """What the browser would post back unchanged: the main form and every (nested) inline."""
    data = _form_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        data.update(_formset_data(inline.formset))
    return data


def _formset_data(formset) -> dict:
    data = {
        formset.management_form.add_prefix(name): field.value()
        for name, field in (
            (name, formset.management_form[name]) for name in formset.management_form.fields
        )
    }
    for form in formset.forms:
        data.update(_form_data(form))
        for nested in getattr(form, "nested_formsets", []):
            data.update(_formset_data(nested))
    return data


def _form_data(form) -> dict:
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        if value is True:
            value = "on"
        elif isinstance(value, Model):
            value = value.pk
        data[form.add_prefix(name)] = value
    return data


def item_prefix(role: Role, level_code: str, item: RequirementItem) -> str:
    """The form prefix of an item on the role's page: levels-<n>-requirement_items-<m>."""
    levels = list(role.levels.order_by("order"))
    level = next(lv for lv in levels if lv.code == level_code)
    items = list(RequirementItem.objects.filter(level=level).order_by("pk"))
    return f"levels-{levels.index(level)}-requirement_items-{items.index(item)}"


def open_role_page(client, role):
    response = client.get(admin_url(Role, "change", role.pk))
    assert response.status_code == 200
    return change_form_data(response)


@pytest.fixture
def hr_client(login, hr):
    return login(hr)


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=model_id)
def test_hr_opens_every_admin_list(hr_client, model):
    assert hr_client.get(admin_url(model, "changelist")).status_code == 200


@pytest.mark.parametrize("model", sorted(set(ADMIN_MODELS) - READ_ONLY, key=model_id), ids=model_id)
def test_hr_opens_every_add_page(hr_client, model):
    assert hr_client.get(admin_url(model, "add")).status_code == 200


@pytest.mark.parametrize("model", sorted(READ_ONLY, key=model_id), ids=model_id)
def test_assessment_records_cannot_be_added_in_the_admin(hr_client, model):
    assert hr_client.get(admin_url(model, "add")).status_code == 403


@pytest.mark.parametrize("persona", ["employee", "manager"])
@pytest.mark.parametrize("model", ADMIN_MODELS, ids=model_id)
def test_staff_are_sent_to_the_admin_sign_in(login, request, persona, model):
    client = login(request.getfixturevalue(persona))
    for page in ("changelist", "add"):
        response = client.get(admin_url(model, page))
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))


def add_roles_with_staff(names: range) -> None:
    for n in names:
        role = builders.role(f"Role {n}", levels=("A",))
        Responsibility.objects.create(role=role, order=1, text="Duty")
        boss = builders.staff(f"boss{n}", level=role.levels.get())
        builders.staff(f"member{n}", level=role.levels.get(), manager=boss)


def changelist_queries(client, model) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(admin_url(model, "changelist")).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "model", [Role, Level, RequirementItem, Responsibility, StaffProfile], ids=model_id
)
def test_an_admin_list_reads_as_much_for_many_rows_as_for_few(hr_client, model):
    """Intended to prevent an n+1 issue: each column's objects are joined, not read per row."""
    add_roles_with_staff(range(2))
    few = changelist_queries(hr_client, model)
    add_roles_with_staff(range(2, 12))

    assert changelist_queries(hr_client, model) == few


def test_role_page_shows_its_levels_and_their_items(hr_client, insurance_officer):
    response = hr_client.get(admin_url(Role, "change", insurance_officer.pk))
    assert "Knowledge item 2 of Insurance Officer level C" in response.content.decode()


def test_hr_changes_a_requirement_item_on_the_role_page(hr_client, insurance_officer):
    item = RequirementItem.objects.get(level__code="B", category__name="Skills", order=1)
    data = open_role_page(hr_client, insurance_officer)
    data[f"{item_prefix(insurance_officer, 'B', item)}-text"] = "Uses the payroll system unaided"

    response = hr_client.post(admin_url(Role, "change", insurance_officer.pk), data)

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.text == "Uses the payroll system unaided"


def test_swapping_two_items_orders_in_one_save_works(hr_client, insurance_officer):
    first, second = RequirementItem.objects.filter(
        level__code="A", category__name="Knowledge"
    ).order_by("order")
    data = open_role_page(hr_client, insurance_officer)
    data[f"{item_prefix(insurance_officer, 'A', first)}-order"] = 2
    data[f"{item_prefix(insurance_officer, 'A', second)}-order"] = 1

    response = hr_client.post(admin_url(Role, "change", insurance_officer.pk), data)

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


def test_two_items_in_one_place_are_refused_and_nothing_changes(hr_client, insurance_officer):
    first, second = RequirementItem.objects.filter(
        level__code="A", category__name="Knowledge"
    ).order_by("order")
    data = open_role_page(hr_client, insurance_officer)
    data[f"{item_prefix(insurance_officer, 'A', second)}-order"] = 1
    data[f"{item_prefix(insurance_officer, 'A', first)}-text"] = "Changed text"

    response = hr_client.post(admin_url(Role, "change", insurance_officer.pk), data)

    assert response.status_code == 200
    assert "Please correct the duplicate data for category and order" in (response.content.decode())
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.order, second.order, first.text) == (
        1,
        2,
        "Knowledge item 1 of Insurance Officer level A",
    )


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


def test_publishing_puts_drafts_in_the_catalogue(hr_client):
    drafts = [builders.role(f"Draft {n}", status=Role.Status.DRAFT) for n in range(2)]

    run_action(hr_client, "publish", drafts)

    assert Role.objects.published().count() == 2


def test_archiving_takes_roles_out_of_the_catalogue(hr_client, insurance_officer):
    run_action(hr_client, "archive", [insurance_officer])

    insurance_officer.refresh_from_db()
    assert insurance_officer.status == Role.Status.ARCHIVED


def test_staff_profile_offers_levels_named_with_their_role(hr_client, employee):
    response = hr_client.get(admin_url(type(employee), "change", employee.pk))
    assert "Insurance Officer — Level A" in response.content.decode()


def test_hr_cannot_make_a_management_loop(hr_client, manager, employee):
    data = change_form_data(hr_client.get(admin_url(type(manager), "change", manager.pk)))
    data["line_manager"] = employee.pk

    response = hr_client.post(admin_url(type(manager), "change", manager.pk), data)

    assert "would make a loop in the management tree" in response.content.decode()
    manager.refresh_from_db()
    assert manager.line_manager != employee


def test_a_level_change_records_who_added_it(hr_client, hr, employee):
    level_b = Level.objects.get(role=employee.role, code="B")
    response = hr_client.post(
        admin_url(LevelChange, "add"),
        {
            "staff": employee.pk,
            "from_level": employee.level_id,
            "to_level": level_b.pk,
            "effective_date": "2026-04-01",
            "note": "Promotion agreed at review",
        },
    )

    assert response.status_code == 302
    assert LevelChange.objects.get(staff=employee).recorded_by == hr


def test_level_history_cannot_be_rewritten(hr_client, hr, employee):
    change = LevelChange.objects.create(
        staff=employee, to_level=employee.level, effective_date="2026-01-01"
    )
    response = hr_client.post(admin_url(LevelChange, "change", change.pk), {"note": "edited"})

    change.refresh_from_db()
    assert (response.status_code, change.note) == (403, "")


def test_hr_reads_an_assessment_item_by_item(hr_client, employee):
    assessment = Assessment.objects.create(
        staff=employee, assessor=employee.line_manager.user, target_level=employee.level
    )
    assessment.items.create(
        order=1, category_name="Skills", level_code="A", text="Checks figures", rating="met"
    )

    response = hr_client.get(admin_url(Assessment, "change", assessment.pk))

    assert response.status_code == 200
    assert "Checks figures" in response.content.decode()


def test_staff_list_filters_by_role(hr_client, employee):
    builders.staff("lawyer", level=builders.role("Legal Assistant").levels.get(code="A"))

    response = hr_client.get(admin_url(StaffProfile, "changelist"), {"role": employee.role.pk})

    listed = {profile.role.title for profile in response.context["cl"].result_list}
    assert listed == {"Insurance Officer"}


def test_staff_list_with_a_nonsense_role_is_not_an_error(hr_client, employee):
    response = hr_client.get(admin_url(StaffProfile, "changelist"), {"role": "nonsense"})
    assert response.status_code == 302
    assert response.url.endswith("?e=1")
