"""Service tests: the use cases called directly, with fakes for our ports and the in-memory store — no moto, no
AWS. Any botocore request fails the test (`without_aws`), so a path that still reaches DynamoDB, SNS, SES or KMS
shows up at once, as does a store function the fake lacks (tests/support/fake_store.NotInFakeStore)."""
from __future__ import annotations

from dataclasses import replace

import pytest

from chalicelib.domain.accounts import SECRETARIAT_SCOPE
from chalicelib.services import admin
from chalicelib.services.deps import Deps
from chalicelib.services.hashing import PasswordHashing
from chalicelib.services.sessions import Principal
from chalicelib.settings import get_settings
from chalicelib.store import records
from tests.support.accounts import PASSWORD
from tests.support.fake_store import FakeStore, refuse_aws_calls
from tests.support.fakes import FakeEmail, FakeQueue, FakeSecretBox, FakeSms, FixedClock

# argon2 at its cheapest (the settings' own knobs): a hash or check in well under a millisecond, so that each test
# takes milliseconds. No waiting for the recovery answer time either; what is tested stays the same.
SETTINGS = replace(get_settings(), argon2_time_cost=1, argon2_memory_kib=8, argon2_parallelism=1,
                   recovery_answer_seconds=0.0)
_PASSWORDS = PasswordHashing(SETTINGS)  # one per run, as one per Lambda process: its decoy hash is made once


@pytest.fixture(autouse=True)
def without_aws(monkeypatch):
    """Every botocore request fails, and fails the test even where the code under test swallows the error."""
    calls = refuse_aws_calls(monkeypatch)
    yield calls
    assert not calls.tried, f"this service test reached AWS: {calls.tried}"


@pytest.fixture(autouse=True)
def fake_store(monkeypatch) -> FakeStore:
    """The in-memory store in place of `chalicelib.store`'s modules, for this test only."""
    return FakeStore().install(monkeypatch)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def sms() -> FakeSms:
    return FakeSms()


@pytest.fixture
def email() -> FakeEmail:
    return FakeEmail()


@pytest.fixture
def queue() -> FakeQueue:
    return FakeQueue()


@pytest.fixture
def secrets() -> FakeSecretBox:
    return FakeSecretBox()


@pytest.fixture
def deps(clock, sms, email, secrets) -> Deps:
    return Deps(settings=SETTINGS, sms=sms, email=email, secrets=secrets, clock=clock, passwords=_PASSWORDS)


@pytest.fixture
def employer(deps) -> str:
    """Bakkerij Jansen BV's employer id."""
    return admin.create_employer(deps, "Bakkerij Jansen BV")["employer_id"]


@pytest.fixture
def wim(deps, employer) -> records.User:
    """Wim Jansen, werkgever at Bakkerij Jansen BV, active with a password and a verified mobile number."""
    return admin.provision_active_user(deps, username="wjansen", name="Wim Jansen", email="wim@jansen.nl",
                                       role="werkgever", employer_id=employer, phone="0612345678", password=PASSWORD)


@pytest.fixture
def secretariat(deps) -> records.User:
    return admin.provision_active_user(deps, username="secretariaat", name="Sanne de Secretaris",
                                       email="sanne@deverzuimmakelaar.nl", role="secretariaat",
                                       employer_id=SECRETARIAT_SCOPE, phone="+31687654321", password=PASSWORD)


@pytest.fixture
def principal_of(deps):
    """`principal_of(user)`: what the API layer hands a service for that user signed in (sessions.authenticate),
    working in their own employer."""
    def signed_in(user: records.User) -> Principal:
        return Principal(user.user_id, user.role, user.employer_id, f"session-of-{user.user_id}", deps.now(),
                         frozenset({user.employer_id}))

    return signed_in


@pytest.fixture
def werkgever(wim, principal_of) -> Principal:
    """Wim, signed in."""
    return principal_of(wim)
