"""Reading the outcome of conditional writes."""
from __future__ import annotations

from pynamodb.exceptions import PynamoDBException, TransactWriteError


def condition_failed(error: PynamoDBException) -> bool:
    """True when DynamoDB refused a write because its condition did not hold."""
    if isinstance(error, TransactWriteError):
        return any(reason is not None and reason.code == "ConditionalCheckFailed"
                   for reason in error.cancellation_reasons)
    return error.cause_response_code == "ConditionalCheckFailedException"
