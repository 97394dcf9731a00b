"""The dossiers' documents: a private bucket under its own KMS key, GuardDuty's malware scan of what is uploaded,
and the EventBridge rules that hand each upload and each scan result to the DocumentCheck function.

chalicelib/bucket.py names the keys: the browser posts a file (a presigned POST, signed with the API's role) to
`quarantine/…`; DocumentCheck verifies its type and waits for GuardDuty's verdict, then copies it to `documents/…`
or deletes it. Only `quarantine/` is scanned and expires by itself: a released copy is never rescanned.
"""
from __future__ import annotations

from aws_cdk import ArnFormat, Duration, RemovalPolicy, Stack
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_guardduty as guardduty
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from chalicelib.bucket import QUARANTINE, RELEASED
from chalicelib.services.documents import OBJECT_CREATED, SCAN_RESULT

from .stages import Stage

QUARANTINE_PREFIX = f"{QUARANTINE}/"
RELEASED_PREFIX = f"{RELEASED}/"
APP_PREFIXES = (QUARANTINE_PREFIX, RELEASED_PREFIX)
GUARDDUTY_PRINCIPAL = "malware-protection-plan.guardduty.amazonaws.com"
GUARDDUTY_RULES = "DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*"
"""The EventBridge managed rule GuardDuty makes for a protected bucket, by its documented name."""
VALIDATION_OBJECT = "malware-protection-resource-validation-object"
"""The object GuardDuty writes at the bucket's root to check that its role can write there."""
QUARANTINE_DAYS = 1
"""An upload is checked within minutes; whatever is still in quarantine a day later was never released."""
NONCURRENT_DAYS = 7
"""Deleted and replaced versions are kept a week (an operator's undo), then gone: the daily retention job deletes
the current objects of a case whose bewaartermijn passed (DOMAIN.md), and this removes what versioning kept."""
EVENT_RETRY_ATTEMPTS = 3
EVENT_MAX_AGE = Duration.hours(1)


class Documents(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, stage: Stage):
        super().__init__(scope, construct_id)
        stack = Stack.of(self)
        self.key = kms.Key(self, "Key", alias=stage.resource_name("documents"), enable_key_rotation=True,
                           description="Documents of the dossiers (S3, chalicelib/bucket.py)",
                           removal_policy=RemovalPolicy.RETAIN)
        self.bucket = s3.Bucket(
            self, "Bucket", bucket_name=stage.documents_bucket(stack.account),
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL, enforce_ssl=True,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED, versioned=True,
            encryption=s3.BucketEncryption.KMS, encryption_key=self.key, bucket_key_enabled=True,
            removal_policy=RemovalPolicy.RETAIN,
            # The browser posts the presigned form straight to S3 from the portal's page, and reads only the status.
            cors=[s3.CorsRule(allowed_methods=[s3.HttpMethods.POST], allowed_origins=[stage.portal_url],
                              max_age=3600)],
            lifecycle_rules=[
                s3.LifecycleRule(id="quarantine-expires", prefix=QUARANTINE_PREFIX,
                                 expiration=Duration.days(QUARANTINE_DAYS)),
                s3.LifecycleRule(id="old-versions-expire", noncurrent_version_expiration=Duration.days(NONCURRENT_DAYS),
                                 expired_object_delete_marker=True,
                                 abort_incomplete_multipart_upload_after=Duration.days(1)),
            ],
        )
        # S3 sends its events to EventBridge, set on the bucket itself (CDK's `event_bridge_enabled` would add a
        # custom resource and a Lambda function to do the same); GuardDuty's managed rule listens there too.
        bucket_resource = self.bucket.node.default_child
        assert isinstance(bucket_resource, s3.CfnBucket)
        bucket_resource.add_property_override("NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled",
                                              True)
        self._only_our_key()
        self.scanner_role = self._scanner_role(stack)
        self.malware_protection = guardduty.CfnMalwareProtectionPlan(
            self, "MalwareProtection", role=self.scanner_role.role_arn,
            protected_resource=guardduty.CfnMalwareProtectionPlan.CFNProtectedResourceProperty(
                s3_bucket=guardduty.CfnMalwareProtectionPlan.S3BucketProperty(
                    bucket_name=self.bucket.bucket_name, object_prefixes=[QUARANTINE_PREFIX])),
            # the GuardDutyMalwareScanStatus tag chalicelib/bucket.py scan_status reads
            actions=guardduty.CfnMalwareProtectionPlan.CFNActionsProperty(
                tagging=guardduty.CfnMalwareProtectionPlan.CFNTaggingProperty(status="ENABLED")))
        self.dead_letters = sqs.Queue(
            self, "EventDeadLetters", queue_name=stage.resource_name("document-events-dlq"),
            retention_period=Duration.days(14), encryption=sqs.QueueEncryption.SQS_MANAGED, enforce_ssl=True)

    @property
    def upload_origin(self) -> str:
        """Where the browser posts an upload: the bucket's regional endpoint (the Content-Security-Policy's
        connect-src)."""
        return f"https://{self.bucket.bucket_regional_domain_name}"

    def _only_our_key(self) -> None:
        """No object is written encrypted otherwise than with the documents key: a request that names another
        encryption or another key is refused everywhere, and one under the app's prefixes must name ours
        (chalicelib/bucket.py always does). GuardDuty's validation object names none, and gets the default."""
        objects = self.bucket.arn_for_objects("*")
        for sid, condition in (
                ("DenyOtherEncryption", {"StringNotEqualsIfExists": {"s3:x-amz-server-side-encryption": "aws:kms"}}),
                ("DenyOtherKeys", {"StringNotEqualsIfExists": {
                    "s3:x-amz-server-side-encryption-aws-kms-key-id": self.key.key_arn}})):
            self.bucket.add_to_resource_policy(iam.PolicyStatement(
                sid=sid, effect=iam.Effect.DENY, principals=[iam.AnyPrincipal()], actions=["s3:PutObject"],
                resources=[objects], conditions=condition))
        self.bucket.add_to_resource_policy(iam.PolicyStatement(
            sid="DenyAppObjectsWithoutKms", effect=iam.Effect.DENY, principals=[iam.AnyPrincipal()],
            actions=["s3:PutObject"], resources=[self.bucket.arn_for_objects(f"{p}*") for p in APP_PREFIXES],
            conditions={"Null": {"s3:x-amz-server-side-encryption": "true"}}))

    def _scanner_role(self, stack: Stack) -> iam.Role:
        """The role GuardDuty Malware Protection for S3 scans and tags with: the policy AWS documents for it
        (GuardDuty user guide, "Create or update IAM role policy"), its object permissions on quarantine/ only."""
        rules = stack.format_arn(service="events", resource="rule", resource_name=GUARDDUTY_RULES,
                                 arn_format=ArnFormat.SLASH_RESOURCE_NAME)
        scanned = self.bucket.arn_for_objects(f"{QUARANTINE_PREFIX}*")
        statements = [
            iam.PolicyStatement(sid="AllowManagedRuleToSendS3EventsToGuardDuty", resources=[rules],
                                actions=["events:PutRule", "events:DeleteRule", "events:PutTargets",
                                         "events:RemoveTargets"],
                                conditions={"StringLike": {"events:ManagedBy": GUARDDUTY_PRINCIPAL}}),
            iam.PolicyStatement(sid="AllowGuardDutyToMonitorEventBridgeManagedRule", resources=[rules],
                                actions=["events:DescribeRule", "events:ListTargetsByRule"]),
            iam.PolicyStatement(sid="AllowPostScanTag", resources=[scanned],
                                actions=["s3:PutObjectTagging", "s3:GetObjectTagging", "s3:PutObjectVersionTagging",
                                         "s3:GetObjectVersionTagging"]),
            iam.PolicyStatement(sid="AllowEnableS3EventBridgeEvents", resources=[self.bucket.bucket_arn],
                                actions=["s3:PutBucketNotification", "s3:GetBucketNotification"]),
            iam.PolicyStatement(sid="AllowPutValidationObject", actions=["s3:PutObject"],
                                resources=[self.bucket.arn_for_objects(VALIDATION_OBJECT)]),
            iam.PolicyStatement(sid="AllowCheckBucketOwnership", actions=["s3:ListBucket"],
                                resources=[self.bucket.bucket_arn]),
            iam.PolicyStatement(sid="AllowMalwareScan", actions=["s3:GetObject", "s3:GetObjectVersion"],
                                resources=[scanned]),
            iam.PolicyStatement(sid="AllowDecryptForMalwareScan", actions=["kms:GenerateDataKey", "kms:Decrypt"],
                                resources=[self.key.key_arn],
                                conditions={"StringEquals": {"kms:ViaService": f"s3.{stack.region}.amazonaws.com"}}),
        ]
        return iam.Role(self, "ScannerRole", assumed_by=iam.ServicePrincipal(GUARDDUTY_PRINCIPAL),
                        description="GuardDuty Malware Protection for S3: scan and tag quarantined documents",
                        inline_policies={"malware-protection": iam.PolicyDocument(statements=statements)})

    def route_to(self, function_arn: str) -> list[events.Rule]:
        """Each upload under quarantine/ and each GuardDuty verdict on one, to the check function (EventBridge
        invokes it asynchronously: its own retries and failure queue apply after delivery; this rule's retries
        and dead-letter queue cover delivery itself)."""
        function = lambda_.Function.from_function_attributes(self, "Check", function_arn=function_arn,
                                                             same_environment=True)
        name = self.bucket.bucket_name
        patterns = {
            "Uploads": events.EventPattern(source=["aws.s3"], detail_type=[OBJECT_CREATED], detail={
                "bucket": {"name": [name]}, "object": {"key": [{"prefix": QUARANTINE_PREFIX}]}}),
            "ScanResults": events.EventPattern(source=["aws.guardduty"], detail_type=[SCAN_RESULT], detail={
                "s3ObjectDetails": {"bucketName": [name], "objectKey": [{"prefix": QUARANTINE_PREFIX}]}}),
        }
        return [events.Rule(self, rule_id, event_pattern=pattern, description=f"Documents: {rule_id} to the check",
                            targets=[targets.LambdaFunction(function, dead_letter_queue=self.dead_letters,
                                                            retry_attempts=EVENT_RETRY_ATTEMPTS,
                                                            max_event_age=EVENT_MAX_AGE)])
                for rule_id, pattern in patterns.items()]
