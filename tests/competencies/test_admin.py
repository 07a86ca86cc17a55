"""HR writes a competency's descriptors on its admin page, one per proficiency level."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from competencies.models import (
    Competency,
    CompetencyDescriptor,
    CompetencyFramework,
    ProficiencyLevel,
)
from tests import builders
from tests.admin_pages import admin_url, change_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def testing():
    builders.framework()
    builders.framework("Police Leadership", levels=("D", "C", "B", "A"), competencies=("Testing",))
    return Competency.objects.get(framework__name="Digital Skills", name="Testing")


def test_hr_adds_a_descriptor_with_indicators_on_the_competency_page(login, hr, testing):
    client = login(hr)
    url = admin_url(Competency, "change", testing.pk)
    data = change_form_data(client.get(url))
    working = ProficiencyLevel.objects.get(framework=testing.framework, name="Working")
    data |= {
        "descriptors-TOTAL_FORMS": 1,
        "descriptors-0-proficiency": working.pk,
        "descriptors-0-text": "Writes tests for their own work",
        "descriptors-0-positive_indicators": "Tests first\nAsks for review",
        "descriptors-0-negative_indicators": "Leaves testing to others",
    }

    response = client.post(url, data)

    assert response.status_code == 302
    descriptor = CompetencyDescriptor.objects.get()
    assert (descriptor.competency, descriptor.proficiency) == (testing, working)
    assert descriptor.positive_indicator_list == ["Tests first", "Asks for review"]


def test_the_competency_page_offers_only_its_own_frameworks_levels(login, hr, testing):
    response = login(hr).get(admin_url(Competency, "change", testing.pk))
    formset = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is CompetencyDescriptor
    )
    offered = [p.name for p in formset.empty_form.fields["proficiency"].queryset]
    assert offered == ["Awareness", "Working", "Practitioner", "Expert"]


def test_the_descriptor_list_reads_the_same_number_of_queries_however_long(login, hr, testing):
    client = login(hr)

    def queries() -> int:
        with CaptureQueriesContext(connection) as counted:
            assert client.get(admin_url(CompetencyDescriptor, "changelist")).status_code == 200
        return len(counted)

    levels = list(testing.framework.proficiency_levels.all())
    CompetencyDescriptor.objects.create(competency=testing, proficiency=levels[0])
    one = queries()
    for level in levels[1:]:
        CompetencyDescriptor.objects.create(competency=testing, proficiency=level)
    assert queries() == one


def test_the_frameworks_admin_page_links_to_its_page_on_the_site(login, hr, testing):
    framework = testing.framework
    response = login(hr).get(admin_url(CompetencyFramework, "change", framework.pk))
    assert response.context["has_absolute_url"]
    page = reverse("competencies:framework", args=[framework.pk])
    followed = login(hr).get(response.context["absolute_url"], follow=True)
    assert followed.redirect_chain[-1][0].endswith(page)
    assert followed.status_code == 200


def test_hr_puts_a_scrambled_scale_in_order_in_one_save(login, hr):
    scrambled = builders.framework(levels=("Expert", "Practitioner", "Working", "Awareness"))
    client = login(hr)
    url = admin_url(CompetencyFramework, "change", scrambled.pk)
    data = change_form_data(client.get(url))
    for index in range(4):  # rows in their current order: Expert, Practitioner, ...
        data[f"proficiency_levels-{index}-order"] = 4 - index

    assert client.post(url, data).status_code == 302

    scale = [p.name for p in scrambled.proficiency_levels.all()]
    assert scale == ["Awareness", "Working", "Practitioner", "Expert"]
