"""A small evaluator of IAM identity policies: is this AWS call allowed by this role, and which permissions
did no call use?

It understands what the stack writes: Allow statements with actions and resources (wildcards `*` and `?`),
NotResource, and the condition operators StringEquals, StringLike, ForAllValues:StringEquals and Null. Any
other operator or a Deny statement raises, so a new kind of statement is never silently treated as allowing.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

_TRANSACT_ACTIONS = {"Put": "PutItem", "Update": "UpdateItem", "Delete": "DeleteItem",
                     "ConditionCheck": "ConditionCheckItem", "Get": "GetItem"}
_SQS_BATCH = {"SendMessageBatch": "SendMessage", "DeleteMessageBatch": "DeleteMessage",
              "ChangeMessageVisibilityBatch": "ChangeMessageVisibility"}


@dataclass(frozen=True)
class Request:
    """What IAM authorises: one action on one resource, with the request's condition keys."""
    action: str
    resource: str
    context: tuple[tuple[str, Any], ...] = ()

    def value(self, key: str) -> Any:
        return dict(self.context).get(key.lower())


@dataclass(frozen=True)
class Permission:
    """One action on one resource pattern, as a statement grants it (`not:` for a NotResource)."""
    sid: str
    action: str
    resource: str


@dataclass(frozen=True)
class Statement:
    sid: str
    actions: tuple[str, ...]
    resources: tuple[str, ...]
    not_resources: tuple[str, ...]
    conditions: dict = field(hash=False, compare=False)

    def grants(self) -> list[Permission]:
        if self.not_resources:
            return [Permission(self.sid, action, f"not:{','.join(self.not_resources)}") for action in self.actions]
        return [Permission(self.sid, action, resource) for action in self.actions for resource in self.resources]

    def allows(self, request: Request) -> Permission | None:
        """The permission of this statement that allows `request`, or None."""
        action = next((a for a in self.actions if _matches(a, request.action, ignore_case=True)), None)
        if action is None or not _conditions_hold(self.conditions, request):
            return None
        if self.not_resources:
            if any(_matches(pattern, request.resource) for pattern in self.not_resources):
                return None
            return Permission(self.sid, action, f"not:{','.join(self.not_resources)}")
        resource = next((r for r in self.resources if _matches(r, request.resource)), None)
        return Permission(self.sid, action, resource) if resource is not None else None


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return tuple(value) if isinstance(value, (list, tuple)) else (value,)


def statements_of(role: dict, resolve: Callable[[Any], Any]) -> list[Statement]:
    """The statements of an AWS::IAM::Role's inline policies, with intrinsic functions resolved."""
    found = []
    for policy in role.get("Policies", []):
        for number, raw in enumerate(resolve(policy["PolicyDocument"])["Statement"]):
            if raw.get("Effect") != "Allow" or "NotAction" in raw:
                raise ValueError(f"{policy.get('PolicyName')}: only Allow statements with Action are understood")
            found.append(Statement(
                sid=raw.get("Sid", f"{policy.get('PolicyName')}#{number}"),
                actions=_as_tuple(raw["Action"]), resources=_as_tuple(raw.get("Resource")),
                not_resources=_as_tuple(raw.get("NotResource")), conditions=raw.get("Condition", {})))
    return found


def _matches(pattern: str, value: str, *, ignore_case: bool = False) -> bool:
    """IAM's wildcards: `*` any run of characters, `?` one character; everything else literal."""
    regex = re.escape(pattern).replace(r"\*", ".*").replace(r"\?", ".")
    return re.fullmatch(regex, value, re.IGNORECASE if ignore_case else 0) is not None


def _conditions_hold(conditions: dict, request: Request) -> bool:
    for operator, tests in conditions.items():
        for key, expected in tests.items():
            expected = _as_tuple(expected)
            actual = request.value(key)
            if operator == "StringEquals":
                ok = actual is not None and all(value in expected for value in _as_tuple(actual))
            elif operator == "StringLike":
                ok = actual is not None and any(_matches(e, str(actual)) for e in expected)
            elif operator == "ForAllValues:StringEquals":
                ok = all(value in expected for value in _as_tuple(actual))  # true when the key is absent
            elif operator == "Null":
                ok = (actual is None) == (expected[0] == "true")
            else:
                raise ValueError(f"condition operator {operator} is not understood by this evaluator")
            if not ok:
                return False
    return True


def allowed_by(statements: list[Statement], request: Request) -> Permission | None:
    return next((granted for statement in statements if (granted := statement.allows(request))), None)


def requests_of(call: dict, region: str, account: str, key_arn_of: Callable[[str], str]) -> list[Request]:
    """The IAM requests one recorded AWS call makes (bootstrap.py records `service`, `operation`, `params`)."""
    service, operation, params = call["service"], call["operation"], call["params"]
    if service == "dynamodb":
        return _dynamodb(operation, params, f"arn:aws:dynamodb:{region}:{account}:table/")
    if service == "kms":
        key = call.get("key_arn") or key_arn_of(params.get("KeyId", ""))
        context = params.get("EncryptionContext", {})
        keys = (("kms:encryptioncontextkeys", tuple(sorted(context))),
                *((f"kms:encryptioncontext:{name}".lower(), value) for name, value in context.items()))
        return [Request(f"kms:{operation}", key, keys)]
    if service == "s3":
        return [Request(f"s3:{action}", f"arn:aws:s3:::{params.get('Bucket', '')}/{key}")
                for action, key in _object_actions(operation, params)]
    if service == "sns":
        target = params.get("TopicArn") or params.get("TargetArn") or params.get("PhoneNumber", "*")
        return [Request(f"sns:{operation}", target)]
    if service in ("ses", "sesv2"):
        source = params.get("Source") or params.get("FromEmailAddress", "")
        address = re.sub(r"^.*<|>$", "", source)
        found = [Request(f"ses:{operation}", f"arn:aws:ses:{region}:{account}:identity/{address.split('@')[-1]}",
                         (("ses:fromaddress", address),))]
        if params.get("ConfigurationSetName"):
            found.append(Request(f"ses:{operation}", f"arn:aws:ses:{region}:{account}:configuration-set/"
                                 f"{params['ConfigurationSetName']}", (("ses:fromaddress", address),)))
        return found
    if service == "sqs":
        name = urlsplit(params.get("QueueUrl", "")).path.rsplit("/", 1)[-1]
        return [Request(f"sqs:{_SQS_BATCH.get(operation, operation)}", f"arn:aws:sqs:{region}:{account}:{name}")]
    if service == "lambda" and operation == "Invoke":
        name = params.get("FunctionName", "")
        arn = name if name.startswith("arn:") else f"arn:aws:lambda:{region}:{account}:function:{name}"
        return [Request("lambda:InvokeFunction", arn)]
    return [Request(f"{service}:{operation}", "*")]


def _dynamodb(operation: str, params: dict, table_arn: str) -> list[Request]:
    if operation in ("BatchGetItem", "BatchWriteItem"):
        return [Request(f"dynamodb:{operation}", table_arn + table) for table in params["RequestItems"]]
    if operation in ("TransactWriteItems", "TransactGetItems"):
        return [Request(f"dynamodb:{_TRANSACT_ACTIONS[kind]}", table_arn + table)
                for kind, table in params["TransactItems"]]
    resource = table_arn + params["TableName"]
    if params.get("IndexName"):
        resource += f"/index/{params['IndexName']}"
    return [Request(f"dynamodb:{operation}", resource)]


_OBJECT_ACTIONS = {"HeadObject": "GetObject", "DeleteObjects": "DeleteObject"}
"""The IAM action of an S3 operation, where it is not the operation's own name."""


def _object_actions(operation: str, params: dict) -> list[tuple[str, str]]:
    """The (action, key) pairs one S3 call needs on the documents bucket's objects."""
    if operation == "CopyObject":
        return [("GetObject", params["CopySource"]["Key"]), ("PutObject", params["Key"])]
    if operation == "DeleteObjects":
        return [("DeleteObject", key) for key in params.get("Keys", [])]
    return [(_OBJECT_ACTIONS.get(operation, operation), params.get("Key", ""))]


def refusals_by_access(function: Any, calls: list[dict], table_prefix: str, email_sender: str,
                       totp_key_id: str) -> list[str]:
    """The calls that `infra/aws/access.py` does not grant `function` (an `access.Function`), as readable lines.

    The same rules the synthesised role states, checked without synthesising it: each DynamoDB action on its
    table or index, SMS to phone numbers only, email from our sender only, the TOTP key with a user_id context.
    """
    refused = []
    for call in calls:
        service, operation, params = call["service"], call["operation"], call["params"]
        if service == "dynamodb":
            for request in _dynamodb(operation, params, ""):
                table, _, index = request.resource.partition("/index/")
                suffix = table.removeprefix(f"{table_prefix}-")
                if not function.allows_dynamodb(request.action.removeprefix("dynamodb:"), suffix, index or None):
                    refused.append(f"{request.action} on {suffix}{f' (index {index})' if index else ''}")
        elif service == "s3":
            for action, key in _object_actions(operation, params):
                if not function.allows_object(action, key):
                    refused.append(f"s3:{action} on {key.split('/')[0]}/")
        elif service == "sns" and operation == "Publish":
            if not (function.sends_sms and "PhoneNumber" in params):
                refused.append(f"sns:Publish to {params}")
        elif service == "ses" and operation == "SendEmail":
            if not (function.sends_email and params.get("Source") == email_sender):
                refused.append(f"ses:SendEmail from {params.get('Source')}")
        elif service == "kms" and operation in ("Encrypt", "Decrypt"):
            context = sorted(params.get("EncryptionContext", {}))
            if not (function.uses_totp_key and params.get("KeyId") == totp_key_id and context == ["user_id"]):
                refused.append(f"kms:{operation} with {params.get('KeyId')} {context}")
        else:
            refused.append(f"{service}:{operation}")
    return refused
