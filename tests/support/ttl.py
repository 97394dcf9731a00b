"""DynamoDB's TTL sweeper, which moto does not run: delete every item whose TTL attribute has passed.

Test support only (it scans); production relies on DynamoDB TTL and never scans.
"""
from __future__ import annotations

from chalicelib.store.models import ALL_MODELS


def sweep(now: int) -> dict[str, int]:
    """Delete expired items in every table with a TTL attribute; returns how many per table."""
    removed = {}
    for model in ALL_MODELS:
        if not model.ttl_attribute:
            continue
        attribute = getattr(model, model.ttl_attribute)
        expired = list(model.scan(attribute <= now))
        with model.batch_write() as batch:
            for item in expired:
                batch.delete(item)
        removed[model.Meta.table_name] = len(expired)
    return removed
