"""No page, the site's or HR's admin, has a serious or critical accessibility fault, as axe-core
(vendored in tests/vendor/axe-core) finds them in a real browser, on the demo organisation; and
no admin page is wider than a 1280 px screen.

Each page is audited as a person who uses it sees it: the employee, their manager and HR on the
site, HR in the admin, and a superuser on the admin pages HR may not open.
"""

import contextlib
import datetime
from pathlib import Path

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import expect

from competencies.models import CompetencyFramework
from core.models import BackgroundJob
from reviews.cycles import cycle_open
from reviews.tasks import cycle_open_in_background
from roles.models import RequirementItem, Role
from roles.transfer.exporting import export_roles
from roles.transfer.import_jobs import role_import_preview
from staff.demo import DEMO_PASSWORD, demo_data_load
from staff.models import Assessment, StaffProfile
from tests.roles.transfer.documents.corpus import build_docx

pytestmark = pytest.mark.browser

AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
SERIOUS = ("serious", "critical")
AUDIT = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map((v) => ({
    rule: v.id, impact: v.impact, count: v.nodes.length, first: v.nodes[0].target.join(" "),
  }));
}"""


def audit(tab) -> list[str]:
    tab.add_script_tag(content=AXE)
    return [
        f"{v['impact']} {v['rule']} x{v['count']} (first: {v['first']})"
        for v in tab.evaluate(AUDIT)
        if v["impact"] in SERIOUS
    ]


def site_pages() -> dict[str, list[str]]:
    """The demo's people and the site's pages each of them uses."""
    employee = StaffProfile.objects.get(user__username="employee")
    role = employee.level.role
    other = role.job_family.roles.exclude(pk=role.pk).first() or role
    draft = Assessment.objects.select_related("assessor").get(status="draft")
    submitted = Assessment.objects.filter(status="submitted").first()
    own = Assessment.objects.filter(staff=employee).exclude(status="draft").order_by("-pk").first()
    everyone = [
        reverse("roles:catalogue"),
        reverse("roles:detail", args=[role.pk]),
        reverse("roles:compare_levels", args=[role.pk]),
        reverse("roles:compare_roles") + f"?first={role.pk}&second={other.pk}",
        reverse("roles:family_path", args=[role.job_family_id]),
        reverse("roles:print", args=[role.pk]),
        reverse("competencies:framework", args=[CompetencyFramework.objects.first().pk]),
        reverse("password_change"),
    ]
    return {
        "employee": [
            *everyone,
            reverse("home"),
            reverse("staff:my_profile"),
            reverse("staff:self_assessment"),
            reverse("staff:evidence_add"),
            reverse("staff:my_print"),
            reverse("staff:assessment", args=[own.pk]),
        ],
        # The one assessing the draft: their team, the person, starting and filling in the form.
        draft.assessor.username: [
            reverse("home"),
            reverse("staff:team"),
            reverse("dashboards:team_map"),
            reverse("staff:person", args=[draft.staff_id]),
            reverse("staff:assessment_start", args=[draft.staff_id]),
            reverse("staff:assessment", args=[draft.pk]),
        ],
        "hr": [
            reverse("home"),
            reverse("staff:approvals"),
            reverse("staff:assessment", args=[submitted.pk]),
            reverse("dashboards:hr"),
            reverse("reviews:cycles"),
            reverse("reviews:cycle_open"),
            reverse("reviews:cycle", args=[review_cycle(draft.assessor).pk]),
            reverse("reviews:cycle_job", args=[waiting_job(cycle_open_in_background).pk]),
        ],
    }


def review_cycle(manager):
    """A cycle for everyone below the manager, opened as HR opens one."""
    hr = User.objects.get(username="hr")
    due = datetime.date.today() + datetime.timedelta(days=30)
    return cycle_open(name="Spring reviews", due_date=due, by=hr, manager=manager.staff_profile)


def waiting_job(work) -> BackgroundJob:
    """HR's job that the worker has not reached yet: its page shows the progress bar."""
    hr = User.objects.get(username="hr")
    return BackgroundJob.objects.create(kind=work.module_path, title="Opening", created_by=hr)


def admin_pages() -> list[str]:
    """Every admin list, add page and (first) change page, and the role's extra pages."""
    paths = [reverse("admin:index")]
    for model in admin.site._registry:
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        paths.append(reverse(f"{name}_changelist"))
        with contextlib.suppress(NoReverseMatch):  # a model that takes no additions
            paths.append(reverse(f"{name}_add"))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            paths.append(reverse(f"{name}_change", args=[first.pk]))
    role = Role.objects.order_by("pk").first()
    paths += [
        reverse("admin:roles_role_history", args=[role.pk]),
        reverse("admin:roles_role_import_profiles"),
        reverse("admin:roles_role_import_job", args=[waiting_job(role_import_preview).pk]),
        reverse("admin:roles_role_import_waiting"),
    ]
    return paths


def signed_in(browser, base_url, username, password=DEMO_PASSWORD):
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.goto("/accounts/login/")
    tab.fill("input[name=username]", username)
    tab.fill("input[name=password]", password)
    tab.click("button[type=submit]")
    tab.wait_for_load_state()
    return tab


@pytest.fixture
def demo(transactional_db):
    demo_data_load()
    User.objects.create_superuser("root", password=DEMO_PASSWORD)


@pytest.mark.django_db(transaction=True)
def test_no_page_has_a_serious_accessibility_fault(browser, live_server, demo, tmp_path):
    problems = []
    for username, paths in site_pages().items():
        tab = signed_in(browser, live_server.url, username)
        for path in paths:
            assert tab.goto(path).status == 200, (username, path)
            problems += [f"{username} {path}: {fault}" for fault in audit(tab)]
        tab.context.close()

    hr = signed_in(browser, live_server.url, "hr")
    root = signed_in(browser, live_server.url, "root")
    for path in admin_pages():
        tab = hr if hr.goto(path).status != 403 else root
        if tab is root and root.goto(path).status == 403:
            continue  # nobody opens it (the task queue's add page)
        problems += [f"admin {path}: {fault}" for fault in audit(tab)]

    preview(hr, tmp_path)
    problems += [f"admin import preview: {fault}" for fault in audit(hr)]
    hr.get_by_role("link", name="Details of").first.click()
    expect(hr.locator(".role-import-preview")).to_be_visible()
    problems += [f"admin import preview, a role's details: {fault}" for fault in audit(hr)]
    for what in document_readings(hr, tmp_path):
        problems += [f"admin {what}: {fault}" for fault in audit(hr)]

    assert not problems, "\n".join(problems)


def preview(tab, folder):
    """The import preview, as HR reaches it: a file of two roles uploaded on the import page."""
    table = folder / "roles.tsv"
    table.write_bytes(export_roles(Role.objects.order_by("pk")[:2], file_format="tsv"))
    tab.goto(reverse("admin:roles_role_import_profiles"))
    tab.set_input_files("input[type=file]", str(table))
    tab.click("input[type=submit][value=Preview]")
    expect(tab.locator("#role-import-report")).to_be_visible()


def document_readings(tab, folder):
    """A flat spreadsheet's column step, then a Word document's reading, as HR reaches them."""
    for name, data, shown in [
        ("skills.csv", b"Role,Level,Group,Requirement\nCook,Level 1,Skills,Chops\n", "columns"),
        ("clerk.docx", build_docx("# Clerk\n\n## Level 1\n\n### Skills\n\n- Files.\n"), "reading"),
    ]:
        (folder / name).write_bytes(data)
        tab.goto(reverse("admin:roles_role_import_profiles"))
        tab.set_input_files("input[type=file]", str(folder / name))
        tab.click("input[type=submit][value=Preview]")
        tab.wait_for_load_state()
        yield f"document import {shown} ({name})"


@pytest.mark.django_db(transaction=True)
def test_no_admin_page_is_wider_than_a_1280_screen(browser, live_server, demo, tmp_path):
    hr = signed_in(browser, live_server.url, "hr")
    wide = []
    for path in [*admin_pages(), "preview", "readings"]:
        if path == "preview":
            preview(hr, tmp_path)
        elif path == "readings":
            for _ in document_readings(hr, tmp_path):
                width = hr.evaluate("document.documentElement.scrollWidth")
                if width > 1281:
                    wide.append(f"{hr.url}: {width}px")
            continue
        elif hr.goto(path).status == 403:
            continue
        width = hr.evaluate("document.documentElement.scrollWidth")
        if width > 1281:
            wide.append(f"{path}: {width}px")
    assert not wide, "\n".join(wide)


@pytest.mark.django_db(transaction=True)
def test_every_rating_and_comment_is_named_with_its_item(browser, live_server, demo):
    """Among 80 controls called "Rating", a screen reader's list must say which item is which."""
    draft = Assessment.objects.get(status="draft")
    manager = signed_in(browser, live_server.url, draft.assessor.username)
    manager.goto(reverse("staff:assessment", args=[draft.pk]))
    for item in draft.items.all():
        expect(
            manager.get_by_role("group", name=f"Rating ({item.text})", exact=True)
        ).to_be_visible()
        expect(
            manager.get_by_role("textbox", name=f"Comment ({item.text})", exact=True)
        ).to_be_visible()

    employee = signed_in(browser, live_server.url, "employee")
    employee.goto(reverse("staff:self_assessment"))
    ratings = employee.locator("select[name^=rating-]").all()
    assert ratings
    for rating in ratings:
        item = RequirementItem.objects.get(pk=rating.get_attribute("name").removeprefix("rating-"))
        expect(rating).to_have_accessible_name(f"My rating ({item.text})")
