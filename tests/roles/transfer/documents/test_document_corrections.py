"""HR's corrections to a document's reading, sent as the reading page sends them, and the column
step of a flat spreadsheet; nothing is saved before Confirm, and a bad correction changes
nothing."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from roles.models import Level, PendingRoleImport, RequirementItem, Role
from roles.transfer import document_import
from tests import builders
from tests.roles.transfer.documents.corpus import build_docx

URL = "/admin/roles/role/import-profiles/"
WAITING = "/admin/roles/role/import-profiles/waiting/"

PROFILE = """<!-- build: docx, bullets made with Word's list styles -->
# Records Clerk

## Level 1

### Skills

- Files records.
- Answers the phone.
- Knows the filing plan.
- Knows the retention rules.

## Level 2

### Skills

- Trains new clerks.
"""

SKILLS = (
    b"Job,Band,Area,Statement,Expected proficiency,E/D\n"
    b"Cook,Band 1,Knife work,Chops onions,Working,Essential\n"
    b"Cook,Band 1,Knife work,Fillets fish,Awareness,Desirable\n"
    b"Cook,Band 2,Menus,Plans a menu,Practitioner,Essential\n"
)


@pytest.fixture
def hr_client(client, hr):
    client.force_login(hr)
    return client


@pytest.fixture
def reading(hr_client):
    hr_client.post(URL, {"file": SimpleUploadedFile("clerk.docx", build_docx(PROFILE))})
    return PendingRoleImport.objects.get()


def url_of(pending) -> str:
    return reverse("admin:roles_role_import_pending", args=[pending.pk])


def saved_items() -> list[tuple]:
    return [
        (item.level.code, item.group.heading, item.text, item.is_essential, item.sub_points)
        for item in RequirementItem.objects.select_related("level", "group").order_by(
            "level__order", "group__order", "order"
        )
    ]


def test_splitting_a_group_at_an_item_then_naming_the_new_group(hr_client, reading):
    hr_client.post(url_of(reading), {"split": "0-0-2", "heading-0-0": "Tasks"})
    assert not Role.objects.exists()
    groups = PendingRoleImport.objects.get().outline["levels"][0]["groups"]
    assert [(g["heading"], len(g["items"])) for g in groups] == [
        ("Tasks", 2),
        ("Tasks (continued)", 2),
    ]
    hr_client.post(
        url_of(reading), {"action": "confirm", "heading-0-0": "Skills", "heading-0-1": "Knowledge"}
    )
    assert [(code, group, text) for code, group, text, *_ in saved_items()] == [
        ("1", "Skills", "Files records."),
        ("1", "Skills", "Answers the phone."),
        ("1", "Knowledge", "Knows the filing plan."),
        ("1", "Knowledge", "Knows the retention rules."),
        ("2", "Skills", "Trains new clerks."),
    ]


def test_moving_an_item_to_another_level(hr_client, reading):
    hr_client.post(url_of(reading), {"action": "confirm", "move-0-0-1": "1-0"})
    assert [(code, text) for code, _, text, *_ in saved_items()][-2:] == [
        ("2", "Trains new clerks."),
        ("2", "Answers the phone."),
    ]


def test_flipping_an_item_to_desirable_and_editing_its_sub_points(hr_client, reading):
    hr_client.post(
        url_of(reading),
        {
            "action": "confirm",
            "essential-0-0-1": "no",
            "sub-points-0-0-0": " paper files \n\n  electronic files\n",
        },
    )
    items = {text: (essential, points) for _, _, text, essential, points in saved_items()}
    assert items["Answers the phone."] == (False, "")
    assert items["Files records."] == (True, "paper files\nelectronic files")


def test_the_level_structure_chosen_is_kept_in_the_reading(hr_client, reading):
    hr_client.post(url_of(reading), {"action": "correct", "cumulative": "no"})
    assert PendingRoleImport.objects.get().outline["level_structure"] == "standalone"
    hr_client.post(url_of(reading), {"action": "correct", "cumulative": "yes"})
    assert PendingRoleImport.objects.get().outline["level_structure"] == "cumulative"


def test_confirm_is_at_the_top_and_the_foot_of_the_reading(hr_client, reading):
    page = hr_client.get(url_of(reading)).content.decode()
    assert page.count('value="confirm"') == 2
    assert page.index('value="confirm"') < page.index('data-level="Level 1"')


@pytest.mark.parametrize(
    ("post", "message"),
    [
        ({"order-0": "first"}, "Level 1: its position must be a number, not “first”."),
        (
            {"sub-points-0-0-3": "x" * 6000},
            "Level 1, group “Skills”, item 4: the sub-points are 6000 characters long",
        ),
        ({"heading-1-0": "y" * 130}, "Level 2, group “Skills”: the heading “yyyy"),
        ({"role": "999999"}, "the role chosen to update no longer exists."),
    ],
    ids=["position", "sub-points", "heading", "role"],
)
def test_a_bad_correction_names_what_and_where_and_changes_nothing(
    hr_client, reading, post, message
):
    before = PendingRoleImport.objects.get().outline
    response = hr_client.post(
        url_of(reading), {"action": "confirm", "essential-0-0-0": "no", **post}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert f"Nothing was saved. clerk.docx: {message}" in page.replace("&#x27;", "'")
    # The page shows what HR typed, not the reading as it was.
    assert '<option value="no" selected>desirable</option>' in page
    assert PendingRoleImport.objects.get().outline == before
    assert not Role.objects.exists()


def test_updating_a_role_shows_the_ratings_and_evidence_kept(hr_client, reading, hr):
    existing = builders.role("Filing Clerk", levels=("1", "2"), items_per_category=1)
    person = builders.staff("clerk", level=existing.levels.get(code="1"))
    manager = builders.staff("boss")
    person.line_manager = manager
    person.save()
    builders.assessment(person, by=manager.user)
    rated = existing.levels.get(code="1").requirement_items.order_by("pk").first()
    hr_client.post(url_of(reading), {"action": "correct", "role": existing.pk})
    page = hr_client.get(url_of(reading)).content.decode()
    assert f"Filing Clerk ({existing.grade}): changed" in page
    assert "retired, not deleted, because someone was rated against them" in page
    assert f"“{rated}”" in page.replace("&#x27;", "'")
    in_use = RequirementItem.objects.filter(level__role=existing).in_use().count()
    assert in_use > 1
    assert f"1 person holds Filing Clerk, and {in_use} of its items are in people" in " ".join(
        page.split()
    )
    hr_client.post(url_of(reading), {"action": "confirm", "role": existing.pk})
    assert RequirementItem.all_objects.get(pk=rated.pk).retired_at is not None
    assert Level.objects.filter(role=existing).count() == 2


def test_a_flat_spreadsheet_s_columns_are_guessed_and_hr_can_change_them(hr_client):
    hr_client.post(URL, {"file": SimpleUploadedFile("kitchen.csv", SKILLS)})
    pending = PendingRoleImport.objects.get()
    page = hr_client.get(url_of(pending)).content.decode()
    assert '<option value="role" selected>' in page  # Job
    assert 'id="column-3"' in page and '<option value="item" selected>' in page
    assert "Chops onions: Working" in page  # the reading with the guessed columns
    # HR says the area is not a group: the reading below follows at once.
    columns = ["role", "level", "", "item", "proficiency", "essential"]
    response = hr_client.post(
        url_of(pending),
        {"action": "preview"} | {f"column-{n}": part for n, part in enumerate(columns)},
    )
    assert "Knife work" not in response.content.decode().split("role-import-columns-reading")[1]
    assert not Role.objects.exists() and PendingRoleImport.objects.get().columns_to_choose
    # Left and resumed: the page comes back with HR's own choice.
    assert '<option value="group" selected>' not in hr_client.get(url_of(pending)).content.decode()
    hr_client.post(
        url_of(pending), {"action": "read"} | {f"column-{n}": p for n, p in enumerate(columns)}
    )
    hr_client.post(url_of(pending), {"action": "confirm"})
    role = Role.objects.get()
    assert (role.title, role.status) == ("Cook", Role.Status.DRAFT)
    assert [(code, text, essential) for code, _, text, essential, _ in saved_items()] == [
        ("1", "Chops onions: Working", True),
        ("1", "Fillets fish: Awareness", False),
        ("2", "Plans a menu: Practitioner", True),
    ]


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        (
            ["role", "level", "level", "item", "", ""],
            "columns B (“Band”) and C (“Area”) are both chosen as the level; choose one.",
        ),
        (["role", "level", "group", "", "", ""], "no column is chosen as the item&#x27;s text"),
    ],
    ids=["twice", "no text"],
)
def test_a_column_choice_that_cannot_be_read_says_which_columns(hr_client, columns, message):
    hr_client.post(URL, {"file": SimpleUploadedFile("kitchen.csv", SKILLS)})
    pending = PendingRoleImport.objects.get()
    response = hr_client.post(
        url_of(pending), {"action": "read"} | {f"column-{n}": p for n, p in enumerate(columns)}
    )
    page = response.content.decode()
    assert f"Nothing was read. kitchen.csv: {message}" in page
    assert PendingRoleImport.objects.get().columns_to_choose
    assert not Role.objects.exists()


def test_the_column_step_can_be_left_and_resumed(hr_client):
    hr_client.post(URL, {"file": SimpleUploadedFile("kitchen.csv", SKILLS)})
    pending = PendingRoleImport.objects.get()
    waiting = hr_client.get(WAITING).content.decode()
    assert "kitchen.csv</a> (columns to choose)" in waiting
    assert "Columns of kitchen.csv" in hr_client.get(url_of(pending)).content.decode()


def test_another_hr_user_s_readings_are_not_found_nor_listed(client, reading):
    client.force_login(builders.user("otherhr", hr=True))
    assert client.get(url_of(reading)).status_code == 404
    assert client.post(url_of(reading), {"split": "0-0-2"}).status_code == 404
    assert "clerk.docx" not in client.get(WAITING).content.decode()
    assert PendingRoleImport.objects.get().outline == reading.outline


def test_a_superuser_sees_everyone_s_readings(client, reading, hr):
    boss = builders.user("root", hr=True, is_superuser=True)
    client.force_login(boss)
    waiting = client.get(WAITING).content.decode()
    assert "clerk.docx" in waiting and hr.get_full_name() in waiting
    assert client.get(url_of(reading)).status_code == 200


def test_readings_nobody_touched_for_the_set_days_are_cleared(hr_client, reading, settings, capsys):
    settings.PENDING_ROLE_IMPORT_DAYS = 10
    fresh = PendingRoleImport.objects.create(
        created_by=reading.created_by, file_name="fresh.txt", outline=reading.outline
    )
    PendingRoleImport.objects.filter(pk=reading.pk).update(
        updated_at=timezone.now() - timedelta(days=11)
    )
    assert "Cleared on" in hr_client.get(WAITING).content.decode()
    call_command("clear_stale_role_imports")
    assert "1 reading untouched for 10 days cleared." in capsys.readouterr().out
    assert list(PendingRoleImport.objects.all()) == [fresh]
    assert not Role.objects.exists()


def test_a_spreadsheet_read_without_groups_is_confirmed_with_its_headings_left_empty(hr_client):
    """The page posts the empty heading of a group read without one: that is no correction."""
    hr_client.post(URL, {"file": SimpleUploadedFile("kitchen.csv", SKILLS)})
    pending = PendingRoleImport.objects.get()
    columns = ["role", "level", "", "item", "proficiency", "essential"]
    hr_client.post(
        url_of(pending), {"action": "read"} | {f"column-{n}": p for n, p in enumerate(columns)}
    )
    headings = {
        f"heading-{key}": ""
        for key, _, _ in document_import.keyed_groups(
            document_import.pending_outline(PendingRoleImport.objects.get())
        )
    }
    hr_client.post(url_of(pending), {"action": "confirm"} | headings)
    assert [(code, group) for code, group, *_ in saved_items()] == [
        ("1", ""),
        ("1", ""),
        ("2", ""),
    ]
