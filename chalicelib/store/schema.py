"""Create the tables from the models: for the local stand-in and the tests (AWS tables come from infra/)."""
from __future__ import annotations

import boto3

from ..settings import get_settings
from .models import ALL_MODELS


def create_tables() -> list[str]:
    """Create every table that does not exist yet, with its TTL; returns the names created."""
    created = []
    client = boto3.client("dynamodb", region_name=get_settings().region)
    for model in ALL_MODELS:
        if model.exists():
            continue
        model.create_table(wait=True)
        if model.ttl_attribute:
            client.update_time_to_live(
                TableName=model.Meta.table_name,
                TimeToLiveSpecification={"Enabled": True, "AttributeName": model.ttl_attribute},
            )
        created.append(model.Meta.table_name)
    return created
