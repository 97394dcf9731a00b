"""API tests: the Chalice test client against moto's in-process AWS, with a clock the test controls."""
from __future__ import annotations

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
from tests.support import atomic_moto, shared_botocore_loader
from tests.support.portal import Browser, Outbox

atomic_moto.install()
shared_botocore_loader.install()

PASSWORD = "een-lang-genoeg-wachtwoord"
SECRETARIAT_PASSWORD = "secretariaat-wachtwoord-lang"


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
        from chalicelib.store import schema

        settings = get_settings()
        schema.create_tables()
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
def client(deps):
    from chalice.test import Client

    from app import app

    with Client(app) as test_client:
        yield test_client


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


def log_in(browser: Browser, outbox: Outbox, username: str, password: str, phone: str) -> None:
    """The full two-step login; asserts each step succeeds."""
    started = browser.post("/api/auth/login", {"username": username, "password": password})
    assert started.status == 200, started.body
    done = browser.post("/api/auth/code", {"code": outbox.last_code(phone)})
    assert done.status == 200, done.body


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
