"""Every main page reads on a phone (390 px) and a desktop (1280 px): nothing scrolls
sideways, and no text is squeezed into a column too narrow to read."""

import pytest
from django.urls import reverse

from roles.models import RequirementItem
from tests import builders

pytestmark = pytest.mark.browser

WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
NARROWEST_TEXT_PX = 120

# As ../shared/tools/look.py measures it: a block of four words or more that a person reads
# (look.py also counts text hidden for screen readers, which is never squeezed).
MEASURE = """(narrowest) => {
  const squeezed = [];
  for (const el of document.querySelectorAll('td, th, li, p, dd, label, .card-body, span')) {
    // Text only screen readers read (a control's item, beside its short label) has no width.
    if (el.closest('.visually-hidden')) continue;
    let text = el.innerText || '';
    for (const hidden of el.querySelectorAll('.visually-hidden')) {
      text = text.replace(hidden.innerText, '');
    }
    text = text.trim();
    if (text.split(/\\s+/).length < 4) continue;
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.height > 0 && box.width < narrowest) {
      squeezed.push(`${el.tagName.toLowerCase()} ${Math.round(box.width)}px: ${text.slice(0, 40)}`);
    }
  }
  return {pageWidth: document.documentElement.scrollWidth, view: window.innerWidth, squeezed};
}"""

LONG = (
    "Experience of supporting business processes across claims handling, insurance renewals, "
    "policy administration and the reconciliation of premiums with the general ledger"
)


@pytest.fixture
def pages(insurance_officer, hr, manager, employee, colleague):
    """Per persona, the pages they use, on a role with long items and four levels."""
    builders.role("Insurance Team Leader", levels=("A", "B", "C", "D"), grade_name="Range 4")
    for level in insurance_officer.levels.all():
        group = level.requirement_items.first().group
        RequirementItem.objects.create(
            level=level, group=group, order=50, text=LONG, sub_points="Claims\nRenewals"
        )
    acknowledged = builders.assessment(employee, by=manager.user, until="acknowledged")
    draft = builders.assessment(colleague, by=manager.user, rating="partly_met")
    role = insurance_officer
    other = role.job_family.roles.exclude(pk=role.pk).get()
    return {
        "employee": [
            reverse("roles:catalogue"),
            reverse("roles:detail", args=[role.pk]),
            reverse("roles:detail", args=[other.pk]),
            reverse("roles:compare_levels", args=[role.pk]),
            reverse("roles:compare_roles") + f"?first={role.pk}&second={other.pk}",
            reverse("roles:family_path", args=[role.job_family_id]),
            reverse("staff:my_profile"),
            reverse("staff:self_assessment"),
            reverse("staff:assessment", args=[acknowledged.pk]),
        ],
        "manager": [
            reverse("staff:team"),
            reverse("staff:person", args=[employee.pk]),
            reverse("staff:assessment", args=[draft.pk]),
        ],
        "hr": [
            reverse("staff:approvals"),
            reverse("dashboards:hr"),
            reverse("staff:assessment", args=[acknowledged.pk]),
        ],
    }


@pytest.mark.django_db(transaction=True)
def test_main_pages_fit_a_phone_and_a_desktop(browser, live_server, pages):
    problems = []
    for width_name, (width, height) in WIDTHS.items():
        for username, paths in pages.items():
            context = browser.new_context(
                base_url=live_server.url, viewport={"width": width, "height": height}
            )
            tab = context.new_page()
            tab.goto("/accounts/login/")
            tab.fill("input[name=username]", username)
            tab.fill("input[name=password]", builders.PASSWORD)
            tab.click("button[type=submit]")
            tab.wait_for_load_state()
            for path in paths:
                response = tab.goto(path)
                assert response.status == 200, (username, path, response.status)
                found = tab.evaluate(MEASURE, NARROWEST_TEXT_PX)
                where = f"{width_name} {username} {path}"
                if found["pageWidth"] > found["view"] + 1:
                    problems.append(f"{where}: {found['pageWidth']}px wide, scrolls sideways")
                problems += [f"{where}: squeezed {text}" for text in found["squeezed"][:3]]
            context.close()
    assert not problems, "\n".join(problems)
