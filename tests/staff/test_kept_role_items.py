"""A role's items are read once and kept (per role version) for every page that shows a
person's requirements, yet an edit HR makes shows at once on my profile and on a person's
page: a second reading reads no items, and the reading after an edit reads them again."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roles.models import Level, RequirementGroup, RequirementItem
from staff.models import Assessment, AssessmentItem, Rating
from tests.admin_pages import admin_url, change_form_data, item_prefix

ITEM = "Knowledge item 1 of Insurance Officer level B"


def reader(who) -> Client:
    client = Client()
    client.force_login(getattr(who, "user", who))
    return client


@pytest.fixture
def pages(employee, manager):
    """My profile as the employee reads it, and their page as their manager reads it."""
    mine, theirs = reader(employee), reader(manager)

    def read() -> list[str]:
        return [
            mine.get(reverse("staff:my_profile")).content.decode(),
            theirs.get(reverse("staff:person", args=[employee.pk])).content.decode(),
        ]

    return read


def read_without_items(pages) -> list[str]:
    """The pages read a second time, asserting that they read no items."""
    pages()
    with CaptureQueriesContext(connection) as queries:
        read = pages()
    assert not [q for q in queries if "roles_requirementitem" in q["sql"]]
    return read


def test_a_second_reading_of_my_profile_and_a_persons_page_reads_no_items(pages):
    for page in read_without_items(pages):
        assert ITEM in page


def test_an_item_edited_on_its_level_admin_page_shows_at_once(pages, hr):
    read_without_items(pages)
    item = RequirementItem.objects.get(text=ITEM)
    admin = reader(hr)
    url = admin_url(Level, "change", item.level_id)
    data = change_form_data(admin.get(url))
    prefix = item_prefix(item)
    data[f"{prefix}-text"] = "Knows the claims ledger"
    data.pop(f"{prefix}-is_essential", None)  # now desirable

    assert admin.post(url, data).status_code == 302

    for page in pages():
        assert "Knows the claims ledger" in page
        assert ITEM not in page
        assert "Knows the claims ledger <span" in page and "desirable</span>" in page


def test_a_renamed_group_shows_at_once(pages, hr):
    read_without_items(pages)
    group = RequirementItem.objects.get(text=ITEM).group
    admin = reader(hr)
    url = admin_url(RequirementGroup, "change", group.pk)
    data = change_form_data(admin.get(url))
    data["heading"] = "Renamed by HR"

    assert admin.post(url, data).status_code == 302

    for page in pages():
        assert "Renamed by HR" in page


def test_a_new_rating_shows_at_once(pages, employee, manager):
    read_without_items(pages)
    item = RequirementItem.objects.get(text=ITEM)
    assessment = Assessment.objects.create(
        staff=employee,
        assessor=manager.user,
        target_level=item.level,
        status=Assessment.Status.SUBMITTED,
    )
    AssessmentItem.snapshot_of(item, assessment=assessment, order=1, rating=Rating.NOT_MET).save()

    for page, row_starts in zip(
        pages(), [f'data-requirement="{item.pk}"', f'"Requirement">{ITEM}'], strict=True
    ):
        start = page.index(row_starts)
        assert "Not met" in page[start : page.index("</tr>", start)]
