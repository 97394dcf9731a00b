"""Account enumeration: server time of forgot-password and forgot-username, known against unknown; and of the
login's password step for an unknown username, a known one (wrong password) and a blocked account (the right
password, from a browser the account does not know), with their DynamoDB requests.

Run from the repo root: `.venv/bin/python bench/enumeration.py [RUNS]`. Prints figures; asserts no timing,
but stops if a request takes the wrong path (a known account that sent no email measures the wrong thing).
Requests go through the real HTTP layer (Chalice's test client, middleware included) on moto in-process,
with the answer floor at its default (RECOVERY_ANSWER_SECONDS unset), then again with the floor at 0.
moto's latency says nothing about AWS's: the ratios with the floor on are what carry over.
"""
from __future__ import annotations

import contextlib
import dataclasses
import functools
import io
import json
import statistics
import sys
import time
import warnings
from dataclasses import dataclass, field

import support
from chalice.test import Client
from moto import mock_aws
from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses.models import ses_backends

from app import app
from chalicelib.api import http
from chalicelib.services import admin
from chalicelib.settings import get_settings

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 31
USERNAME, EMAIL, PASSWORD = "wjansen", "wim@jansen.nl", "een-lang-genoeg-wachtwoord"
UNKNOWN_USERNAME, UNKNOWN_EMAIL = "niemand-bekend", "niemand@nergens.nl"
RATIO_LOW, RATIO_HIGH = 0.9, 1.1
# Before every request. 61 s clears the 60 s gap, but not the window: a reset claim is also limited to
# 5 per account per hour, and both known password cases claim for the same account, so with 61 s the
# known path would stop sending after a few rounds. An hour and a second clears both limits.
STEP_SECONDS = 3601
NOW = 1_790_000_000
HEADERS = {"Content-Type": "application/json", "X-CSRF-Token": "1"}


@dataclass
class Case:
    name: str
    path: str
    field: str
    value: str
    known: bool
    times: list[float] = field(default_factory=list)
    answers: set[tuple] = field(default_factory=set)


@dataclass
class Pair:
    name: str
    known: Case
    unknown: Case


def build_cases() -> list[Pair]:
    fp, fu = "/api/auth/forgot-password", "/api/auth/forgot-username"
    return [
        Pair("forgot-password, username", Case("forgot-password, known username", fp, "identifier", USERNAME, True),
             Case("forgot-password, unknown username", fp, "identifier", UNKNOWN_USERNAME, False)),
        Pair("forgot-password, email", Case("forgot-password, known email", fp, "identifier", EMAIL, True),
             Case("forgot-password, unknown email", fp, "identifier", UNKNOWN_EMAIL, False)),
        Pair("forgot-username, email", Case("forgot-username, known email", fu, "email", EMAIL, True),
             Case("forgot-username, unknown email", fu, "email", UNKNOWN_EMAIL, False)),
    ]


def emails_sent() -> int:
    return len(ses_backends[DEFAULT_ACCOUNT_ID][get_settings().region].sent_messages)


def send(client, clock: support.Clock, case: Case, record: bool) -> None:
    """One request, a fresh rate-limit window before it; its time, and its answer for the comparison."""
    clock.now += STEP_SECONDS
    body = json.dumps({case.field: case.value}).encode()
    before = emails_sent()
    # The metrics middleware prints its EMF line on flush (a found account counts EmailSent); it stays in
    # the timed path, as it does in Lambda, but goes to a buffer instead of this table.
    with contextlib.redirect_stdout(io.StringIO()):
        start = time.perf_counter()
        response = client.http.post(case.path, headers=HEADERS, body=body)
        elapsed = time.perf_counter() - start
    sent = emails_sent() - before
    if response.status_code != 200 or sent != int(case.known):
        raise SystemExit(f"{case.name}: status {response.status_code}, {sent} emails sent "
                         f"(expected 200 and {int(case.known)}): {response.body!r}")
    if record:
        case.times.append(elapsed)
        case.answers.add((response.status_code, response.body, tuple(sorted(response.headers.items()))))


def one_round(client, clock: support.Clock, pairs: list[Pair], run: int, record: bool = True) -> None:
    """Every case once; known first on even runs, unknown first on odd ones, so drift hits both alike."""
    for pair in pairs:
        first, second = (pair.known, pair.unknown) if run % 2 == 0 else (pair.unknown, pair.known)
        send(client, clock, first, record)
        send(client, clock, second, record)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def same(known: set[tuple], unknown: set[tuple], part: int) -> str:
    values = {answer[part] for answer in known | unknown}
    return "yes" if len(values) == 1 else f"NO ({len(values)} variants)"


def report(floored: list[Pair], floorless: list[Pair], floor_s: float) -> None:
    print(f"enumeration benchmark · {support.where_and_when()}")
    print(f"{RUNS} runs per case on moto (in-process), through Chalice's test client · answer floor "
          f"recovery_answer_seconds={floor_s:g} s (default) · clock +{STEP_SECONDS} s per request · server time, ms")
    print()
    header = f"{'case (floor on)':<36} {'median':>7} {'p10':>7} {'p90':>7}  emails/req"
    print(header)
    print("-" * len(header))
    for pair in floored:
        for case in (pair.known, pair.unknown):
            deciles = statistics.quantiles(case.times, n=10, method="inclusive")
            print(f"{case.name:<36} {ms(statistics.median(case.times)):>7} {ms(deciles[0]):>7} "
                  f"{ms(deciles[8]):>7}  {int(case.known):>10}")
    print()
    header = (f"{'pair (floor on)':<28} {'known':>7} {'unknown':>7} {'ratio':>6}  {'target 0.9-1.1':<14}  "
              f"{'same status':<11} {'same body':<9} {'same headers':<12}")
    print(header)
    print("-" * len(header))
    for pair in floored:
        known, unknown = statistics.median(pair.known.times), statistics.median(pair.unknown.times)
        ratio = known / unknown
        verdict = "met" if RATIO_LOW <= ratio <= RATIO_HIGH else "NOT met"
        print(f"{pair.name:<28} {ms(known):>7} {ms(unknown):>7} {ratio:>6.3f}  {verdict:<14}  "
              f"{same(pair.known.answers, pair.unknown.answers, 0):<11} "
              f"{same(pair.known.answers, pair.unknown.answers, 1):<9} "
              f"{same(pair.known.answers, pair.unknown.answers, 2):<12}")
    print()
    header = f"{'pair, floor off (contrast)':<28} {'known':>7} {'unknown':>7} {'ratio':>6} {'known-unknown':>14}"
    print(header)
    print("-" * len(header))
    for pair in floorless:
        known, unknown = statistics.median(pair.known.times), statistics.median(pair.unknown.times)
        print(f"{pair.name:<28} {ms(known):>7} {ms(unknown):>7} {known / unknown:>6.3f} "
              f"{ms(known - unknown):>14}")
    print()
    print("known/unknown = median server time of that case, ms; ratio = known median / unknown median.")
    print("same status/body/headers: every answer of the pair, over all runs, had the same bytes (it must).")
    print("Floor off: recovery_answer_seconds=0 via dataclasses.replace, same tables and clock; it shows what")
    print("the floor hides on the found path (reset-token write, SES send, EmailSent metric).")
    print("Each known request is checked to send exactly one email, each unknown one none; else the run stops.")


@dataclass
class LoginCase:
    name: str
    username: str
    password: str
    times: list[float] = field(default_factory=list)
    requests: list[int] = field(default_factory=list)
    answers: set[tuple] = field(default_factory=set)


BLOCKED_USERNAME, BLOCKED_PHONE = "bgeblokkeerd", "0687650000"


def login_cases() -> list[LoginCase]:
    return [LoginCase("unknown username", UNKNOWN_USERNAME, "fout-wachtwoord-123"),
            LoginCase("known username, wrong password", USERNAME, "fout-wachtwoord-123"),
            LoginCase("blocked account, right password", BLOCKED_USERNAME, PASSWORD)]


def block(client, username: str) -> None:
    """Five wrong second factors after the right password: the account is blocked (the secretariat unlocks)."""
    with contextlib.redirect_stdout(io.StringIO()):
        started = client.http.post("/api/auth/login", headers=HEADERS,
                                   body=json.dumps({"username": username, "password": PASSWORD}).encode())
        set_cookie = started.headers["Set-Cookie"]
        cookie = (set_cookie[0] if isinstance(set_cookie, list) else set_cookie).split(";", 1)[0]
        for _ in range(5):
            answer = client.http.post("/api/auth/code", headers={**HEADERS, "Cookie": cookie},
                                      body=json.dumps({"code": "zzzzzz"}).encode())
    if answer.status_code != 423:
        raise SystemExit(f"could not block {username}: {answer.status_code} {answer.body!r}")


def login_round(client, clock: support.Clock, cases: list[LoginCase], run: int, instruments: support.Instruments,
                record: bool) -> None:
    """Each case once from a browser with no cookies, in a rotating order; the wait of the guess count passed."""
    order = cases[run % len(cases):] + cases[:run % len(cases)]
    for case in order:
        clock.now += 25 * 3600  # the longest wait of domain/lockout.py: every case is checked, none refused unchecked
        body = json.dumps({"username": case.username, "password": case.password}).encode()
        with contextlib.redirect_stdout(io.StringIO()):
            elapsed, meter, response = instruments.measure(
                functools.partial(client.http.post, "/api/auth/login", headers=HEADERS, body=body))
        if response.status_code != 401:
            raise SystemExit(f"{case.name}: status {response.status_code} (expected 401): {response.body!r}")
        if record:
            case.times.append(elapsed)
            case.requests.append(meter.requests("dynamodb"))
            case.answers.add((response.status_code, response.body))


def report_login(cases: list[LoginCase]) -> None:
    print()
    print(f"Login, password step (POST /api/auth/login from a browser the account does not know) · {RUNS} runs per "
          "case, order rotated · server time, ms")
    header = (f"{'case':<34} {'median':>7} {'p10':>7} {'p90':>7} {'DDB req':>7}  {'÷ unknown':>9}  "
              f"{'target 0.9-1.1':<14}  {'same answer':<11}")
    print(header)
    print("-" * len(header))
    unknown = statistics.median(cases[0].times)
    answers = set().union(*(case.answers for case in cases))
    for case in cases:
        deciles = statistics.quantiles(case.times, n=10, method="inclusive")
        ratio = statistics.median(case.times) / unknown
        requests = sorted(set(case.requests))
        print(f"{case.name:<34} {ms(statistics.median(case.times)):>7} {ms(deciles[0]):>7} {ms(deciles[8]):>7} "
              f"{'/'.join(map(str, requests)):>7}  {ratio:>8.3f}×  "
              f"{'met' if RATIO_LOW <= ratio <= RATIO_HIGH else 'NOT met':<14}  "
              f"{'yes' if len(answers) == 1 else f'NO ({len(answers)})':<11}")
    print("DDB req: DynamoDB requests of that case (every run). same answer: status and body of every login of the "
          "three cases were one and the same.")


def main() -> None:
    floored, floorless = build_cases(), build_cases()
    instruments = support.Instruments().install()  # counts the DynamoDB requests of a login
    with mock_aws():
        settings = get_settings()
        support.create_tables()
        clock = support.Clock(NOW)
        deps = support.portal_deps(clock)
        no_floor = dataclasses.replace(deps, settings=dataclasses.replace(settings, recovery_answer_seconds=0))
        employer = admin.create_employer(deps, "Bakkerij Jansen BV")
        admin.provision_active_user(deps, username=USERNAME, name="Wim Jansen", email=EMAIL, role="werkgever",
                                    employer_id=employer["employer_id"], phone="0612345678", password=PASSWORD)
        admin.provision_active_user(deps, username=BLOCKED_USERNAME, name="Bea Geblokkeerd", email="bea@jansen.nl",
                                    role="werkgever", employer_id=employer["employer_id"], phone=BLOCKED_PHONE,
                                    password=PASSWORD)
        current = deps
        http.deps_provider = lambda: current
        warnings.simplefilter("ignore")  # Powertools warns on every flush without metrics (the unknown path)
        with Client(app) as client:
            # A round without the floor warms the process (SES client, botocore models); not recorded.
            current = no_floor
            one_round(client, clock, floorless, 0, record=False)
            current = deps
            for run in range(RUNS):
                one_round(client, clock, floored, run)
            current = no_floor
            for run in range(RUNS):
                one_round(client, clock, floorless, run)
            current = deps
            block(client, BLOCKED_USERNAME)
            logins = login_cases()
            login_round(client, clock, logins, 0, instruments, record=False)  # warms the guess counters' code path
            for run in range(RUNS):
                login_round(client, clock, logins, run, instruments, record=True)
    report(floored, floorless, settings.recovery_answer_seconds)
    report_login(logins)


if __name__ == "__main__":
    main()
