"""A person's page as their manager reads it (its requirements: test_kept_role_items.py)."""

import re

from django.urls import reverse


def test_the_browser_tab_names_the_person_and_nothing_else(login, manager, employee):
    page = login(manager).get(reverse("staff:person", args=[employee.pk])).content.decode()

    title = re.search(r"<title>(.*?)</title>", page, re.DOTALL).group(1)
    assert title == f"{employee.name} · Role Profiles"
    assert page.count("Line manager changes") == 1
