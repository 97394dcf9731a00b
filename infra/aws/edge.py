"""What CloudFront needs from us-east-1: the WAF web ACL (scope CLOUDFRONT exists only there) and the
certificate of the portal's domain. A stack of its own; the main stack reads both through CDK's
cross-region references (SSM parameters that CDK writes and reads during the deploy)."""
from __future__ import annotations

from dataclasses import dataclass

from aws_cdk import Environment, RemovalPolicy, Stack
from aws_cdk import aws_certificatemanager as acm
from aws_cdk import aws_logs as logs
from aws_cdk import aws_wafv2 as wafv2
from constructs import Construct

from .stages import EDGE_REGION, Stage

WINDOW_SECONDS = 300


REDACTED_HEADERS = ("cookie", "x-csrf-token", "x-origin-verify", "authorization")
"""Never in the WAF's logs: the session and CSRF tokens and the origin secret."""


def waf_logs(scope: Construct, web_acl: wafv2.CfnWebACL, name: str, retention: logs.RetentionDays) -> None:
    """The web ACL's request log (a log group whose name must start with aws-waf-logs-), secrets redacted."""
    group = logs.LogGroup(scope, "WafLogs", log_group_name=f"aws-waf-logs-{name}", retention=retention,
                          removal_policy=RemovalPolicy.DESTROY)
    wafv2.CfnLoggingConfiguration(
        scope, "WafLogging", resource_arn=web_acl.attr_arn, log_destination_configs=[group.log_group_arn],
        redacted_fields=[wafv2.CfnLoggingConfiguration.FieldToMatchProperty(single_header={"Name": header})
                         for header in REDACTED_HEADERS])


def _visibility(name: str) -> wafv2.CfnWebACL.VisibilityConfigProperty:
    return wafv2.CfnWebACL.VisibilityConfigProperty(
        cloud_watch_metrics_enabled=True, metric_name=name, sampled_requests_enabled=True)


TEXT_TRANSFORMATIONS = ("URL_DECODE", "NORMALIZE_PATH", "LOWERCASE")
"""Applied in this order before a path is matched: %6C is l, // is /, /./ and /../ are resolved, and case does not
matter — every spelling of a path that can reach a route is caught (tests/infra checks the variants)."""


def path_pattern(route: str) -> str:
    """A route template as a regex on the transformed path: `{token}` is one segment, a trailing slash may follow."""
    parts = ["[^/]+" if part.startswith("{") else part.lower().replace(".", "\\.") for part in route.split("/")]
    return "^" + "/".join(parts) + "/?$"


@dataclass(frozen=True)
class EdgeRule:
    name: str
    routes: tuple[str, ...]
    methods: tuple[str, ...]
    limit: int
    aggregate: str
    """IP: per client address; CONSTANT: every request of the rule together."""


def edge_rules(stage: Stage) -> list[EdgeRule]:
    """One rate rule per mark of chalicelib.api.http.Edge, over every route that has it (the route table decides);
    SMS routes also have one over all client IPs together."""
    from chalicelib.api.http import EDGE_ROUTES, Edge

    _import_every_blueprint()

    limits = stage.edge_limits
    per_ip = {Edge.SIGN_IN: limits.sign_in_per_ip, Edge.SMS: limits.sms_per_ip, Edge.RECOVERY: limits.recovery_per_ip}
    rules = []
    for mark, limit in per_ip.items():
        marked = [(path, methods) for path, methods, marks in EDGE_ROUTES if mark in marks]
        routes = tuple(sorted({path for path, _ in marked}))
        methods = tuple(sorted({method for _, route_methods in marked for method in route_methods}))
        rules.append(EdgeRule(mark.value, routes, methods, limit, "IP"))
        if mark is Edge.SMS:
            rules.append(EdgeRule("sms-all-ips", routes, methods, limits.sms_all_ips, "CONSTANT"))
    return rules


def _import_every_blueprint() -> None:
    """Every module of chalicelib/api, as app.py registers them: importing one records its marked routes."""
    import importlib
    import pkgutil

    import chalicelib.api

    for module in pkgutil.iter_modules(chalicelib.api.__path__):
        importlib.import_module(f"chalicelib.api.{module.name}")


def _transformed() -> list[wafv2.CfnWebACL.TextTransformationProperty]:
    return [wafv2.CfnWebACL.TextTransformationProperty(priority=number, type=kind)
            for number, kind in enumerate(TEXT_TRANSFORMATIONS)]


def _any(statements: list[wafv2.CfnWebACL.StatementProperty]) -> wafv2.CfnWebACL.StatementProperty:
    if len(statements) == 1:
        return statements[0]
    return wafv2.CfnWebACL.StatementProperty(or_statement=wafv2.CfnWebACL.OrStatementProperty(statements=statements))


def _scope(rule: EdgeRule) -> wafv2.CfnWebACL.StatementProperty:
    """Requests with one of the rule's methods to any spelling of one of its routes."""
    paths = [wafv2.CfnWebACL.StatementProperty(regex_match_statement=wafv2.CfnWebACL.RegexMatchStatementProperty(
        field_to_match=wafv2.CfnWebACL.FieldToMatchProperty(uri_path={}), regex_string=path_pattern(route),
        text_transformations=_transformed())) for route in rule.routes]
    methods = [wafv2.CfnWebACL.StatementProperty(byte_match_statement=wafv2.CfnWebACL.ByteMatchStatementProperty(
        field_to_match=wafv2.CfnWebACL.FieldToMatchProperty(method={}), positional_constraint="EXACTLY",
        search_string=method,
        text_transformations=[wafv2.CfnWebACL.TextTransformationProperty(priority=0, type="UPPERCASE")]))
        for method in rule.methods]
    return wafv2.CfnWebACL.StatementProperty(and_statement=wafv2.CfnWebACL.AndStatementProperty(
        statements=[_any(methods), _any(paths)]))


def rate_rule(stage: Stage, limit: EdgeRule, priority: int) -> wafv2.CfnWebACL.RuleProperty:
    name = f"{stage.resource_name('rate')}-{limit.name}"
    return wafv2.CfnWebACL.RuleProperty(
        name=name, priority=priority,
        action=wafv2.CfnWebACL.RuleActionProperty(block=wafv2.CfnWebACL.BlockActionProperty(
            custom_response=wafv2.CfnWebACL.CustomResponseProperty(
                response_code=429, custom_response_body_key="too-many"))),
        statement=wafv2.CfnWebACL.StatementProperty(rate_based_statement=wafv2.CfnWebACL.RateBasedStatementProperty(
            aggregate_key_type=limit.aggregate, limit=limit.limit, evaluation_window_sec=WINDOW_SECONDS,
            scope_down_statement=_scope(limit))),
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
            rules=[rate_rule(stage, limit, priority) for priority, limit in enumerate(edge_rules(stage))],
            visibility_config=_visibility(stage.resource_name("web-acl")),
        )
        waf_logs(self, self.web_acl, stage.resource_name("edge"), logs.RetentionDays.THREE_MONTHS)
        # DNS validation: the deploy waits until the CNAME that ACM shows is in the domain's DNS.
        self.certificate = acm.Certificate(self, "Certificate", domain_name=stage.domain,
                                           validation=acm.CertificateValidation.from_dns())
