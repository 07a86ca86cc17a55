"""Named personas shared by the whole suite: HR, a manager and their team, and outsiders.

hr                      (HR group, no line in the tree)
senior_manager
  └── manager
        ├── employee     (Insurance Officer, level A)
        └── colleague    (Insurance Officer, level B)
other_manager
  └── outsider
visitor                 (signed in, no staff profile)
superuser               (every admin power, no staff profile)
"""

import importlib
import os

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from tests import builders

# Playwright's sync API runs an event loop in the test thread; Django's live_server
# fixtures are then called from "async context" although they are not.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Let the PostgreSQL test database be dropped at the end of the run.

    A live-server request thread now and then leaves an idle connection behind (last
    statement ROLLBACK, its thread gone); PostgreSQL then refuses to drop the database and
    every run leaves one behind. Nothing is running by then, so ending those sessions is safe.
    """
    yield
    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )


# The data migrations whose rows a flush removes (the HR group and its permissions), each with
# the step that writes them.
DATA_MIGRATIONS = [
    ("0002_hr_group", "create_hr_group"),
    ("0006_hr_reads_line_manager_changes", "grant"),
    ("0007_hr_reads_and_resends_emails", "grant"),
    ("0013_hr_keeps_competency_descriptors", "grant"),
    ("0016_hr_keeps_role_sections_facts_sign_off", "grant"),
]


@pytest.fixture(autouse=True)
def migrated_data(request):
    """Each transactional (browser) test empties the database after it, the HR group that a
    data migration makes included: the next one runs that migration's step again, with the
    migration's own frozen data, so every test starts from a database as migrated."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    loader = MigrationLoader(connection)
    for name, step in DATA_MIGRATIONS:
        state = loader.project_state(("staff", name))
        migration = importlib.import_module(f"staff.migrations.{name}")
        getattr(migration, step)(state.apps, schema_editor=None)


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    """Serve static files without the production manifest, which only collectstatic builds."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def tasks_run_in_process(settings):
    """Background tasks (emails) run as soon as they are queued: there is no worker in tests."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with nothing cached: rendered role profiles are keyed on the role's
    id and version, which a later test's fresh database gives out again."""
    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing is slow on purpose, and the personas alone make several logins per test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def insurance_officer(db):
    return builders.role("Insurance Officer", items_per_category=2)


@pytest.fixture
def hr(db):
    return builders.staff("hr", hr=True).user


@pytest.fixture
def senior_manager(insurance_officer):
    return builders.staff("senior", level=insurance_officer.levels.get(code="C"))


@pytest.fixture
def manager(senior_manager, insurance_officer):
    return builders.staff(
        "manager", level=insurance_officer.levels.get(code="C"), manager=senior_manager
    )


@pytest.fixture
def employee(manager, insurance_officer):
    return builders.staff("employee", level=insurance_officer.levels.get(code="A"), manager=manager)


@pytest.fixture
def colleague(manager, insurance_officer):
    return builders.staff(
        "colleague", level=insurance_officer.levels.get(code="B"), manager=manager
    )


@pytest.fixture
def other_manager(insurance_officer):
    return builders.staff("othermanager", level=insurance_officer.levels.get(code="C"))


@pytest.fixture
def outsider(other_manager, insurance_officer):
    return builders.staff(
        "outsider", level=insurance_officer.levels.get(code="A"), manager=other_manager
    )


@pytest.fixture
def superuser(db):
    """Whoever runs the installation: every admin power, no staff profile."""
    root = builders.user("root", is_superuser=True)
    root.is_staff = True
    root.save(update_fields=["is_staff"])
    return root


@pytest.fixture
def visitor(db):
    """Someone who signs in but has no staff profile: the role pages are open to them."""
    return builders.user("visitor")


@pytest.fixture
def login(client):
    """Sign a user (or a staff profile's user) in to the test client and return the client."""

    def sign_in(who):
        client.force_login(getattr(who, "user", who))
        return client

    return sign_in


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright. Missing Chromium fails the test, never skips it."""
    import shutil

    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    assert executable, "Chromium is not installed: apt-get install chromium (.ci/run does this)"
    args = ["--disable-gpu", "--disable-background-networking", "--disable-component-update"]
    if os.geteuid() == 0:
        args.append("--no-sandbox")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, headless=True, args=args)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab; `page.goto(live_server.url + path)` reaches the app."""
    context = browser.new_context(base_url=live_server.url)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


@pytest.fixture
def sign_in_browser(page):
    """Sign in through the real sign-in form."""

    def sign_in(username, password=builders.PASSWORD):
        page.goto("/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_load_state()
        return page

    return sign_in
