"""The manager's assessment form at length: the save bar in view with the count still to rate,
a switch to show only unrated items, a warning before leaving unsaved changes; and the
navigation's skip link and current section."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from roles.models import RequirementItem
from tests import builders

pytestmark = pytest.mark.browser


@pytest.fixture
def long_draft(employee, manager):
    level = employee.level.next_level()
    category = level.requirement_items.first().category
    RequirementItem.objects.bulk_create(
        RequirementItem(level=level, category=category, order=100 + n, text=f"Extra item {n}")
        for n in range(60)
    )
    return builders.assessment(employee, by=manager.user, rating=None)


@pytest.mark.django_db(transaction=True)
def test_save_bar_counts_filters_and_warns_before_leaving(page, sign_in_browser, long_draft):
    total = long_draft.items.count()
    assert total >= 60
    sign_in_browser("manager")
    page.goto(reverse("staff:assessment", args=[long_draft.pk]))
    bar = page.locator(".save-bar")
    expect(bar.locator(".unrated-count")).to_have_text(f"{total} of {total} items still to rate")

    first = page.locator(".assessment-item").first
    first.locator("input[type=radio][value=met]").check()
    expect(bar.locator(".unrated-count")).to_have_text(
        f"{total - 1} of {total} items still to rate"
    )
    # Far down the list, the save bar is still in the window.
    page.locator(".assessment-item").nth(40).scroll_into_view_if_needed()
    expect(bar.get_by_role("button", name="Save draft")).to_be_in_viewport()

    page.get_by_label("Only items still to rate").check()
    expect(first).to_be_hidden()
    expect(page.locator(".assessment-item:visible")).to_have_count(total - 1)
    page.get_by_label("Only items still to rate").uncheck()
    expect(first).to_be_visible()

    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.close(run_before_unload=True)
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]


@pytest.mark.django_db(transaction=True)
def test_saving_leaves_without_a_warning(page, sign_in_browser, long_draft):
    sign_in_browser("manager")
    page.goto(reverse("staff:assessment", args=[long_draft.pk]))
    page.locator(".assessment-item").first.locator("input[type=radio][value=met]").check()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_load_state()
    expect(page.locator(".unrated-count")).to_contain_text("still to rate")
    assert dialogs == []


@pytest.mark.django_db(transaction=True)
def test_skip_link_comes_first_and_the_current_section_is_marked(
    page, sign_in_browser, manager, employee
):
    sign_in_browser("manager")
    page.goto(reverse("staff:team"))
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    current = page.locator("nav [aria-current=page]")
    expect(current).to_have_text("My team")
    page.goto(reverse("roles:catalogue"))
    expect(current).to_have_text("Role catalogue")
