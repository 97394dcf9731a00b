"""The portal's stack in its home region: tables, keys, messaging, the Chalice app with one role per
function, the weekly and daily jobs, the static site behind CloudFront, the dashboard and the alarms."""
from __future__ import annotations

import json
from pathlib import Path

from aws_cdk import CfnOutput, Duration, Environment, RemovalPolicy, Stack
from aws_cdk import aws_apigateway as apigateway
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_scheduler as scheduler
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sqs as sqs
from chalice.cdk import Chalice
from constructs import Construct

from chalicelib.api import platform_errors

from . import access, origin, permissions
from .documents import Documents
from .edge import EdgeStack
from .messaging import DigestQueue, Email, SmsSettings
from .monitoring import Monitoring, Watched
from .origin import OriginVerification
from .site import API_STAGE, Site
from .stages import APP_NAME, Stage
from .tables import Tables

PROJECT_DIR = Path(__file__).resolve().parents[2]
TIMEZONE = "Europe/Amsterdam"
WEEKLY_DIGEST = "cron(0 8 ? * MON *)"
"""Mondays 08:00 in Amsterdam, summer and winter: EventBridge Scheduler applies the time zone's DST rules."""
DAILY_RETENTION = "cron(0 3 * * ? *)"
"""03:00 in Amsterdam exists exactly once on every day, including both daylight-saving changes."""
_RETENTION = {30: logs.RetentionDays.ONE_MONTH, 90: logs.RetentionDays.THREE_MONTHS,
              365: logs.RetentionDays.ONE_YEAR}
ROLE_PLACEHOLDER = "arn:aws:iam::000000000000:role/set-by-infra-aws"
"""Chalice wants a role ARN when it does not manage roles; each function's Role is replaced below."""


def chalice_config(stage: Stage) -> dict:
    """Chalice configuration for `stage`, over .chalice/config.json: no generated role or policy, X-Ray on,
    a regional API (CloudFront is in front), and the environment chalicelib/settings.py reads."""
    return {
        "api_gateway_stage": API_STAGE,
        "api_gateway_endpoint_type": "REGIONAL",
        "manage_iam_role": False,
        "iam_role_arn": ROLE_PLACEHOLDER,
        "autogen_policy": False,
        "xray": True,
        "environment_variables": {**stage.environment(), "POWERTOOLS_LOG_LEVEL": "INFO"},
        "tags": {"project": APP_NAME, "stage": stage.name},
    }


_DEFAULT_TYPES = ("DEFAULT_4XX", "DEFAULT_5XX")
"""Catch-alls: they keep each answer's own status (401, 403, 500…); every other type gets ours."""
SCHEDULE_INPUT = json.dumps({"source": "aws.scheduler", "scheduled_time": "<aws.scheduler.scheduled-time>"})
"""What each schedule sends its function; Scheduler fills in the time the run was due."""


def gateway_responses() -> dict:
    """API Gateway's own answers (an unknown path or method, throttling, a body too large…) in the portal's
    shape, from chalicelib/api/platform_errors.py. API Gateway adds `x-amzn-RequestId` to each by itself."""
    responses = {}
    for response_type, error in platform_errors.GATEWAY_RESPONSES.items():
        template = json.dumps(error.body("$context.requestId"), ensure_ascii=False)
        response = {"ResponseTemplates": {"application/json": template},
                    "ResponseParameters": {"Headers": {"Content-Type": "'application/json; charset=utf-8'",
                                                       "Cache-Control": "'no-store'"}}}
        if response_type not in _DEFAULT_TYPES:
            response["StatusCode"] = str(error.status)
        responses[response_type] = response
    return responses


class PortalStack(Stack):
    def __init__(self, scope: Construct, *, stage: Stage, edge: EdgeStack, account: str | None):
        # The construct id is the stage name: Chalice's construct takes its stage from it.
        super().__init__(scope, stage.name, stack_name=stage.resource_name("app"),
                         env=Environment(account=account, region=stage.region), cross_region_references=True,
                         description=f"Verzuimportaal {stage.name}: API, jobs, data, messaging, site, monitoring")
        self.stage = stage
        data_key = kms.Key(self, "DataKey", alias=stage.resource_name("data"), enable_key_rotation=True,
                           description="DynamoDB tables of the portal", removal_policy=RemovalPolicy.RETAIN)
        totp_key = kms.Key(self, "TotpKey", alias=stage.totp_key_alias, enable_key_rotation=True,
                           description="Authenticator-app secrets (chalicelib/keys.py)",
                           removal_policy=RemovalPolicy.RETAIN, policy=self._totp_key_policy(stage))
        topic_key = kms.Key(self, "TopicKey", alias=stage.resource_name("topics"), enable_key_rotation=True,
                            description="SNS topics of alarms and email feedback")
        for service in ("ses.amazonaws.com", "cloudwatch.amazonaws.com"):
            topic_key.grant(iam.ServicePrincipal(service), "kms:GenerateDataKey", "kms:Decrypt")
        self.tables = Tables(self, "Tables", stage=stage, key=data_key)
        SmsSettings(self, "Sms", stage=stage)
        email = Email(self, "Email", stage=stage, topic_key=topic_key)
        self.digest = DigestQueue(self, "Digest", stage=stage)
        self.async_failures = sqs.Queue(
            self, "AsyncFailures", queue_name=stage.resource_name("async-failures"),
            retention_period=Duration.days(14), encryption=sqs.QueueEncryption.SQS_MANAGED, enforce_ssl=True)

        self.documents = Documents(self, "Documents", stage=stage)

        self.chalice = Chalice(self, "Portal", source_dir=str(PROJECT_DIR), stage_config=chalice_config(stage))
        resources = permissions.Resources(
            tables=self.tables.by_suffix, data_key=data_key, totp_key=totp_key,
            email_identity_arn=email.identity_arn, configuration_set_arn=email.configuration_set_arn,
            email_sender=stage.email_sender, digest_queue=self.digest.queue, async_failures=self.async_failures,
            documents_bucket=self.documents.bucket, documents_key=self.documents.key)
        self.function_names: dict[str, str] = {}
        for function in access.FUNCTIONS:
            name = stage.resource_name(function.short_name)
            self.function_names[function.logical_id] = name
            role = permissions.role(self, function, name, resources)
            log_group = logs.LogGroup(self, f"{function.logical_id}Logs", log_group_name=f"/aws/lambda/{name}",
                                      retention=_RETENTION[stage.log_retention_days],
                                      removal_policy=RemovalPolicy.DESTROY)
            cfn = self._chalice_function(function)
            cfn.add_resource_dependency(log_group.node.default_child)
            cfn.add_property_override("FunctionName", name)
            cfn.add_property_override("Role", role.role_arn)
            cfn.add_property_override("Timeout", function.timeout_seconds)
            cfn.add_property_override("MemorySize", function.memory_mb or stage.api_memory_mb)
            if function is access.API:
                cfn.add_property_override("ReservedConcurrentExecutions", stage.api_reserved_concurrency)
            if function.asynchronous:
                invoke_config = lambda_.CfnEventInvokeConfig(
                    self, f"{function.logical_id}OnFailure", function_name=name, qualifier="$LATEST",
                    maximum_retry_attempts=2, destination_config=lambda_.CfnEventInvokeConfig.DestinationConfigProperty(
                        on_failure=lambda_.CfnEventInvokeConfig.OnFailureProperty(
                            destination=self.async_failures.queue_arn)))
                invoke_config.add_dependency(cfn)
        self.chalice.add_environment_variable("DIGEST_QUEUE_URL", self.digest.queue.queue_url,
                                              access.DIGEST_PLANNER.logical_id)
        self.chalice.add_environment_variable("DIGEST_CLAIM_SECONDS", str(access.DIGEST_CLAIM_SECONDS),
                                              access.DIGEST_SENDER.logical_id)
        self._documents_environment()
        self.document_rules = self.documents.route_to(self._function_arn(access.DOCUMENT_CHECK))
        rest_api = self.chalice.get_resource("RestAPI")
        api_name = stage.resource_name("api")
        rest_api.add_property_override("Name", api_name)
        rest_api.add_property_override("GatewayResponses", gateway_responses())
        self._access_logs(rest_api, stage)

        self.digest_mapping = lambda_.CfnEventSourceMapping(
            self, "DigestSenderQueue", function_name=self._function_ref(access.DIGEST_SENDER),
            event_source_arn=self.digest.queue.queue_arn, batch_size=10, enabled=True,
            function_response_types=["ReportBatchItemFailures"],
            scaling_config=lambda_.CfnEventSourceMapping.ScalingConfigProperty(
                maximum_concurrency=stage.digest_max_concurrency),
        )
        # SES bounces (and complaints, rejects) reach the email_feedback function through the feedback topic,
        # its Send events through the sends topic.
        feedback = self._chalice_function(access.EMAIL_FEEDBACK)
        for name, topic in (("", email.feedback_topic), ("Sends", email.sends_topic)):
            sns.CfnSubscription(self, f"EmailFeedback{name}Subscription", topic_arn=topic.topic_arn,
                                protocol="lambda", endpoint=feedback.get_att("Arn").to_string())
            lambda_.CfnPermission(self, f"EmailFeedbackFrom{name}Topic", action="lambda:InvokeFunction",
                                  function_name=feedback.ref, principal="sns.amazonaws.com",
                                  source_arn=topic.topic_arn)
        self.schedule_dead_letters = sqs.Queue(
            self, "ScheduleDeadLetters", queue_name=stage.resource_name("schedule-dlq"),
            retention_period=Duration.days(14), encryption=sqs.QueueEncryption.SQS_MANAGED, enforce_ssl=True)
        self._schedules()

        api_domain = f"{rest_api.ref}.execute-api.{self.region}.{self.url_suffix}"
        self.origin = OriginVerification(self, "Origin", stage=stage, rest_api_id=rest_api.ref, api_stage=API_STAGE,
                                         api_stage_logical_id=f"RestAPI{API_STAGE}Stage")
        self.site = Site(self, "Site", stage=stage, api_domain=api_domain, certificate=edge.certificate,
                         web_acl_arn=edge.web_acl.attr_arn,
                         origin_headers={origin.HEADER_NAME: self.origin.header_value},
                         upload_origin=self.documents.upload_origin)
        self.origin.rotate_with(self.site.distribution, stage)
        self.monitoring = Monitoring(self, "Monitoring", stage=stage, topic_key=topic_key, watched=Watched(
            api_name=api_name, api_stage=API_STAGE, function_names=tuple(self.function_names.values()),
            dead_letter_queues={"digest": self.digest.dead_letters, "schedules": self.schedule_dead_letters,
                                "async": self.async_failures, "document-events": self.documents.dead_letters},
            tables={suffix: table.table_name for suffix, table in sorted(self.tables.by_suffix.items())}))

        CfnOutput(self, "DistributionDomainName", value=self.site.distribution.distribution_domain_name,
                  description=f"Point {stage.domain} (CNAME or alias) here")
        CfnOutput(self, "StaticSiteBucket", value=self.site.bucket.bucket_name)
        CfnOutput(self, "DigestQueueUrl", value=self.digest.queue.queue_url)
        CfnOutput(self, "DocumentsBucket", value=self.documents.bucket.bucket_name)
        CfnOutput(self, "TablePrefix", value=stage.table_prefix)

    def _documents_environment(self) -> None:
        """The bucket, the key every object is encrypted with (its ARN: the bucket policy compares what a request
        names with it) and GuardDuty's scan, for each function that touches the bucket (access.py `objects`)."""
        variables = {"DOCUMENTS_BUCKET": self.documents.bucket.bucket_name,
                     "DOCUMENTS_KMS_KEY_ID": self.documents.key.key_arn, "MALWARE_SCAN": "guardduty"}
        for function in access.FUNCTIONS:
            if function.objects:
                for name, value in variables.items():
                    self.chalice.add_environment_variable(name, value, function.logical_id)

    def _totp_key_policy(self, stage: Stage) -> iam.PolicyDocument:
        """Administrators manage the key but cannot use it; only the API's role may seal and open secrets with it,
        and only with a user_id encryption context (chalicelib/keys.py) — in the key policy itself, so no IAM
        policy elsewhere in the account can grant more."""
        account_root = iam.AccountRootPrincipal()
        api_role = f"arn:{self.partition}:iam::{self.account}:role/{permissions.role_name(stage.resource_name('api'))}"
        return iam.PolicyDocument(statements=[
            iam.PolicyStatement(sid="AdministerNotUse", principals=[account_root], resources=["*"], actions=[
                "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*",
                "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource",
                "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:RotateKeyOnDemand"]),
            iam.PolicyStatement(
                sid="OnlyTheApiWithAUserContext", principals=[account_root], resources=["*"],
                actions=["kms:Encrypt", "kms:Decrypt"],
                conditions={"ArnEquals": {"aws:PrincipalArn": api_role},
                            "ForAllValues:StringEquals": {"kms:EncryptionContextKeys": ["user_id"]},
                            "Null": {"kms:EncryptionContext:user_id": "false"}}),
        ])

    def _access_logs(self, rest_api, stage: Stage) -> None:
        """API Gateway's access log (one JSON line a request, no bodies, no cookies) in its own log group."""
        group = logs.LogGroup(self, "ApiAccessLogs", log_group_name=f"/aws/apigateway/{stage.resource_name('api')}",
                              retention=_RETENTION[stage.log_retention_days], removal_policy=RemovalPolicy.DESTROY)
        line = {"requestId": "$context.requestId", "ip": "$context.identity.sourceIp",
                "time": "$context.requestTime", "method": "$context.httpMethod", "path": "$context.resourcePath",
                "status": "$context.status", "length": "$context.responseLength",
                "latencyMs": "$context.responseLatency", "integrationMs": "$context.integrationLatency",
                "error": "$context.error.responseType", "waf": "$context.wafResponseCode"}
        rest_api.add_property_override("AccessLogSetting", {"DestinationArn": group.log_group_arn,
                                                            "Format": json.dumps(line)})
        push = iam.Role(self, "ApiGatewayLogsRole", assumed_by=iam.ServicePrincipal("apigateway.amazonaws.com"),
                        managed_policies=[iam.ManagedPolicy.from_aws_managed_policy_name(
                            "service-role/AmazonAPIGatewayPushToCloudWatchLogs")])
        apigateway.CfnAccount(self, "ApiGatewayAccount", cloud_watch_role_arn=push.role_arn)

    def _chalice_function(self, function: access.Function):
        """The function in Chalice's template; app.py must declare it (`@app.lambda_function(name=...)`)."""
        try:
            return self.chalice.get_resource(function.logical_id)
        except RuntimeError as error:
            raise LookupError(f"app.py has no function that Chalice packages as {function.logical_id} "
                              f"(see infra/aws/permissions.py FUNCTIONS)") from error

    def _function_ref(self, function: access.Function) -> str:
        return self._chalice_function(function).ref

    def _function_arn(self, function: access.Function) -> str:
        return self._chalice_function(function).get_att("Arn").to_string()

    def _schedules(self) -> None:
        jobs = ((access.DIGEST_PLANNER, "weekly-digest", WEEKLY_DIGEST, "Queue the weekly email"),
                (access.RETENTION_PURGE, "daily-retention", DAILY_RETENTION, "Apply the retention periods"))
        role = iam.Role(self, "SchedulerRole", assumed_by=iam.ServicePrincipal(
            "scheduler.amazonaws.com", conditions={"StringEquals": {"aws:SourceAccount": self.account}}))
        role.add_to_policy(iam.PolicyStatement(actions=["lambda:InvokeFunction"],
                                               resources=[self._function_arn(job[0]) for job in jobs]))
        role.add_to_policy(iam.PolicyStatement(actions=["sqs:SendMessage"],
                                               resources=[self.schedule_dead_letters.queue_arn]))
        self.schedules = []
        for function, name, expression, description in jobs:
            self.schedules.append(scheduler.CfnSchedule(
                self, f"{function.logical_id}Schedule", name=self.stage.resource_name(name),
                description=description, schedule_expression=expression,
                schedule_expression_timezone=TIMEZONE, state="ENABLED",
                flexible_time_window=scheduler.CfnSchedule.FlexibleTimeWindowProperty(mode="OFF"),
                target=scheduler.CfnSchedule.TargetProperty(
                    arn=self._function_arn(function), role_arn=role.role_arn, input=SCHEDULE_INPUT,
                    retry_policy=scheduler.CfnSchedule.RetryPolicyProperty(
                        maximum_event_age_in_seconds=3600, maximum_retry_attempts=3),
                    dead_letter_config=scheduler.CfnSchedule.DeadLetterConfigProperty(
                        arn=self.schedule_dead_letters.queue_arn)),
            ))
