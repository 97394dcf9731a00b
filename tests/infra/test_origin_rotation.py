"""The rotation of the secret header between CloudFront and the API's WAF (infra/aws/origin_rotation), on moto:
CloudFront's own requests are never refused while it rotates, and afterwards only the new value passes."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import boto3
import pytest
from moto import mock_aws

from infra.aws import origin
from tests.support import waf

REGION = "eu-west-1"
HANDLER = Path(origin.__file__).parent / "origin_rotation" / "handler.py"


def load_handler():
    spec = importlib.util.spec_from_file_location("origin_rotation_handler", HANDLER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def distribution_config(value: str) -> dict:
    return {
        "CallerReference": "test", "Comment": "test", "Enabled": True,
        "Origins": {"Quantity": 1, "Items": [{
            "Id": "api", "DomainName": "abc.execute-api.eu-west-1.amazonaws.com", "OriginPath": "/api",
            "CustomHeaders": {"Quantity": 1, "Items": [{"HeaderName": origin.HEADER_NAME, "HeaderValue": value}]},
            "CustomOriginConfig": {"HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": "https-only"}}]},
        "DefaultCacheBehavior": {"TargetOriginId": "api", "ViewerProtocolPolicy": "https-only",
                                 "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
                                 "MinTTL": 0, "TrustedSigners": {"Enabled": False, "Quantity": 0}},
    }


@pytest.fixture
def deployed(monkeypatch):
    with mock_aws():
        secrets = boto3.client("secretsmanager", region_name=REGION)
        wafv2 = boto3.client("wafv2", region_name=REGION)
        cloudfront = boto3.client("cloudfront", region_name=REGION)
        first = "eerste-waarde-van-de-geheime-kop-0123456789abcdef"
        secret = secrets.create_secret(Name="verzuimportaal-dev-origin-verify", SecretString=first)["ARN"]
        handler = load_handler()
        monkeypatch.setenv("HEADER_NAME", origin.HEADER_NAME)
        acl = wafv2.create_web_acl(
            Name="verzuimportaal-dev-api-web-acl", Scope="REGIONAL",
            DefaultAction={"Block": {}}, VisibilityConfig={"SampledRequestsEnabled": True,
                                                          "CloudWatchMetricsEnabled": True, "MetricName": "acl"},
            Rules=[{"Name": origin.RULE_NAME, "Priority": 0, "Action": {"Allow": {}},
                    "Statement": handler.header_match(first),
                    "VisibilityConfig": {"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True,
                                         "MetricName": "rule"}}])["Summary"]
        distribution = cloudfront.create_distribution(DistributionConfig=distribution_config(first))["Distribution"]
        monkeypatch.setenv("WEB_ACL_NAME", acl["Name"])
        monkeypatch.setenv("WEB_ACL_ID", acl["Id"])
        monkeypatch.setenv("WEB_ACL_SCOPE", "REGIONAL")
        monkeypatch.setenv("RULE_NAME", origin.RULE_NAME)
        monkeypatch.setenv("DISTRIBUTION_ID", distribution["Id"])
        yield {"handler": handler, "secret": secret, "first": first, "acl": acl, "distribution": distribution["Id"],
               "clients": {"secretsmanager": secrets, "wafv2": wafv2, "cloudfront": cloudfront}}


def passes(deployed, value: str) -> bool:
    """Does the API's WAF let a request with this header value through?"""
    acl = deployed["clients"]["wafv2"].get_web_acl(Name=deployed["acl"]["Name"], Id=deployed["acl"]["Id"],
                                                   Scope="REGIONAL")["WebACL"]
    request = {"method": "POST", "path": "/api/api/auth/login", "headers": {origin.HEADER_NAME.lower(): value}}
    return any(waf.matches(rule["Statement"], request) for rule in acl["Rules"] if "Allow" in rule["Action"])


def cloudfront_sends(deployed) -> str:
    config = deployed["clients"]["cloudfront"].get_distribution_config(Id=deployed["distribution"])
    return config["DistributionConfig"]["Origins"]["Items"][0]["CustomHeaders"]["Items"][0]["HeaderValue"]


def test_a_rotation_never_refuses_cloudfront_and_ends_with_only_the_new_value(deployed):
    secrets = deployed["clients"]["secretsmanager"]
    token = "11111111-2222-3333-4444-555555555555"

    def step(name: str) -> None:
        deployed["handler"].handler({"SecretId": deployed["secret"], "ClientRequestToken": token, "Step": name},
                                    None, deployed["clients"])

    # Secrets Manager starts a rotation with a new version token
    step("createSecret")
    new = secrets.get_secret_value(SecretId=deployed["secret"], VersionStage="AWSPENDING")["SecretString"]
    assert new != deployed["first"] and len(new) == 48
    assert passes(deployed, deployed["first"]) and cloudfront_sends(deployed) == deployed["first"]

    step("setSecret")
    # While CloudFront deploys the new header, both values pass
    assert passes(deployed, deployed["first"]) and passes(deployed, new)
    assert cloudfront_sends(deployed) == new

    step("testSecret")
    step("finishSecret")
    # Then only the new one does; a request with the old value, or none, is refused
    assert passes(deployed, new)
    assert not passes(deployed, deployed["first"]) and not passes(deployed, "")
    assert secrets.get_secret_value(SecretId=deployed["secret"], VersionStage="AWSCURRENT")["SecretString"] == new
