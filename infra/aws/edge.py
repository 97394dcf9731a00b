"""What CloudFront needs from us-east-1: the WAF web ACL (scope CLOUDFRONT exists only there) and the
certificate of the portal's domain. A stack of its own; the main stack reads both through CDK's
cross-region references (SSM parameters that CDK writes and reads during the deploy)."""
from __future__ import annotations

from aws_cdk import Environment, Stack
from aws_cdk import aws_certificatemanager as acm
from aws_cdk import aws_wafv2 as wafv2
from constructs import Construct

from .stages import EDGE_REGION, RateLimit, Stage

WINDOW_SECONDS = 300


def _visibility(name: str) -> wafv2.CfnWebACL.VisibilityConfigProperty:
    return wafv2.CfnWebACL.VisibilityConfigProperty(
        cloud_watch_metrics_enabled=True, metric_name=name, sampled_requests_enabled=True)


def _post_to(path: str) -> wafv2.CfnWebACL.StatementProperty:
    """Requests that are a POST to exactly `path`."""
    return wafv2.CfnWebACL.StatementProperty(and_statement=wafv2.CfnWebACL.AndStatementProperty(statements=[
        wafv2.CfnWebACL.StatementProperty(byte_match_statement=wafv2.CfnWebACL.ByteMatchStatementProperty(
            field_to_match=wafv2.CfnWebACL.FieldToMatchProperty(uri_path={}),
            positional_constraint="EXACTLY", search_string=path,
            text_transformations=[wafv2.CfnWebACL.TextTransformationProperty(priority=0, type="NONE")])),
        wafv2.CfnWebACL.StatementProperty(byte_match_statement=wafv2.CfnWebACL.ByteMatchStatementProperty(
            field_to_match=wafv2.CfnWebACL.FieldToMatchProperty(method={}),
            positional_constraint="EXACTLY", search_string="POST",
            text_transformations=[wafv2.CfnWebACL.TextTransformationProperty(priority=0, type="NONE")])),
    ]))


def rate_rule(stage: Stage, limit: RateLimit, priority: int) -> wafv2.CfnWebACL.RuleProperty:
    name = f"{stage.resource_name('rate')}-{limit.name}"
    return wafv2.CfnWebACL.RuleProperty(
        name=name, priority=priority,
        action=wafv2.CfnWebACL.RuleActionProperty(block=wafv2.CfnWebACL.BlockActionProperty(
            custom_response=wafv2.CfnWebACL.CustomResponseProperty(
                response_code=429, custom_response_body_key="too-many"))),
        statement=wafv2.CfnWebACL.StatementProperty(rate_based_statement=wafv2.CfnWebACL.RateBasedStatementProperty(
            aggregate_key_type="IP", limit=limit.limit, evaluation_window_sec=WINDOW_SECONDS,
            scope_down_statement=_post_to(limit.path))),
        visibility_config=_visibility(name),
    )


# The portal's error body (docs/api.md): a stable code and a Dutch sentence for the user.
_TOO_MANY = ('{"error": "too_many_requests", "message": "Te veel pogingen vanaf dit netwerk. '
             'Wacht een paar minuten en probeer het opnieuw."}')


class EdgeStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, *, stage: Stage, account: str | None):
        super().__init__(scope, construct_id, stack_name=stage.resource_name("edge"),
                         env=Environment(account=account, region=EDGE_REGION), cross_region_references=True,
                         description=f"Verzuimportaal {stage.name}: WAF and certificate for CloudFront (us-east-1)")
        self.web_acl = wafv2.CfnWebACL(
            self, "WebAcl", name=stage.resource_name("web-acl"), scope="CLOUDFRONT",
            default_action=wafv2.CfnWebACL.DefaultActionProperty(allow={}),
            custom_response_bodies={"too-many": wafv2.CfnWebACL.CustomResponseBodyProperty(
                content_type="APPLICATION_JSON", content=_TOO_MANY)},
            rules=[rate_rule(stage, limit, priority) for priority, limit in enumerate(stage.rate_limits)],
            visibility_config=_visibility(stage.resource_name("web-acl")),
        )
        # DNS validation: the deploy waits until the CNAME that ACM shows is in the domain's DNS.
        self.certificate = acm.Certificate(self, "Certificate", domain_name=stage.domain,
                                           validation=acm.CertificateValidation.from_dns())
