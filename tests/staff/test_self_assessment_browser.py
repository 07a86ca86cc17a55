"""The employee's journey in Chromium: read the next level, rate myself, add evidence; then the
manager sees those ratings and that evidence in the assessment form."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from roles.models import RequirementItem
from staff.models import SelfRating

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_employee_self_assesses_two_items_and_the_manager_sees_them(
    page, sign_in_browser, employee, manager
):
    first, second = RequirementItem.objects.filter(level=employee.level.next_level()).order_by(
        "group__order", "order"
    )[:2]

    sign_in_browser("employee")
    page.get_by_role("link", name="My profile").click()
    expect(page.locator("#next-level")).to_contain_text(first.text)

    page.get_by_role("link", name="Rate myself against Level B").click()
    # The page's script saves each choice; choosing before it has run would save nothing.
    page.wait_for_load_state("load")
    for item, rating in ((first, "met"), (second, "partly_met")):
        page.select_option(f"#id_rating-{item.pk}", rating)
        status = page.locator(f".self-rating-item[data-requirement='{item.pk}'] .save-status")
        expect(status).to_have_text("Saved")
    # Saved as they went, by the page's script: the form itself was never submitted.
    assert dict(SelfRating.objects.values_list("requirement_id", "rating")) == {
        first.pk: "met",
        second.pk: "partly_met",
    }

    evidence = page.locator("#add-evidence")
    evidence.get_by_label("What you did").fill("Led the renewals audit for 40 policies")
    for item in (first, second):
        evidence.locator(f"input[name=requirements][value='{item.pk}']").check()
    evidence.get_by_role("button", name="Add evidence").click()
    expect(page.locator(".alert-success")).to_have_text("Your evidence was added.")

    page.get_by_role("button", name="Sign out").click()
    sign_in_browser("manager")
    page.goto(reverse("staff:person", args=[employee.pk]))
    page.get_by_role("link", name="Start an assessment").click()
    page.get_by_role("button", name="Start the assessment").click()
    for item, own_rating in ((first, "Met"), (second, "Partly met")):
        assessed = page.locator(".assessment-item").filter(has_text=item.text)
        expect(assessed.locator(".self-rating")).to_contain_text(f"own rating: {own_rating}")
        expect(assessed.locator(".evidence-list")).to_contain_text(
            "Led the renewals audit for 40 policies"
        )
