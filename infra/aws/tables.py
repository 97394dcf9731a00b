"""The DynamoDB tables, read from the pynamodb models so AWS has exactly the tables, keys and indexes the code uses."""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any, NotRequired, TypedDict

from aws_cdk import RemovalPolicy
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_kms as kms
from constructs import Construct

from chalicelib.settings import get_settings
from chalicelib.store.models import ALL_MODELS

from .stages import Stage

_TYPES = {"S": dynamodb.AttributeType.STRING, "N": dynamodb.AttributeType.NUMBER,
          "B": dynamodb.AttributeType.BINARY}
_PROJECTIONS = {"ALL": dynamodb.ProjectionType.ALL, "KEYS_ONLY": dynamodb.ProjectionType.KEYS_ONLY,
                "INCLUDE": dynamodb.ProjectionType.INCLUDE}


def table_suffix(model: Any) -> str:
    """The model's table name without the prefix: `users` for `verzuimportaal-dev-users`."""
    return model.Meta.table_name[len(get_settings().table_prefix) + 1:]


def table_name(stage: Stage, model: Any) -> str:
    """The name `Settings.table_name` gives this model's table in `stage`."""
    stage_settings = dataclasses.replace(get_settings(), table_prefix=stage.table_prefix)
    return stage_settings.table_name(table_suffix(model))


class _Keys(TypedDict):
    partition_key: dynamodb.Attribute
    sort_key: NotRequired[dynamodb.Attribute]


def _keys(key_schema: Sequence[Mapping[str, Any]], types: dict[str, str]) -> _Keys:
    """The HASH key as the partition key, the RANGE key (if any) as the sort key."""
    by_kind = {element["KeyType"]: dynamodb.Attribute(name=element["AttributeName"],
                                                      type=_TYPES[types[element["AttributeName"]]])
               for element in key_schema}
    keys: _Keys = {"partition_key": by_kind["HASH"]}
    if "RANGE" in by_kind:
        keys["sort_key"] = by_kind["RANGE"]
    return keys


class Tables(Construct):
    """One table per model: on demand, point-in-time recovery, deletion protection, TTL where the model
    names an attribute, encrypted with our own KMS key. `by_suffix` maps `users` to its table."""

    def __init__(self, scope: Construct, construct_id: str, *, stage: Stage, key: kms.IKey):
        super().__init__(scope, construct_id)
        self.by_suffix: dict[str, dynamodb.Table] = {}
        self.index_names: dict[str, list[str]] = {}
        for model in ALL_MODELS:
            schema = model._get_schema()
            types = {item["AttributeName"]: item["AttributeType"] for item in schema["attribute_definitions"]}
            suffix = table_suffix(model)
            table = dynamodb.Table(
                self, suffix,
                table_name=table_name(stage, model),
                **_keys(schema["key_schema"], types),
                billing_mode=dynamodb.BillingMode.PAY_PER_REQUEST,
                point_in_time_recovery_specification=dynamodb.PointInTimeRecoverySpecification(
                    point_in_time_recovery_enabled=True),
                deletion_protection=True,
                encryption=dynamodb.TableEncryption.CUSTOMER_MANAGED,
                encryption_key=key,
                time_to_live_attribute=model.ttl_attribute,
                removal_policy=RemovalPolicy.RETAIN,
            )
            for index in schema["global_secondary_indexes"]:
                projection = index["projection"]
                table.add_global_secondary_index(
                    index_name=index["index_name"],
                    **_keys(index["key_schema"], types),
                    projection_type=_PROJECTIONS[projection["ProjectionType"]],
                    non_key_attributes=projection.get("NonKeyAttributes"),
                )
            for local in schema["local_secondary_indexes"]:
                table.add_local_secondary_index(
                    index_name=local["index_name"],
                    sort_key=_keys(local["key_schema"], types)["sort_key"],
                    projection_type=_PROJECTIONS[local["projection"]["ProjectionType"]],
                    non_key_attributes=local["projection"].get("NonKeyAttributes"),
                )
            self.by_suffix[suffix] = table
            self.index_names[suffix] = [index["index_name"] for index in
                                        schema["global_secondary_indexes"] + schema["local_secondary_indexes"]]
