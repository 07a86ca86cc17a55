"""HR's lists of assessment records (hundreds of thousands of rows) show the latest recorded
first: a page read off the primary key's index, not a sort of every row joined to its
assessment, person and level."""

import pytest

from staff.models import Assessment, AssessmentEvent, AssessmentItem
from tests import builders
from tests.admin_pages import admin_url


@pytest.mark.parametrize("model", [Assessment, AssessmentItem, AssessmentEvent])
def test_the_latest_recorded_comes_first(login, hr, manager, employee, colleague, model):
    builders.assessment(employee, by=manager.user, until="approved")
    builders.assessment(colleague, by=manager.user, until="submitted")

    page = login(hr).get(admin_url(model, "changelist"))

    shown = [row.pk for row in page.context["cl"].result_list]
    assert len(shown) > 1
    assert shown == sorted(shown, reverse=True)
