"""What every benchmark shares: the environment it runs in, a meter of the AWS requests a call makes, the services'
clock and batch writes.

`import support` sets the environment, so it must come before anything of the portal is imported (settings are read
once): AWS on moto in-process, no account, the settings of the tests (tests/conftest.py) except
RECOVERY_ANSWER_SECONDS, which the tests lower and the benchmarks leave at its default. Import sorting puts it among
the third-party imports, ahead of chalicelib, app and tests, which is all it needs; imported after chalicelib it
refuses. The scripts run as `python bench/<name>.py` from the repository root, so bench/ is on sys.path (this file is
`support`), and importing it puts the root there too. It imports nothing of the portal until a function here is called.
"""
from __future__ import annotations

import datetime
import os
import platform
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from botocore.client import BaseClient
from moto.core.botocore_stubber import BotocoreStubber
from pynamodb.models import Model

if TYPE_CHECKING:
    from chalicelib.services.deps import Deps

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _prepare_environment() -> None:
    if "chalicelib" in sys.modules:
        raise RuntimeError("import support before chalicelib: the portal's settings are read once, at import")
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


_prepare_environment()


def where_and_when() -> str:
    """The machine, the Python and the time of the run, for a bench's first line."""
    return (f"{platform.platform()} · {os.cpu_count()} CPUs · Python {platform.python_version()} · "
            f"{datetime.datetime.now().astimezone().isoformat(timespec='seconds')}")


# --- the clock -----------------------------------------------------------------------------------------------------
class Clock:
    """The services' clock, which a bench moves itself (epoch seconds)."""

    def __init__(self, now: int) -> None:
        self.now = now

    def __call__(self) -> int:
        return self.now


# --- the meter -----------------------------------------------------------------------------------------------------
@dataclass
class Meter:
    """What the metered calls cost: every AWS request in the order made, the DynamoDB items read and written, the SQS
    messages queued and the seconds spent inside moto answering."""
    calls: list[tuple[str, str]] = field(default_factory=list)  # (service, operation), one per request
    items_read: int = 0  # GetItem's item, ScannedCount of Query and Scan, the items of BatchGet and TransactGet
    scanned: int = 0  # of items_read, the ScannedCount of Query and Scan (the keys a Query walked)
    items_written: int = 0  # Put, Update and Delete 1; BatchWriteItem its requests; a transaction each of its items
    messages: int = 0  # SQS messages queued (SendMessage, the Successful of SendMessageBatch)
    moto_s: float = 0.0

    def operations(self, service: str) -> list[str]:
        """The service's operations, one per request, in the order made."""
        return [operation for name, operation in self.calls if name == service]

    def by_operation(self, service: str) -> Counter[str]:
        """The service's requests by operation, in the order each operation first came."""
        return Counter(self.operations(service))

    def requests(self, service: str | None = None, operation: str | None = None) -> int:
        """Requests to the service (all services without one), of the operation (all without one)."""
        return sum(1 for name, op in self.calls
                   if (service is None or name == service) and (operation is None or op == operation))

    def add(self, other: Meter) -> None:
        self.calls += other.calls
        self.items_read += other.items_read
        self.scanned += other.scanned
        self.items_written += other.items_written
        self.messages += other.messages
        self.moto_s += other.moto_s


def _items_written(operation: str, params: dict) -> int:
    if operation in ("PutItem", "UpdateItem", "DeleteItem"):
        return 1
    if operation == "BatchWriteItem":
        return sum(len(requests) for requests in params.get("RequestItems", {}).values())
    if operation == "TransactWriteItems":
        return len(params.get("TransactItems", []))
    return 0


def _read(meter: Meter, operation: str, response: dict) -> None:
    if operation == "GetItem":
        meter.items_read += int("Item" in response)
    elif operation in ("Query", "Scan"):
        meter.items_read += response.get("ScannedCount", 0)
        meter.scanned += response.get("ScannedCount", 0)
    elif operation == "BatchGetItem":
        meter.items_read += sum(len(items) for items in response.get("Responses", {}).values())
    elif operation == "TransactGetItems":
        meter.items_read += sum(1 for item in response.get("Responses", []) if item.get("Item"))


class Instruments:
    """Meters every AWS request of the process at botocore's one entry point, BaseClient._make_api_call (pynamodb's
    and boto3's clients alike, whenever they were made; one call is one request, botocore's retries would not
    show), and times moto's request handler. Requests go to `meter`; Scans are counted for the whole process.

    `after_each` runs after every measured call: Powertools would flush its metrics per invocation, a bench passes
    `metrics.clear_metrics` so that nothing is sent or printed."""

    _installed = False

    def __init__(self, after_each: Callable[[], object] = lambda: None) -> None:
        self.meter = Meter()
        self.scans = 0
        self._after_each = after_each

    def install(self) -> Instruments:
        if Instruments._installed:
            raise RuntimeError("one Instruments per process: botocore's entry point is wrapped once")
        Instruments._installed = True
        BaseClient._make_api_call = self._counted(BaseClient._make_api_call)
        BotocoreStubber.__call__ = self._timed(BotocoreStubber.__call__)
        return self

    def _counted(self, make_api_call: Callable) -> Callable:
        instruments = self

        def counted(client: BaseClient, operation: str, params: dict) -> dict:
            service = client.meta.service_model.service_name
            meter = instruments.meter
            meter.calls.append((service, operation))
            if service == "dynamodb":
                instruments.scans += operation == "Scan"
                meter.items_written += _items_written(operation, params)
            response = make_api_call(client, operation, params)
            if service == "dynamodb":
                _read(meter, operation, response)
            elif service == "sqs" and operation == "SendMessageBatch":
                meter.messages += len(response.get("Successful", []))
            elif service == "sqs" and operation == "SendMessage":
                meter.messages += 1
            return response

        return counted

    def _timed(self, handler: Callable) -> Callable:
        instruments = self

        def timed(stubber: BotocoreStubber, *args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return handler(stubber, *args, **kwargs)
            finally:
                instruments.meter.moto_s += time.perf_counter() - start

        return timed

    def measure(self, call: Callable[[], Any]) -> tuple[float, Meter, Any]:
        """Run one call; its time, its meter, and what it returned. Later requests go to a scratch meter."""
        meter = self.meter = Meter()
        start = time.perf_counter()
        try:
            outcome = call()
        finally:
            elapsed = time.perf_counter() - start
            self.meter = Meter()
            self._after_each()
        return elapsed, meter, outcome


# --- the portal on moto --------------------------------------------------------------------------------------------
def create_tables(verified_sender: bool = True) -> None:
    """The portal's tables, and SES's verified sender (moto refuses mail from any other), on the running moto."""
    import boto3

    from chalicelib.settings import get_settings
    from chalicelib.store import schema

    schema.create_tables()
    if verified_sender:
        settings = get_settings()
        boto3.client("ses", region_name=settings.region).verify_email_identity(EmailAddress=settings.email_sender)


def portal_deps(clock: Callable[[], int]) -> Deps:
    """The services' collaborators as Lambda has them (SNS, SES, KMS adapters), on moto, with the bench's clock."""
    from chalicelib.keys import KmsSecretBox
    from chalicelib.notify.aws import SesEmail, SnsSms
    from chalicelib.services.deps import Deps
    from chalicelib.settings import get_settings

    settings = get_settings()
    return Deps(settings=settings, sms=SnsSms(settings.region, settings.sms_sender_id),
                email=SesEmail(settings.region, settings.email_sender),
                secrets=KmsSecretBox(settings.region, settings.totp_key_id), clock=clock)


def api_on_moto(clock: Callable[[], int]) -> Deps:
    """What the API needs on the running moto — its tables, the TOTP key, the documents bucket and its key — and the
    routes answering with the bench's deps (returned)."""
    from chalicelib.api import http
    from chalicelib.settings import get_settings
    from infra.local.bootstrap import ensure_documents_bucket, ensure_totp_key

    settings = get_settings()
    create_tables()
    ensure_totp_key(settings.region, settings.totp_key_id)
    ensure_documents_bucket(settings)
    deps = portal_deps(clock)
    http.deps_provider = lambda: deps
    return deps


# --- writing many items --------------------------------------------------------------------------------------------
def batch_write(items: list[Model]) -> None:
    """BatchWriteItem per table, 25 items a request: the store's own batch writer (the import uses it)."""
    from chalicelib.store.imports import batch_put

    batch_put(items)
