"""The CloudWatch dashboard ops open first, and the alarms that page them (through an SNS topic)."""
from __future__ import annotations

from dataclasses import dataclass

from aws_cdk import Duration
from aws_cdk import aws_cloudwatch as cw
from aws_cdk import aws_cloudwatch_actions as cw_actions
from aws_cdk import aws_kms as kms
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from chalicelib.observability import Metric

from .stages import Stage

# chalicelib/observability.py: Powertools emits these (EMF) in this namespace, with a `service` dimension.
NAMESPACE = "Verzuimportaal"
SERVICE = "verzuimportaal"
FIVE_MINUTES = Duration.minutes(5)
ERROR_RATE_5XX = 0.01
"""The share of API requests answered with a 5xx that raises the alarm (API Gateway's 5XXError average)."""
BOUNCE_RATE = 0.05
"""SES reviews an account at a 5% bounce rate and may pause sending at 10%."""


API_P99_MS = 3000
"""API latency p99 that pages: argon2 and a few DynamoDB requests take well under a second."""
FAILURE_METRICS = (Metric.SMS_FAILED, Metric.EMAIL_FAILED, Metric.DYNAMODB_FAILED, Metric.KMS_FAILED,
                   Metric.AWS_FAILED)
"""Failures a request met (chalicelib/observability.py): an alarm on each, so ops see every kind."""


@dataclass(frozen=True)
class Watched:
    api_name: str
    api_stage: str
    function_names: tuple[str, ...]
    dead_letter_queues: dict[str, sqs.IQueue]
    """By a short name (`digest`, `schedules`, `async`)."""
    tables: dict[str, str] | None = None
    """Table name by suffix (`users`)."""


def _portal(metric: str, label: str, period: Duration = FIVE_MINUTES) -> cw.Metric:
    return cw.Metric(namespace=NAMESPACE, metric_name=metric, dimensions_map={"service": SERVICE},
                     statistic="Sum", period=period, label=label)


class Monitoring(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, stage: Stage, watched: Watched, topic_key: kms.IKey):
        super().__init__(scope, construct_id)
        self.topic = sns.Topic(self, "Alarms", topic_name=stage.resource_name("alarms"), master_key=topic_key)
        if stage.alarm_email:
            self.topic.add_subscription(subscriptions.EmailSubscription(stage.alarm_email))
        api = {"ApiName": watched.api_name, "Stage": watched.api_stage}

        def api_metric(name: str, statistic: str, label: str) -> cw.Metric:
            return cw.Metric(namespace="AWS/ApiGateway", metric_name=name, dimensions_map=api,
                             statistic=statistic, period=FIVE_MINUTES, label=label)

        def lambda_metric(name: str, function: str) -> cw.Metric:
            return cw.Metric(namespace="AWS/Lambda", metric_name=name, dimensions_map={"FunctionName": function},
                             statistic="Sum", period=FIVE_MINUTES, label=function)

        sms_spend = cw.Metric(namespace="AWS/SNS", metric_name="SMSMonthToDateSpentUSD", statistic="Maximum",
                              period=FIVE_MINUTES, label="SMS spend this month (USD)")
        bounce_rate = cw.Metric(namespace="AWS/SES", metric_name="Reputation.BounceRate", statistic="Average",
                                period=FIVE_MINUTES, label="SES bounce rate")
        dlq_depth = {name: queue.metric_approximate_number_of_messages_visible(
            period=FIVE_MINUTES, statistic="Maximum", label=name) for name, queue in watched.dead_letter_queues.items()}

        self.dashboard = cw.Dashboard(self, "Dashboard", dashboard_name=stage.resource_name("portal"))
        self.dashboard.add_widgets(
            cw.GraphWidget(title="Logins", left=[_portal(Metric.LOGIN_SUCCEEDED, "ok"),
                                                 _portal(Metric.LOGIN_FAILED, "failed")], width=8),
            cw.GraphWidget(title="Accounts blocked (lockouts)", left=[_portal(Metric.ACCOUNT_LOCKED, "lockouts")],
                           width=8),
            cw.GraphWidget(title="Messages sent", left=[_portal(Metric.SMS_SENT, "SMS"),
                                                        _portal(Metric.SMS_REFUSED, "SMS refused by the budget"),
                                                        _portal(Metric.EMAIL_SENT, "email")],
                           right=[sms_spend], width=8),
        )
        self.dashboard.add_widgets(
            cw.GraphWidget(title="API errors", left=[api_metric("4XXError", "Sum", "4xx"),
                                                     api_metric("5XXError", "Sum", "5xx")],
                           right=[api_metric("Count", "Sum", "requests")], width=8),
            cw.GraphWidget(title="API latency (ms)", left=[api_metric("Latency", "p50", "p50"),
                                                           api_metric("Latency", "p99", "p99")], width=8),
            cw.GraphWidget(title="Dead-letter queues (messages)", left=list(dlq_depth.values()), width=8),
        )
        self.dashboard.add_widgets(
            cw.GraphWidget(title="Lambda errors", left=[lambda_metric("Errors", name)
                                                        for name in watched.function_names], width=8),
            cw.GraphWidget(title="Lambda throttles", left=[lambda_metric("Throttles", name)
                                                           for name in watched.function_names], width=8),
            cw.GraphWidget(title="SES bounce rate", left=[bounce_rate], width=8),
        )

        self.alarms: list[cw.Alarm] = [
            cw.Alarm(self, "Api5xxRate", alarm_name=stage.resource_name("api-5xx-rate"),
                     alarm_description="More than 1% of API requests failed with a 5xx for 10 of the last 15 minutes.",
                     metric=api_metric("5XXError", "Average", "5xx rate"), threshold=ERROR_RATE_5XX,
                     evaluation_periods=3, datapoints_to_alarm=2,
                     comparison_operator=cw.ComparisonOperator.GREATER_THAN_THRESHOLD,
                     treat_missing_data=cw.TreatMissingData.NOT_BREACHING),
            cw.Alarm(self, "LockoutSpike", alarm_name=stage.resource_name("lockout-spike"),
                     alarm_description="Unusually many accounts blocked within an hour: a password-guessing wave?",
                     metric=_portal(Metric.ACCOUNT_LOCKED, "lockouts", Duration.hours(1)),
                     threshold=stage.lockouts_per_hour_alarm, evaluation_periods=1,
                     comparison_operator=cw.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                     treat_missing_data=cw.TreatMissingData.NOT_BREACHING),
            cw.Alarm(self, "SmsSpend", alarm_name=stage.resource_name("sms-spend"),
                     alarm_description="SMS spend this month passed 80% of the monthly limit; at 100% SMS stop.",
                     metric=sms_spend, threshold=0.8 * stage.sms_monthly_spend_limit_usd, evaluation_periods=1,
                     comparison_operator=cw.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                     treat_missing_data=cw.TreatMissingData.NOT_BREACHING),
            cw.Alarm(self, "SmsNearCeiling", alarm_name=stage.resource_name("sms-near-ceiling"),
                     alarm_description=f"More than 80% of the portal's SMS ceiling ({stage.sms_portal_per_hour} an "
                                       "hour) was sent within an hour: SMS pumping? At the ceiling no SMS goes out "
                                       "until the next hour (chalicelib/domain/sms_budget.py).",
                     metric=_portal(Metric.SMS_SENT, "SMS sent", Duration.hours(1)),
                     threshold=0.8 * stage.sms_portal_per_hour, evaluation_periods=1,
                     comparison_operator=cw.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                     treat_missing_data=cw.TreatMissingData.NOT_BREACHING),
            cw.Alarm(self, "SmsCeilingReached", alarm_name=stage.resource_name("sms-ceiling-reached"),
                     alarm_description="The portal-wide SMS ceiling was reached: users get no SMS code until the next "
                                       "hour and are pointed to backup codes, the app and the secretariat.",
                     metric=_portal(Metric.SMS_CEILING_REACHED, "SMS refused at the ceiling", FIVE_MINUTES),
                     threshold=1, evaluation_periods=1,
                     comparison_operator=cw.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                     treat_missing_data=cw.TreatMissingData.NOT_BREACHING),
            cw.Alarm(self, "SesBounceRate", alarm_name=stage.resource_name("ses-bounce-rate"),
                     alarm_description="SES bounce rate at 5%: SES reviews the account, and pauses sending at 10%.",
                     metric=bounce_rate, threshold=BOUNCE_RATE, evaluation_periods=1,
                     comparison_operator=cw.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                     treat_missing_data=cw.TreatMissingData.NOT_BREACHING),
        ]
        self.alarms.append(cw.Alarm(
            self, "ApiLatencyP99", alarm_name=stage.resource_name("api-latency-p99"),
            alarm_description=f"API latency p99 above {API_P99_MS} ms for 10 of the last 15 minutes.",
            metric=api_metric("Latency", "p99", "p99"), threshold=API_P99_MS, evaluation_periods=3,
            datapoints_to_alarm=2, comparison_operator=cw.ComparisonOperator.GREATER_THAN_THRESHOLD,
            treat_missing_data=cw.TreatMissingData.NOT_BREACHING))
        for metric in FAILURE_METRICS:
            self.alarms.append(cw.Alarm(
                self, f"{metric}Alarm", alarm_name=stage.resource_name(f"{metric.lower()}"),
                alarm_description=f"{metric}: an AWS service failed under requests (docs/operations.md says what "
                                  "users see and what to do).",
                metric=_portal(metric, metric), threshold=5, evaluation_periods=1,
                comparison_operator=cw.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                treat_missing_data=cw.TreatMissingData.NOT_BREACHING))
        for function in watched.function_names:
            for kind in ("Errors", "Throttles"):
                self.alarms.append(cw.Alarm(
                    self, f"{kind}-{function}", alarm_name=f"{function}-{kind.lower()}",
                    alarm_description=f"{function}: {kind.lower()} in the last five minutes.",
                    metric=lambda_metric(kind, function), threshold=1, evaluation_periods=1,
                    comparison_operator=cw.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                    treat_missing_data=cw.TreatMissingData.NOT_BREACHING))
        for suffix, table in (watched.tables or {}).items():
            for metric_name, statistic in (("ThrottledRequests", "Sum"), ("SystemErrors", "Sum")):
                self.alarms.append(cw.Alarm(
                    self, f"{metric_name}-{suffix}", alarm_name=stage.resource_name(f"{suffix}-{metric_name.lower()}"),
                    alarm_description=f"DynamoDB {metric_name} on the {suffix} table.",
                    metric=cw.Metric(namespace="AWS/DynamoDB", metric_name=metric_name,
                                     dimensions_map={"TableName": table}, statistic=statistic, period=FIVE_MINUTES),
                    threshold=1, evaluation_periods=1,
                    comparison_operator=cw.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                    treat_missing_data=cw.TreatMissingData.NOT_BREACHING))
        for name, depth in dlq_depth.items():
            self.alarms.append(cw.Alarm(
                self, f"DeadLetters-{name}", alarm_name=stage.resource_name(f"{name}-dlq-not-empty"),
                alarm_description="A message gave up after its retries; look at it, fix the cause, redrive it.",
                metric=depth, threshold=0, evaluation_periods=1,
                comparison_operator=cw.ComparisonOperator.GREATER_THAN_THRESHOLD,
                treat_missing_data=cw.TreatMissingData.NOT_BREACHING))
        for alarm in self.alarms:
            alarm.add_alarm_action(cw_actions.SnsAction(self.topic))
