"""Login on moto: server time per step, the part spent in argon2, and DynamoDB requests per step.

Run from the repo root: `.venv/bin/python bench/login.py [RUNS]`. Prints figures; asserts no timing.
moto's latency says nothing about DynamoDB's; the request and item counts are what carry over to AWS.
"""
from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import argon2
import support
from moto import mock_aws

from chalicelib.domain.errors import InvalidCredentials
from chalicelib.observability import metrics
from chalicelib.services import admin, auth, sessions
from chalicelib.services.deps import Deps
from chalicelib.settings import get_settings
from tests.support.portal import Outbox

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 30
COLLEAGUES = 20  # other users in the table, so a Scan instead of a keyed read would show in "items read"
USERNAME, PASSWORD, PHONE = "wjansen", "een-lang-genoeg-wachtwoord", "+31612345678"
USER_AGENT = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
              "Chrome/156.0 Safari/537.36")
MAX_LOGIN_REQUESTS = 3
MAX_UNKNOWN_BROWSER_REQUESTS = 6
"""From a browser the account does not know, the guess count adds a read, a conditional write and, when the
password is right, its removal (domain/lockout.py)."""
DAY_AND_AN_HOUR = 25 * 3600
"""Between runs: every wait of the guess count and every hourly SMS budget has passed."""
ARGON2_MIN_SHARE = 0.5
NOW = 1_790_000_000


class Argon2Timer:
    """The seconds spent inside argon2's PasswordHasher (hash, verify, check_needs_rehash) since the last reset."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def install(self) -> Argon2Timer:
        for name in ("hash", "verify", "check_needs_rehash"):
            setattr(argon2.PasswordHasher, name, self._timed(getattr(argon2.PasswordHasher, name)))
        return self

    def _timed(self, method: Callable) -> Callable:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - start

        return timed


@dataclass
class Measured:
    """What one step cost: its server time, the part inside argon2, and its AWS requests."""
    seconds: float
    argon2_s: float
    meter: support.Meter


def refused_or_done(call: Callable[[], Any]) -> Callable[[], Any]:
    """The step's answer, or the domain error it raised (a wrong password is an outcome here)."""
    def step() -> Any:
        try:
            return call()
        except InvalidCredentials as error:
            return error

    return step


@dataclass
class Step:
    name: str
    max_requests: int
    argon2_most: bool = False
    runs: list[Measured] = field(default_factory=list)


def expect(outcome: Any, kind: type) -> Any:
    """A step that took the wrong path measures the wrong thing: stop."""
    if not isinstance(outcome, kind):
        raise SystemExit(f"expected {kind.__name__}, got {outcome!r}")
    return outcome


def one_login(deps: Deps, clock: support.Clock, outbox: Outbox, instruments: support.Instruments,
              argon2_timer: Argon2Timer, steps: dict[str, Step], device: dict[str, str]) -> None:
    """Password (from the browser the account knows, and from a new one), SMS code, two later requests (the
    second a minute on), then the two failure paths from unknown browsers."""
    clock.now += DAY_AND_AN_HOUR

    def record(key: str, call: Callable[[], Any], kind: type) -> Any:
        argon2_timer.seconds = 0.0
        elapsed, meter, outcome = instruments.measure(refused_or_done(call))
        steps[key].runs.append(Measured(elapsed, argon2_timer.seconds, meter))
        return expect(outcome, kind)

    started = record("new-browser", lambda: auth.start_login(deps, USERNAME, PASSWORD), auth.LoginStarted)
    code = outbox.last_code(PHONE)
    done = record("new-code", lambda: auth.complete_login(deps, started.attempt_token, code, USER_AGENT),
                  auth.LoginCompleted)
    device["token"] = done.device_token  # the newest browser she used: the account knows it (ten at most)
    started = record("password", lambda: auth.start_login(deps, USERNAME, PASSWORD, device["token"]),
                     auth.LoginStarted)
    code = outbox.last_code(PHONE)
    done = record("code", lambda: auth.complete_login(deps, started.attempt_token, code), auth.LoginCompleted)
    token, csrf = done.session.token, done.session.csrf_token
    record("request", lambda: sessions.authenticate(deps, token, None, state_changing=False), sessions.Principal)
    clock.now += 61
    record("touch", lambda: sessions.authenticate(deps, token, csrf, state_changing=True), sessions.Principal)
    record("wrong", lambda: auth.start_login(deps, USERNAME, "niet-het-goede-wachtwoord"), InvalidCredentials)
    record("unknown", lambda: auth.start_login(deps, "niemand-bekend", PASSWORD), InvalidCredentials)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def spread(values: list) -> str:
    low, high = min(values), max(values)
    return f"{low:g}" if low == high else f"{low:g}-{high:g}"


def report(steps: dict[str, Step], first_login_s: float) -> None:
    settings = get_settings()
    print(f"login benchmark · {support.where_and_when()}")
    print(f"{RUNS} runs per step on moto (in-process) · argon2id t={settings.argon2_time_cost} "
          f"m={settings.argon2_memory_kib} KiB p={settings.argon2_parallelism} · server time, ms")
    header = (f"{'step':<34} {'median':>7} {'p95':>7} {'argon2':>7} {'rest':>7} {'argon2%':>7}  "
              f"{'DDB req':>7}  {'operations':<28} {'read':>4} {'written':>7}  target")
    print(header)
    print("-" * len(header))
    for step in steps.values():
        times = [run.seconds for run in step.runs]
        argon2_s = [run.argon2_s for run in step.runs]
        rest = [run.seconds - run.argon2_s for run in step.runs]
        requests = [run.meter.requests("dynamodb") for run in step.runs]
        share = sum(argon2_s) / sum(times)
        print(f"{step.name:<34} {ms(statistics.median(times)):>7} "
              f"{ms(statistics.quantiles(times, n=20, method='inclusive')[18]):>7} "
              f"{ms(statistics.median(argon2_s)):>7} {ms(statistics.median(rest)):>7} "
              f"{100 * share:>6.0f}%  {spread(requests):>7}  "
              f"{'+'.join(step.runs[0].meter.operations('dynamodb')):<28} "
              f"{spread([run.meter.items_read for run in step.runs]):>4} "
              f"{spread([run.meter.items_written for run in step.runs]):>7}  {verdict(step, requests, share)}")
    print()
    print(f"First password step in this process: {ms(first_login_s)} ms "
          "(builds the decoy hash and the SNS client once).")
    print("argon2 = time inside argon2's PasswordHasher; rest = everything else, mostly moto answering in-process.")
    print("read/written = items per step (ScannedCount for a Query; a transaction writes each of its items).")
    print("moto latency is not DynamoDB latency: only the request and item counts transfer to AWS")
    print("(moto's ConsumedCapacity is a constant per call, so it is not shown).")
    print("p95 of few runs is close to the maximum; argon2% is argon2's share of the step's total time.")


def verdict(step: Step, requests: list[int], argon2_share: float) -> str:
    checks = [(f"≤ {step.max_requests} DDB req", max(requests) <= step.max_requests)]
    if step.argon2_most:
        checks.append(("argon2 > 50 %", argon2_share > ARGON2_MIN_SHARE))
    return ", ".join(f"{label}: {'met' if ok else 'NOT met'}" for label, ok in checks)


def main() -> None:
    steps = {
        # The password steps that send an SMS also spend the SMS budget (a transaction of six counters), which moto
        # answers slowly: argon2's share of them says little about AWS, so it is not a target there.
        "new-browser": Step("1 start_login, a new browser", MAX_UNKNOWN_BROWSER_REQUESTS),
        "new-code": Step("2 complete_login, new browser", MAX_LOGIN_REQUESTS),
        "password": Step("1 start_login, her own browser", MAX_LOGIN_REQUESTS),
        "code": Step("2 complete_login (SMS code)", MAX_LOGIN_REQUESTS),
        # sessions.authenticate: one read, and the idle-clock write at most once a minute.
        "request": Step("3 authenticate (same minute)", 1),
        "touch": Step("3 authenticate (≥ 60 s later, POST)", 2),
        "wrong": Step("start_login, wrong password", MAX_UNKNOWN_BROWSER_REQUESTS),
        "unknown": Step("start_login, unknown user", MAX_UNKNOWN_BROWSER_REQUESTS, argon2_most=True),
    }
    with mock_aws():
        support.create_tables()
        clock = support.Clock(NOW)
        deps = support.portal_deps(clock)
        employer = admin.create_employer(deps, "Bakkerij Jansen BV")
        for i in range(COLLEAGUES):
            admin.provision_active_user(deps, username=f"collega{i}", name=f"Collega {i}", email=f"c{i}@jansen.nl",
                                        role="werkgever", employer_id=employer["employer_id"],
                                        phone="0611111111", password=PASSWORD)
        admin.provision_active_user(deps, username=USERNAME, name="Wim Jansen", email="wim@jansen.nl",
                                    role="werkgever", employer_id=employer["employer_id"], phone="0612345678",
                                    password=PASSWORD)
        outbox = Outbox()
        instruments = support.Instruments(after_each=metrics.clear_metrics).install()
        argon2_timer = Argon2Timer().install()
        # The first run warms the process (decoy hash, botocore clients); it is reported apart.
        warm_up = {key: Step(step.name, step.max_requests) for key, step in steps.items()}
        device: dict[str, str] = {}
        one_login(deps, clock, outbox, instruments, argon2_timer, warm_up, device)
        for _ in range(RUNS):
            one_login(deps, clock, outbox, instruments, argon2_timer, steps, device)
    report(steps, warm_up["new-browser"].runs[0].seconds)


if __name__ == "__main__":
    main()
