"""API Gateway answers only what came through CloudFront: CloudFront adds a secret header to /api/* requests,
and a regional WAF web ACL on the API's stage lets a request through only with it. The secret lives in
Secrets Manager and rotates every 30 days (origin_rotation/handler.py), with no moment at which CloudFront's
own requests are refused. A call to execute-api directly, around CloudFront and its WAF, gets a 403."""
from __future__ import annotations

import json
from pathlib import Path

from aws_cdk import Duration, Stack
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_secretsmanager as secretsmanager
from aws_cdk import aws_wafv2 as wafv2
from constructs import Construct

from chalicelib.api import platform_errors

from .edge import waf_logs
from .stages import Stage

HEADER_NAME = "X-Origin-Verify"
RULE_NAME = "through-cloudfront"
ROTATE_EVERY = Duration.days(30)
_NOT_THROUGH_CLOUDFRONT = json.dumps(platform_errors.ACCESS_DENIED.body(""), ensure_ascii=False)


class OriginVerification(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, stage: Stage, rest_api_id: str, api_stage: str,
                 api_stage_logical_id: str):
        super().__init__(scope, construct_id)
        stack = Stack.of(self)
        self.secret = secretsmanager.Secret(
            self, "Secret", secret_name=stage.resource_name("origin-verify"),
            description=f"The {HEADER_NAME} header CloudFront adds to /api/*; the API's WAF requires it",
            generate_secret_string=secretsmanager.SecretStringGenerator(exclude_punctuation=True, password_length=48))
        self.header_value = self.secret.secret_value.unsafe_unwrap()
        """A CloudFormation dynamic reference: the value itself never appears in the template."""
        name = self.web_acl_name = stage.resource_name("api-web-acl")
        self.web_acl = wafv2.CfnWebACL(
            self, "ApiWebAcl", name=name, scope="REGIONAL",
            default_action=wafv2.CfnWebACL.DefaultActionProperty(block=wafv2.CfnWebACL.BlockActionProperty(
                custom_response=wafv2.CfnWebACL.CustomResponseProperty(
                    response_code=403, custom_response_body_key="not-through-cloudfront"))),
            custom_response_bodies={"not-through-cloudfront": wafv2.CfnWebACL.CustomResponseBodyProperty(
                content_type="APPLICATION_JSON", content=_NOT_THROUGH_CLOUDFRONT)},
            rules=[wafv2.CfnWebACL.RuleProperty(
                name=RULE_NAME, priority=0, action=wafv2.CfnWebACL.RuleActionProperty(allow={}),
                statement=wafv2.CfnWebACL.StatementProperty(byte_match_statement=wafv2.CfnWebACL.ByteMatchStatementProperty(
                    field_to_match=wafv2.CfnWebACL.FieldToMatchProperty(
                        single_header={"Name": HEADER_NAME.lower()}),
                    positional_constraint="EXACTLY", search_string=self.header_value,
                    text_transformations=[wafv2.CfnWebACL.TextTransformationProperty(priority=0, type="NONE")])),
                visibility_config=_visibility(f"{name}-{RULE_NAME}"))],
            visibility_config=_visibility(name))
        waf_logs(self, self.web_acl, stage.resource_name("api"), logs.RetentionDays.THREE_MONTHS)
        association = wafv2.CfnWebACLAssociation(
            self, "OnApiStage", web_acl_arn=self.web_acl.attr_arn,
            resource_arn=f"arn:{stack.partition}:apigateway:{stack.region}::/restapis/{rest_api_id}/stages/{api_stage}")
        association.add_override("DependsOn", [api_stage_logical_id])  # the stage SAM makes of the Chalice API

    def rotate_with(self, distribution: cloudfront.Distribution, stage: Stage) -> lambda_.Function:
        """The rotation function, allowed exactly what it does, and a rotation every ROTATE_EVERY."""
        stack = Stack.of(self)
        name = stage.resource_name("origin-rotation")
        logs.LogGroup(self, "RotationLogs", log_group_name=f"/aws/lambda/{name}",
                      retention=logs.RetentionDays.THREE_MONTHS)
        function = lambda_.Function(
            self, "Rotation", function_name=name, runtime=lambda_.Runtime.PYTHON_3_11, handler="handler.handler",
            code=lambda_.Code.from_asset(str(Path(__file__).parent / "origin_rotation")), timeout=Duration.minutes(15),
            description=f"Rotates the {HEADER_NAME} secret between CloudFront and the API's WAF",
            environment={"WEB_ACL_NAME": self.web_acl_name, "WEB_ACL_ID": self.web_acl.attr_id,
                         "WEB_ACL_SCOPE": "REGIONAL", "RULE_NAME": RULE_NAME, "HEADER_NAME": HEADER_NAME,
                         "DISTRIBUTION_ID": distribution.distribution_id})
        function.add_to_role_policy(iam.PolicyStatement(
            actions=["wafv2:GetWebACL", "wafv2:UpdateWebACL"], resources=[self.web_acl.attr_arn]))
        function.add_to_role_policy(iam.PolicyStatement(
            actions=["cloudfront:GetDistribution", "cloudfront:GetDistributionConfig", "cloudfront:UpdateDistribution"],
            resources=[stack.format_arn(service="cloudfront", region="", resource="distribution",
                                        resource_name=distribution.distribution_id)]))
        function.add_to_role_policy(iam.PolicyStatement(
            actions=["secretsmanager:GetRandomPassword"], resources=["*"]))  # has no resource of its own
        self.secret.add_rotation_schedule("Every30Days", rotation_lambda=function, automatically_after=ROTATE_EVERY)
        return function


def _visibility(name: str) -> wafv2.CfnWebACL.VisibilityConfigProperty:
    return wafv2.CfnWebACL.VisibilityConfigProperty(
        cloud_watch_metrics_enabled=True, metric_name=name, sampled_requests_enabled=True)
