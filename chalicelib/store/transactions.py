"""One TransactWriteItems, all or nothing, that answers whether it landed instead of raising."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from .conditions import condition_failed
from .connection import connection


class Transaction(TransactWrite):
    """The writes of one transaction. After the `with` block: `committed`, or which writes' conditions failed."""

    committed: bool = False
    refused: tuple[bool, ...] = ()
    """Per write, in the order they were added: True where its condition did not hold."""

    def refused_at(self, index: int) -> bool:
        return index < len(self.refused) and self.refused[index]


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
        tx.refused = tuple(reason is not None and reason.code == "ConditionalCheckFailed"
                           for reason in error.cancellation_reasons or [])
    else:
        tx.committed = True
