"""PDFs fit the paper: every word inside the page, the title the largest text, and every block
of the role profile printed; read from the PDF's own text positions (pdfplumber)."""

import datetime
import io

import pdfplumber
import pytest
from django.urls import reverse

from competencies.models import Competency, CompetencyFramework, ProficiencyLevel
from roles.models import RequirementItem, Role, RoleCompetency
from tests import builders

LONG = (
    "Experience of supporting business processes across claims handling, insurance renewals, "
    "policy administration and the reconciliation of premiums with the general ledger, "
    "including {n} unusually_long_unbroken_identifiers_like_CLAIMS-RECONCILIATION-EXPORT-2026"
)


def with_long_items(role: Role, per_cell: int = 3) -> Role:
    for level in role.levels.all():
        for group in level.requirement_groups.all():
            RequirementItem.objects.bulk_create(
                RequirementItem(
                    level=level,
                    group=group,
                    order=100 + n,
                    text=LONG.format(n=n),
                    sub_points="Claims handling\nInsurance renewals\nBudget monitoring",
                )
                for n in range(per_cell)
            )
    return role


def words_past_the_edge(content: bytes) -> list[str]:
    past = []
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            for word in page.extract_words():
                if (
                    word["x0"] < 0
                    or word["x1"] > page.width + 0.5
                    or word["bottom"] > page.height + 0.5
                ):
                    past.append(f"page {number}: {word['text']} at x1={word['x1']:.0f}")
    return past


def font_sizes(content: bytes) -> dict[str, float]:
    """The largest size each piece of text is printed at, keyed by its line of text."""
    sizes: dict[str, float] = {}
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        for page in pdf.pages:
            for line in page.extract_text_lines(return_chars=True):
                size = max(char["size"] for char in line["chars"])
                sizes[line["text"]] = max(size, sizes.get(line["text"], 0))
    return sizes


def pdf_text(content: bytes) -> str:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return "\n".join(page.extract_text() for page in pdf.pages)


@pytest.mark.parametrize("levels", [("A", "B", "C", "D"), ("I", "II", "III", "IV", "V", "VI")])
def test_role_pdf_of_many_levels_of_long_items_stays_on_the_paper(login, employee, levels):
    role = with_long_items(builders.role("Claims Handler", levels=levels, family="Claims"))
    response = login(employee).get(reverse("roles:pdf", args=[role.pk]))
    assert response.status_code == 200
    assert words_past_the_edge(response.content) == []
    text = pdf_text(response.content)
    for code in levels:
        assert f"Level {code}" in text


def test_role_pdf_title_is_the_largest_text(login, employee, insurance_officer):
    with_long_items(insurance_officer, per_cell=1)
    response = login(employee).get(reverse("roles:pdf", args=[insurance_officer.pk]))
    sizes = font_sizes(response.content)
    title = sizes.pop("Insurance Officer")
    assert title > max(sizes.values())


def test_role_pdf_carries_every_block_of_the_profile(login, employee, insurance_officer):
    Role.objects.filter(pk=insurance_officer.pk).update(
        job_reference="INS-042",
        department="Finance",
        division="Corporate Services",
        service_area="Insurance and Risk",
        reports_to="Insurance Manager",
        direct_reports="None",
        scope="All council insurance policies",
        budget="Claims budget of 1.2m",
        regulated_functions="None under the FCA",
        date_developed=datetime.date(2024, 3, 1),
        last_reviewed=datetime.date(2025, 6, 12),
        next_review=datetime.date(2027, 6, 1),
        purpose="To keep the council insured.",
    )
    framework = CompetencyFramework.objects.create(name="Core Behaviours")
    practitioner = ProficiencyLevel.objects.create(
        framework=framework, name="Practitioner", order=1
    )
    competency = Competency.objects.create(framework=framework, name="Working with Others")
    RoleCompetency.objects.create(
        role=insurance_officer, competency=competency, proficiency=practitioner
    )
    response = login(employee).get(reverse("roles:pdf", args=[insurance_officer.pk]))
    text = " ".join(pdf_text(response.content).split())
    for expected in [
        "INS-042",
        "Corporate Services",
        "Insurance and Risk",
        "Insurance Manager",
        "All council insurance policies",
        "Claims budget of 1.2m",
        "None under the FCA",
        "1 March 2024",
        "12 June 2025",
        "1 June 2027",
        "To keep the council insured.",
        "Working with Others",
        "Practitioner",
    ]:
        assert expected in text, expected


def test_my_pdf_of_long_items_stays_on_the_paper(login, employee):
    with_long_items(employee.level.role)
    response = login(employee).get(reverse("staff:my_pdf"))
    assert words_past_the_edge(response.content) == []
    sizes = font_sizes(response.content)
    assert sizes.pop("Employee Tester: my requirements") > max(sizes.values())
