"""SMS settings (SNS), the sending domain and its bounce/complaint feedback (SES), the weekly-email queue (SQS)."""
from __future__ import annotations

from aws_cdk import Duration, Stack
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_ses as ses
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from aws_cdk import aws_sqs as sqs
from aws_cdk import custom_resources as cr
from constructs import Construct

from .access import DIGEST_REDELIVERY_SECONDS
from .stages import Stage

MAX_RECEIVE_COUNT = 5


class SmsSettings(Construct):
    """Account SMS defaults: transactional (delivered first, also to numbers that opted out of promotions),
    our sender id, and a monthly spend limit. CloudFormation has no resource for these: an SDK call does it."""

    def __init__(self, scope: Construct, construct_id: str, *, stage: Stage):
        super().__init__(scope, construct_id)
        call = cr.AwsSdkCall(
            service="SNS", action="setSMSAttributes",
            parameters={"attributes": {"DefaultSMSType": "Transactional",
                                       "DefaultSenderID": stage.sms_sender_id,
                                       "MonthlySpendLimit": str(stage.sms_monthly_spend_limit_usd)}},
            physical_resource_id=cr.PhysicalResourceId.of(stage.resource_name("sms-settings")),
        )
        cr.AwsCustomResource(
            self, "SetSmsAttributes", on_create=call, on_update=call, install_latest_aws_sdk=False,
            # SetSMSAttributes is account-wide and has no resource ARN: allow it on anything but a topic.
            policy=cr.AwsCustomResourcePolicy.from_statements([iam.PolicyStatement(
                actions=["sns:SetSMSAttributes"], not_resources=["arn:aws:sns:*:*:*"])]),
        )


class Email(Construct):
    """The verified sending domain, with a default configuration set whose bounces, complaints and
    rejects go to an SNS topic (ops subscribe to it); SES also suppresses those addresses by itself.
    Its Send events (SES accepted an email) go to a topic of their own: the weekly email's record that it went,
    whatever became of its sender after the call (services/digest.py)."""

    def __init__(self, scope: Construct, construct_id: str, *, stage: Stage, topic_key: kms.IKey):
        super().__init__(scope, construct_id)
        stack = Stack.of(self)
        self.feedback_topic = sns.Topic(self, "Feedback", topic_name=stage.resource_name("email-feedback"),
                                        master_key=topic_key)
        self.configuration_set = ses.ConfigurationSet(
            self, "ConfigurationSet", configuration_set_name=stage.resource_name("mail"),
            reputation_metrics=True, sending_enabled=True,
            suppression_reasons=ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
        )
        self.configuration_set.add_event_destination(
            "BounceAndComplaint", destination=ses.EventDestination.sns_topic(self.feedback_topic),
            events=[ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT, ses.EmailSendingEvent.REJECT],
        )
        self.sends_topic = sns.Topic(self, "Sends", topic_name=stage.resource_name("email-sends"),
                                     master_key=topic_key)
        self.configuration_set.add_event_destination(
            "Send", destination=ses.EventDestination.sns_topic(self.sends_topic),
            events=[ses.EmailSendingEvent.SEND],
        )
        self.identity = ses.EmailIdentity(self, "Domain", identity=ses.Identity.domain(stage.mail_domain),
                                          configuration_set=self.configuration_set)
        self.identity_arn = stack.format_arn(service="ses", resource="identity", resource_name=stage.mail_domain)
        self.configuration_set_arn = stack.format_arn(
            service="ses", resource="configuration-set", resource_name=self.configuration_set.configuration_set_name)
        if stage.alarm_email:
            self.feedback_topic.add_subscription(subscriptions.EmailSubscription(stage.alarm_email))


class DigestQueue(Construct):
    """The weekly email's work: the planner queues one message per user, the sender works through them.
    A message that fails MAX_RECEIVE_COUNT times lands in the dead-letter queue (and raises an alarm)."""

    def __init__(self, scope: Construct, construct_id: str, *, stage: Stage):
        super().__init__(scope, construct_id)
        self.dead_letters = sqs.Queue(
            self, "DeadLetters", queue_name=stage.resource_name("digest-dlq"),
            retention_period=Duration.days(14), encryption=sqs.QueueEncryption.SQS_MANAGED, enforce_ssl=True)
        self.queue = sqs.Queue(
            self, "Queue", queue_name=stage.resource_name("digest"),
            visibility_timeout=Duration.seconds(DIGEST_REDELIVERY_SECONDS),
            retention_period=Duration.days(4), encryption=sqs.QueueEncryption.SQS_MANAGED, enforce_ssl=True,
            dead_letter_queue=sqs.DeadLetterQueue(queue=self.dead_letters, max_receive_count=MAX_RECEIVE_COUNT),
        )
