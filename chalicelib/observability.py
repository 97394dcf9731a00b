"""The Powertools Logger, Metrics and Tracer singletons, and the metric names we emit.

Logs carry user ids, never names, emails, phone numbers, codes, tokens or passwords.
"""
from __future__ import annotations

import os

os.environ.setdefault("POWERTOOLS_SERVICE_NAME", "verzuimportaal")
os.environ.setdefault("POWERTOOLS_METRICS_NAMESPACE", "Verzuimportaal")

from aws_lambda_powertools import Logger, Metrics, Tracer  # noqa: E402
from aws_lambda_powertools.metrics import MetricUnit  # noqa: E402

logger = Logger()
metrics = Metrics()
tracer = Tracer()


class Metric:
    LOGIN_SUCCEEDED = "LoginSucceeded"
    LOGIN_FAILED = "LoginFailed"
    ACCOUNT_LOCKED = "AccountLocked"
    SMS_SENT = "SmsSent"
    EMAIL_SENT = "EmailSent"
    INVITATION_SENT = "InvitationSent"


def count(metric: str, value: int = 1) -> None:
    metrics.add_metric(name=metric, unit=MetricUnit.Count, value=value)
