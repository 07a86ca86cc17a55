"""Every named URL, visited by each kind of user, answers with the status this table expects.

A page added without a row here fails the suite: add its row to EXPECTED when you add the page.
The admin's own URLs are the exception: the end of this file walks every admin list and add page.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import URLResolver, get_resolver, reverse

from reviews.cycles import cycle_open
from staff.models import (
    Assessment,
    AssessmentEvent,
    AssessmentItem,
    Evidence,
    LineManagerChange,
    SelfRating,
)
from tests import builders
from tests.admin_pages import admin_url

# Asked about every URL: a visitor signed in with no staff profile, the employee whose pages the
# URLs name, their line manager, and HR.
PERSONAS = ["anonymous", "visitor", "employee", "manager", "hr"]
# The people around the employee: asked about a URL where its row names them, that is where being
# beside, above or outside the employee changes the answer.
CAST = ["colleague", "outsider", "senior_manager", "other_manager"]
LOGIN = "login"  # a redirect to the sign-in page


def signed_in(status: int, **others) -> dict:
    """`status` for the visitor, the employee, their manager and HR, unless named in `others`."""
    return {"visitor": status, "employee": status, "manager": status, "hr": status, **others}


# url name -> the objects its arguments come from (keys of the `objects` fixture), and the
# status each persona gets. Anonymous visitors are sent to sign in unless a row says otherwise.
EXPECTED = {
    # What is waiting for each person; someone with no staff profile goes to the catalogue.
    "home": signed_in(200, visitor=302),
    # The load balancers' health check: no sign-in, nothing personal in it.
    "health": {"anonymous": 200, **signed_in(200)},
    "login": {"anonymous": 200, **signed_in(302)},
    # Signing out is a POST; a plain visit is refused.
    "logout": {"anonymous": 405, **signed_in(405)},
    # Everyone changes their own password; a reset by email is for anyone, signed in or not.
    "password_change": signed_in(200),
    "password_change_done": signed_in(200),
    **{
        name: {"anonymous": 200, **signed_in(200)}
        for name in ("password_reset", "password_reset_done", "password_reset_complete")
    },
    # A link that is not valid says so (and offers a new one).
    "password_reset_confirm": {
        "args": ["reset_uid", "reset_token"],
        **dict.fromkeys(PERSONAS, 200),
    },
    # The role pages: everyone signed in, published roles (HR also drafts).
    "roles:catalogue": signed_in(200),
    "roles:detail": {"args": ["role"], **signed_in(200)},
    "roles:compare_levels": {"args": ["role"], **signed_in(200)},
    "roles:compare_roles": signed_in(200),
    "roles:family_path": {"args": ["family"], **signed_in(200)},
    "roles:print": {"args": ["role"], **signed_in(200)},
    "roles:pdf": {"args": ["role"], **signed_in(200)},
    # A competency framework's grid: everyone signed in.
    "competencies:framework": {"args": ["framework"], **signed_in(200)},
    # django-nested-admin's script for the admin's role page: for staff members only.
    "nesting_server_data": {"anonymous": 403, **signed_in(403, hr=200)},
    # Line managers' pages: a manager with a team, whoever's it is; HR has no team of its own.
    "staff:team": {
        **signed_in(403, manager=200),
        "colleague": 403,
        "outsider": 403,
        "senior_manager": 200,
        "other_manager": 200,
    },
    "staff:approvals": signed_in(403, hr=200),
    # The employee's page: their managers, HR and themselves; nobody else finds it.
    "staff:person": {
        "args": ["staff"],
        **signed_in(200, visitor=404),
        "colleague": 404,
        "outsider": 404,
        "senior_manager": 200,
        "other_manager": 404,
    },
    # Only a manager above the employee starts an assessment; those who see them are refused.
    "staff:assessment_start": {
        "args": ["staff"],
        **signed_in(403, visitor=404, manager=200),
        "colleague": 404,
        "outsider": 404,
        "senior_manager": 200,
        "other_manager": 404,
    },
    # The employee's submitted assessment: their managers, HR and themselves read it.
    "staff:assessment": {
        "args": ["assessment"],
        **signed_in(200, visitor=404),
        "colleague": 404,
        "outsider": 404,
        "senior_manager": 200,
        "other_manager": 404,
    },
    # Each person's own pages, about themselves only (HR's persona has a profile, no level).
    **{
        f"staff:{name}": signed_in(200, visitor=404)
        for name in ("my_profile", "self_assessment", "evidence_add", "my_print", "my_pdf")
    },
    # HR's review cycles and dashboard.
    **{
        name: {"args": args, **signed_in(403, hr=200)}
        for name, args in (
            ("reviews:cycles", []),
            ("reviews:cycle_open", []),
            ("reviews:cycle", ["cycle"]),
            ("reviews:cycle_download", ["cycle", "csv"]),
            ("dashboards:hr", []),
        )
    },
    "reviews:cycle_close": {"args": ["cycle"], **signed_in(405)},
    # A manager's team at a glance: like their team page.
    "dashboards:team_map": {
        **signed_in(403, manager=200),
        "colleague": 403,
        "outsider": 403,
        "senior_manager": 200,
        "other_manager": 200,
    },
    # One cell of it: the employee's managers and HR; the employee reads their own profile.
    "dashboards:team_map_cell": {
        "args": ["staff", "group"],
        **signed_in(200, visitor=404, employee=404),
        "colleague": 404,
        "outsider": 404,
        "senior_manager": 200,
        "other_manager": 404,
    },
    # Workflow steps are POSTs (their rules are in staff/test_assessment_access.py); a visit is
    # refused.
    **{
        f"staff:assessment_{step}": {"args": ["assessment"], **signed_in(405)}
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
def objects(request, insurance_officer, employee, manager, hr):
    """What URL arguments point at: a published role, the employee's profile, their submitted
    assessment, ...; with the whole cast in place, so that every manager has a team."""
    for persona in CAST:
        request.getfixturevalue(persona)
    return {
        "role": insurance_officer,
        "family": insurance_officer.job_family,
        "framework": builders.framework(),
        "staff": employee,
        "assessment": builders.assessment(employee, by=manager.user, until="submitted"),
        "cycle": cycle_open(
            name="Autumn", due_date=datetime.date(2099, 1, 1), by=hr, manager=manager
        ),
        "csv": SimpleNamespace(pk="csv"),
        "group": SimpleNamespace(pk=str(builders.category("Knowledge").pk)),
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


@pytest.mark.parametrize(
    ("name", "persona"),
    [
        pytest.param(name, persona, id=f"{name}-{persona}")
        for name in SITE_URLS
        for persona in PERSONAS + [p for p in CAST if p in EXPECTED.get(name, {})]
    ],
)
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


# HR's admin: every list and add page of our apps' models, and of logins.

OUR_APPS = {"competencies", "roles", "staff"}
ADMIN_MODELS = [
    model
    for model in apps.get_models()
    if admin.site.is_registered(model)
    and (model._meta.app_label in OUR_APPS or model._meta.model_name == "user")
]
READ_ONLY = {Assessment, AssessmentItem, AssessmentEvent, Evidence, SelfRating, LineManagerChange}


def model_id(model) -> str:
    return model._meta.label


@pytest.fixture
def hr_client(login, hr):
    return login(hr)


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=model_id)
def test_hr_opens_every_admin_list(hr_client, model):
    assert hr_client.get(admin_url(model, "changelist")).status_code == 200


@pytest.mark.parametrize("model", sorted(set(ADMIN_MODELS) - READ_ONLY, key=model_id), ids=model_id)
def test_hr_opens_every_add_page(hr_client, model):
    assert hr_client.get(admin_url(model, "add")).status_code == 200


@pytest.mark.parametrize("model", sorted(READ_ONLY, key=model_id), ids=model_id)
def test_assessment_records_cannot_be_added_in_the_admin(hr_client, model):
    assert hr_client.get(admin_url(model, "add")).status_code == 403


@pytest.mark.parametrize("persona", ["employee", "manager"])
@pytest.mark.parametrize("model", ADMIN_MODELS, ids=model_id)
def test_staff_are_sent_to_the_admin_sign_in(login, request, persona, model):
    client = login(request.getfixturevalue(persona))
    for page in ("changelist", "add"):
        response = client.get(admin_url(model, page))
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))
