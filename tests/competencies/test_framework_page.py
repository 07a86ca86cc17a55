"""A framework's page: its competencies by proficiency level, for everyone signed in."""

import pytest
from django.urls import reverse

from competencies.models import Competency, CompetencyDescriptor, ProficiencyLevel
from tests import builders


def framework_url(framework) -> str:
    return reverse("competencies:framework", args=[framework.pk])


def describe(competency: str, proficiency: str, text: str, positive=(), negative=()) -> None:
    CompetencyDescriptor.objects.create(
        competency=Competency.objects.get(name=competency),
        proficiency=ProficiencyLevel.objects.get(name=proficiency),
        text=text,
        positive_indicators="\n".join(positive),
        negative_indicators="\n".join(negative),
    )


def test_the_grid_reads_lowest_proficiency_first_whatever_the_labels(login, employee):
    police = builders.framework("Police Leadership", levels=("D", "C", "B", "A"))
    response = login(employee).get(framework_url(police))
    assert [level.name for level in response.context["grid"].levels] == ["D", "C", "B", "A"]
    header = response.content.decode().split("<thead>")[1].split("</thead>")[0]
    assert [cell.split("</th>")[0] for cell in header.split('<th scope="col">')[2:]] == [
        "D",
        "C",
        "B",
        "A",
    ]


def test_each_cell_shows_its_descriptor_and_indicators(login, employee):
    digital = builders.framework()
    describe(
        "Testing",
        "Expert",
        "Sets how the organisation tests.",
        positive=["Coaches others in testing"],
        negative=["Ships untested changes"],
    )
    page = login(employee).get(framework_url(digital)).content.decode()
    cell = page.split('<td data-label="Expert">')[1].split("</td>")[0]
    assert "Sets how the organisation tests." in cell
    assert "Positive indicators" in cell and "<li>Coaches others in testing</li>" in cell
    assert "Negative indicators" in cell and "<li>Ships untested changes</li>" in cell


def test_a_framework_that_does_not_exist_is_not_found(login, employee):
    assert login(employee).get(reverse("competencies:framework", args=[999])).status_code == 404


@pytest.mark.parametrize("competencies", [2, 12])
def test_the_framework_page_query_count_does_not_grow_with_competencies(
    login, employee, django_assert_num_queries, competencies
):
    """Intended to prevent an n+1 issue: levels, competencies and descriptors read at once."""
    names = tuple(f"Competency {n:02}" for n in range(competencies))
    digital = builders.framework(competencies=names)
    for name in names:
        for level in ("Awareness", "Expert"):
            describe(name, level, f"{name} at {level}", positive=["Does it"], negative=["Not"])
    client = login(employee)
    client.get(framework_url(digital))
    with django_assert_num_queries(10):
        client.get(framework_url(digital))
