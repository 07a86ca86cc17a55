"""A person's requirement rows are built in Python (staff/templatetags/requirement_rows.py, for
speed: a big role lists 320 items on my profile) and must show each item exactly as the role
pages' include does: its text, "desirable" badge and sub-points, escaped."""

import pytest
from django.template import Context, Template
from django.test.html import parse_html

from roles.models import RequirementItem
from staff.templatetags.requirement_rows import requirement_item

INCLUDE = Template('{% include "includes/requirement_item.html" %}')


@pytest.mark.parametrize("is_essential", [True, False], ids=["essential", "desirable"])
@pytest.mark.parametrize(
    "text, sub_points",
    [
        ("Knows the claims ledger", ""),
        ("Manages <b>claims</b> & “renewals”", "First <point>\n\n  Second & last  \n"),
    ],
    ids=["plain", "marked up, with sub-points"],
)
def test_an_item_says_what_the_role_pages_say(is_essential, text, sub_points):
    item = RequirementItem(text=text, sub_points=sub_points, is_essential=is_essential)

    ours = requirement_item(item)

    assert parse_html(ours) == parse_html(INCLUDE.render(Context({"item": item})))
    assert "<b>" not in ours
