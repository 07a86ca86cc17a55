"""Updating a role from a document: HR sees, before confirming, whose ratings and evidence hold
the items the update removes or rewords."""

import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roles.models import PendingRoleImport
from roles.transfer import document_import
from staff import self_assessment
from tests import builders

URL = "/admin/roles/role/import-profiles/"
KEPT, REWORDED, REMOVED = (f"Skills item {n} of Records Clerk level 1" for n in (1, 2, 3))

UPDATE = f"""# Records Clerk

## Level 1

### Skills

- {KEPT}
- {REWORDED}, reworded
"""


@pytest.fixture
def role(db):
    return builders.role(
        "Records Clerk", levels=("1",), categories=["Skills"], items_per_category=3
    )


@pytest.fixture
def manager(role):
    return builders.staff("manager")


def person(username: str, role, manager):
    return builders.staff(username, level=role.levels.get(), manager=manager)


def item(role, text: str):
    return role.levels.get().requirement_items.get(text=text)


def self_rate(staff, role, *texts: str) -> None:
    self_assessment.self_rating_set(
        staff=staff, ratings={item(role, text).pk: "met" for text in texts}
    )


@pytest.fixture
def update_page(client, hr, role):
    """The reading of UPDATE, pointed at the role; returns a function that fetches its page."""
    client.force_login(hr)
    response = client.post(URL, {"file": SimpleUploadedFile("clerk.md", UPDATE.encode())})
    assert response.status_code == 302
    url = reverse("admin:roles_role_import_pending", args=[PendingRoleImport.objects.get().pk])
    client.post(url, {"action": "correct", "role": role.pk})
    return lambda: client.get(url).content.decode()


def affected_section(page: str) -> str:
    found = re.search(r'<section id="role-import-affected".*?</section>', page, re.S)
    assert found, "the page has no section on the people affected"
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", found.group(0))).split())


def test_the_preview_names_who_holds_each_item_removed_or_reworded(update_page, role, manager):
    rated = person("ann", role, manager)
    builders.assessment(rated, by=manager.user)  # the manager rates every item, the kept one too
    self_rate(person("bob", role, manager), role, REWORDED)
    gathered = person("cat", role, manager)
    self_assessment.evidence_add(
        staff=gathered,
        added_by=gathered.user,
        text="Filed the archive",
        requirements=[item(role, REMOVED)],
    )
    person("dan", role, manager)  # holds the role, but nothing in his record

    section = affected_section(update_page())

    assert "3 people's records hold 2 items this update removes or rewords" in section
    assert (
        f"“{REWORDED}” (Level 1): 2 people Ann Tester: a manager's assessment "
        "Bob Tester: their own rating"
    ) in section
    assert (
        f"“{REMOVED}” (Level 1): 2 people Ann Tester: a manager's assessment Cat Tester: evidence"
        in section
    )
    # An item whose words are unchanged keeps its identity, so nobody's record is touched.
    assert KEPT not in section and "Dan" not in section


def test_one_person_holding_an_item_several_ways_is_named_once(update_page, role, manager):
    ann = person("ann", role, manager)
    builders.assessment(ann, by=manager.user)
    self_rate(ann, role, REMOVED)
    self_assessment.evidence_add(
        staff=ann, added_by=ann.user, text="Filed the archive", requirements=[item(role, REMOVED)]
    )

    section = affected_section(update_page())

    assert "1 person's records hold 2 items" in section
    assert (
        f"“{REMOVED}” (Level 1): 1 person Ann Tester: a manager's assessment, their own rating, "
        "evidence"
    ) in section


def test_nobody_is_affected_when_no_record_holds_a_removed_or_reworded_item(
    update_page, role, manager
):
    self_rate(person("ann", role, manager), role, KEPT)

    assert "Nobody's ratings or evidence are affected" in affected_section(update_page())


def test_a_new_draft_says_nothing_of_people(client, hr, role, manager):
    self_rate(person("ann", role, manager), role, REMOVED)
    client.force_login(hr)
    data = UPDATE.replace("Records Clerk\n", "Archive Clerk\n").encode()
    response = client.post(URL, {"file": SimpleUploadedFile("archive.md", data)})

    assert 'id="role-import-affected"' not in client.get(response.url).content.decode()


def test_many_people_are_counted_past_the_names_shown_in_the_same_number_of_queries(
    update_page, role, manager
):
    """Intended to prevent an n+1 issue: a role held by thousands must not make thousands of
    queries (nor a page of thousands of names)."""
    for n in range(2):
        self_rate(person(f"few{n}", role, manager), role, REWORDED, REMOVED)
    with CaptureQueriesContext(connection) as few:
        update_page()
    shown = document_import.NAMES_PER_ITEM
    for n in range(shown + 3):
        self_rate(person(f"many{n:02}", role, manager), role, REWORDED, REMOVED)
    with CaptureQueriesContext(connection) as many:
        section = affected_section(update_page())

    assert len(many) == len(few)
    assert f"{shown + 5} people's records hold 2 items" in section
    assert section.count(": their own rating") == 2 * shown
    assert section.count("and 5 more") == 2
    # Named in alphabetical order, the first ones shown.
    assert section.index("Few0 Tester") < section.index("Few1 Tester") < section.index("Many00")
