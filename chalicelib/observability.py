"""The Powertools Logger, Metrics and Tracer singletons, and the metric names we emit.

Logs carry user ids, never names, emails, phone numbers, codes, tokens or passwords.
"""
from __future__ import annotations

import os

os.environ.setdefault("POWERTOOLS_SERVICE_NAME", "verzuimportaal")
os.environ.setdefault("POWERTOOLS_METRICS_NAMESPACE", "Verzuimportaal")

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit

logger = Logger()
metrics = Metrics()


@functools.lru_cache(maxsize=1)
def tracer() -> Any:
    """The X-Ray tracer, built on the first request: building it creates a botocore client (~0.3 s)."""
    from aws_lambda_powertools import Tracer

    return Tracer()


def trace_lambda_handler(handler: Callable) -> Callable:
    """`tracer().capture_lambda_handler`, without building the tracer at import."""
    @functools.wraps(handler)
    def traced(event: Any, context: Any) -> Any:
        return tracer().capture_lambda_handler(handler)(event, context)

    return traced


class Metric:
    LOGIN_SUCCEEDED = "LoginSucceeded"
    LOGIN_FAILED = "LoginFailed"
    ACCOUNT_LOCKED = "AccountLocked"
    SMS_SENT = "SmsSent"
    SMS_REFUSED = "SmsRefused"  # an SMS the budget did not allow (any limit)
    SMS_CEILING_REACHED = "SmsCeilingReached"  # the portal-wide hourly ceiling: an alarm
    SMS_FAILED = "SmsFailed"  # SNS did not take an SMS
    EMAIL_FAILED = "EmailFailed"  # SES did not take an email (the weekly email's are DigestThrottled/Bounced)
    DYNAMODB_FAILED = "DynamoDbFailed"  # an AWS failure a request met, per service (throttling included)
    KMS_FAILED = "KmsFailed"
    AWS_FAILED = "AwsFailed"
    EMAIL_SENT = "EmailSent"
    INVITATION_SENT = "InvitationSent"
    DIGEST_SENT = "DigestSent"
    DIGEST_SKIPPED = "DigestSkipped"
    DIGEST_BOUNCED = "DigestBounced"
    DIGEST_THROTTLED = "DigestThrottled"
    RETENTION_REMOVED = "RetentionRemoved"


if TYPE_CHECKING:
    from .outages import Outage


def count(metric: str, value: int = 1) -> None:
    metrics.add_metric(name=metric, unit=MetricUnit.Count, value=value)


def count_outage(outage: Outage) -> None:
    """An AWS failure a request met: DynamoDbFailed, KmsFailed, or AwsFailed for another service."""
    count({"dynamodb": Metric.DYNAMODB_FAILED, "kms": Metric.KMS_FAILED}.get(outage.service, Metric.AWS_FAILED))
