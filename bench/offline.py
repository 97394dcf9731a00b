"""The environment every benchmark runs in: AWS on moto in-process, no account, the settings of the tests
(tests/conftest.py) except RECOVERY_ANSWER_SECONDS, which the tests lower and the benchmarks leave at its
default. Call `prepare()` before anything imports chalicelib: settings are read once."""
from __future__ import annotations

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def prepare() -> None:
    os.environ.update({
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": "eu-west-1",
        "AWS_REGION": "eu-west-1",
        "TABLE_PREFIX": "verzuimportaal-bench",
        "POWERTOOLS_TRACE_DISABLED": "true",
        "POWERTOOLS_METRICS_NAMESPACE": "Verzuimportaal",
        "POWERTOOLS_DEV": "false",
        "POWERTOOLS_LOG_LEVEL": "WARNING",  # keeps the per-request log lines out of the tables
        "PORTAL_URL": "https://portal.test",
    })
    # moto's in-process mock does not intercept a custom endpoint; local mode and Lambda must be off.
    for name in ("RECOVERY_ANSWER_SECONDS", "AWS_ENDPOINT_URL", "VP_LOCAL_MODE", "AWS_LAMBDA_FUNCTION_NAME",
                 "AWS_EXECUTION_ENV"):
        os.environ.pop(name, None)
    if ROOT not in sys.path:
        sys.path.insert(0, ROOT)


class Clock:
    """The services' clock, which a bench moves itself (epoch seconds)."""

    def __init__(self, now: int) -> None:
        self.now = now

    def __call__(self) -> int:
        return self.now
