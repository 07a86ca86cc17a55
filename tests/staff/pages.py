"""Read a person's standing back from the pages that show it, as a reader would."""

import re

from django.urls import reverse

from staff.models import Assessment

# "(24 of 24 met, 100%)" on the team, person, approvals and assessment pages; "24 of 24" in
# the employee's own progress box (profile and print).
_FIGURES = re.compile(r'readiness-figures">\((\d+) of (\d+) met|id="progress-met">(\d+) of (\d+)<')
_VERDICT = re.compile(r'(?:readiness-verdict|standing-verdict)">([^<]+)<')


def figures(html: str) -> set[tuple[int, int]]:
    return {(int(a or c), int(b or d)) for a, b, c, d in _FIGURES.findall(html)}


def verdicts(html: str) -> set[str]:
    return {text.strip().rstrip(".") for text in _VERDICT.findall(html)}


def standing_pages(client_for, *, person, manager, hr):
    """Every page that shows `person`'s standing, as the one who reads it there sees it:
    {page name: html}. `client_for(user)` signs a user in and returns a client."""
    pages = {
        "my profile": (person.user, reverse("staff:my_profile")),
        "print": (person.user, reverse("staff:my_print")),
        "person page": (manager.user, reverse("staff:person", args=[person.pk])),
        "team": (manager.user, reverse("staff:team")),
    }
    waiting = Assessment.objects.filter(
        staff=person, status__in=[Assessment.Status.SUBMITTED, Assessment.Status.ACKNOWLEDGED]
    ).first()
    if waiting is not None:
        pages["approvals"] = (hr, reverse("staff:approvals"))
    latest = Assessment.objects.filter(staff=person).order_by("-created_at", "-pk").first()
    if latest is not None:
        pages["assessment page"] = (manager.user, reverse("staff:assessment", args=[latest.pk]))
    result = {}
    for name, (user, url) in pages.items():
        response = client_for(user).get(url)
        assert response.status_code == 200, (name, response.status_code)
        result[name] = response.content.decode()
    return result
