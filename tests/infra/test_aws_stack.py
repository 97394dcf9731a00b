"""The AWS stack, synthesised offline once per run (CDK + Chalice's construct, no account) and linted with
cfn-lint; then what ops and users would notice: data protected, jobs on Amsterdam time, least privilege,
one origin with the security headers, the weekly email retried and watched."""
from __future__ import annotations

import json
import time

from chalicelib.observability import Metric
from chalicelib.settings import get_settings
from chalicelib.store.models import ALL_MODELS
from infra.local.headers import CONTENT_SECURITY_POLICY
from tests.support.cloudformation import resources

DATA_SERVICES = ("dynamodb", "ses", "sns", "kms")


def identity_statements(template: dict):
    """Every statement of every identity policy (roles' inline policies and attached policies)."""
    for resource in template["Resources"].values():
        properties = resource.get("Properties", {})
        if resource["Type"] == "AWS::IAM::Role":
            for policy in properties.get("Policies", []):
                yield from policy["PolicyDocument"]["Statement"]
        elif resource["Type"] in ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"):
            yield from properties["PolicyDocument"]["Statement"]


def as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def key_schema(elements: list[dict]) -> dict[str, str]:
    return {element["KeyType"]: element["AttributeName"] for element in elements}


def alarmed_metrics(alarm: dict) -> list[dict]:
    """The metrics an alarm watches, as {"MetricName", "Dimensions"}, whether CDK wrote the simple or the math form."""
    if "MetricName" in alarm:
        return [{"MetricName": alarm["MetricName"], "Dimensions": alarm.get("Dimensions", [])}]
    return [{"MetricName": query["MetricStat"]["Metric"]["MetricName"],
             "Dimensions": query["MetricStat"]["Metric"].get("Dimensions", [])}
            for query in alarm["Metrics"] if "MetricStat" in query]


def function_properties(template: dict, logical_id: str) -> dict:
    return template["Resources"][logical_id]["Properties"]


def test_cfn_lint_finds_no_errors_in_any_stack(assembly):
    from cfnlint.api import lint_file

    # Given the four synthesised templates (dev and prod, each with its us-east-1 edge stack)
    assert len(assembly["paths"]) == 4
    # When cfn-lint checks them (the SAM transform of Chalice's part included)
    started = time.perf_counter()
    matches = [(path.name, match) for path in assembly["paths"] for match in lint_file(path)]
    print(f"\ncfn-lint took {time.perf_counter() - started:.1f} s")
    # Then it reports no errors (its warnings are about CDK's own helper resources)
    errors = [f"{name}: {match.rule.id} {match.message} at {'/'.join(map(str, match.path))}"
              for name, match in matches if match.rule.id.startswith("E")]
    assert errors == [], "\n".join(errors)


def test_every_model_has_its_table_with_keys_indexes_and_ttl(dev):
    tables = {properties["TableName"]: properties for properties in resources(dev, "AWS::DynamoDB::Table").values()}
    prefix = get_settings().table_prefix
    assert len(tables) == len(ALL_MODELS)
    for model in ALL_MODELS:
        name = f"verzuimportaal-dev-{model.Meta.table_name[len(prefix) + 1:]}"
        table = tables[name]
        schema = model._get_schema()
        assert key_schema(table["KeySchema"]) == key_schema(schema["key_schema"]), name
        indexes = {index["IndexName"]: index for index in table.get("GlobalSecondaryIndexes", [])}
        assert set(indexes) == {index["index_name"] for index in schema["global_secondary_indexes"]}, name
        for index in schema["global_secondary_indexes"]:
            assert key_schema(indexes[index["index_name"]]["KeySchema"]) == key_schema(index["key_schema"]), name
            assert indexes[index["index_name"]]["Projection"] == index["projection"], name
        if model.ttl_attribute:
            assert table["TimeToLiveSpecification"] == {"AttributeName": model.ttl_attribute, "Enabled": True}
        else:
            assert "TimeToLiveSpecification" not in table, name


def test_every_table_is_on_demand_recoverable_protected_and_encrypted_with_our_key(dev, prod):
    for template in (dev, prod):
        keys = resources(template, "AWS::KMS::Key")
        for name, table in resources(template, "AWS::DynamoDB::Table").items():
            assert table["BillingMode"] == "PAY_PER_REQUEST", name
            assert table["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True, name
            assert table["DeletionProtectionEnabled"] is True, name
            assert table["SSESpecification"]["SSEEnabled"] is True, name
            assert table["SSESpecification"]["SSEType"] == "KMS", name
            assert table["SSESpecification"]["KMSMasterKeyId"]["Fn::GetAtt"][0] in keys, name
            assert template["Resources"][name]["DeletionPolicy"] == "Retain", name


def test_the_totp_key_has_the_alias_the_functions_use(dev, prod):
    for template, alias in ((dev, "alias/verzuimportaal-dev-totp"), (prod, "alias/verzuimportaal-totp")):
        aliases = [properties["AliasName"] for properties in resources(template, "AWS::KMS::Alias").values()]
        assert alias in aliases
        for logical_id in resources(template, "AWS::Serverless::Function"):
            assert function_properties(template, logical_id)["Environment"]["Variables"]["TOTP_KMS_KEY_ID"] == alias
    assert all(key["EnableKeyRotation"] for key in resources(prod, "AWS::KMS::Key").values())


def test_jobs_run_on_amsterdam_time(dev):
    schedules = {properties["Target"]["Arn"]["Fn::GetAtt"][0]: properties
                 for properties in resources(dev, "AWS::Scheduler::Schedule").values()}
    assert set(schedules) == {"DigestPlanner", "RetentionPurge"}
    assert schedules["DigestPlanner"]["ScheduleExpression"] == "cron(0 8 ? * MON *)"
    assert schedules["RetentionPurge"]["ScheduleExpression"] == "cron(0 3 * * ? *)"
    for schedule in schedules.values():
        assert schedule["ScheduleExpressionTimezone"] == "Europe/Amsterdam"
        assert schedule["FlexibleTimeWindow"] == {"Mode": "OFF"}
        assert "DeadLetterConfig" in schedule["Target"]


def test_no_identity_policy_grants_everything_on_a_data_service(dev, prod, assembly):
    checked = 0
    for template in assembly["templates"].values():
        for statement in identity_statements(template):
            actions = as_list(statement.get("Action", []))
            assert "*" not in actions, statement
            data_actions = [action for action in actions if action.split(":")[0].lower() in DATA_SERVICES]
            if data_actions:
                checked += 1
                assert "*" not in as_list(statement.get("Resource", [])), statement
                assert not any(action.endswith(":*") for action in data_actions), statement
    assert checked >= 10


def test_each_function_has_its_own_role_and_chalice_generates_none(dev):
    functions = resources(dev, "AWS::Serverless::Function")
    assert set(functions) == {"APIHandler", "DigestPlanner", "DigestSender", "EmailFeedback", "RetentionPurge",
                              "DocumentCheck"}
    roles = {properties["Role"]["Fn::GetAtt"][0] for properties in functions.values()}
    assert len(roles) == len(functions)
    assert "DefaultRole" not in dev["Resources"]


def test_only_the_api_may_send_sms_or_open_totp_secrets(dev):
    def statements_of(logical_id: str) -> list[dict]:
        role = function_properties(dev, logical_id)["Role"]["Fn::GetAtt"][0]
        return [statement for policy in dev["Resources"][role]["Properties"]["Policies"]
                for statement in policy["PolicyDocument"]["Statement"]]

    def actions_of(logical_id: str) -> set[str]:
        return {action for statement in statements_of(logical_id) for action in as_list(statement["Action"])}

    def uses_totp_key(logical_id: str) -> bool:
        return any("TotpKey" in json.dumps(statement.get("Resource")) for statement in statements_of(logical_id))

    assert {"sns:Publish", "ses:SendEmail"} <= actions_of("APIHandler")
    assert uses_totp_key("APIHandler")
    for background in ("DigestPlanner", "DigestSender", "EmailFeedback", "RetentionPurge", "DocumentCheck"):
        assert "sns:Publish" not in actions_of(background), background
        assert not uses_totp_key(background), background
    assert "ses:SendEmail" in actions_of("DigestSender")
    assert "sqs:SendMessage" in actions_of("DigestPlanner")
    assert "dynamodb:DeleteItem" not in actions_of("DigestPlanner") | actions_of("EmailFeedback")
    invoking = [statement for statement in statements_of("DigestPlanner")
                if "lambda:InvokeFunction" in as_list(statement["Action"])]
    assert len(invoking) == 1 and "digest-planner" in json.dumps(invoking[0]["Resource"]), \
        "the planner may continue only itself"
    for other in ("APIHandler", "DigestSender", "EmailFeedback", "RetentionPurge", "DocumentCheck"):
        assert "lambda:InvokeFunction" not in actions_of(other), other


def test_cloudfront_serves_the_site_and_routes_api_to_api_gateway_uncached(dev):
    (distribution,) = resources(dev, "AWS::CloudFront::Distribution").values()
    config = distribution["DistributionConfig"]
    origins = {origin["Id"]: origin for origin in config["Origins"]}
    (api,) = [behavior for behavior in config["CacheBehaviors"] if behavior["PathPattern"] == "/api/*"]
    api_origin = origins[api["TargetOriginId"]]
    assert {"Ref": "RestAPI"} in api_origin["DomainName"]["Fn::Join"][1]
    assert api_origin["OriginPath"] == "/api"
    assert api["CachePolicyId"] == "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"  # Managed-CachingDisabled
    assert api["OriginRequestPolicyId"] == "b689b0a8-53d0-40ab-baf2-68738e2966ac"  # AllViewerExceptHostHeader
    assert set(api["AllowedMethods"]) >= {"GET", "POST", "PUT", "DELETE"}
    static_origin = origins[config["DefaultCacheBehavior"]["TargetOriginId"]]
    assert "OriginAccessControlId" in static_origin
    assert config["Aliases"] == ["dev.verzuimportaal.nl"]
    assert "WebACLId" in config
    for bucket in resources(dev, "AWS::S3::Bucket").values():  # the site, and CloudFront's access logs
        assert bucket["PublicAccessBlockConfiguration"] == {
            "BlockPublicAcls": True, "BlockPublicPolicy": True, "IgnorePublicAcls": True,
            "RestrictPublicBuckets": True}


def test_the_security_headers_policy_is_attached_everywhere_and_matches_the_local_server(dev):
    (name,) = resources(dev, "AWS::CloudFront::ResponseHeadersPolicy")
    headers = dev["Resources"][name]["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]
    policy = headers["ContentSecurityPolicy"]["ContentSecurityPolicy"]
    # the local server's policy, and (AWS only) the documents bucket's endpoint for uploads: test_aws_documents.py
    assert policy["Fn::Join"][1][0].startswith(CONTENT_SECURITY_POLICY + "; connect-src 'self' https://")
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY
    assert headers["StrictTransportSecurity"]["AccessControlMaxAgeSec"] >= 31536000
    assert headers["ContentTypeOptions"]["Override"] is True
    assert headers["ReferrerPolicy"]["ReferrerPolicy"] == "no-referrer"
    assert headers["FrameOptions"]["FrameOption"] == "DENY"
    (distribution,) = resources(dev, "AWS::CloudFront::Distribution").values()
    config = distribution["DistributionConfig"]
    for behavior in [config["DefaultCacheBehavior"], *config["CacheBehaviors"]]:
        assert behavior["ResponseHeadersPolicyId"] == {"Ref": name}


def test_the_weekly_email_queue_reports_failures_per_message_and_has_a_dead_letter_queue(dev, prod):
    for template, concurrency in ((dev, 2), (prod, 5)):
        (mapping,) = resources(template, "AWS::Lambda::EventSourceMapping").values()
        assert mapping["FunctionName"] == {"Ref": "DigestSender"}
        assert mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
        assert mapping["BatchSize"] == 10
        assert mapping["ScalingConfig"] == {"MaximumConcurrency": concurrency}
        queue = template["Resources"][mapping["EventSourceArn"]["Fn::GetAtt"][0]]["Properties"]
        assert queue["RedrivePolicy"]["maxReceiveCount"] == 5
        assert queue["VisibilityTimeout"] >= 6 * function_properties(template, "DigestSender")["Timeout"]
        planner = function_properties(template, "DigestPlanner")["Environment"]["Variables"]
        assert planner["DIGEST_QUEUE_URL"] == {"Ref": mapping["EventSourceArn"]["Fn::GetAtt"][0]}


def _ses_destination(template, event_type: str) -> dict:
    (destination,) = [d for d in resources(template, "AWS::SES::ConfigurationSetEventDestination").values()
                      if event_type in d["EventDestination"]["MatchingEventTypes"]]
    return destination


def _reaches_the_feedback_function(template, topic) -> bool:
    subscriptions = [subscription for subscription in resources(template, "AWS::SNS::Subscription").values()
                     if subscription["TopicArn"] == topic and subscription["Protocol"] == "lambda"]
    return ([subscription["Endpoint"] for subscription in subscriptions] == [{"Fn::GetAtt": ["EmailFeedback", "Arn"]}]
            and any(permission["Principal"] == "sns.amazonaws.com" and permission["SourceArn"] == topic
                    for permission in resources(template, "AWS::Lambda::Permission").values()))


def test_ses_bounces_and_complaints_reach_the_feedback_function(dev):
    destination = _ses_destination(dev, "bounce")
    assert "complaint" in destination["EventDestination"]["MatchingEventTypes"]
    (identity,) = resources(dev, "AWS::SES::EmailIdentity").values()
    assert identity["ConfigurationSetAttributes"]["ConfigurationSetName"] == {
        "Ref": destination["ConfigurationSetName"]["Ref"]}
    assert _reaches_the_feedback_function(dev, destination["EventDestination"]["SnsDestination"]["TopicARN"])


def test_ses_send_events_reach_the_feedback_function_on_a_topic_ops_are_not_mailed_from(prod):
    # the weekly email's record that SES took it (services/digest.py record_feedback)
    sends = _ses_destination(prod, "send")
    topic = sends["EventDestination"]["SnsDestination"]["TopicARN"]
    assert sends["EventDestination"]["MatchingEventTypes"] == ["send"]
    assert topic != _ses_destination(prod, "bounce")["EventDestination"]["SnsDestination"]["TopicARN"]
    assert _reaches_the_feedback_function(prod, topic)
    assert [s["Protocol"] for s in resources(prod, "AWS::SNS::Subscription").values() if s["TopicArn"] == topic] == [
        "lambda"], "one event per email sent: no email subscription"


def test_a_weekly_email_claim_goes_stale_before_sqs_brings_its_message_back(dev, prod):
    for template in (dev, prod):
        sender = function_properties(template, "DigestSender")
        (mapping,) = resources(template, "AWS::Lambda::EventSourceMapping").values()
        queue = template["Resources"][mapping["EventSourceArn"]["Fn::GetAtt"][0]]["Properties"]
        lease = int(sender["Environment"]["Variables"]["DIGEST_CLAIM_SECONDS"])
        assert sender["Timeout"] < lease < queue["VisibilityTimeout"]
        assert lease == get_settings().digest_claim_seconds, "the local stand-in and tests use the shipped lease"


def test_a_message_in_a_dead_letter_queue_raises_an_alarm(dev):
    (mapping,) = resources(dev, "AWS::Lambda::EventSourceMapping").values()
    queue = dev["Resources"][mapping["EventSourceArn"]["Fn::GetAtt"][0]]["Properties"]
    dead_letters = queue["RedrivePolicy"]["deadLetterTargetArn"]["Fn::GetAtt"][0]
    dimension = {"Name": "QueueName", "Value": {"Fn::GetAtt": [dead_letters, "QueueName"]}}
    alarms = [alarm for alarm in resources(dev, "AWS::CloudWatch::Alarm").values()
              if any(metric["MetricName"] == "ApproximateNumberOfMessagesVisible" and dimension in metric["Dimensions"]
                     for metric in alarmed_metrics(alarm))]
    assert len(alarms) == 1
    assert alarms[0]["Threshold"] == 0
    assert alarms[0]["ComparisonOperator"] == "GreaterThanThreshold"
    assert alarms[0]["AlarmActions"]


def test_alarms_cover_errors_lockouts_sms_spend_and_bounces(dev):
    metrics = {metric["MetricName"] for alarm in resources(dev, "AWS::CloudWatch::Alarm").values()
               for metric in alarmed_metrics(alarm)}
    assert {"5XXError", Metric.ACCOUNT_LOCKED, "SMSMonthToDateSpentUSD", "Reputation.BounceRate",
            "ApproximateNumberOfMessagesVisible"} <= metrics


def test_the_dashboard_shows_what_ops_look_at(dev):
    (dashboard,) = resources(dev, "AWS::CloudWatch::Dashboard").values()
    body = json.dumps(dashboard["DashboardBody"])
    for metric in (Metric.LOGIN_SUCCEEDED, Metric.LOGIN_FAILED, Metric.ACCOUNT_LOCKED, Metric.SMS_SENT,
                   Metric.EMAIL_SENT, "4XXError", "5XXError", "Latency", "Errors", "Throttles",
                   "ApproximateNumberOfMessagesVisible", "Verzuimportaal", "p50", "p99"):
        assert metric in body, metric


def _edge_rules(assembly) -> dict[str, dict]:
    edge = assembly["templates"]["verzuimportaal-dev-edge"]
    (acl,) = resources(edge, "AWS::WAFv2::WebACL").values()
    assert acl["Scope"] == "CLOUDFRONT"
    return {rule["Name"].removeprefix("verzuimportaal-dev-rate-"): rule for rule in acl["Rules"]}


def _spellings(path: str) -> list[str]:
    """Every way a client could write a path that may still reach its route."""
    head, last = path.rsplit("/", 1)
    return [path, path + "/", path.upper(), path.replace("/", "//"), path.replace("/api/", "/api/./"),
            f"{head}/%{ord(last[0]):02X}{last[1:]}", path.replace("a", "%61"), "/" + path, path + "//"]


def test_waf_rules_are_made_from_the_marked_routes_and_catch_every_spelling_of_them(assembly):
    from chalicelib.api.http import EDGE_ROUTES
    from tests.support import waf

    rules = _edge_rules(assembly)
    assert set(rules) >= {"sign-in", "sms", "sms-all-ips", "recovery"}
    for rule in rules.values():
        assert rule["Action"]["Block"]["CustomResponse"]["ResponseCode"] == 429
    scope = {name: rule["Statement"]["RateBasedStatement"]["ScopeDownStatement"] for name, rule in rules.items()}
    assert rules["sms-all-ips"]["Statement"]["RateBasedStatement"]["AggregateKeyType"] == "CONSTANT"
    # Given every marked route of the route table (an SMS route, a sign-in route, a recovery route)
    assert EDGE_ROUTES
    for route, methods, marks in EDGE_ROUTES:
        concrete = route.replace("{token}", "Ab9-x_Z0")
        for mark in marks:
            names = [mark.value] + (["sms-all-ips"] if mark.value == "sms" else [])
            for method in methods:
                for path in _spellings(concrete):
                    # Then its own rules catch every spelling of it
                    for name in names:
                        assert waf.matches(scope[name], {"method": method, "path": path}), (name, method, path)
    # And they leave the rest of the API alone
    for method, path in (("GET", "/api/auth/me"), ("POST", "/api/employees"), ("GET", "/api/auth/login"),
                         ("POST", "/api/auth/loginx"), ("POST", "/api/auth/logout")):
        assert not any(waf.matches(s, {"method": method, "path": path}) for s in scope.values()), (method, path)


def test_every_route_that_sends_an_sms_has_a_waf_rule_per_ip_and_over_all_ips(assembly):
    from chalicelib.api.http import EDGE_ROUTES, Edge

    rules = _edge_rules(assembly)
    sms_routes = {route for route, _, marks in EDGE_ROUTES if Edge.SMS in marks}
    assert sms_routes >= {"/api/auth/login", "/api/auth/code/resend", "/api/account/reauth", "/api/account/phone",
                          "/api/invitations/{token}/phone"}
    for name in ("sms", "sms-all-ips"):
        text = json.dumps(rules[name])
        for route in sms_routes:
            assert route.split("/{")[0] in text, (name, route)


def test_the_waf_and_certificate_live_in_us_east_1(assembly):
    manifest = json.loads((assembly["outdir"] / "manifest.json").read_text())
    assert manifest["artifacts"]["dev-edge"]["environment"].endswith("/us-east-1")


def test_functions_get_the_settings_of_their_stage(dev, prod):
    for template, stage, url in ((dev, "dev", "https://dev.verzuimportaal.nl"),
                                 (prod, "prod", "https://portal.verzuimportaal.nl")):
        for logical_id in resources(template, "AWS::Serverless::Function"):
            variables = function_properties(template, logical_id)["Environment"]["Variables"]
            assert variables["STAGE"] == stage
            assert variables["TABLE_PREFIX"] == f"verzuimportaal-{stage}"
            assert variables["PORTAL_URL"] == url
            assert "VP_LOCAL_MODE" not in variables
            assert function_properties(template, logical_id)["Tracing"] == "Active"


def test_api_gateways_own_answers_are_in_the_portals_shape(dev, prod):
    from chalicelib.api import platform_errors

    for template in (dev, prod):
        api = next(iter(resources(template, "AWS::Serverless::Api").values()))
        responses = api["GatewayResponses"]
        # Given every gateway response type we answer for (an unknown path or method, throttling, too large…)
        assert set(responses) == set(platform_errors.GATEWAY_RESPONSES)
        for response_type, response in responses.items():
            body = json.loads(response["ResponseTemplates"]["application/json"].replace("$context.requestId", "r-1"))
            # Then its body is {"error", "message"} in Dutch, with a status of its own except for the catch-alls
            assert set(body) == {"error", "message"}, response_type
            assert body["error"] == platform_errors.GATEWAY_RESPONSES[response_type].code
            assert ("StatusCode" in response) == (response_type not in ("DEFAULT_4XX", "DEFAULT_5XX"))
            assert response["ResponseParameters"]["Headers"]["Cache-Control"] == "'no-store'"
        # An unknown path or method is a 404, not API Gateway's 403 "Missing Authentication Token"
        assert responses["MISSING_AUTHENTICATION_TOKEN"]["StatusCode"] == "404"
        assert "r-1" in json.loads(responses["DEFAULT_5XX"]["ResponseTemplates"]["application/json"]
                                   .replace("$context.requestId", "r-1"))["message"]


def test_each_schedule_tells_its_function_when_the_run_was_due(dev):
    for schedule in resources(dev, "AWS::Scheduler::Schedule").values():
        assert json.loads(schedule["Target"]["Input"])["scheduled_time"] == "<aws.scheduler.scheduled-time>"


def test_the_portals_sms_ceiling_alarms_long_before_the_sns_spend_limit_stops_every_sms(dev, prod):
    from infra.aws.stages import STAGES

    usd_per_sms_nl = 0.07  # AWS End User Messaging, transactional SMS to the Netherlands (2026 list price)
    for name, template in (("dev", dev), ("prod", prod)):
        stage = STAGES[name]
        # Given the stage's portal-wide ceiling, which every function gets as SMS_PORTAL_PER_HOUR
        api = function_properties(template, "APIHandler")["Environment"]["Variables"]
        assert api["SMS_PORTAL_PER_HOUR"] == str(stage.sms_portal_per_hour)
        # Then an hour at the ceiling costs well under a third of the monthly spend limit
        assert stage.sms_portal_per_hour * usd_per_sms_nl < stage.sms_monthly_spend_limit_usd / 3
        # And ops hear of it: at 80% of the ceiling within an hour, and as soon as an SMS is refused at it
        alarms = {alarm["AlarmName"]: alarm for alarm in resources(template, "AWS::CloudWatch::Alarm").values()}
        near = alarms[f"verzuimportaal-{name}-sms-near-ceiling"]
        assert [m["MetricName"] for m in alarmed_metrics(near)] == [Metric.SMS_SENT]
        assert near["Threshold"] == 0.8 * stage.sms_portal_per_hour
        reached = alarms[f"verzuimportaal-{name}-sms-ceiling-reached"]
        assert [m["MetricName"] for m in alarmed_metrics(reached)] == [Metric.SMS_CEILING_REACHED]


def test_api_gateway_answers_only_what_came_through_cloudfront(dev, prod):
    from infra.aws import origin
    from tests.support import waf

    for template in (dev, prod):
        # Given CloudFront adds the secret header to every /api/* request, the value from Secrets Manager
        (distribution,) = resources(template, "AWS::CloudFront::Distribution").values()
        api_origin = next(o for o in distribution["DistributionConfig"]["Origins"] if o.get("OriginPath") == "/api")
        (header,) = api_origin["OriginCustomHeaders"]
        assert header["HeaderName"] == origin.HEADER_NAME
        reference = json.dumps(header["HeaderValue"])
        assert "resolve:secretsmanager" in reference
        # And a regional WAF on the API's stage lets only requests with that value through
        acl = next(p for p in resources(template, "AWS::WAFv2::WebACL").values() if p["Scope"] == "REGIONAL")
        assert "Block" in acl["DefaultAction"]
        assert acl["DefaultAction"]["Block"]["CustomResponse"]["ResponseCode"] == 403
        body = json.loads(next(iter(acl["CustomResponseBodies"].values()))["Content"])
        assert set(body) == {"error", "message"}
        (rule,) = acl["Rules"]
        assert "Allow" in rule["Action"]
        assert json.dumps(rule["Statement"]["ByteMatchStatement"]["SearchString"]) == reference
        secret = "a-value-only-cloudfront-knows"
        statement = json.loads(json.dumps(rule["Statement"]).replace(reference, json.dumps(secret)))
        assert waf.matches(statement, {"method": "POST", "path": "/x", "headers": {"x-origin-verify": secret}})
        assert not waf.matches(statement, {"method": "POST", "path": "/x", "headers": {}})
        assert not waf.matches(statement, {"method": "POST", "path": "/x", "headers": {"x-origin-verify": "raden"}})
        (association,) = resources(template, "AWS::WAFv2::WebACLAssociation").values()
        assert "/stages/api" in json.dumps(association["ResourceArn"])
        # And the secret rotates every 30 days, by a function that may touch only this ACL and this distribution
        (schedule,) = resources(template, "AWS::SecretsManager::RotationSchedule").values()
        assert schedule["RotationRules"]["ScheduleExpression"] == "rate(30 days)"
        rotation = next(p for p in resources(template, "AWS::Lambda::Function").values()
                        if p.get("FunctionName", "").endswith("-origin-rotation"))
        assert rotation["Environment"]["Variables"]["HEADER_NAME"] == origin.HEADER_NAME


def test_ops_are_paged_for_failed_sends_aws_failures_lambda_errors_table_throttles_and_slow_answers(dev):
    from infra.aws import access

    alarms = list(resources(dev, "AWS::CloudWatch::Alarm").values())
    watched = {(m["MetricName"], json.dumps(m["Dimensions"], sort_keys=True)) for a in alarms
               for m in alarmed_metrics(a)}
    names = {m for m, _ in watched}
    # Every failure a request can meet, counted by chalicelib/observability.py
    assert {Metric.SMS_FAILED, Metric.EMAIL_FAILED, Metric.DYNAMODB_FAILED, Metric.KMS_FAILED,
            Metric.AWS_FAILED} <= names
    # Errors and throttles of every function, throttles and system errors of every table, the API's p99
    for function in access.FUNCTIONS:
        for kind in ("Errors", "Throttles"):
            assert any(m == kind and f"verzuimportaal-dev-{function.short_name}" in d for m, d in watched), kind
    tables = resources(dev, "AWS::DynamoDB::Table")
    for metric in ("ThrottledRequests", "SystemErrors"):
        assert sum(m == metric for m, _ in watched) == len(tables)
    assert any(a.get("ExtendedStatistic") == "p99" or "p99" in json.dumps(a) for a in alarms
               if "Latency" in json.dumps(a))


def test_asynchronous_functions_keep_an_invocation_that_failed_every_try(dev):
    from infra.aws import access

    configs = {c["FunctionName"]: c for c in resources(dev, "AWS::Lambda::EventInvokeConfig").values()}
    for function in access.FUNCTIONS:
        name = f"verzuimportaal-dev-{function.short_name}"
        assert (name in configs) == function.asynchronous, name
        if function.asynchronous:
            destination = configs[name]["DestinationConfig"]["OnFailure"]["Destination"]
            assert "AsyncFailures" in json.dumps(destination)
    # and a message there raises the dead-letter alarm
    assert any("AsyncFailures" in json.dumps(a) for a in resources(dev, "AWS::CloudWatch::Alarm").values())


def test_the_api_has_reserved_concurrency_and_an_access_log(dev, prod):
    from infra.aws.stages import STAGES

    for name, template in (("dev", dev), ("prod", prod)):
        assert function_properties(template, "APIHandler")["ReservedConcurrentExecutions"] == \
            STAGES[name].api_reserved_concurrency
        api = next(iter(resources(template, "AWS::Serverless::Api").values()))
        line = json.loads(api["AccessLogSetting"]["Format"])
        assert {"requestId", "status", "path", "latencyMs"} <= set(line)
        assert "cookie" not in json.dumps(line).lower()
        assert resources(template, "AWS::ApiGateway::Account")


def test_cloudfront_and_both_wafs_log_without_secrets(dev, assembly):
    (distribution,) = resources(dev, "AWS::CloudFront::Distribution").values()
    assert "Logging" in distribution["DistributionConfig"]
    edge = assembly["templates"]["verzuimportaal-dev-edge"]
    for template in (dev, edge):
        (logging,) = resources(template, "AWS::WAFv2::LoggingConfiguration").values()
        redacted = {field["SingleHeader"]["Name"] for field in logging["RedactedFields"]}
        assert {"cookie", "x-csrf-token", "x-origin-verify"} <= redacted
        assert any(str(p.get("LogGroupName", "")).startswith("aws-waf-logs-")
                   for p in resources(template, "AWS::Logs::LogGroup").values())


def test_only_the_api_role_can_open_totp_secrets_and_only_with_a_user_context(dev):
    (key,) = [p for p in resources(dev, "AWS::KMS::Key").values() if "Authenticator" in p["Description"]]
    statements = key["KeyPolicy"]["Statement"]
    admin = next(s for s in statements if s["Sid"] == "AdministerNotUse")
    assert not any(action in ("kms:Decrypt", "kms:Encrypt", "kms:*") for action in admin["Action"])
    use = next(s for s in statements if s["Sid"] == "OnlyTheApiWithAUserContext")
    assert set(use["Action"]) == {"kms:Encrypt", "kms:Decrypt"}
    assert "verzuimportaal-dev-api-role" in json.dumps(use["Condition"]["ArnEquals"]["aws:PrincipalArn"])
    assert use["Condition"]["ForAllValues:StringEquals"] == {"kms:EncryptionContextKeys": ["user_id"]}
    api_role = function_properties(dev, "APIHandler")["Role"]["Fn::GetAtt"][0]
    assert dev["Resources"][api_role]["Properties"]["RoleName"] == "verzuimportaal-dev-api-role"
