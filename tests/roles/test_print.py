"""Print pages and PDF downloads of a role profile and of a job family's path."""

from django.core.cache import cache
from django.urls import reverse

from roles.models import RequirementItem, Role
from tests import builders
from tests.printouts import page_texts, pdf_bookmarks, printed_text


def test_role_print_shows_the_levels_as_a_table(login, employee, insurance_officer):
    response = login(employee).get(reverse("roles:print", args=[insurance_officer.pk]))
    text = printed_text(response.content.decode())
    assert "Heading Level A" in text  # the table's header row, not the phones' stacked cards
    assert text.count("Required for this level") == 1


def test_printed_role_profile_has_no_navigation(login, employee, insurance_officer):
    response = login(employee).get(reverse("roles:print", args=[insurance_officer.pk]))
    text = printed_text(response.content.decode())
    assert "Insurance Officer" in text
    assert "Role catalogue" not in text
    assert "Download PDF" not in text


def test_role_pdf_is_a_pdf_download_named_after_the_role(login, employee, insurance_officer):
    response = login(employee).get(reverse("roles:pdf", args=[insurance_officer.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="insurance-officer.pdf"'
    assert response.content.startswith(b"%PDF")


def test_role_pdf_carries_the_role_title(login, employee, insurance_officer):
    response = login(employee).get(reverse("roles:pdf", args=[insurance_officer.pk]))
    assert "Insurance Officer" in pdf_bookmarks(response.content)


def test_role_pdf_of_a_draft_is_not_found_for_an_employee(login, employee, insurance_officer):
    insurance_officer.status = "draft"
    insurance_officer.save()
    response = login(employee).get(reverse("roles:pdf", args=[insurance_officer.pk]))
    assert response.status_code == 404


def test_role_print_drops_scripts_from_duties(login, employee, insurance_officer):
    # update() skips save(), as a bulk change would: the page must still sanitise.
    Role.objects.filter(pk=insurance_officer.pk).update(
        duties_html="<p>Handle claims</p><script>alert(1)</script>"
    )
    response = login(employee).get(reverse("roles:print", args=[insurance_officer.pk]))
    page = response.content.decode()
    assert "<p>Handle claims</p>" in page
    assert "alert(1)" not in page


def test_role_print_query_count_does_not_grow_with_items(
    login, employee, insurance_officer, django_assert_num_queries
):
    """Intended to prevent an n+1 issue when the page is not cached: the level table is read
    in one query (and the sections, facts and sign-off block one query each)."""
    client = login(employee)
    url = reverse("roles:print", args=[insurance_officer.pk])
    client.get(url)
    cache.clear()
    with django_assert_num_queries(16) as small:
        client.get(url)
    RequirementItem.objects.bulk_create(
        RequirementItem(level=level, group=group, order=50 + n, text=f"Extra {n}")
        for level in insurance_officer.levels.all()
        for group in level.requirement_groups.all()[:1]
        for n in range(15)
    )
    cache.clear()
    with django_assert_num_queries(len(small)):
        client.get(url)


def test_printed_family_path_has_its_first_role_on_its_first_page(
    login, employee, insurance_officer
):
    url = reverse("roles:family_path", args=[insurance_officer.job_family_id])
    pages = page_texts(login(employee).get(url).content.decode())
    assert "Insurance: career path" in pages[0]
    assert "Insurance Officer" in pages[0] and "Heading Level A" in pages[0]


def test_printed_family_path_starts_each_role_on_a_new_page(login, employee, insurance_officer):
    builders.role("Insurance Team Leader", grade_name="Range 4")
    url = reverse("roles:family_path", args=[insurance_officer.job_family_id])
    pages = page_texts(login(employee).get(url).content.decode())
    assert any(page.startswith("Insurance Team Leader") for page in pages[1:])
