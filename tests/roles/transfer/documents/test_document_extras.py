"""What a role-profile document says beside its requirements: the role's own purpose, free
sections, labelled facts and a sign-off block, read from Word and PDF and saved with the role."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from roles.models import PendingRoleImport, Role
from roles.transfer import documents
from roles.transfer.importing import role_profiles_import
from roles.transfer.role_choice import role_to_update
from tests import builders
from tests.roles.transfer.documents.corpus import build_docx, build_pdf

URL = "/admin/roles/role/import-profiles/"

PROFILE = """<!-- build: docx, bullets made with Word's list styles -->
# Mobile Library Driver

Reference: MLD-12

Version: 4

Headcount: 3

Budget: £2,500 fuel card

FLSA status: Non-exempt

Date created: March 2024

## Team purpose

The outreach team takes the library to villages with no branch of their own.

## Job purpose

Drives the mobile library on its rounds and lends books from it.

## Duties

- Drives the mobile library safely on the published timetable.
- Issues and returns books at each stop.

## Working conditions

Works outdoors at stops in all weathers, with one late round a week.

## Physical requirements

- Lifts crates of books of up to 12 kg.
- Climbs the vehicle's steps many times a day.

## Sign-off

Signed: Ruth Okafor, Head of Libraries, April 2024

Job holder signature:
"""

FORMATS = {
    "driver.docx": build_docx,
    "driver.pdf": build_pdf,
}


@pytest.fixture(params=sorted(FORMATS))
def document(request) -> tuple[str, bytes]:
    return request.param, FORMATS[request.param](PROFILE)


def imported(name: str, data: bytes, *, update: str | None = None) -> Role:
    parsed, _ = documents.parse_document(name=name, data=data)
    role_to_update(parsed, title=update)
    role_profiles_import(parsed=parsed, dry_run=False)
    return Role.objects.get(title=update or "Mobile Library Driver")


def sections_of(role: Role) -> list[str]:
    return [section.title for section in role.sections.all()]


@pytest.mark.django_db
def test_free_sections_are_saved_as_sections_of_the_role(document):
    role = imported(*document)
    assert sections_of(role) == ["Team purpose", "Working conditions", "Physical requirements"]
    physical = role.sections.get(title="Physical requirements")
    assert "<li>Lifts crates of books of up to 12 kg.</li>" in physical.body_html
    items = [item.text for item in role.levels.get().requirement_items.all()]
    assert "Lifts crates of books of up to 12 kg." not in items


@pytest.mark.django_db
def test_the_purpose_is_the_role_s_own_not_the_team_s(document):
    role = imported(*document)
    assert role.purpose == "Drives the mobile library on its rounds and lends books from it."


@pytest.mark.django_db
def test_labelled_facts_are_kept_in_the_role_s_fields_or_as_facts_of_their_own(document):
    role = imported(*document)
    assert (role.job_reference, role.budget) == ("MLD-12", "£2,500 fuel card")
    assert [(fact.label, fact.value) for fact in role.facts.all()] == [
        ("Version", "4"),
        ("Headcount", "3"),
        ("FLSA status", "Non-exempt"),
    ]


@pytest.mark.django_db
def test_the_sign_off_block_is_saved_with_who_signs_their_role_and_the_date(document):
    role = imported(*document)
    assert [(s.name, s.signer_role, s.signed_on_written) for s in role.sign_offs.all()] == [
        ("Ruth Okafor", "Head of Libraries", "April 2024"),
        ("", "Job holder", ""),
    ]


@pytest.mark.django_db
def test_a_month_only_date_is_kept_as_written(document):
    role = imported(*document)
    assert role.date_developed_written == "March 2024"


@pytest.mark.django_db
def test_an_update_keeps_the_role_s_own_sections_and_facts_the_document_does_not_name():
    role = builders.written_role()  # Team purpose, Working conditions; Version, Headcount...
    role.levels.all().delete()
    imported("driver.docx", build_docx(PROFILE), update=role.title)
    role.refresh_from_db()
    assert sections_of(role) == ["Team purpose", "Working conditions", "Physical requirements"]
    working = role.sections.get(title="Working conditions").body_html
    assert "all weathers" in working  # named by the document: its words replace the role's
    assert [(fact.label, fact.value) for fact in role.facts.all()] == [
        ("Version", "4"),
        ("Headcount", "3"),
        ("Exempt status", "Non-exempt"),  # the role's own, not in the document
        ("FLSA status", "Non-exempt"),
    ]


@pytest.fixture
def hr_client(client, hr):
    client.force_login(hr)
    return client


def test_the_reading_page_shows_the_facts_sections_and_sign_off_to_be_saved(hr_client):
    response = hr_client.post(URL, {"file": SimpleUploadedFile("driver.docx", build_docx(PROFILE))})
    assert response.status_code == 302
    pending = PendingRoleImport.objects.get()
    page = hr_client.get(reverse("admin:roles_role_import_pending", args=[pending.pk]))
    text = page.content.decode()
    saved = text[text.index('id="role-import-saved"') :]
    for shown in [
        "Headcount",
        "Non-exempt",
        "MLD-12",
        "March 2024",
        "Physical requirements",
        "Climbs the vehicle",
        "Ruth Okafor",
        "April 2024",
        "Drives the mobile library on its rounds",
    ]:
        assert shown in saved
    assert "a fact of its own" in text and "Job reference" in text
    assert "given above" not in text  # each fact named once: none is said to repeat another
    assert not Role.objects.exists()


def test_the_reading_page_of_an_update_keeps_the_role_s_own_sections(hr_client):
    role = builders.written_role()
    hr_client.post(URL, {"file": SimpleUploadedFile("driver.docx", build_docx(PROFILE))})
    pending = PendingRoleImport.objects.get()
    url = reverse("admin:roles_role_import_pending", args=[pending.pk])
    hr_client.post(url, {"action": "correct", "role": role.pk})
    text = hr_client.get(url).content.decode()
    saved = text[text.index('id="role-import-saved"') :]
    assert "Team purpose" in saved and "Exempt status" in saved and "Dana Price" not in saved
    assert role.sections.count() == 2  # nothing saved before HR confirms


@pytest.mark.django_db
def test_a_sign_off_date_that_is_not_a_date_is_named_in_the_import_s_notes():
    source = PROFILE.replace(
        "Job holder signature:", "Job holder signature:\n\nDate: on appointment"
    )
    parsed, _ = documents.parse_document(name="driver.docx", data=build_docx(source))
    report = role_profiles_import(parsed=parsed, dry_run=False)
    assert "driver.docx: sign-off line not kept: “Date: on appointment”" in report.lines()
    signers = Role.objects.get().sign_offs.values_list("signer_role", "signed_on")
    assert list(signers) == [("Head of Libraries", datetime.date(2024, 4, 1)), ("Job holder", None)]
