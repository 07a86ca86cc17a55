"""Every named URL, visited by each kind of user, answers with the status this table expects.

A page added without a row here fails the suite: add its row to EXPECTED when you add the page.
The admin's own URLs are the exception: the end of this file walks the list, add, change, delete
and history pages of every model the admin registers, with a real object's id, for each kind of
user (ADMIN_EXPECTED says what HR and the superuser get; a model registered without a row there
is expected to be editable by both, and one admin_objects makes no row of fails).
"""

import datetime
from types import SimpleNamespace

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.urls import URLResolver, get_resolver, reverse

from core.emails import deliver_email
from core.models import BackgroundJob, OutgoingEmail
from reviews.cycles import cycle_open
from reviews.tasks import cycle_open_in_background
from staff.history import level_change_record, line_manager_set
from staff.self_assessment import evidence_add, self_rating_set
from tests import builders
from tests.admin_pages import admin_url

# The seven kinds of user, asked about every URL: nobody signed in, the employee whose pages the
# URLs name, a colleague in the same team, their line manager, a manager of another team, HR and a
# superuser; and a visitor signed in with no staff profile.
PERSONAS = [
    "anonymous",
    "visitor",
    "employee",
    "colleague",
    "manager",
    "other_manager",
    "hr",
    "superuser",
]
# More people around the employee: asked about a URL where its row names them, that is where
# being above or outside the employee changes the answer.
CAST = ["outsider", "senior_manager"]
LOGIN = "login"  # a redirect to the sign-in page


def signed_in(status: int, **others) -> dict:
    """`status` for everyone signed in, unless named in `others`."""
    return {persona: status for persona in PERSONAS if persona != "anonymous"} | others


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
    "nesting_server_data": {"anonymous": 403, **signed_in(403, hr=200, superuser=200)},
    # Line managers' pages: a manager with a team, whoever's it is; HR has no team of its own.
    "staff:team": {
        **signed_in(403, manager=200, other_manager=200),
        "outsider": 403,
        "senior_manager": 200,
    },
    "staff:approvals": signed_in(403, hr=200, superuser=200),
    # The employee's page: their managers, HR and themselves; nobody else finds it.
    "staff:person": {
        "args": ["staff"],
        **signed_in(200, visitor=404, colleague=404, other_manager=404),
        "outsider": 404,
        "senior_manager": 200,
    },
    # Only a manager above the employee starts an assessment; those who see them are refused.
    "staff:assessment_start": {
        "args": ["staff"],
        **signed_in(403, visitor=404, colleague=404, manager=200, other_manager=404),
        "outsider": 404,
        "senior_manager": 200,
    },
    # The employee's submitted assessment: their managers, HR and themselves read it.
    "staff:assessment": {
        "args": ["assessment"],
        **signed_in(200, visitor=404, colleague=404, other_manager=404),
        "outsider": 404,
        "senior_manager": 200,
    },
    # Each person's own pages, about themselves only (HR's persona has a profile, no level; the
    # superuser has no profile).
    **{
        f"staff:{name}": signed_in(200, visitor=404, superuser=404)
        for name in ("my_profile", "self_assessment", "evidence_add", "my_print", "my_pdf")
    },
    # HR's review cycles and dashboard.
    **{
        name: {"args": args, **signed_in(403, hr=200, superuser=200)}
        for name, args in (
            ("reviews:cycles", []),
            ("reviews:cycle_open", []),
            ("reviews:cycle", ["cycle"]),
            ("reviews:cycle_download", ["cycle", "csv"]),
            ("dashboards:hr", []),
        )
    },
    "reviews:cycle_close": {"args": ["cycle"], **signed_in(405)},
    # The opening of a cycle HR asked for: theirs alone; other HR (the superuser) find nothing.
    "reviews:cycle_job": {"args": ["hr_job"], **signed_in(403, hr=200, superuser=404)},
    # How far a job has come: its starter's alone, whoever else asks.
    "job_progress": {"args": ["hr_job"], **signed_in(404, hr=200)},
    # A manager's team at a glance: like their team page.
    "dashboards:team_map": {
        **signed_in(403, manager=200, other_manager=200),
        "outsider": 403,
        "senior_manager": 200,
    },
    # One cell of it: the employee's managers and HR; the employee reads their own profile.
    "dashboards:team_map_cell": {
        "args": ["staff", "group"],
        **signed_in(200, visitor=404, employee=404, colleague=404, other_manager=404),
        "outsider": 404,
        "senior_manager": 200,
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
        "hr_job": BackgroundJob.objects.create(
            kind=cycle_open_in_background.module_path, title="Opening “Spring”", created_by=hr
        ),
        "csv": SimpleNamespace(pk="csv"),
        # A group as the team map keys it: level B's Knowledge, second in its level.
        "group": SimpleNamespace(pk="b-knowledge-2"),
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


# Every admin page (list, add, change, delete, history) of every model the admin registers,
# with a real object's id, for each kind of user.

ADMIN_MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)
ADMIN_PAGES = ["changelist", "add", "change", "delete", "history"]
ADMIN_PERSONAS = ["anonymous", "visitor", "employee", "colleague", "manager", "other_manager"]


@pytest.fixture
def admin_objects(objects, employee, manager, hr, colleague, settings):
    """At least one row of every model the admin registers, made the way the app makes them."""
    builders.full_role()
    framework = objects["framework"]
    builders.descriptor(framework.competencies.first(), framework.proficiency_levels.first())
    item = employee.level.next_level().requirement_items.first()
    self_rating_set(staff=employee, ratings={item.pk: "met"})
    evidence_add(staff=employee, added_by=employee.user, text="Did it", requirements=[item])
    line_manager_set(staff=colleague, manager=None, by=hr)
    level_change_record(
        staff=colleague,
        to_level=employee.level,
        effective_date=datetime.date(2026, 1, 1),
        reason="Moved",
        by=hr,
    )
    AccessAttempt.objects.create(
        username="someone",
        ip_address="127.0.0.1",
        user_agent="test",
        http_accept="*/*",
        path_info="/accounts/login/",
        get_data="",
        post_data="",
        failures_since_start=1,
    )
    for model in (AccessLog, AccessFailureLog):
        model.objects.create(
            username="someone",
            ip_address="127.0.0.1",
            user_agent="test",
            http_accept="*/*",
            path_info="/accounts/login/",
        )
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    deliver_email.enqueue(OutgoingEmail.objects.first().pk)
    found = {model: model._default_manager.order_by("pk").first() for model in ADMIN_MODELS}
    missing = [model._meta.label for model, obj in found.items() if obj is None]
    assert not missing, f"admin_objects makes no {', '.join(missing)}: add one"
    return found


def admin_statuses(client, objects) -> dict:
    found = {}
    for model, obj in objects.items():
        for page in ADMIN_PAGES:
            args = [obj.pk] if page in ("change", "delete", "history") else []
            response = client.get(admin_url(model, page, *args))
            if response.status_code == 302 and response.url.startswith(reverse("admin:login")):
                found[(model._meta.label, page)] = LOGIN
            else:
                found[(model._meta.label, page)] = response.status_code
    return found


EDITS = dict.fromkeys(ADMIN_PAGES, 200)
# Records people's work wrote (assessments, evidence, emails, queued tasks): read, never written
# in the admin.
RECORDS = {"changelist": 200, "add": 403, "change": 200, "delete": 403, "history": 200}
NOTHING = dict.fromkeys(ADMIN_PAGES, 403)
# django-axes' logs of sign-ins: the superuser reads them and clears a lockout by deleting it.
SIGN_IN_LOGS = RECORDS | {"delete": 200}

# What HR and the superuser get on each model's pages: EDITS unless named here. Everyone else is
# sent to the admin's sign-in page.
ADMIN_EXPECTED = {
    # HR manages logins, but deletes none (they deactivate leavers); privileges are the
    # superuser's alone.
    "auth.User": {"hr": EDITS | {"delete": 403}},
    "auth.Group": {"hr": NOTHING},
    **{
        f"axes.{name}": {"hr": NOTHING, "superuser": SIGN_IN_LOGS}
        for name in ("AccessAttempt", "AccessFailureLog", "AccessLog")
    },
    "django_tasks_database.DBTaskResult": {"hr": NOTHING, "superuser": RECORDS},
    **{
        label: {"hr": RECORDS, "superuser": RECORDS}
        for label in (
            "core.OutgoingEmail",
            "staff.Assessment",
            "staff.AssessmentEvent",
            "staff.AssessmentItem",
            "staff.Evidence",
            "staff.LineManagerChange",
            "staff.SelfRating",
        )
    },
    # A requirement group belongs to a level: added with it on the role's page, not on its own.
    "roles.RequirementGroup": {
        "hr": EDITS | {"add": 403},
        "superuser": EDITS | {"add": 403},
    },
    # A level change can be scheduled in the admin; the history of those made is kept.
    "staff.LevelChange": {
        "hr": EDITS | {"delete": 403},
        "superuser": EDITS | {"delete": 403},
    },
}


def expected_admin_statuses(persona: str) -> dict:
    expected = {}
    for model in ADMIN_MODELS:
        label = model._meta.label
        for page in ADMIN_PAGES:
            if persona in ("hr", "superuser"):
                expected[(label, page)] = ADMIN_EXPECTED.get(label, {}).get(persona, EDITS)[page]
            else:
                expected[(label, page)] = LOGIN
    return expected


def test_every_admin_model_is_in_the_table():
    labels = {model._meta.label for model in ADMIN_MODELS}
    assert set(ADMIN_EXPECTED) <= labels


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_the_expected_status_on_every_admin_page(
    client_as, admin_objects, persona
):
    found = admin_statuses(client_as(persona), admin_objects)
    expected = expected_admin_statuses(persona)
    wrong = {key: (found[key], expected[key]) for key in expected if found[key] != expected[key]}
    assert not wrong, f"{persona}: (model, page): (got, expected) {wrong}"
