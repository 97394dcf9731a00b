"""One TransactWriteItems, all or nothing, that answers whether it landed instead of raising."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from .conditions import condition_failed
from .connection import connection

# pynamodb sends a transaction's writes grouped by kind, in this order, whatever order they were added in; DynamoDB
# reports the refused conditions in the order sent.
_SENT_ORDER = ("condition_check", "delete", "put", "update")


class Transaction(TransactWrite):
    """The writes of one transaction. After the `with` block: `committed`, or which writes' conditions failed."""

    committed: bool = False
    refused: tuple[bool, ...] = ()
    """Per write, in the order they were added: True where its condition did not hold."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._added: list[str] = []

    def condition_check(self, *args: Any, **kwargs: Any) -> None:
        self._added.append("condition_check")
        super().condition_check(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> None:
        self._added.append("delete")
        super().delete(*args, **kwargs)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self._added.append("put")
        super().save(*args, **kwargs)

    def update(self, *args: Any, **kwargs: Any) -> None:
        self._added.append("update")
        super().update(*args, **kwargs)

    def refused_at(self, index: int) -> bool:
        return index < len(self.refused) and self.refused[index]

    def _in_added_order(self, sent: list[bool]) -> tuple[bool, ...]:
        """DynamoDB's answer per write as sent, turned into the order the writes were added."""
        sending = sorted(range(len(self._added)), key=lambda added: (_SENT_ORDER.index(self._added[added]), added))
        refused = [False] * len(self._added)
        for position, added in enumerate(sending):
            refused[added] = position < len(sent) and sent[position]
        return tuple(refused)


@contextmanager
def transaction(client_request_token: str | None = None) -> Iterator[Transaction]:
    """Write what the block adds, at once; a failed condition is an answer (`committed` stays False), not an error.

    Any other failure raises. `client_request_token` makes a repeat of the same transaction by botocore a no-op.
    """
    tx = Transaction(connection=connection(), client_request_token=client_request_token)
    try:
        with tx:
            yield tx
    except TransactWriteError as error:
        if not condition_failed(error):
            raise
        tx.refused = tx._in_added_order([reason is not None and reason.code == "ConditionalCheckFailed"
                                         for reason in error.cancellation_reasons or []])
    else:
        tx.committed = True
