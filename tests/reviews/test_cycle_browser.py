"""On the demo organisation, in Chromium: HR opens a review cycle for one department; the
manager finds its drafts on their home page; the dashboard, the cycle and the team at a glance
follow each step."""

import datetime
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from staff.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/")


def figure_row(page, figure: str, row: str):
    return page.get_by_role("region", name=figure).get_by_role("row", name=re.compile(f"^{row}"))


@pytest.mark.django_db(transaction=True)
def test_hr_opens_a_cycle_and_every_page_follows_it(page, sign_in_browser, live_server):
    call_command("load_demo_data", stdout=None)
    due = datetime.date.today() + datetime.timedelta(days=30)

    sign_in_browser("hr", DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="What is waiting for you")).to_be_visible()
    page.get_by_role("link", name="Dashboard", exact=True).click()
    drafts_before = figure_row(page, "Assessments by state", "Draft").inner_text()
    expect(figure_row(page, "Assessments by state", "Draft")).to_contain_text("1")

    page.get_by_role("link", name="Review cycles").click()
    page.get_by_role("link", name="Open a review cycle").click()
    page.get_by_label("Name").fill("Finance spring review")
    page.get_by_label("Due date").fill(due.isoformat())
    page.get_by_label("Department").select_option("Finance")
    page.get_by_role("button", name="Open the cycle").click()
    expect(page.locator(".alert")).to_contain_text("“Finance spring review” is open")
    expect(page.get_by_text("Already in an open assessment:")).to_be_visible()
    expect(page.get_by_text("No line manager:")).to_be_visible()
    made = int(re.search(r"open: (\d+) draft", page.locator(".alert").inner_text()).group(1))
    assert made >= 2
    progress = page.get_by_text(re.compile(r"of \d+ complete")).first
    with_employee = int(re.search(r"With the employee (\d+)", progress.inner_text()).group(1))

    page.get_by_role("link", name="Dashboard", exact=True).click()
    drafts_after = figure_row(page, "Assessments by state", "Draft").inner_text()
    assert drafts_after != drafts_before
    sign_out(page)

    sign_in_browser("manager", DEMO_PASSWORD)
    drafts = page.get_by_role("region", name="Assessments to finish")
    expect(drafts).to_contain_text("Finance spring review")
    expect(drafts).to_contain_text(f"{due:%-d %B %Y}")
    navigation = page.get_by_role("navigation", name="Main navigation")
    expect(
        navigation.get_by_role("link", name=re.compile(r"^My team, \d+ to finish"))
    ).to_be_visible()

    page.get_by_role("link", name="Team at a glance").click()
    jo = page.get_by_role("row", name=re.compile("Jo Kowalski"))
    cells_before = jo.inner_text()

    page.get_by_role("link", name=re.compile("^To do")).click()
    page.get_by_role("region", name="Assessments to finish").get_by_role(
        "link", name="Jo Kowalski"
    ).click()
    for radio in page.locator("input[type=radio][value=met]").all():
        radio.check()
    page.get_by_label("Progress").check()
    page.get_by_role("button", name="Submit to Jo Kowalski").click()
    expect(page.locator(".assessment-status")).to_contain_text("Submitted")

    page.get_by_role("link", name=re.compile("^To do")).click()
    page.get_by_role("link", name="Team at a glance").click()
    jo = page.get_by_role("row", name=re.compile("Jo Kowalski"))
    expect(jo).not_to_have_text(cells_before)
    expect(jo.locator(".heat-met").first).to_be_visible()
    jo.locator(".heat-cell").first.click()
    expect(page.get_by_role("heading", name=re.compile("Jo Kowalski: "))).to_be_visible()
    expect(page.get_by_role("cell", name="Met").first).to_be_visible()
    sign_out(page)

    sign_in_browser("hr", DEMO_PASSWORD)
    page.get_by_role("link", name="Dashboard", exact=True).click()
    page.get_by_role("link", name="Review cycles").click()
    page.get_by_role("link", name="Finance spring review").click()
    expect(page.locator("body")).to_contain_text(f"With the employee {with_employee + 1}")
    page.get_by_role("button", name="Close the cycle").click()
    expect(page.locator(".alert")).to_contain_text("is closed")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the summary (CSV)").click()
    assert "Jo Kowalski" in Path(download.value.path()).read_text(encoding="utf-8")
