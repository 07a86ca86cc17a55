"""What organisations write beside requirements: free sections, labelled facts, a sign-off
block, month-only dates and responsibility groups, entered on the role's admin page and shown
on the role page, its print and its PDF."""

import datetime
import io
import re

import pdfplumber
import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from dashboards.figures import dashboard
from roles.models import Responsibility, Role, RoleFact, RoleSection, RoleSignOff
from roles.publishing import role_duplicate
from staff.models import StaffProfile
from tests import builders
from tests.admin_pages import admin_url, change_form_data


@pytest.fixture
def hr_client(login, hr):
    return login(hr)


def words(html: str) -> str:
    """The page's text, one space between words, as a reader sees it."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def role_page_text(client, role: Role) -> str:
    response = client.get(reverse("roles:detail", args=[role.pk]))
    assert response.status_code == 200
    return words(response.content.decode())


def pdf_text(content: bytes) -> str:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return " ".join(" ".join((page.extract_text() or "") for page in pdf.pages).split())


def shows_every_block(text: str) -> None:
    for expected in [
        "Team purpose The claims team settles every claim fairly.",
        "Working conditions Office based Some evening work",
        "Version 3.1",
        "Headcount 4",
        "Exempt status Non-exempt",
        "Developed November 2024",
        "Next review March 2026",
        "Last reviewed 1 April 2025",
        "Customer contact Essential function 60% of time",
        "Answers calls from claimants",
        "Filing Marginal function 10% of time",
        "Dana Price Head of Claims February 2025",
        "Post holder",
    ]:
        assert expected in text, expected
    assert "1 March 2026" not in text and "1 November 2024" not in text


def test_the_role_page_shows_sections_facts_sign_off_and_groups(login, employee):
    role = builders.written_role()
    shows_every_block(role_page_text(login(employee), role))


def test_the_print_view_shows_every_block(login, employee):
    role = builders.written_role()
    response = login(employee).get(reverse("roles:print", args=[role.pk]))
    shows_every_block(words(response.content.decode()))


def test_the_pdf_shows_every_block(login, employee):
    role = builders.written_role()
    response = login(employee).get(reverse("roles:pdf", args=[role.pk]))
    text = pdf_text(response.content)
    for expected in ["Team purpose", "Working conditions", "Exempt status", "March 2026"]:
        assert expected in text, expected
    assert "Dana Price" in text and "February 2025" in text


@pytest.mark.parametrize("count", [1, 8])
def test_the_role_page_reads_sections_facts_and_sign_offs_at_once(
    login, employee, django_assert_num_queries, count
):
    """Intended to prevent an n+1 issue: each block is one query, however long."""
    role = builders.role("Claims Handler")
    for n in range(1, count + 1):
        RoleSection.objects.create(role=role, order=n, title=f"Section {n}", body_html="<p>x</p>")
        RoleFact.objects.create(role=role, order=n, label=f"Fact {n}", value="x")
        RoleSignOff.objects.create(role=role, order=n, name=f"Signer {n}")
    client = login(employee)
    with django_assert_num_queries(15):
        client.get(reverse("roles:detail", args=[role.pk]))


def test_a_month_only_next_review_is_overdue_only_once_its_month_is_over():
    role = Role(next_review=datetime.date(2026, 3, 1), next_review_precision="month")
    assert role.next_review_due == datetime.date(2026, 3, 31)
    assert role.next_review_written == "March 2026"


def test_the_dashboard_counts_a_month_only_review_as_overdue_after_its_month(db):
    builders.role("Due this month", next_review=datetime.date(2026, 12, 1))
    builders.role("Due last month", next_review=datetime.date(2026, 11, 1))
    Role.objects.update(next_review_precision="month")
    today = datetime.date(2026, 12, 3)
    assert list(Role.objects.review_overdue(today).values_list("title", flat=True)) == [
        "Due last month"
    ]
    board = dashboard(
        StaffProfile.objects.none(), roles_in_view=Role.objects.all(), months=12, today=today
    )
    figures = {f.key: f for f in board.figures}
    assert figures["overdue_roles"].rows == [
        ["Due last month", "Insurance", "Published", "November 2026", 3]
    ]


def test_a_day_next_review_is_overdue_the_day_after(db):
    builders.role("Due yesterday", next_review=datetime.date(2026, 12, 2))
    builders.role("Due today", next_review=datetime.date(2026, 12, 3))
    overdue = Role.objects.review_overdue(datetime.date(2026, 12, 3))
    assert list(overdue.values_list("title", flat=True)) == ["Due yesterday"]


def test_hr_enters_sections_facts_sign_off_groups_and_month_dates_on_the_role_page(
    hr_client, insurance_officer
):
    url = admin_url(Role, "change", insurance_officer.pk)
    data = change_form_data(hr_client.get(url))
    data |= {
        "last_reviewed": "2025-03-14",
        "last_reviewed_precision": "month",
        "duties_html": "<p>Handles <strong>claims</strong></p><script>alert(1)</script>",
        "sections-TOTAL_FORMS": 1,
        "sections-0-order": 1,
        "sections-0-title": "Physical requirements",
        "sections-0-body_html": '<ul><li onmouseover="x()">Lifts 10 kg</li></ul><img src=x>',
        "facts-TOTAL_FORMS": 2,
        "facts-0-order": 1,
        "facts-0-label": "Version",
        "facts-0-value": "2",
        "facts-1-order": 2,
        "facts-1-label": "FLSA status",
        "facts-1-value": "Exempt",
        "sign_offs-TOTAL_FORMS": 1,
        "sign_offs-0-order": 1,
        "sign_offs-0-name": "Sam Lee",
        "sign_offs-0-signer_role": "HR Business Partner",
        "sign_offs-0-signed_on": "2025-05-20",
        "sign_offs-0-signed_on_precision": "month",
        "responsibilities-TOTAL_FORMS": 1,
        "responsibilities-0-order": 1,
        "responsibilities-0-heading": "Customer contact",
        "responsibilities-0-items": "Answers calls\nWrites letters",
        "responsibilities-0-share_of_time": 70,
        "responsibilities-0-function": "essential",
    }

    response = hr_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    role = Role.objects.get(pk=insurance_officer.pk)
    assert (role.last_reviewed, role.last_reviewed_written) == (
        datetime.date(2025, 3, 1),
        "March 2025",
    )
    assert role.duties_html == "<p>Handles <strong>claims</strong></p>"
    assert list(role.sections.values_list("title", "body_html")) == [
        ("Physical requirements", "<ul><li>Lifts 10 kg</li></ul>")
    ]
    assert list(role.facts.values_list("label", "value")) == [
        ("Version", "2"),
        ("FLSA status", "Exempt"),
    ]
    (sign_off,) = role.sign_offs.all()
    assert (sign_off.name, sign_off.signer_role, sign_off.signed_on_written) == (
        "Sam Lee",
        "HR Business Partner",
        "May 2025",
    )
    (group,) = role.responsibilities.all()
    assert (group.heading, group.item_list, group.function) == (
        "Customer contact",
        ["Answers calls", "Writes letters"],
        "essential",
    )


def test_an_empty_responsibility_or_sign_off_row_is_refused(hr_client, insurance_officer):
    url = admin_url(Role, "change", insurance_officer.pk)
    data = change_form_data(hr_client.get(url))
    data |= {
        "responsibilities-TOTAL_FORMS": 1,
        "responsibilities-0-order": 1,
        "responsibilities-0-share_of_time": 10,
        "sign_offs-TOTAL_FORMS": 1,
        "sign_offs-0-order": 1,
        "sign_offs-0-signed_on": "2025-05-20",
    }
    response = hr_client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Give the responsibility a heading, a text or items." in page
    assert "Give the name or the role of who signs." in page
    assert not Responsibility.objects.exists() and not RoleSignOff.objects.exists()


def test_duties_and_sections_are_edited_with_the_formatted_text_editor(
    hr_client, insurance_officer
):
    page = hr_client.get(admin_url(Role, "change", insurance_officer.pk)).content.decode()
    assert page.count("data-django-prose-editor-configurable") >= 2  # duties, the empty section
    assert '<script type="importmap"' in page
    # Served from our own static files (collectstatic), never from a CDN.
    for asset in ["editor.js", "configurable.js", "editor.css", "material-icons.woff2"]:
        assert finders.find(f"django_prose_editor/{asset}"), asset
    assert "cdn" not in page.lower() and "https://" not in page.split("<body")[0]


def test_duplicating_a_role_copies_its_sections_facts_and_sign_off(db):
    role = builders.written_role()
    copy = role_duplicate(role=role)
    assert list(copy.sections.values_list("title", flat=True)) == [
        "Team purpose",
        "Working conditions",
    ]
    assert copy.facts.count() == 3 and copy.sign_offs.count() == 2
    assert copy.next_review_written == "March 2026"


def test_the_roles_history_page_shows_a_changed_fact(hr_client):
    role = builders.written_role()
    url = admin_url(Role, "change", role.pk)
    data = change_form_data(hr_client.get(url))
    data["facts-1-value"] = "6"
    assert hr_client.post(url, data).status_code == 302

    page = hr_client.get(admin_url(Role, "history", role.pk)).content.decode()

    assert "Fact “Headcount”" in page
    assert "<strong>value:</strong> 4 &rarr; 6" in page
