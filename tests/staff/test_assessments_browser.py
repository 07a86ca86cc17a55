"""The whole journey in Chromium: the manager records and submits an assessment, the employee
acknowledges it from the emailed link, HR approves it, and the employee's profile shows the
new level."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def emailed_link(to: str) -> str:
    message = [m for m in mail.outbox if to in m.to][-1]
    return re.search(r"https?://\S+", message.body).group(0)


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/")


@pytest.mark.django_db(transaction=True)
def test_an_assessment_from_the_manager_to_hr_approval(
    page, sign_in_browser, live_server, settings, manager, employee, hr
):
    settings.SITE_URL = live_server.url

    sign_in_browser("manager")
    page.get_by_role("link", name="My team").click()
    page.get_by_role("link", name="Employee Tester").click()
    page.get_by_role("link", name="Start an assessment").click()
    page.get_by_role("button", name="Start the assessment").click()
    for radio in page.locator("input[type=radio][value=met]").all():
        radio.check()
    page.locator("textarea[name=evidence_text]").fill("Handled the annual renewals alone")
    page.get_by_label("Supported by the new evidence").first.check()
    page.get_by_label("Progress").check()
    page.get_by_role("button", name="Submit to Employee Tester").click()
    expect(page.locator(".assessment-status")).to_contain_text("Submitted")
    assert "Handled the annual renewals alone" in page.content()
    sign_out(page)

    sign_in_browser("employee")
    page.goto(emailed_link("employee@example.org"))
    page.get_by_label("Your comment").fill("Thank you, a fair picture")
    page.get_by_role("button", name="Acknowledge").click()
    expect(page.locator(".assessment-status")).to_contain_text("Acknowledged")
    sign_out(page)

    sign_in_browser("hr")
    page.get_by_role("link", name="Approvals").click()
    page.get_by_role("link", name="Employee Tester").click()
    page.get_by_label("Effective date").fill("2026-12-01")
    page.get_by_role("button", name="Approve").click()
    expect(page.locator(".assessment-status")).to_contain_text("Approved")
    assert len(mail.outbox) == 3  # the employee, HR, then the employee and manager together
    sign_out(page)

    sign_in_browser("employee")
    page.goto(emailed_link("employee@example.org"))
    page.get_by_role("heading").get_by_role("link", name="Employee Tester").click()
    expect(page.locator(".current-level")).to_contain_text("Level B")
    expect(page.locator(".level-history")).to_contain_text("from level A to level B")
