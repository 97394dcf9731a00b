"""The phone call "ik ben geblokkeerd": the secretariat's home lists the blocked account, Beheer finds her by part of
her name at any employer, and Deblokkeren lets her in again — on a phone's width and on a desktop's."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support.pages import PASSWORD, api, onboard

_FIRST_NAMES = {375: "Roosmarijn", 1280: "Hendrikje"}


def _block(new_page, username: str) -> None:
    """Someone with her password types five wrong SMS codes: the account is blocked."""
    request, headers = new_page().request, {"X-CSRF-Token": "1"}
    api(request.post("/api/auth/login", data={"username": username, "password": PASSWORD}, headers=headers))
    for _ in range(5):
        answer = request.post("/api/auth/code", data={"code": "zzzzzz"}, headers=headers)
    assert answer.json()["error"] == "account_blocked"


@pytest.mark.parametrize("width", sorted(_FIRST_NAMES))
def test_a_blocked_user_is_on_the_home_list_found_by_part_of_her_name_and_unblocked(width, secretariat,
                                                                                     secretariat_context, new_page,
                                                                                     stand_in):
    # Given a user of Demo BV who got blocked
    _, user = onboard(secretariat, new_page, stand_in, _FIRST_NAMES[width])
    _block(new_page, user.username)
    desk = secretariat_context.new_page()
    desk.set_viewport_size({"width": width, "height": 900})

    # When the secretariat opens its home, the blocked account is listed with the way to unblock it
    desk.goto("/home.html")
    blocked = desk.get_by_role("region", name=re.compile(r"^Geblokkeerde accounts \(\d+\)"))
    link = blocked.get_by_role("link", name=f"{user.name}: Deblokkeren")
    expect(link).to_be_visible()

    # and the link opens Beheer on her, blocked
    link.click()
    expect(desk).to_have_url(re.compile(r"/admin\.html\?zoek="))
    expect(desk.locator("#search-hits tr").filter(has_text=user.email)).to_contain_text("Geblokkeerd")

    # When the secretariat searches her by part of her first name
    desk.get_by_label("Naam, gebruikersnaam of e-mailadres").fill(_FIRST_NAMES[width][:5].lower())
    desk.get_by_role("button", name="Zoeken", exact=True).click()
    row = desk.locator("#search-hits tr").filter(has_text=user.email)
    expect(row).to_contain_text("Demo BV")
    expect(row).to_contain_text("Geblokkeerd")

    # and clicks Deblokkeren
    row.get_by_role("button", name="Deblokkeren").click()

    # Then she is active again, the secretariat is told she gets an email, and home no longer lists her
    expect(row).to_contain_text("Actief")
    expect(row.get_by_role("button", name="Deblokkeren")).to_have_count(0)
    expect(desk.get_by_role("status")).to_contain_text("is gedeblokkeerd")
    desk.goto("/home.html")
    expect(desk.get_by_role("heading", name=re.compile(r"^Geblokkeerde accounts"))).to_be_visible()
    expect(desk.get_by_role("link", name=f"{user.name}: Deblokkeren")).to_have_count(0)
    desk.close()


def test_a_search_that_finds_nobody_says_what_to_try(secretariat_desk):
    desk = secretariat_desk

    desk.get_by_label("Naam, gebruikersnaam of e-mailadres").fill("qqxyzzy")
    desk.get_by_role("button", name="Zoeken", exact=True).click()

    expect(desk.get_by_role("heading", name="0 gebruikers gevonden")).to_be_visible()
    expect(desk.get_by_text("Geen gebruiker gevonden bij \u201cqqxyzzy\u201d.")).to_be_visible()
    expect(desk.get_by_text("Probeer een ander deel van de naam")).to_be_visible()
