"""Secrets Manager rotation of the header CloudFront adds to every /api/* request (infra/aws/origin.py).

The regional WAF on API Gateway lets a request through only with the secret's value in that header, so a
client that calls execute-api directly, past CloudFront and its WAF, is refused. A rotation never refuses
CloudFront: the WAF accepts the old and the new value until CloudFront sends the new one everywhere.

  createSecret  a new random value as AWSPENDING
  setSecret     the WAF accepts both values; CloudFront's origin header becomes the new one
  testSecret    waits until CloudFront has deployed that change (Secrets Manager calls again if time runs out)
  finishSecret  the new value becomes AWSCURRENT; the WAF accepts only it

Standard library and boto3 only (the Lambda runtime's). Environment: WEB_ACL_NAME, WEB_ACL_ID, WEB_ACL_SCOPE,
RULE_NAME, HEADER_NAME, DISTRIBUTION_ID.
"""
from __future__ import annotations

import os
import time
from typing import Protocol

import boto3

WAIT_SECONDS = 10


class LambdaContext(Protocol):
    """What this function reads of the Lambda context."""

    def get_remaining_time_in_millis(self) -> int: ...


def handler(event: dict, context: LambdaContext | None, clients: dict | None = None) -> None:
    clients = clients or {name: boto3.client(name) for name in ("secretsmanager", "wafv2", "cloudfront")}
    secret_id, token, step = event["SecretId"], event["ClientRequestToken"], event["Step"]
    secrets = clients["secretsmanager"]
    stages = secrets.describe_secret(SecretId=secret_id)["VersionIdsToStages"]
    if token not in stages and step != "createSecret":
        raise ValueError("this version of the secret is not being rotated")
    if "AWSCURRENT" in stages.get(token, ()) and step != "finishSecret":
        return  # rotated already
    if step == "createSecret":
        _create(secrets, secret_id, token)
    elif step == "setSecret":
        current, pending = _value(secrets, secret_id, "AWSCURRENT"), _value(secrets, secret_id, "AWSPENDING", token)
        _accept(clients["wafv2"], [current, pending])
        _send(clients["cloudfront"], pending)
    elif step == "testSecret":
        _wait_until_deployed(clients["cloudfront"], context)
    elif step == "finishSecret":
        current_version = next(v for v, s in stages.items() if "AWSCURRENT" in s)
        if current_version != token:
            secrets.update_secret_version_stage(SecretId=secret_id, VersionStage="AWSCURRENT",
                                                MoveToVersionId=token, RemoveFromVersionId=current_version)
        _accept(clients["wafv2"], [_value(secrets, secret_id, "AWSCURRENT")])
    else:
        raise ValueError(f"unknown rotation step {step}")


def _create(secrets, secret_id: str, token: str) -> None:
    try:
        secrets.get_secret_value(SecretId=secret_id, VersionId=token, VersionStage="AWSPENDING")
        return  # a retried step: the pending value exists
    except secrets.exceptions.ResourceNotFoundException:
        pass
    value = secrets.get_random_password(PasswordLength=48, ExcludePunctuation=True)["RandomPassword"]
    secrets.put_secret_value(SecretId=secret_id, ClientRequestToken=token, SecretString=value,
                             VersionStages=["AWSPENDING"])


def _value(secrets, secret_id: str, stage: str, token: str | None = None) -> str:
    request = {"SecretId": secret_id, "VersionStage": stage, **({"VersionId": token} if token else {})}
    return secrets.get_secret_value(**request)["SecretString"]


def header_match(value: str) -> dict:
    """The WAF statement: this header holds exactly `value`."""
    return {"ByteMatchStatement": {
        "FieldToMatch": {"SingleHeader": {"Name": os.environ["HEADER_NAME"].lower()}},
        "PositionalConstraint": "EXACTLY", "SearchString": value,
        "TextTransformations": [{"Priority": 0, "Type": "NONE"}]}}


def _accept(waf, values: list[str]) -> None:
    """The WAF rule that lets CloudFront's requests through accepts exactly these header values."""
    name, acl_id, scope = os.environ["WEB_ACL_NAME"], os.environ["WEB_ACL_ID"], os.environ["WEB_ACL_SCOPE"]
    answer = waf.get_web_acl(Name=name, Id=acl_id, Scope=scope)
    acl = answer["WebACL"]
    statements = [header_match(value) for value in dict.fromkeys(values)]
    statement = statements[0] if len(statements) == 1 else {"OrStatement": {"Statements": statements}}
    rules = [{**rule, "Statement": statement} if rule["Name"] == os.environ["RULE_NAME"] else rule
             for rule in acl["Rules"]]
    waf.update_web_acl(Name=name, Id=acl_id, Scope=scope, LockToken=answer["LockToken"],
                       DefaultAction=acl["DefaultAction"], Rules=rules, VisibilityConfig=acl["VisibilityConfig"],
                       **({"CustomResponseBodies": acl["CustomResponseBodies"]}
                          if acl.get("CustomResponseBodies") else {}))


def _send(cloudfront, value: str) -> None:
    """CloudFront's origins that carry the header send `value` from now on."""
    distribution = os.environ["DISTRIBUTION_ID"]
    answer = cloudfront.get_distribution_config(Id=distribution)
    config, changed = answer["DistributionConfig"], False
    for origin in config["Origins"]["Items"]:
        for header in origin.get("CustomHeaders", {}).get("Items", []):
            if header["HeaderName"].lower() == os.environ["HEADER_NAME"].lower() and header["HeaderValue"] != value:
                header["HeaderValue"], changed = value, True
    if changed:
        cloudfront.update_distribution(Id=distribution, IfMatch=answer["ETag"], DistributionConfig=config)


def _wait_until_deployed(cloudfront, context: LambdaContext | None) -> None:
    distribution = os.environ["DISTRIBUTION_ID"]
    while cloudfront.get_distribution(Id=distribution)["Distribution"]["Status"] != "Deployed":
        if context is not None and context.get_remaining_time_in_millis() < 2 * WAIT_SECONDS * 1000:
            raise TimeoutError("CloudFront is still deploying the new header; Secrets Manager will test again")
        time.sleep(WAIT_SECONDS)
