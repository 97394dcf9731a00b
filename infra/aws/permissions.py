"""Least privilege: one role per function, allowed only the actions and resources that function uses.

No statement has a `*` action, and none has a `*` resource on DynamoDB, SES, SNS, KMS or S3. Sending an
SMS straight to a phone number has no resource ARN in IAM, so that one statement allows `sns:Publish`
on everything that is *not* an SNS topic (`NotResource`): SMS yes, any topic no.
"""
from __future__ import annotations

from dataclasses import dataclass

from aws_cdk import ArnFormat, Stack
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_sqs as sqs

from .access import DIGEST_PLANNER, DIGEST_SENDER, Function, ObjectAccess, TableAccess

OBJECT_DATA_ACTIONS = ("GetObject", "PutObject")
"""The object actions that read or write an object's bytes: S3 then uses the documents key with the caller's own
permissions (GenerateDataKey to encrypt, Decrypt to read). Deleting or reading tags uses no key."""


@dataclass(frozen=True)
class Resources:
    """The stack's resources a function policy can name."""
    tables: dict[str, dynamodb.Table]
    data_key: kms.IKey
    totp_key: kms.IKey
    email_identity_arn: str
    configuration_set_arn: str
    email_sender: str
    digest_queue: sqs.IQueue
    async_failures: sqs.IQueue | None = None
    documents_bucket: s3.IBucket | None = None
    documents_key: kms.IKey | None = None


def _table_statements(number: int, access: TableAccess, table: dynamodb.Table) -> list[iam.PolicyStatement]:
    """The table's own actions on the table, and Query on exactly the indexes the function uses."""
    found = []
    if access.actions:
        found.append(iam.PolicyStatement(sid=f"Table{number}", resources=[table.table_arn],
                                         actions=[f"dynamodb:{action}" for action in access.actions]))
    if access.indexes:
        found.append(iam.PolicyStatement(sid=f"Table{number}Indexes", actions=["dynamodb:Query"], resources=[
            f"{table.table_arn}/index/{index}" for index in access.indexes]))
    return found


def _object_statements(stack: Stack, function: Function, resources: Resources) -> list[iam.PolicyStatement]:
    """Each prefix's actions on the objects under it, and the documents key through S3 for what reads or writes
    object bytes; nothing on the bucket itself (no ListBucket: the code never lists)."""
    assert resources.documents_bucket is not None and resources.documents_key is not None, \
        f"{function.logical_id} uses the documents bucket: Resources needs it and its key"
    bucket = resources.documents_bucket
    found = [iam.PolicyStatement(sid=f"Objects{number}", resources=[bucket.arn_for_objects(f"{access.prefix}*")],
                                 actions=[f"s3:{action}" for action in access.actions])
             for number, access in enumerate(function.objects)]
    if _uses_object_data(function.objects):
        found.append(iam.PolicyStatement(
            sid="DocumentsKeyThroughS3", actions=["kms:GenerateDataKey", "kms:Decrypt"],
            resources=[resources.documents_key.key_arn],
            conditions={"StringEquals": {"kms:ViaService": f"s3.{stack.region}.amazonaws.com"}}))
    return found


def _uses_object_data(objects: tuple[ObjectAccess, ...]) -> bool:
    return any(action in OBJECT_DATA_ACTIONS for access in objects for action in access.actions)


def statements(stack: Stack, function: Function, function_name: str,
               resources: Resources) -> list[iam.PolicyStatement]:
    """The policy statements of one function's role."""
    log_group_arn = stack.format_arn(service="logs", resource="log-group",
                                     resource_name=f"/aws/lambda/{function_name}:*",
                                     arn_format=ArnFormat.COLON_RESOURCE_NAME)
    found = [
        iam.PolicyStatement(sid="OwnLogs", actions=["logs:CreateLogStream", "logs:PutLogEvents"],
                            resources=[log_group_arn]),
        # X-Ray has no resource-level permissions: its write actions always take `*`.
        iam.PolicyStatement(sid="Traces", actions=["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
                            resources=["*"]),
        iam.PolicyStatement(
            sid="TableKeyThroughDynamoDB",
            actions=["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"],
            resources=[resources.data_key.key_arn],
            conditions={"StringEquals": {"kms:ViaService": f"dynamodb.{stack.region}.amazonaws.com"}},
        ),
    ]
    for number, access in enumerate(function.tables):
        found += _table_statements(number, access, resources.tables[access.table])
    if function.objects:
        found += _object_statements(stack, function, resources)
    if function.sends_email:
        found.append(iam.PolicyStatement(
            sid="SendEmailFromOurDomain", actions=["ses:SendEmail"],
            resources=[resources.email_identity_arn, resources.configuration_set_arn],
            conditions={"StringEquals": {"ses:FromAddress": resources.email_sender}},
        ))
    if function.sends_sms:
        found.append(iam.PolicyStatement(sid="SmsToPhoneNumbersOnly", actions=["sns:Publish"],
                                         not_resources=["arn:aws:sns:*:*:*"]))
    if function.uses_totp_key:
        found.append(iam.PolicyStatement(
            sid="TotpSecretsPerUser", actions=["kms:Encrypt", "kms:Decrypt"],
            resources=[resources.totp_key.key_arn],
            # chalicelib/keys.py binds each sealed secret to its user: {"user_id": ...} and nothing else.
            conditions={"ForAllValues:StringEquals": {"kms:EncryptionContextKeys": ["user_id"]},
                        "Null": {"kms:EncryptionContext:user_id": "false"}},
        ))
    if function.asynchronous and resources.async_failures is not None:
        # Lambda sends an asynchronous invocation that failed all its tries here, with the function's role.
        found.append(iam.PolicyStatement(sid="FailedInvocations", actions=["sqs:SendMessage"],
                                         resources=[resources.async_failures.queue_arn]))
    if function is DIGEST_PLANNER:
        found.append(iam.PolicyStatement(sid="QueueDigests", actions=["sqs:SendMessage"],
                                         resources=[resources.digest_queue.queue_arn]))
        # A run short of time hands the rest over to a new run of itself (services/digest.run_planner).
        found.append(iam.PolicyStatement(sid="ContinueItself", actions=["lambda:InvokeFunction"], resources=[
            stack.format_arn(service="lambda", resource="function", resource_name=function_name,
                             arn_format=ArnFormat.COLON_RESOURCE_NAME)]))
    if function is DIGEST_SENDER:
        found.append(iam.PolicyStatement(
            sid="ConsumeDigests",
            # What Lambda's SQS event source mapping does with the function's role.
            actions=["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
            resources=[resources.digest_queue.queue_arn]))
    return found


def role_name(function_name: str) -> str:
    """A fixed name, so the TOTP key's policy can name the API's role without a reference (no cycle)."""
    return f"{function_name}-role"


def role(stack: Stack, function: Function, function_name: str, resources: Resources) -> iam.Role:
    return iam.Role(
        stack, f"{function.logical_id}Role", role_name=role_name(function_name),
        assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
        description=f"{function_name}: only what this function uses",
        inline_policies={"least-privilege": iam.PolicyDocument(
            statements=statements(stack, function, function_name, resources))},
    )

