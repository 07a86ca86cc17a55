"""The manager's assessment form at length: the save bar in view with the count still to rate
(two lines at most on a phone), a switch to show only unrated items, rating a whole group at
once, a warning before leaving unsaved changes; and the navigation's skip link and current
section."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from roles.models import RequirementItem
from tests import builders

pytestmark = pytest.mark.browser


@pytest.fixture
def long_draft(employee, manager):
    level = employee.level.next_level()
    group = level.requirement_items.first().group
    RequirementItem.objects.bulk_create(
        RequirementItem(level=level, group=group, order=100 + n, text=f"Extra item {n}")
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
    expect(bar.locator(".unrated-count")).to_have_text(f"{total} of {total} to rate")

    first = page.locator(".assessment-item").first
    first.locator("input[type=radio][value=met]").check()
    expect(bar.locator(".unrated-count")).to_have_text(f"{total - 1} of {total} to rate")
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
    expect(page.locator(".unrated-count")).to_contain_text("to rate")
    assert dialogs == []


def warned_before_leaving(page) -> bool:
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.close(run_before_unload=True)
    page.wait_for_timeout(500)
    return dialogs == ["beforeunload"]


@pytest.mark.django_db(transaction=True)
def test_a_whole_group_is_rated_in_one_action(page, sign_in_browser, long_draft):
    total = long_draft.items.count()
    sign_in_browser("manager")
    page.goto(reverse("staff:assessment", args=[long_draft.pk]))
    group = page.locator(".assessment-group").filter(has_text="Extra item 1").first
    in_group = group.locator(".assessment-item").count()
    assert 60 < in_group < total

    group.get_by_label(f"Mark all in {group.locator('h2').inner_text()} as").select_option("Met")
    group.get_by_role("button", name="Apply").click()

    expect(group.locator("input[type=radio][value=met]:checked")).to_have_count(in_group)
    expect(group).to_contain_text(f"{in_group} items marked Met")
    expect(page.locator(".unrated-count")).to_have_text(f"{total - in_group} of {total} to rate")
    assert warned_before_leaving(page)


@pytest.mark.django_db(transaction=True)
def test_marking_a_group_while_showing_only_unrated_leaves_rated_items_alone(
    page, sign_in_browser, long_draft
):
    sign_in_browser("manager")
    page.goto(reverse("staff:assessment", args=[long_draft.pk]))
    group = page.locator(".assessment-group").filter(has_text="Extra item 1").first
    first = group.locator(".assessment-item").first
    first.locator("input[type=radio][value=not_met]").check()
    page.get_by_label("Only items still to rate").check()

    group.locator(".group-rating select").select_option("Partly met")
    group.get_by_role("button", name="Apply").click()

    expect(first.locator("input[type=radio][value=not_met]")).to_be_checked()
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_load_state()
    # "Skills · Level B": the heading as assessed and its level (the role is cumulative).
    heading, _, code = group.locator("h2").inner_text().partition(" · Level ")
    in_group = long_draft.items.filter(category_name=heading, level_code=code)
    ratings = list(in_group.values_list("rating", flat=True))
    assert sorted(set(ratings)) == ["not_met", "partly_met"]
    assert ratings.count("not_met") == 1


@pytest.mark.django_db(transaction=True)
def test_the_save_bar_takes_two_lines_at_most_on_a_phone(browser, live_server, long_draft):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("input[name=username]", "manager")
    page.fill("input[name=password]", builders.PASSWORD)
    page.click("button[type=submit]")
    page.goto(reverse("staff:assessment", args=[long_draft.pk]))
    bar = page.locator(".save-bar")
    expect(bar.locator(".unrated-filter")).to_be_visible()
    tops = bar.evaluate(
        """(bar) => [...bar.querySelectorAll('button, .unrated-count, .unrated-filter')]
             .map((el) => Math.round(el.getBoundingClientRect().top))"""
    )
    lines = []
    for top in sorted(tops):
        if not lines or top - lines[-1] > 12:
            lines.append(top)
    context.close()
    assert len(lines) <= 2, tops


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
