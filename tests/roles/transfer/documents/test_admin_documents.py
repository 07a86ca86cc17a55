"""HR's upload of a role-profile document in the admin: the reading, corrections, confirm."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roles.models import PendingRoleImport, RequirementItem, Role
from tests import builders
from tests.roles.transfer.documents import bad_files
from tests.roles.transfer.documents.corpus import build_docx

URL = "/admin/roles/role/import-profiles/"
FOUR_PARTS = ["role", "level", "group", "item"]
READ = {"action": "read"}

PROFILE = """<!-- build: docx, bullets made with Word's list styles -->
# Records Clerk

**Grade:** Band 2

## Level 1

### Skils

- Files records.
- Answers the phone.

### Knowledge

- Knows the filing plan.

## Level 2

### Skills

- Trains new clerks.
"""


@pytest.fixture
def hr_client(client, hr):
    client.force_login(hr)
    return client


def upload(client, data: bytes, name="clerk.docx"):
    return client.post(URL, {"file": SimpleUploadedFile(name, data)})


@pytest.fixture
def pending(hr_client):
    response = upload(hr_client, build_docx(PROFILE))
    assert response.status_code == 302
    return PendingRoleImport.objects.get()


def page_of(client, pending):
    return client.get(reverse("admin:roles_role_import_pending", args=[pending.pk]))


def test_upload_shows_the_structure_found_and_saves_no_role(hr_client, pending):
    response = page_of(hr_client, pending)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Records Clerk" in page and "Band 2" in page
    assert 'value="Skils"' in page and "Files records." in page
    assert "clerk.docx: 1 roles; 1 would be created" in page
    assert not Role.objects.exists()


def test_unsure_parts_are_marked(hr_client):
    upload(hr_client, b"Porter\n\nDuties\n? Moves furniture.\n- Sorts post and\n", "porter.txt")
    page = page_of(hr_client, PendingRoleImport.objects.get()).content.decode()
    assert "Unsure: bullet read from a “?”" in page
    assert "Unsure: the document seems to end in the middle of this item" in page


def test_renaming_a_group_to_another_group_s_heading_merges_them(hr_client, pending):
    hr_client.post(
        reverse("admin:roles_role_import_pending", args=[pending.pk]),
        {"action": "confirm", "heading-0-0": "Skills", "cumulative": "yes"},
    )
    role = Role.objects.get()
    assert role.status == Role.Status.DRAFT
    assert [
        (item.level.code, item.category.name, item.text)
        for item in RequirementItem.objects.order_by("level__order", "category__name", "order")
    ] == [
        ("1", "Knowledge", "Knows the filing plan."),
        ("1", "Skills", "Files records."),
        ("1", "Skills", "Answers the phone."),
        ("2", "Skills", "Trains new clerks."),
    ]
    assert not PendingRoleImport.objects.exists()


def test_corrections_are_kept_until_confirmed_so_an_import_can_be_resumed(hr_client, pending):
    url = reverse("admin:roles_role_import_pending", args=[pending.pk])
    hr_client.post(url, {"action": "correct", "heading-0-0": "Skills", "move-0-1-0": "1-0"})
    assert not Role.objects.exists()
    # Later, from the upload page: the reading waits, as corrected.
    assert url.encode() in hr_client.get(URL).content
    outline = PendingRoleImport.objects.get().outline
    assert [g["heading"] for g in outline["levels"][0]["groups"]] == ["Skills"]
    assert outline["levels"][1]["groups"][0]["items"][-1]["text"] == "Knows the filing plan."


def test_choosing_standalone_or_cumulative_levels(hr_client, pending):
    url = reverse("admin:roles_role_import_pending", args=[pending.pk])
    hr_client.post(url, {"action": "correct", "cumulative": "yes"})
    assert [lv["cumulative"] for lv in PendingRoleImport.objects.get().outline["levels"]] == [
        False,
        True,
    ]
    hr_client.post(url, {"action": "correct", "cumulative": "no"})
    page = hr_client.get(url).content.decode()
    assert 'value="no" checked' in page
    hr_client.post(url, {"action": "confirm"})
    assert Role.objects.get().level_structure == Role.LevelStructure.STANDALONE


def test_flipping_the_levels(hr_client, pending):
    url = reverse("admin:roles_role_import_pending", args=[pending.pk])
    hr_client.post(url, {"action": "flip"})
    hr_client.post(url, {"action": "confirm"})
    role = Role.objects.get()
    assert list(role.levels.order_by("order").values_list("code", flat=True)) == ["2", "1"]


def test_reordering_the_levels_by_position(hr_client, pending):
    url = reverse("admin:roles_role_import_pending", args=[pending.pk])
    hr_client.post(url, {"action": "confirm", "order-0": "2", "order-1": "1"})
    role = Role.objects.get()
    assert list(role.levels.order_by("order").values_list("code", flat=True)) == ["2", "1"]


def test_updating_an_existing_role(hr_client, pending):
    existing = builders.role("Filing Clerk", items_per_category=1)
    url = reverse("admin:roles_role_import_pending", args=[pending.pk])
    hr_client.post(url, {"action": "correct", "role": existing.pk})
    page = hr_client.get(url).content.decode()
    assert "clerk.docx: 1 roles; 0 would be created, 1 would be changed" in page
    assert f"Filing Clerk ({existing.grade}): changed" in page
    hr_client.post(url, {"action": "confirm", "role": existing.pk})
    assert list(Role.objects.values_list("title", flat=True)) == ["Filing Clerk"]
    assert existing.levels.get(code="2").requirement_items.get().text == "Trains new clerks."


def test_cancel_forgets_the_reading(hr_client, pending):
    hr_client.post(
        reverse("admin:roles_role_import_pending", args=[pending.pk]), {"action": "cancel"}
    )
    assert not PendingRoleImport.objects.exists() and not Role.objects.exists()


def test_a_heading_left_empty_is_refused_with_the_form_as_typed(hr_client, pending):
    before = PendingRoleImport.objects.get().outline
    response = hr_client.post(
        reverse("admin:roles_role_import_pending", args=[pending.pk]),
        {
            "action": "confirm",
            "heading-0-0": "  ",
            "heading-0-1": "Know-how",
            "sub-points-0-1-0": "by section",
        },
    )
    page = response.content.decode()
    assert (
        "Nothing was saved. clerk.docx: Level 1, group “Skils”: a group&#x27;s heading cannot "
        "be empty." in page
    )
    # The page comes back as HR typed it, and the reading is as it was.
    assert 'name="heading-0-1" value="Know-how"' in page
    assert ">by section</textarea>" in page
    assert not Role.objects.exists()
    assert PendingRoleImport.objects.get().outline == before


def test_someone_else_s_reading_is_not_found(client, pending, db):
    other = builders.user("otherhr", hr=True)
    client.force_login(other)
    url = reverse("admin:roles_role_import_pending", args=[pending.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "confirm"}).status_code == 404
    assert not Role.objects.exists()


def test_employee_is_sent_to_sign_in(login, employee, pending):
    response = login(employee).get(reverse("admin:roles_role_import_pending", args=[pending.pk]))
    assert response.status_code == 302 and "/login/" in response.url


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("scan.pdf", None, "scan.pdf: has no text to read"),
        ("locked.pdf", bad_files.encrypted_pdf(), "locked.pdf: is password-protected"),
        ("broken.docx", b"PK\x03\x04 broken", "broken.docx: cannot be read as a Word document"),
        ("minutes.txt", b"Minutes.\n\nWe met.\n", "minutes.txt: does not look like a role profile"),
    ],
    ids=["scanned", "encrypted", "corrupt", "not a role profile"],
)
def test_bad_documents_are_refused_on_the_upload_page(hr_client, name, data, message):
    response = upload(hr_client, data if data is not None else bad_files.scanned_pdf(), name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PendingRoleImport.objects.exists() and not Role.objects.exists()


def test_the_reading_page_asks_a_constant_number_of_queries(hr_client, pending):
    """Intended to prevent an n+1 issue: the roles to pick from come in one query."""
    builders.role("Other role", items_per_category=1)
    with CaptureQueriesContext(connection) as few:
        page_of(hr_client, pending)
    for n in range(5):
        builders.role(f"Other role {n}", items_per_category=1)
    with CaptureQueriesContext(connection) as many:
        page_of(hr_client, pending)
    assert len(many) == len(few)


def test_flat_spreadsheet_of_several_roles_is_read_as_one_reading_per_role(hr_client):
    data = b"Role,Level,Group,Requirement\nCook,Level 1,Skills,Chops\nBaker,Level 1,Skills,Bakes\n"
    response = upload(hr_client, data, "skills.csv")
    url = reverse("admin:roles_role_import_pending", args=[PendingRoleImport.objects.get().pk])
    assert response.url == url
    hr_client.post(url, {f"column-{n}": part for n, part in enumerate(FOUR_PARTS)} | READ)
    readings = PendingRoleImport.objects.order_by("pk")
    assert [r.outline["title"] for r in readings] == ["Cook", "Baker"]
    for reading in readings:
        hr_client.post(
            reverse("admin:roles_role_import_pending", args=[reading.pk]), {"action": "confirm"}
        )
    assert set(Role.objects.values_list("title", flat=True)) == {"Cook", "Baker"}
    assert set(Role.objects.values_list("status", flat=True)) == {Role.Status.DRAFT}


def test_several_documents_at_once_each_wait_for_their_check(hr_client):
    files = [
        SimpleUploadedFile("clerk.docx", build_docx(PROFILE)),
        SimpleUploadedFile("porter.txt", b"Porter\n\nDuties\n- Moves furniture.\n"),
    ]
    response = hr_client.post(URL, {"file": files}, follow=True)
    page = response.content.decode()
    assert "2 documents read; check and confirm each reading below." in page
    assert set(PendingRoleImport.objects.values_list("file_name", flat=True)) == {
        "clerk.docx",
        "porter.txt",
    }
    assert not Role.objects.exists()


def test_several_documents_one_unreadable_keeps_none(hr_client):
    files = [
        SimpleUploadedFile("clerk.docx", build_docx(PROFILE)),
        SimpleUploadedFile("minutes.txt", b"Minutes.\n\nWe met.\n"),
    ]
    response = hr_client.post(URL, {"file": files})
    assert "None of the files was read. minutes.txt: does not look like a role profile" in (
        response.content.decode()
    )
    assert not PendingRoleImport.objects.exists()
