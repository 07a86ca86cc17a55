"""Two HR users editing the same role: the later save, based on a stale page, is refused and
keeps what was typed, instead of silently putting back the earlier one's changes (issue #12)."""

import json

import pytest

from roles.models import REVIEW_DATE_FIELDS, Level, RequirementItem, Role
from roles.publishing import role_duplicate, roles_archive
from roles.transfer.exporting import roles_for_export
from roles.transfer.importing import parse_file, role_profiles_import
from roles.transfer.json_format import roles_to_json
from tests import builders
from tests.admin_pages import admin_url, change_form_data, item_prefix, level_page


@pytest.fixture
def hr_client(login, hr):
    return login(hr)


@pytest.fixture
def role(db):
    return builders.role("Payroll Officer", items_per_category=1)


def open_page(client, role):
    response = client.get(admin_url(Role, "change", role.pk))
    assert response.status_code == 200
    return change_form_data(response)


def first_item(role, code="A"):
    return RequirementItem.objects.filter(level__role=role, level__code=code).order_by("pk")[0]


def test_a_save_based_on_a_page_someone_saved_since_is_refused(hr_client, hr, role):
    url = admin_url(Role, "change", role.pk)
    first, second = open_page(hr_client, role), open_page(hr_client, role)

    first["purpose"] = "Pays everyone on time."
    assert hr_client.post(url, first).status_code == 302

    second["purpose"] = "An older idea of the purpose."
    response = hr_client.post(url, second)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else saved this role profile after you opened it" in page
    assert "An older idea of the purpose." in page  # what the second person typed
    assert f"(admin by {hr.get_full_name() or hr.username}, " in page
    role.refresh_from_db()
    assert role.purpose == "Pays everyone on time."


def test_a_change_to_items_on_a_levels_page_makes_the_roles_open_pages_stale(hr_client, role):
    url = admin_url(Role, "change", role.pk)
    item = first_item(role)
    role_page, items = open_page(hr_client, role), level_page(hr_client, item.level)

    items[f"{item_prefix(item)}-text"] = "Knows the payroll calendar"
    assert hr_client.post(admin_url(Level, "change", item.level_id), items).status_code == 302

    role_page["purpose"] = "Something else."
    response = hr_client.post(url, role_page)
    assert "Someone else saved this role profile" in response.content.decode()
    item.refresh_from_db()
    assert item.text == "Knows the payroll calendar"


def test_a_levels_page_opened_before_a_save_of_its_role_is_refused(hr_client, role):
    """Two people on pages of one role: the later save would put back what the earlier one
    changed, be it on the role's page or on one of its levels' pages."""
    item = first_item(role)
    items, role_page = level_page(hr_client, item.level), open_page(hr_client, role)
    role_page["purpose"] = "Pays everyone on time."
    assert hr_client.post(admin_url(Role, "change", role.pk), role_page).status_code == 302

    items[f"{item_prefix(item)}-text"] = "An older idea of the item"
    response = hr_client.post(admin_url(Level, "change", item.level_id), items)

    assert response.status_code == 200
    assert "Someone else saved this role profile after you opened it" in response.content.decode()
    item.refresh_from_db()
    assert item.text != "An older idea of the item"


def test_saving_a_fresh_page_again_works(hr_client, role):
    url = admin_url(Role, "change", role.pk)
    assert hr_client.post(url, open_page(hr_client, role)).status_code == 302
    data = open_page(hr_client, role)
    data["purpose"] = "Second save."
    assert hr_client.post(url, data).status_code == 302
    role.refresh_from_db()
    assert role.purpose == "Second save."
    assert role.version == 3


def test_adding_a_role_in_the_admin_starts_at_version_one(hr_client):
    response = hr_client.post(
        admin_url(Role, "add"),
        {
            "title": "New role",
            "status": "draft",
            "level_structure": "cumulative",
            "version": "7",
            **{f"{name}_precision": "day" for name in REVIEW_DATE_FIELDS},
            **{
                f"{prefix}-{name}": value
                for prefix in (
                    "levels",
                    "responsibilities",
                    "sections",
                    "role_competencies",
                    "facts",
                    "sign_offs",
                )
                for name, value in (("TOTAL_FORMS", 0), ("INITIAL_FORMS", 0))
            },
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Role.objects.get(title="New role").version == 1


def reimport(role, change) -> None:
    """Export the role as JSON, let `change` edit the document, import it back."""
    document = json.loads(roles_to_json(roles_for_export(Role.objects.filter(pk=role.pk))))
    change(document["roles"][0])
    data = json.dumps(document).encode()
    role_profiles_import(parsed=parse_file(name="roles.json", data=data), dry_run=False)


def test_an_import_that_changes_only_items_makes_open_pages_stale(hr_client, role):
    url = admin_url(Role, "change", role.pk)
    page = open_page(hr_client, role)

    def reword(data):
        data["levels"][0]["requirements"][0]["text"] = "Reworded by the import"

    reimport(role, reword)

    page["purpose"] = "Typed while the import ran."
    response = hr_client.post(url, page)
    assert "Someone else saved this role profile" in response.content.decode()
    assert RequirementItem.objects.filter(text="Reworded by the import").exists()


def test_an_import_that_changes_nothing_leaves_open_pages_current(hr_client, role):
    url = admin_url(Role, "change", role.pk)
    page = open_page(hr_client, role)
    reimport(role, lambda data: None)
    page["purpose"] = "Still mine to save."
    assert hr_client.post(url, page).status_code == 302


def test_archiving_makes_open_pages_stale(hr_client, role):
    url = admin_url(Role, "change", role.pk)
    page = open_page(hr_client, role)
    roles_archive(roles=Role.objects.filter(pk=role.pk))
    response = hr_client.post(url, page)
    assert "Someone else saved this role profile" in response.content.decode()
    role.refresh_from_db()
    assert role.status == Role.Status.ARCHIVED


def test_a_duplicate_starts_at_version_one(role):
    role.save()
    assert role_duplicate(role=role).version == 1
