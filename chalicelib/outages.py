"""An AWS service that fails under a request — throttled, timed out, erroring, refusing — as the user sees it:
a Dutch sentence with what to do next, 503 with Retry-After, never Chalice's default answer (api/http.py).

The store speaks pynamodb, keys.py KMS and notify/ SNS and SES; their failures arrive here as exceptions of those
libraries (a send that fails is already a SendFailed and handled where it happens).
"""
from __future__ import annotations

from dataclasses import dataclass

from .domain.errors import Unavailable

THROTTLED = frozenset({"ThrottlingException", "Throttling", "ProvisionedThroughputExceededException",
                       "RequestLimitExceeded", "TooManyRequestsException", "LimitExceededException",
                       "ThrottledException"})


@dataclass(frozen=True)
class Outage:
    service: str
    """`dynamodb`, `kms`, `sns`, `ses`…"""
    code: str
    """The error code AWS answered, or the botocore exception's name (a timeout, no connection)."""

    @property
    def throttled(self) -> bool:
        return self.code in THROTTLED

    def for_user(self) -> Unavailable:
        if self.throttled:
            return Unavailable("Het is nu erg druk in het portaal. Probeer het over een minuut opnieuw; wat u al "
                               "had opgeslagen, blijft bewaard.", code="busy", retry_after=60)
        return Unavailable("Er is een storing bij een onderdeel van het portaal. Probeer het over een paar minuten "
                           "opnieuw. Blijft het misgaan, bel dan het secretariaat (0413-244211).",
                           code="unavailable", retry_after=120)


def outage_of(error: BaseException) -> Outage | None:
    """The AWS failure behind `error`, or None when it is not one (a bug: a 500)."""
    from botocore.exceptions import BotoCoreError, ClientError
    from pynamodb.exceptions import PynamoDBException

    if isinstance(error, PynamoDBException):
        cause = error.cause
        if isinstance(cause, ClientError):
            return Outage("dynamodb", cause.response.get("Error", {}).get("Code", "Unknown"))
        return Outage("dynamodb", type(cause or error).__name__)
    if isinstance(error, ClientError):
        return Outage(_service_of(error), error.response.get("Error", {}).get("Code", "Unknown"))
    if isinstance(error, BotoCoreError):
        return Outage(_service_of(error), type(error).__name__)
    service = getattr(error, "service", None)  # keys.SecretsUnavailable and the like say which service failed
    if service:
        return Outage(service, getattr(error, "code", type(error).__name__))
    return None


def _service_of(error: BaseException) -> str:
    """botocore names the operation, not the service: a best guess from the endpoint, else `aws`."""
    text = str(getattr(error, "kwargs", {}).get("endpoint_url", "")) + str(error)
    for service in ("dynamodb", "kms", "sns", "ses", "sqs", "lambda"):
        if service in text.lower():
            return service
    return "aws"
