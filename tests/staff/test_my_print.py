"""An employee's requirements printed and as a PDF download."""

from django.urls import reverse

from tests.printouts import page_texts, pdf_bookmarks


def test_my_print_puts_the_next_level_on_a_page_of_its_own(login, employee):
    response = login(employee).get(reverse("staff:my_print"))
    pages = page_texts(response.content.decode())
    assert any(page.startswith("What Level B adds") for page in pages[1:])


def test_my_pdf_is_a_pdf_download_named_after_me(login, employee):
    response = login(employee).get(reverse("staff:my_pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="employee-tester-requirements.pdf"'
    )
    assert response.content.startswith(b"%PDF")


def test_my_pdf_carries_my_name_and_both_levels(login, employee):
    response = login(employee).get(reverse("staff:my_pdf"))
    bookmarks = pdf_bookmarks(response.content)
    assert "Employee Tester: my requirements" in bookmarks
    assert "What Level B adds" in bookmarks
