"""The contract, fuzzed: schemathesis generates requests from the OpenAPI document the stand-in serves
(/api/openapi.json, the same as docs/openapi.json) and sends them to a stand-in of its own, signed in as the demo
werkgever or the demo secretariat with the CSRF header as the portal's script sends it. Every answer must be no
server error, with a documented status, content type and body.

A stand-in of its own: what the fuzzer writes (employees, absences, invitations) stays out of the browser tests'.
Routes that would end or block the fuzzer's own sessions are left out (logout, ending a session, re-authentication
with made-up passwords, deactivating a user); tests/api covers them.
"""
from __future__ import annotations

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.support.standin import DEMO_PASSWORD, StandIn, running

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = 12
LEFT_OUT = {"logout", "end_session", "start_reauth", "confirm_reauth", "deactivate"}
USERS = {"werkgever": "+31612345678", "secretariaat": "+31687654321"}


@pytest.fixture(scope="module")
def fuzzed():
    with running() as server:
        yield server


@pytest.fixture(scope="module")
def sessions(fuzzed) -> dict[str, requests.Session]:
    return {username: _signed_in(fuzzed, username, phone) for username, phone in USERS.items()}


def _signed_in(server: StandIn, username: str, phone: str) -> requests.Session:
    browser = requests.Session()
    browser.headers["X-CSRF-Token"] = "1"
    answer = browser.post(f"{server.url}/api/auth/login", json={"username": username, "password": DEMO_PASSWORD})
    assert answer.status_code == 200, answer.text
    _as_a_browser_on_localhost(browser)
    answer = browser.post(f"{server.url}/api/auth/code", json={"code": server.last_sms_code(phone)})
    assert answer.status_code == 200, answer.text
    _as_a_browser_on_localhost(browser)
    browser.headers["X-CSRF-Token"] = browser.cookies["vp_csrf"]
    return browser


def _as_a_browser_on_localhost(browser: requests.Session) -> None:
    """The portal's cookies are Secure; a browser sends them to http://127.0.0.1 (a secure context), requests
    does not."""
    for cookie in browser.cookies:
        cookie.secure = False


def test_every_generated_request_gets_a_documented_answer(fuzzed, sessions):
    # schemathesis' own pytest plugin does not run under pytest 9: each operation gets a Hypothesis test here
    schema = schemathesis.openapi.from_url(f"{fuzzed.url}/api/openapi.json")
    failures: list[str] = []
    operations = 0
    for result in schema.exclude(operation_id=sorted(LEFT_OUT)).get_all_operations():
        operation = result.ok()
        operations += 1
        signed_in = sessions["secretariaat" if operation.definition.raw.get("x-role") == "secretariaat"
                             else "werkgever"]

        try:
            _fuzz(operation, fuzzed.url, signed_in)
        except Exception as failure:
            failures.append(f"{operation.method.upper()} {operation.path}: {failure}"[:2000])
    assert operations >= 40, "the document names the portal's routes"
    assert failures == [], "\n\n".join(failures)


def _fuzz(operation, base_url: str, signed_in: requests.Session) -> None:
    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def answers_as_documented(case):
        case.call_and_validate(base_url=base_url, session=signed_in, checks=CHECKS)

    answers_as_documented()
