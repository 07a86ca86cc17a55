"""The browser's own print of a job family's path (Chromium's "Save as PDF"), read back from
the PDF's text positions: the first sheet carries the first role, and nothing passes the edge."""

import io

import pdfplumber
import pytest
from django.urls import reverse

from tests import builders
from tests.roles.test_pdf_layout import words_past_the_edge

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_printed_family_path_uses_its_first_page(page, sign_in_browser, employee):
    insurance_officer = employee.level.role
    builders.role("Insurance Team Leader", grade_name="Range 4")
    sign_in_browser("employee")
    page.goto(reverse("roles:family_path", args=[insurance_officer.job_family_id]))
    page.emulate_media(media="print")
    content = page.pdf(prefer_css_page_size=True)

    with pdfplumber.open(io.BytesIO(content)) as pdf:
        first = pdf.pages[0]
        text = first.extract_text()
        assert first.width > first.height, "the first page is landscape, as the tables are"
        assert "Insurance: career path" in text
        assert "Insurance Officer" in text and "Level A" in text
        assert len(pdf.pages) == 2, "one page per role"
    assert words_past_the_edge(content) == []
