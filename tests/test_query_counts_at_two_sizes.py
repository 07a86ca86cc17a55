"""Intended to prevent pages whose work grows with the data they do not show: every page, the
admin's lists and change pages of every registered model and the admin upload included, reads
no more queries for a generated organisation three times bigger than for a small one
(`manage.py generate_organisation`, the benchmark's generator, which keeps the workflow's
rules: tests/staff/test_synthetic.py)."""

from unittest import mock

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from competencies.models import CompetencyFramework
from core import middleware
from roles.models import JobFamily, Level, Role
from staff import synthetic
from staff.models import Assessment, StaffProfile
from tests.admin_pages import admin_url

pytestmark = pytest.mark.django_db

SIZES = (40, 120)


def site_pages() -> dict[str, tuple[str, str]]:
    """Each page a person reads: name -> (login, path), with the benchmark's people."""
    big = Role.objects.get(title=f"{synthetic.BIG_ROLE_TITLE} 1")
    family = JobFamily.objects.get(name=synthetic.PATH_FAMILY)
    assessed = StaffProfile.objects.get(user__username=synthetic.ASSESSED)
    draft = Assessment.objects.get(staff=assessed, status=Assessment.Status.DRAFT)
    employee = StaffProfile.objects.get(user__username=synthetic.EMPLOYEE)
    hr, manager, me = synthetic.HR, synthetic.MANAGER, synthetic.EMPLOYEE
    return {
        # HR's: a manager's home reads each of its lists only when it has something, which
        # the generator's chance decides (tests/reviews/test_home.py pins those).
        "home (HR)": (hr, reverse("home")),
        "catalogue": (me, reverse("roles:catalogue")),
        "role": (me, reverse("roles:detail", args=[big.pk])),
        "compare levels": (me, reverse("roles:compare_levels", args=[big.pk])),
        "compare roles": (me, reverse("roles:compare_roles")),
        "family path": (me, reverse("roles:family_path", args=[family.pk])),
        "role print": (me, reverse("roles:print", args=[big.pk])),
        "framework": (
            me,
            reverse("competencies:framework", args=[CompetencyFramework.objects.get().pk]),
        ),
        "team": (manager, reverse("staff:team")),
        "team, everyone below": (synthetic.SENIOR, reverse("staff:team") + "?everyone=1"),
        "person": (manager, reverse("staff:person", args=[employee.pk])),
        "assessment start": (manager, reverse("staff:assessment_start", args=[employee.pk])),
        "assessment form": (manager, reverse("staff:assessment", args=[draft.pk])),
        "approvals": (hr, reverse("staff:approvals")),
        "my profile": (me, reverse("staff:my_profile")),
        "self-assessment": (me, reverse("staff:self_assessment")),
        "add evidence": (me, reverse("staff:evidence_add")),
        "my print": (me, reverse("staff:my_print")),
        "review cycles": (hr, reverse("reviews:cycles")),
        "open a cycle": (hr, reverse("reviews:cycle_open")),
        "HR dashboard": (hr, reverse("dashboards:hr")),
        "team map": (manager, reverse("dashboards:team_map")),
    }


def admin_pages() -> dict[str, tuple[str, str]]:
    """Every registered model's list and the change page of its first row, and the upload."""
    pages = {"admin upload": ("root", reverse("admin:roles_role_import_profiles"))}
    big_role = Role.objects.get(title=f"{synthetic.BIG_ROLE_TITLE} 1")
    chosen = {
        Role: big_role,
        # A level's page holds its groups and items: the big role's, as its role's page did.
        Level: big_role.levels.order_by("order").first(),
        StaffProfile: StaffProfile.objects.get(user__username=synthetic.ASSESSED),
    }
    for model in admin.site._registry:
        label = model._meta.label
        pages[f"admin {label} list"] = ("root", admin_url(model, "changelist"))
        row = chosen.get(model) or model._default_manager.order_by("pk").first()
        if row is not None:
            pages[f"admin {label} change"] = ("root", admin_url(model, "change", row.pk))
    return pages


def counts() -> dict[str, int]:
    User.objects.create_superuser("root", "root@example.org", "x")
    found = {}
    clients = {}
    for name, (login, path) in {**site_pages(), **admin_pages()}.items():
        if login not in clients:
            clients[login] = Client()
            clients[login].force_login(User.objects.get(username=login))
        client = clients[login]
        client.get(path)  # once first: per-process caches (content types, cached profiles)
        cache.clear()  # then as a first reader would: nothing kept from the first visit
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (name, path, response.status_code)
        found[name] = len(queries)
    return found


@pytest.fixture(scope="module")
def measured(django_db_setup, django_db_blocker):
    """Query counts of every page at each size, each organisation generated in a
    transaction undone afterwards.

    Sessions stay fresh throughout: a session more than a minute old is renewed (saved: three
    queries) on its next page (core.middleware.session_ages), which a slow run would count
    against whichever page came a minute after signing in."""
    by_size = {}
    # As the suite's own per-test settings (conftest), which a module's fixture runs before.
    plain = override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
    )
    fresh = mock.patch.object(middleware, "RENEW_EVERY_SECONDS", float("inf"))
    with django_db_blocker.unblock(), plain, fresh:
        for size in SIZES:
            with transaction.atomic():
                call_command("generate_organisation", "--staff", str(size), stdout=None)
                cache.clear()
                by_size[size] = counts()
                transaction.set_rollback(True)
    return by_size


def page_names():
    """The pages' names, known without a database: the site pages above and, for the admin,
    every registered model's list and change page."""
    names = [
        "home (HR)",
        "catalogue",
        "role",
        "compare levels",
        "compare roles",
        "family path",
        "role print",
        "framework",
        "team",
        "team, everyone below",
        "person",
        "assessment start",
        "assessment form",
        "approvals",
        "my profile",
        "self-assessment",
        "add evidence",
        "my print",
        "review cycles",
        "open a cycle",
        "HR dashboard",
        "team map",
        "admin upload",
    ]
    for model in admin.site._registry:
        names.append(f"admin {model._meta.label} list")
        if model._meta.label not in NOT_GENERATED:
            names.append(f"admin {model._meta.label} change")
    return names


# Models the generated organisation has no rows of, so no change page to open (their lists,
# empty, are measured). A model named here that the generator comes to make fails no test:
# take it out to measure its change page too.
NOT_GENERATED = {
    "staff.LineManagerChange",
    "axes.AccessAttempt",
    "axes.AccessLog",
    "axes.AccessFailureLog",
    "django_tasks_database.DBTaskResult",
    "core.OutgoingEmail",
    "competencies.CompetencyDescriptor",
}


@pytest.mark.parametrize("page", page_names())
def test_a_page_reads_as_many_queries_for_a_bigger_organisation(measured, page):
    small, large = (measured[size].get(page) for size in SIZES)
    assert small is not None and large is not None, f"{page} was not measured at both sizes"
    # Never more; fewer is allowed: a big admin list takes its count from the planner's
    # statistics instead of counting (core/paginators.py), one query fewer.
    assert large <= small, f"{page}: {small} queries at {SIZES[0]} staff, {large} at {SIZES[1]}"
