"""The in-process API harness that tests/api and tests/faults share, as pytest fixtures (their conftest.py files
import them): the Chalice test client against moto's in-process AWS, with a clock the test controls; the users
and their signed-in browsers; and two checks on every test, that each AWS call is one the calling function's
role grants and that each route sending an SMS or checking a password is marked for the WAF."""
from __future__ import annotations

from collections.abc import Callable

import boto3
import pytest
from moto import mock_aws

from chalicelib.api import http
from chalicelib.domain.accounts import SECRETARIAT_SCOPE
from chalicelib.keys import KmsSecretBox
from chalicelib.notify.aws import SesEmail, SnsSms
from chalicelib.services import admin
from chalicelib.services.deps import Deps
from chalicelib.services.hashing import PasswordHashing
from chalicelib.settings import get_settings
from infra.aws import access
from tests.support import atomic_moto, aws_calls, iam, shared_botocore_loader
from tests.support.accounts import PASSWORD, SECRETARIAT_PASSWORD, log_in
from tests.support.moto_tables import make_empty_tables
from tests.support.portal import Browser, Outbox

atomic_moto.install()
shared_botocore_loader.install()

__all__ = ["aws", "totp_key", "clock", "deps", "client", "every_call_is_granted_to_the_function_that_makes_it",
           "every_route_that_sends_sms_or_checks_a_password_is_marked_for_the_waf", "browser", "new_browser",
           "outbox", "employer", "werkgever", "secretariat", "werkgever_browser", "secretariat_browser"]
"""The fixtures, for `from tests.support.api_fixtures import *` in a conftest.py."""


class _Shipped:
    """Which shipped function is running now (a route: the API; `client.lambda_.invoke`: that function), the AWS
    calls made in this test while one was — not the tests' own setup — and the routes that checked a password."""
    running: access.Function | None = None
    route: tuple[str, str] | None = None
    calls: list[dict] = []
    password_checks: list[tuple[str, str] | None] = []


aws_calls.install(_Shipped.calls, maker=lambda: (_Shipped.running.logical_id, _Shipped.route)
                  if _Shipped.running else None)
_FUNCTIONS = {function.logical_id: function for function in access.FUNCTIONS}


def _running(function: access.Function, call: Callable, route: tuple[str, str] | None = None) -> object:
    _Shipped.running, _Shipped.route = function, route
    try:
        return call()
    finally:
        _Shipped.running = _Shipped.route = None


def _route_of(event: dict) -> tuple[str, str]:
    return event["requestContext"]["httpMethod"], event["requestContext"]["resourcePath"]


# One hasher for the run, as one per Lambda process: its decoy hash is made once.
_PASSWORDS = PasswordHashing(get_settings())


class Clock:
    def __init__(self, start: int = 1_790_000_000):
        self.now = start

    def __call__(self) -> int:
        return self.now

    def advance(self, seconds: int) -> None:
        self.now += seconds


@pytest.fixture
def aws():
    with mock_aws():
        settings = get_settings()
        make_empty_tables()
        ses = boto3.client("ses", region_name=settings.region)
        ses.verify_email_identity(EmailAddress=settings.email_sender)
        yield


@pytest.fixture
def totp_key(aws):
    """The KMS key that seals authenticator-app secrets (made only where needed: creating one is slow)."""
    settings = get_settings()
    kms = boto3.client("kms", region_name=settings.region)
    key = kms.create_key(Description="TOTP secrets")["KeyMetadata"]["KeyId"]
    kms.create_alias(AliasName=settings.totp_key_id, TargetKeyId=key)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def deps(aws, clock, monkeypatch) -> Deps:
    settings = get_settings()
    built = Deps(settings=settings, sms=SnsSms(settings.region, settings.sms_sender_id),
                 email=SesEmail(settings.region, settings.email_sender),
                 secrets=KmsSecretBox(settings.region, settings.totp_key_id), clock=clock, passwords=_PASSWORDS)
    monkeypatch.setattr(http, "deps_provider", lambda: built)
    return built


@pytest.fixture
def client(deps, monkeypatch):
    from chalice.test import Client, TestLambdaClient

    from app import app

    handle, invoke = type(app).__call__, TestLambdaClient.invoke
    monkeypatch.setattr(type(app), "__call__", lambda self, event, context: _running(
        access.API, lambda: handle(self, event, context), _route_of(event)))
    monkeypatch.setattr(TestLambdaClient, "invoke", lambda self, name, payload=None: _running(
        _FUNCTIONS["".join(part.title() for part in name.split("_"))], lambda: invoke(self, name, payload)))
    with Client(app) as test_client:
        yield test_client


@pytest.fixture(autouse=True)
def every_call_is_granted_to_the_function_that_makes_it():
    """Least privilege without outages: each AWS call a route (or an invoked background function) makes must be
    one infra/aws/access.py grants that function — its role is built from that table — else the test fails
    naming the call. tests/package checks the synthesised roles themselves."""
    _Shipped.calls.clear()
    yield
    settings = get_settings()
    refused = [f"{logical_id}: {line}" for logical_id, function in _FUNCTIONS.items()
               for line in iam.refusals_by_access(function, [c for c in _Shipped.calls if c["by"][0] == logical_id],
                                                  settings.table_prefix, settings.email_sender, settings.totp_key_id)]
    assert not refused, ("calls the function's role would refuse (grant them in infra/aws/access.py):\n"
                         + "\n".join(sorted(set(refused))))


@pytest.fixture(autouse=True)
def every_route_that_sends_sms_or_checks_a_password_is_marked_for_the_waf(monkeypatch):
    """The WAF's rules are made from the routes marked with http.Edge: a route that sends an SMS or checks a
    password without its mark would be out of their reach, so the test that makes it do so fails."""
    _Shipped.password_checks.clear()
    verify = _PASSWORDS.verify
    monkeypatch.setattr(_PASSWORDS, "verify", lambda stored, password: (
        _Shipped.running is access.API and _Shipped.password_checks.append(_Shipped.route)) or verify(stored, password))
    yield
    marks = {(method, path): set(edges) for path, methods, edges in http.EDGE_ROUTES for method in methods}
    sms = {c["by"][1] for c in _Shipped.calls if c["by"][0] == access.API.logical_id and c["operation"] == "Publish"}
    unmarked = [f"{method} {path} sends an SMS without Edge.SMS" for method, path in sms
                if http.Edge.SMS not in marks.get((method, path), ())]
    unmarked += [f"{method} {path} checks a password without Edge.SIGN_IN" for method, path in
                 set(_Shipped.password_checks) if http.Edge.SIGN_IN not in marks.get((method, path), ())]
    assert not unmarked, "mark these routes in chalicelib/api (api_route(..., edge=...)):\n" + "\n".join(unmarked)


@pytest.fixture
def browser(client) -> Browser:
    return Browser(client)


@pytest.fixture
def new_browser(client):
    return lambda: Browser(client)


@pytest.fixture
def outbox() -> Outbox:
    return Outbox()


@pytest.fixture
def employer(deps) -> dict:
    return admin.create_employer(deps, "Bakkerij Jansen BV")


@pytest.fixture
def werkgever(deps, employer):
    return admin.provision_active_user(deps, username="wjansen", name="Wim Jansen", email="wim@jansen.nl",
                                       role="werkgever", employer_id=employer["employer_id"],
                                       phone="0612345678", password=PASSWORD)


@pytest.fixture
def secretariat(deps):
    return admin.provision_active_user(deps, username="secretariaat", name="Sanne de Secretaris",
                                       email="sanne@deverzuimmakelaar.nl", role="secretariaat",
                                       employer_id=SECRETARIAT_SCOPE, phone="+31687654321",
                                       password=SECRETARIAT_PASSWORD)


@pytest.fixture
def werkgever_browser(new_browser, outbox, werkgever) -> Browser:
    b = new_browser()
    log_in(b, outbox, "wjansen", PASSWORD, "+31612345678")
    return b


@pytest.fixture
def secretariat_browser(new_browser, outbox, secretariat) -> Browser:
    b = new_browser()
    log_in(b, outbox, "secretariaat", SECRETARIAT_PASSWORD, "+31687654321")
    return b
