"""Records every AWS API call a process makes, through botocore event hooks on every session (boto3's and
pynamodb's alike): service, operation and the request fields IAM authorises on — never the data itself.

Standard library only: the package test's bootstrap loads this file by path into the bare Lambda interpreter,
and the API tests install it in-process. `install(sink)` before the first botocore session is made.
"""
from __future__ import annotations

from collections.abc import Callable


def _nobody_in_particular() -> str | None:
    """Who makes a call until `install` is told: every call is recorded, made by ""."""
    return ""


_SINK: list[dict] = []
_MAKER: Callable[[], str | None] = _nobody_in_particular


def _authorised_fields(service: str, params: dict) -> dict:
    """The parts of a request IAM decides on; never the data itself (items, plaintext, message text)."""
    if service == "dynamodb":
        fields = {name: params[name] for name in ("TableName", "IndexName") if name in params}
        if "RequestItems" in params:
            fields["RequestItems"] = sorted(params["RequestItems"])
        if "TransactItems" in params:
            fields["TransactItems"] = [[kind, item["TableName"]] for entry in params["TransactItems"]
                                       for kind, item in entry.items()]
        return fields
    if service == "kms":
        fields = {name: params[name] for name in ("KeyId",) if name in params}
        if "EncryptionContext" in params:
            fields["EncryptionContext"] = dict(params["EncryptionContext"])
        return fields
    if service == "s3":
        fields = {name: params[name] for name in ("Bucket", "Key") if name in params}
        source = params.get("CopySource")
        if isinstance(source, dict):
            fields["CopySource"] = {name: source[name] for name in ("Bucket", "Key")}
        elif isinstance(source, str):  # boto3 has made "<bucket>/<quoted key>" of it already
            from urllib.parse import unquote

            bucket, _, key = unquote(source.split("?")[0]).partition("/")
            fields["CopySource"] = {"Bucket": bucket, "Key": key}
        if "Delete" in params:
            fields["Keys"] = [entry["Key"] for entry in params["Delete"].get("Objects", [])]
        return fields
    names = {"sns": ("PhoneNumber", "TopicArn", "TargetArn"), "ses": ("Source", "ConfigurationSetName"),
             "sesv2": ("FromEmailAddress", "ConfigurationSetName"), "sqs": ("QueueUrl",),
             "lambda": ("FunctionName",)}.get(service, ())
    return {name: params[name] for name in names if name in params}


def _before_parameter_build(params: dict, model, context: dict, **_: object) -> None:
    service = model.service_model.service_name
    context["_recorded"] = {"service": service, "operation": model.name,
                            "params": _authorised_fields(service, params)}


def _after_call(http_response, parsed: dict, model, context: dict, **_: object) -> None:
    call = context.pop("_recorded", None)
    if call is None or (maker := _MAKER()) is None:
        return
    call["by"] = maker
    call["status"] = getattr(http_response, "status_code", None)
    call["error"] = (parsed.get("Error") or {}).get("Code")
    if call["service"] == "kms" and "KeyId" in parsed:
        call["key_arn"] = parsed["KeyId"]
    _SINK.append(call)


def _after_call_error(exception: Exception, context: dict, **_: object) -> None:
    call = context.pop("_recorded", None)
    if call is not None and (maker := _MAKER()) is not None:
        call.update(by=maker, status=None, error=type(exception).__name__)
        _SINK.append(call)


def install(sink: list[dict], maker: Callable[[], str | None] = lambda: "") -> None:
    """Append each call to `sink`, with `"by": maker()`; calls made while `maker()` is None are not recorded."""
    import botocore.session

    global _SINK, _MAKER
    _SINK, _MAKER = sink, maker

    original_init = botocore.session.Session.__init__

    def init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        self.register("before-parameter-build", _before_parameter_build)
        self.register("after-call", _after_call)
        self.register("after-call-error", _after_call_error)

    botocore.session.Session.__init__ = init
