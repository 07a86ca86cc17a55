"""HR restores an earlier version of a role profile, from its history page, as a new draft
with its levels and items as they were; the role itself is left as it is (issue #12)."""

import json

import pytest
from django.apps import apps
from django.urls import reverse

from core.history_baseline import BASELINE_REASON, record_existing_rows
from roles.models import Level, RequirementItem, Role
from roles.transfer.exporting import roles_for_export
from roles.transfer.importing import parse_file, role_profiles_import
from roles.transfer.json_format import roles_to_json
from tests import builders
from tests.admin_pages import admin_url, change_form_data, item_prefix, level_page_saved


@pytest.fixture
def hr_client(login, hr):
    return login(hr)


@pytest.fixture
def role(db):
    return builders.role("Payroll Officer", items_per_category=1, purpose="The first purpose.")


def first_item(role, code="A"):
    return RequirementItem.objects.filter(level__role=role, level__code=code).order_by("pk")[0]


def save_page(client, role, **changes):
    url = admin_url(Role, "change", role.pk)
    data = change_form_data(client.get(url))
    data.update(changes)
    assert client.post(url, data).status_code == 302


def reword(client, item, text: str) -> None:
    """Save the item's level page with the item reworded: a version of the role too."""
    changes = {f"{item_prefix(item)}-text": text}
    assert level_page_saved(client, item.level, changes).status_code == 302


def restore_url(record):
    return reverse("admin:roles_role_restore", args=[record.id, record.history_id])


def items_of(role):
    return sorted(
        RequirementItem.objects.filter(level__role=role).values_list("level__code", "text")
    )


def test_restoring_the_first_version_gives_a_draft_as_it_was(hr_client, role):
    before = items_of(role)
    item = first_item(role)
    first_version = role.history.earliest()
    save_page(hr_client, role, purpose="A later purpose.")
    reword(hr_client, item, "A later wording")

    response = hr_client.post(restore_url(first_version))

    draft = Role.objects.exclude(pk=role.pk).get()
    assert response.status_code == 302
    assert response.url == admin_url(Role, "change", draft.pk)
    assert draft.title == "Payroll Officer (version 1, restored)"
    assert (draft.status, draft.purpose, draft.version) == ("draft", "The first purpose.", 1)
    assert items_of(draft) == before
    assert list(draft.levels.values_list("code", flat=True)) == ["A", "B", "C"]
    role.refresh_from_db()
    assert role.purpose == "A later purpose."
    assert "A later wording" in [text for _, text in items_of(role)]


def test_restoring_a_later_version_includes_the_items_saved_with_it(hr_client, role):
    item = first_item(role)
    reword(hr_client, item, "Second wording")
    second_version = role.history.latest()
    save_page(hr_client, role, purpose="Third purpose.")
    role.refresh_from_db()
    reword(hr_client, item, "Fourth wording")

    hr_client.post(restore_url(second_version))

    draft = Role.objects.get(title__endswith="restored)")
    texts = [text for _, text in items_of(draft)]
    assert "Second wording" in texts
    assert "Fourth wording" not in texts
    assert draft.purpose == "The first purpose."


def test_restoring_the_version_before_an_import(role):
    before = items_of(role)
    version_before = role.history.latest()
    document = json.loads(roles_to_json(roles_for_export(Role.objects.filter(pk=role.pk))))
    document["roles"][0]["levels"][0]["requirements"][0]["text"] = "Imported wording"
    del document["roles"][0]["levels"][2]
    role_profiles_import(
        parsed=parse_file(name="roles.json", data=json.dumps(document).encode()), dry_run=False
    )
    assert not role.levels.filter(code="C").exists()

    from roles.publishing import role_restore_as_draft

    draft = role_restore_as_draft(record=version_before)
    assert items_of(draft) == before
    assert draft.history.get().history_change_reason.startswith("restored from version 1")


def test_the_history_page_offers_restoring_each_version(hr_client, role):
    save_page(hr_client, role, purpose="A later purpose.")
    page = hr_client.get(admin_url(Role, "history", role.pk)).content.decode()
    assert page.count("Restore as new draft") == role.history.count() == 2


def test_restoring_needs_a_post(hr_client, role):
    assert hr_client.get(restore_url(role.history.earliest())).status_code == 405
    assert Role.objects.count() == 1


def test_a_manager_cannot_restore(login, manager, role):
    client = login(manager)
    response = client.post(restore_url(role.history.earliest()))
    assert response.status_code in (302, 403)
    assert Role.objects.filter(title__endswith="restored)").count() == 0


def test_restoring_the_same_version_twice_gives_two_drafts(hr_client, role):
    record = role.history.earliest()
    hr_client.post(restore_url(record))
    hr_client.post(restore_url(record))
    assert sorted(Role.objects.filter(status="draft").values_list("title", flat=True)) == [
        "Payroll Officer (version 1, restored 2)",
        "Payroll Officer (version 1, restored)",
    ]


def test_rows_from_before_the_audit_trail_get_a_first_record(db):
    [level_less] = Role.objects.bulk_create([Role(title="Old role")])
    record_existing_rows(apps, "roles", ["Role", "Level"])
    assert level_less.history.get().history_change_reason == BASELINE_REASON
    assert Level.history.count() == 0
