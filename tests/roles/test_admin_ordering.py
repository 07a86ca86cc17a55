"""HR puts a level's groups, and the items in a group, in order on the level's admin page by
dragging them, with no order numbers to type; an item may replace a lower level's item, found
with an autocomplete that names role and level (issue #10).

The posts are what the browser sends: django-nested-admin's script writes each row's place
(0, 1, 2... in the order the rows stand on the page) into its hidden order field, and a row
dragged into another group leaves its old group's forms and joins the new group's."""

import json
import re

import pytest

from roles.models import Level, RequirementGroup, RequirementItem, Role
from tests import builders
from tests.admin_pages import admin_url, group_prefix, item_prefix, level_page


@pytest.fixture
def hr_client(login, hr):
    return login(hr)


@pytest.fixture
def role(db):
    return builders.role("Claims Assessor", items_per_category=3)


def level(role: Role, code: str) -> Level:
    return role.levels.get(code=code)


def save(client, level: Level, data: dict):
    return client.post(admin_url(Level, "change", level.pk), data)


def groups_of(role: Role, code: str) -> list[RequirementGroup]:
    return list(RequirementGroup.objects.filter(level__role=role, level__code=code))


def items_of(group: RequirementGroup) -> list[RequirementItem]:
    return list(group.items.order_by("order"))


def placed(data: dict, rows: list[str]) -> dict:
    """The rows (form prefixes of one formset) put in this order, as the page's script
    numbers them on submit."""
    return {**data, **{f"{prefix}-order": str(place) for place, prefix in enumerate(rows)}}


def taken_out(data: dict, row: str) -> tuple[dict, dict]:
    """The page without the item form `row`, as the page's script rewrites the forms when the
    row leaves its group (the group's later rows close up), and the row's own fields."""
    data = dict(data)
    old, index = row.rsplit("-", 1)
    fields = {key[len(row) + 1 :]: data.pop(key) for key in list(data) if key.startswith(row + "-")}
    total = int(data[f"{old}-TOTAL_FORMS"])
    for later in range(int(index) + 1, total):
        for key in [k for k in data if k.startswith(f"{old}-{later}-")]:
            data[f"{old}-{later - 1}-{key[len(f'{old}-{later}-') :]}"] = data.pop(key)
    data[f"{old}-TOTAL_FORMS"] = total - 1
    data[f"{old}-INITIAL_FORMS"] = int(data[f"{old}-INITIAL_FORMS"]) - 1
    return data, fields


def put_in(data: dict, fields: dict, group_row: str, group: RequirementGroup) -> dict:
    """An item form's `fields` added at the end of the items of `group` (form `group_row`): the
    row takes the next index of the group's forms, and the group's counts change."""
    data = dict(data)
    new = f"{group_row}-items"
    at = int(data[f"{new}-TOTAL_FORMS"])
    data.update({f"{new}-{at}-{name}": value for name, value in fields.items()})
    data[f"{new}-{at}-group"] = group.pk
    data[f"{new}-{at}-order"] = at
    data[f"{new}-TOTAL_FORMS"] = at + 1
    data[f"{new}-INITIAL_FORMS"] = int(data[f"{new}-INITIAL_FORMS"]) + 1
    return data


def dragged_to(data: dict, row: str, group_row: str, group: RequirementGroup) -> dict:
    """The item form `row` dragged to the end of the items of `group` (form `group_row`)."""
    data, fields = taken_out(data, row)
    return put_in(data, fields, group_row, group)


def test_the_page_offers_no_order_numbers_to_type(hr_client, role):
    page = hr_client.get(admin_url(Level, "change", level(role, "A").pk)).content.decode()
    group = groups_of(role, "A")[0]
    item = items_of(group)[0]
    for row in (group_prefix(group), item_prefix(item)):
        assert re.search(rf'<input type="hidden" name="{row}-order"', page), row
    assert "Move up" not in page  # the page's script adds the buttons (see the browser test)


def test_hr_reorders_a_levels_groups(hr_client, role):
    groups = groups_of(role, "A")
    rows = [group_prefix(group) for group in groups]
    data = placed(level_page(hr_client, level(role, "A")), list(reversed(rows)))

    assert save(hr_client, level(role, "A"), data).status_code == 302

    after = groups_of(role, "A")
    assert [g.heading for g in after] == [g.heading for g in reversed(groups)]
    assert [g.order for g in after] == [1, 2, 3, 4]


def test_hr_reorders_the_items_of_a_group(hr_client, role):
    group = groups_of(role, "B")[1]
    first, second, third = items_of(group)
    rows = [item_prefix(item) for item in (third, first, second)]
    data = placed(level_page(hr_client, group.level), rows)

    assert save(hr_client, group.level, data).status_code == 302

    assert [(i.text, i.order) for i in items_of(group)] == [
        (third.text, 1),
        (first.text, 2),
        (second.text, 3),
    ]


def test_saving_the_page_unchanged_saves_no_row_again(hr_client, role):
    """The script numbers every row from 0 on submit; rows whose place is unchanged are not
    saved again (nor given a new version in their history)."""
    level_b = level(role, "B")
    data = level_page(hr_client, level_b)
    groups = groups_of(role, "B")
    data = placed(data, [group_prefix(group) for group in groups])
    for group in groups:
        data = placed(data, [item_prefix(item) for item in items_of(group)])
    versions = RequirementItem.history.count(), RequirementGroup.history.count()

    assert save(hr_client, level_b, data).status_code == 302

    assert (RequirementItem.history.count(), RequirementGroup.history.count()) == versions


def test_two_items_sent_in_one_place_are_put_in_page_order(hr_client, role):
    """A page opened before the script numbered it (or typed by hand) may send two rows in one
    place: they are kept in the order they stand on the page, not refused."""
    group = groups_of(role, "A")[0]
    first, second, third = items_of(group)
    data = level_page(hr_client, group.level)
    data[f"{item_prefix(second)}-order"] = 1
    data[f"{item_prefix(third)}-order"] = 1
    data[f"{item_prefix(first)}-text"] = "Changed text"

    assert save(hr_client, group.level, data).status_code == 302

    assert [(i.pk, i.order) for i in items_of(group)] == [
        (first.pk, 1),
        (second.pk, 2),
        (third.pk, 3),
    ]
    first.refresh_from_db()
    assert first.text == "Changed text"


def test_an_item_dragged_to_another_group_of_its_level_moves_there(hr_client, role):
    knowledge, skills = groups_of(role, "B")[1], groups_of(role, "B")[3]
    moved = items_of(knowledge)[0]
    data = dragged_to(
        level_page(hr_client, moved.level), item_prefix(moved), group_prefix(skills), skills
    )
    data = placed(data, [f"{group_prefix(knowledge)}-items-{n}" for n in (0, 1)])

    assert save(hr_client, moved.level, data).status_code == 302

    moved.refresh_from_db()
    assert (moved.group, moved.level.code, moved.order) == (skills, "B", 4)
    assert [i.order for i in items_of(knowledge)] == [1, 2]
    assert [i.order for i in items_of(skills)] == [1, 2, 3, 4]


def test_an_item_sent_into_another_levels_group_is_refused_and_nothing_changes(hr_client, role):
    """A level's page shows no other level's items to drag in; a row of one sent anyway (a
    page of the time when a role's levels shared one page, a crafted post) is refused."""
    knowledge, skills_c = groups_of(role, "B")[1], groups_of(role, "C")[3]
    moved = items_of(knowledge)[0]
    _, fields = taken_out(level_page(hr_client, moved.level), item_prefix(moved))
    data = put_in(level_page(hr_client, skills_c.level), fields, group_prefix(skills_c), skills_c)

    response = save(hr_client, skills_c.level, data)

    assert response.status_code == 200
    assert (
        f"“{moved.text}” is an item of Level B: an item moves only between the groups of its "
        "own level" in response.content.decode()
    )
    moved.refresh_from_db()
    assert (moved.group, moved.order) == (knowledge, 1)
    assert len(items_of(skills_c)) == 3


def autocomplete(client, term: str, **params):
    query = {
        "app_label": "roles",
        "model_name": "requirementitem",
        "field_name": "replaces",
        "term": term,
        **params,
    }
    return client.get("/admin/autocomplete/", query)


def test_replaced_items_are_found_by_role_and_level(hr_client, role):
    builders.role("Payroll Officer", items_per_category=1)
    retired = items_of(groups_of(role, "A")[1])[2]
    RequirementItem.objects.filter(pk=retired.pk).update(retired_at="2026-01-01T00:00Z")

    response = autocomplete(hr_client, "Claims Assessor knowledge")

    found = json.loads(response.content)
    labels = [result["text"] for result in found["results"]]
    assert labels[:2] == [
        "Claims Assessor — Level A: Knowledge item 1 of Claims Assessor level A",
        "Claims Assessor — Level A: Knowledge item 2 of Claims Assessor level A",
    ]
    assert len(labels) == 8  # three levels of three knowledge items, less the retired one
    assert str(retired.pk) not in [result["id"] for result in found["results"]]
    found = json.loads(autocomplete(hr_client, "Claims").content)  # 35 current items
    assert (len(found["results"]), found["pagination"]["more"]) == (20, True)


def test_the_replaced_item_search_answers_only_hr(client, login, employee, role):
    """Django's autocomplete checks this already; kept as a guard on the narrowed search."""
    assert autocomplete(client, "Knowledge").status_code == 302  # to the sign-in page
    assert autocomplete(login(employee), "Knowledge").status_code == 302


def test_hr_chooses_the_lower_level_item_an_item_replaces(hr_client, role):
    lower = items_of(groups_of(role, "A")[1])[0]
    higher = items_of(groups_of(role, "B")[1])[0]
    data = level_page(hr_client, higher.level)
    data[f"{item_prefix(higher)}-replaces"] = lower.pk

    assert save(hr_client, higher.level, data).status_code == 302

    higher.refresh_from_db()
    assert higher.replaces == lower
    page = hr_client.get(admin_url(Level, "change", higher.level_id)).content.decode()
    assert f'<option value="{lower.pk}" selected>Claims Assessor — Level A: {lower}' in page


def test_an_item_cannot_replace_one_of_a_higher_level(hr_client, role):
    lower = items_of(groups_of(role, "A")[1])[0]
    higher = items_of(groups_of(role, "B")[1])[0]
    data = level_page(hr_client, lower.level)
    data[f"{item_prefix(lower)}-replaces"] = higher.pk

    response = save(hr_client, lower.level, data)

    assert response.status_code == 200
    assert "Choose an item of a lower level of the same role." in response.content.decode()
    lower.refresh_from_db()
    assert lower.replaces is None
