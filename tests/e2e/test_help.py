"""The help page: instructiekaart, answers to the FAQ, and the secretariat's contact details."""
from playwright.sync_api import expect


def test_help_is_reachable_from_the_login_page_without_logging_in(new_page):
    # Given someone on the login page who needs help
    page = new_page()
    page.goto("/")

    # When they open the help page
    page.get_by_role("link", name="Hulp en instructiekaart").click()

    # Then the instructiekaart, the FAQ answers and the secretariat's details are there
    expect(page.get_by_role("heading", name="Instructiekaart")).to_be_visible()
    expect(page.get_by_role("heading", name="Een medewerker ziek melden")).to_be_visible()
    expect(page.get_by_role("heading", name="Mijn uitnodigingslink werkt niet")).to_be_visible()
    expect(page.get_by_role("link", name="0413-244211")).to_be_visible()
    expect(page.get_by_role("link", name="secretariaat@deverzuimmakelaar.nl")).to_be_visible()
    expect(page.get_by_role("button", name="Afdrukken")).to_be_visible()
