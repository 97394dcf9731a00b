"""Create the tables from the models: for the local stand-in and the tests (AWS tables come from infra/)."""
from __future__ import annotations

import boto3

from ..settings import get_settings
from .models import ALL_MODELS


def create_tables() -> list[str]:
    """Create every table that does not exist yet, with its TTL; returns the names created.

    Made for moto, where a new table is ACTIVE at once: one ListTables, then CreateTable (no waiting) and the TTL
    setting per table — two requests a table, which every API test pays in its set-up."""
    created = []
    client = boto3.client("dynamodb", region_name=get_settings().region)
    existing = set(client.list_tables(Limit=100)["TableNames"])
    for model in ALL_MODELS:
        if model.Meta.table_name in existing:
            continue
        model.create_table(wait=False)
        if model.ttl_attribute:
            client.update_time_to_live(
                TableName=model.Meta.table_name,
                TimeToLiveSpecification={"Enabled": True, "AttributeName": model.ttl_attribute},
            )
        created.append(model.Meta.table_name)
    return created
