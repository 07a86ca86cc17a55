"""Every named URL, visited by each kind of user, answers with the status this table expects.

A page added without a row here fails the suite: add its row to EXPECTED when you add the page.
The admin's own URLs are the exception; `test_admin.py` walks every admin list and add page.
"""

from types import SimpleNamespace

import pytest
from django.urls import URLResolver, get_resolver, reverse

from tests import builders

PERSONAS = ["anonymous", "employee", "manager", "hr"]
LOGIN = "login"  # a redirect to the sign-in page

# url name -> the objects its arguments come from (keys of the `objects` fixture), and the
# status each persona gets. Anonymous visitors are sent to sign in unless a row says otherwise.
EXPECTED = {
    "home": {"employee": 302, "manager": 302, "hr": 302},
    "login": {"anonymous": 200, "employee": 302, "manager": 302, "hr": 302},
    # Signing out is a POST; a plain visit is refused.
    "logout": {"anonymous": 405, "employee": 405, "manager": 405, "hr": 405},
    # Everyone changes their own password; a reset by email is for anyone, signed in or not.
    "password_change": {"employee": 200, "manager": 200, "hr": 200},
    "password_change_done": {"employee": 200, "manager": 200, "hr": 200},
    **{
        name: {"anonymous": 200, "employee": 200, "manager": 200, "hr": 200}
        for name in ("password_reset", "password_reset_done", "password_reset_complete")
    },
    # A link that is not valid says so (and offers a new one).
    "password_reset_confirm": {
        "args": ["reset_uid", "reset_token"],
        **dict.fromkeys(PERSONAS, 200),
    },
    "roles:catalogue": {"employee": 200, "manager": 200, "hr": 200},
    "roles:detail": {"args": ["role"], "employee": 200, "manager": 200, "hr": 200},
    # Career paths and print: everyone signed in, published roles (HR also drafts).
    "roles:compare_levels": {"args": ["role"], "employee": 200, "manager": 200, "hr": 200},
    "roles:compare_roles": {"employee": 200, "manager": 200, "hr": 200},
    "roles:family_path": {"args": ["family"], "employee": 200, "manager": 200, "hr": 200},
    "roles:print": {"args": ["role"], "employee": 200, "manager": 200, "hr": 200},
    "roles:pdf": {"args": ["role"], "employee": 200, "manager": 200, "hr": 200},
    # django-nested-admin's script for the admin's role page: for staff members only.
    "nesting_server_data": {"anonymous": 403, "employee": 403, "manager": 403, "hr": 200},
    # Line managers' pages; HR has no team of its own here.
    "staff:team": {"employee": 403, "manager": 200, "hr": 403},
    "staff:approvals": {"employee": 403, "manager": 403, "hr": 200},
    "staff:person": {"args": ["staff"], "employee": 200, "manager": 200, "hr": 200},
    "staff:assessment_start": {"args": ["staff"], "employee": 403, "manager": 200, "hr": 403},
    "staff:assessment": {"args": ["assessment"], "employee": 200, "manager": 200, "hr": 200},
    # Each person's own pages, about themselves only (HR's persona has a profile, no level).
    **{
        f"staff:{name}": {"employee": 200, "manager": 200, "hr": 200}
        for name in ("my_profile", "self_assessment", "evidence_add", "my_print", "my_pdf")
    },
    # Workflow steps are POSTs (their rules are in test_assessment_access.py); a visit is refused.
    **{
        f"staff:assessment_{step}": {
            "args": ["assessment"],
            "employee": 405,
            "manager": 405,
            "hr": 405,
        }
        for step in ("submit", "comment", "acknowledge", "approve", "return")
    },
}


def named_urls(patterns=None, namespace: str = "") -> list[str]:
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found += named_urls(pattern.url_patterns, inner)
        elif pattern.name:
            found.append(namespace + pattern.name)
    return found


SITE_URLS = sorted({name for name in named_urls() if not name.startswith("admin:")})


@pytest.fixture
def objects(insurance_officer, employee, manager):
    """What URL arguments point at: a published role, the employee's profile, ..."""
    return {
        "role": insurance_officer,
        "family": insurance_officer.job_family,
        "staff": employee,
        "assessment": builders.assessment(employee, by=manager.user, until="submitted"),
        "reset_uid": SimpleNamespace(pk="MQ"),
        "reset_token": SimpleNamespace(pk="not-a-token"),
    }


@pytest.fixture
def client_as(client, db, request):
    def sign_in(persona: str):
        if persona != "anonymous":
            who = request.getfixturevalue(persona)
            client.force_login(getattr(who, "user", who))
        return client

    return sign_in


def test_every_named_url_has_a_row():
    missing = [name for name in SITE_URLS if name not in EXPECTED]
    assert not missing, f"Add a row to EXPECTED in {__file__} for: {', '.join(missing)}"


def test_every_row_names_a_url_that_exists():
    assert not set(EXPECTED) - set(SITE_URLS)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", SITE_URLS)
def test_each_persona_gets_the_expected_status(client_as, objects, name, persona):
    if name not in EXPECTED:
        pytest.fail(f"{name} has no row in EXPECTED: say who may see it")
    row = EXPECTED[name]
    url = reverse(name, args=[objects[key].pk for key in row.get("args", [])])
    expected = row.get(persona, LOGIN)

    response = client_as(persona).get(url)

    if expected == LOGIN:
        assert response.status_code == 302, f"{name} as {persona}"
        assert response.url.startswith(reverse("login")), f"{name} as {persona}"
    else:
        assert response.status_code == expected, f"{name} as {persona}"


@pytest.mark.parametrize("persona", ["employee", "manager"])
def test_the_admin_sends_staff_to_its_own_sign_in(client_as, persona):
    response = client_as(persona).get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_hr_opens_the_admin(client_as):
    assert client_as("hr").get(reverse("admin:index")).status_code == 200
