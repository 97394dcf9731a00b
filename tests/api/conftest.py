"""API tests: the Chalice test client against moto's in-process AWS, with a clock the test controls
(tests/support/api_fixtures.py), and a second employer's signed-in werkgever."""
from __future__ import annotations

import pytest

from chalicelib.services import admin
from tests.support.accounts import PASSWORD, log_in
from tests.support.api_fixtures import *  # noqa: F403 (pytest finds the shared fixtures by their names here)
from tests.support.documents import documents_bucket  # noqa: F401 (a fixture, as above)
from tests.support.organisation import manager_of, organisation  # noqa: F401 (fixtures, as above)
from tests.support.portal import Browser


@pytest.fixture
def other_employer_browser(deps, new_browser, outbox) -> Browser:
    other = admin.create_employer(deps, "Andere Werkgever BV")
    admin.provision_active_user(deps, username="anders", name="Anne Anders", email="anne@anders.nl",
                                role="werkgever", employer_id=other["employer_id"], phone="0622222222",
                                password=PASSWORD)
    browser = new_browser()
    log_in(browser, outbox, "anders", PASSWORD, "+31622222222")
    return browser
