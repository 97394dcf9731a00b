"""A task explains itself on home and on the verzuim page, and leads to its step on the instructiekaart."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.support.pages import log_in
from tests.support.standin import DEMO_PASSWORD

WERKGEVER_PHONE = "+31612345678"


def test_a_task_says_what_who_and_by_when_and_links_to_the_instructiekaart(new_page, stand_in):
    # Given the demo werkgever, whose employee is sick, on home
    page = new_page()
    log_in(page, stand_in, "werkgever", DEMO_PASSWORD, WERKGEVER_PHONE)
    card = page.locator("#cases .task").filter(has=page.get_by_text("Ziekmelding aan de arbodienst", exact=True)).first

    # When she opens "Wat houdt deze taak in?" on the arbodienst task
    card.get_by_text("Wat houdt deze taak in?").click()

    # Then it says that her ziekmelding here is not that report, who acts and by when
    expect(card).to_contain_text("uw ziekmelding in dit portaal is niet deze melding")
    expect(card.locator("dt", has_text="Wie")).to_be_visible()
    expect(card).to_contain_text("Binnen een week na de eerste ziektedag")
    # And its link opens the step on the instructiekaart
    card.get_by_role("link", name="Ziekmelding aan de arbodienst in de instructiekaart").click()
    expect(page).to_have_url(re.compile(r"/hulp\.html#taak-ziekmelding_arbodienst$"))
    expect(page.locator("#taak-ziekmelding_arbodienst")).to_be_in_viewport()

    # And on the verzuim page its tasks explain themselves too
    page.goto("/home.html")
    page.locator("#cases .case__title a").first.click()
    expect(page).to_have_url(re.compile(r"/verzuim\.html\?id="))

    task = page.locator(".task").filter(has=page.get_by_text("Probleemanalyse ontvangen en besproken", exact=True))
    task.get_by_text("Wat houdt deze taak in?").click()

    expect(task).to_contain_text("De bedrijfsarts stelt haar op")


def test_the_verzuim_page_puts_herstel_melden_and_the_correction_above_the_tasks(new_page, stand_in):
    # Given the demo werkgever opens her sick employee's absence, which has many open tasks
    page = new_page()
    log_in(page, stand_in, "werkgever", DEMO_PASSWORD, WERKGEVER_PHONE)
    page.locator("#cases .case__title a").first.click()
    expect(page).to_have_url(re.compile(r"/verzuim\.html\?id="))
    tasks = page.get_by_role("heading", name="Openstaande taken")
    expect(tasks).to_be_visible()

    # Then "Herstel melden" and "Eerste ziektedag corrigeren" come before the list of tasks, near the top
    recovery = page.get_by_role("heading", name="Herstel melden").bounding_box()
    correction = page.get_by_text("Eerste ziektedag corrigeren").bounding_box()
    assert recovery["y"] < tasks.bounding_box()["y"] and correction["y"] < tasks.bounding_box()["y"]
    assert recovery["y"] < 1000
