"""Reading the outcome of conditional writes."""
from __future__ import annotations

from typing import Any

from pynamodb.exceptions import PynamoDBException, TransactWriteError, UpdateError
from pynamodb.models import Model


def condition_failed(error: PynamoDBException) -> bool:
    """True when DynamoDB refused a write because its condition did not hold."""
    if isinstance(error, TransactWriteError):
        return any(reason is not None and reason.code == "ConditionalCheckFailed"
                   for reason in error.cancellation_reasons)
    return error.cause_response_code == "ConditionalCheckFailedException"


def conditional_update(item: Model, actions: list[Any], condition: Any) -> bool:
    """UpdateItem with a condition: True when applied, False when the condition did not hold."""
    try:
        item.update(actions=actions, condition=condition)
    except UpdateError as error:
        if condition_failed(error):
            return False
        raise
    return True
