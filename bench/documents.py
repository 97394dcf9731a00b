"""The upload path of a document on moto: the route's and the check function's time and AWS requests, and how many
bytes of the file pass through Lambda (none: the browser sends them to S3 with the presigned POST).

Run from the repo root: `.venv/bin/python bench/documents.py [RUNS]`. For a small PDF and one of 5 MB it prints the
median time of `POST /api/absences/{id}/documents` (the presigned form) and of `document_check` (S3's ObjectCreated
event: the type check and the release), the DynamoDB and S3 requests of each, and the bytes of each request into
Lambda. moto's latency says nothing about AWS's; the request counts and the bytes are what carry over. Asserts no
timing; exits non-zero if a file's bytes reached a Lambda request.
"""
from __future__ import annotations

import json
import os
import statistics
import sys
import warnings
from dataclasses import dataclass

import support
from chalice.test import Client
from moto import mock_aws

import app as chalice_app
from chalicelib.observability import metrics
from chalicelib.services import admin
from chalicelib.settings import get_settings
from infra.local import uploads
from tests.support.documents import PDF, send_to_s3
from tests.support.portal import Browser, Outbox

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 15
PASSWORD, PHONE = "een-lang-genoeg-wachtwoord", "+31612345678"
NOW = 1_790_000_000  # Monday 2026-09-21 (the tests' clock)
FILES = {"PDF van 1 kB": PDF + b"%" * 1000, "PDF van 5 MB": PDF + b"%" * (5 * 1024 * 1024)}
INSTRUMENTS = support.Instruments(after_each=metrics.clear_metrics)


@dataclass
class Step:
    seconds: list[float]
    dynamodb: int
    s3: int
    lambda_bytes: int


def run() -> dict[str, dict[str, Step]]:
    with mock_aws():
        settings = get_settings()
        clock = support.Clock(NOW)
        deps = support.api_on_moto(clock)
        employer = admin.create_employer(deps, "Bakkerij Jansen BV")["employer_id"]
        admin.provision_active_user(deps, username="wjansen", name="Wim Jansen", email="wim@jansen.nl",
                                    role="werkgever", employer_id=employer, phone=PHONE, password=PASSWORD)
        outbox = Outbox()
        found: dict[str, dict[str, Step]] = {}
        with Client(chalice_app.app) as client:
            wim = Browser(client)
            wim.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})
            wim.post("/api/auth/code", {"code": outbox.last_code(PHONE)})
            employee = wim.post("/api/employees", {
                "first_name": "Jan", "last_name": "Vries", "personnel_number": "1", "date_of_birth": "1980-04-12",
                "start_date": "2015-03-01", "contract_hours": 32}).body["employee_id"]
            absence = wim.post("/api/absences", {"employee_id": employee, "first_sick_day": "2026-09-14"},
                               headers={"Idempotency-Key": "bench"}).body["absence_id"]
            for label, data in FILES.items():
                route, check = Step([], 0, 0, 0), Step([], 0, 0, 0)
                for _ in range(RUNS):
                    body = {"type": "overig", "dated": "2026-09-18", "filename": "verslag.pdf",
                            "content_type": "application/pdf", "size": len(data)}
                    seconds, meter, answer = INSTRUMENTS.measure(
                        lambda body=body: wim.post(f"/api/absences/{absence}/documents", body))
                    assert answer.status == 201, answer.body
                    route.seconds.append(seconds)
                    route.dynamodb, route.s3 = meter.requests("dynamodb"), meter.requests("s3")
                    route.lambda_bytes = len(json.dumps(body).encode())
                    sent = send_to_s3(answer.body["upload"], data)  # the browser to S3: not metered, not Lambda
                    event = uploads.object_created(settings.documents_bucket, sent.key or "", len(data))
                    seconds, meter, outcome = INSTRUMENTS.measure(
                        lambda event=event: client.lambda_.invoke("document_check", event))
                    assert list(outcome.payload["outcomes"].values()) == ["released"], outcome.payload
                    check.seconds.append(seconds)
                    check.dynamodb, check.s3 = meter.requests("dynamodb"), meter.requests("s3")
                    check.lambda_bytes = len(json.dumps(event).encode())
                    clock.now += 61  # one upload a minute: within the hourly limit
                found[label] = {"POST /api/absences/{id}/documents": route, "document_check": check}
        return found


def main() -> None:
    os.environ["POWERTOOLS_METRICS_DISABLED"] = "true"  # the middleware's flush would print each request's metrics
    warnings.filterwarnings("ignore", message="No application metrics to publish")
    INSTRUMENTS.install()
    print(f"documents benchmark · {support.where_and_when()}")
    print(f"the upload path on moto, {RUNS} uploads per file; time is the median, requests per call")
    header = f"{'file':<14} {'step':<36} {'median ms':>9} {'DynamoDB':>8} {'S3':>3} {'bytes into Lambda':>17}"
    print(header)
    print("-" * len(header))
    leaked = []
    for label, steps in run().items():
        for name, step in steps.items():
            print(f"{label:<14} {name:<36} {statistics.median(step.seconds) * 1000:>9.1f} {step.dynamodb:>8} "
                  f"{step.s3:>3} {step.lambda_bytes:>17}")
            if step.lambda_bytes >= min(len(data) for data in FILES.values()):
                leaked.append(f"{label}: {name}")
    print(f"\nthe file's bytes went to S3 only: {'yes' if not leaked else 'NO: ' + ', '.join(leaked)}")
    sys.exit(1 if leaked else 0)


if __name__ == "__main__":
    main()
