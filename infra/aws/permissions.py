"""Least privilege: one role per function, allowed only the actions and resources that function uses.

No statement has a `*` action, and none has a `*` resource on DynamoDB, SES, SNS or KMS. Sending an
SMS straight to a phone number has no resource ARN in IAM, so that one statement allows `sns:Publish`
on everything that is *not* an SNS topic (`NotResource`): SMS yes, any topic no.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from aws_cdk import ArnFormat, Stack
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_sqs as sqs

READ = ("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:ConditionCheckItem",
        "dynamodb:DescribeTable")
WRITE = READ + ("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem")
ALL_TABLES = "*all*"
"""Marker in `TableAccess.tables`: every table of `chalicelib.store.models.ALL_MODELS`."""


@dataclass(frozen=True)
class TableAccess:
    actions: tuple[str, ...]
    tables: tuple[str, ...]
    """Table suffixes (`users`, `employers`…), or (ALL_TABLES,)."""


@dataclass(frozen=True)
class Function:
    """A Chalice function as `chalice package` names it, and what it may touch."""
    logical_id: str
    short_name: str
    timeout_seconds: int
    memory_mb: int | None
    tables: tuple[TableAccess, ...]
    sends_email: bool = False
    sends_sms: bool = False
    uses_totp_key: bool = False
    extra_env: dict[str, str] = field(default_factory=dict)


# What each function touches, from chalicelib/services (api: everything; digest.py; retention.py) and store/.
API = Function("APIHandler", "api", 29, None, (TableAccess(WRITE, (ALL_TABLES,)),),
               sends_email=True, sends_sms=True, uses_totp_key=True)
DIGEST_PLANNER = Function("DigestPlanner", "digest-planner", 300, 512, (
    TableAccess(READ, ("users", "employer-access")),
    TableAccess(READ + ("dynamodb:UpdateItem",), ("employers",)),  # clears an employer's open-tasks flag
))
DIGEST_SENDER = Function("DigestSender", "digest-sender", 60, 512, (
    TableAccess(READ, ("employers", "employer-access")),
    TableAccess(READ + ("dynamodb:UpdateItem",), ("users",)),  # marks a bounced address
    TableAccess(WRITE, ("digest-sends",)),  # claims, finishes or releases one user's weekly email
), sends_email=True)
EMAIL_FEEDBACK = Function("EmailFeedback", "email-feedback", 60, 512, (
    TableAccess(READ + ("dynamodb:UpdateItem",), ("users",)),  # finds the bounced address, marks it
))
RETENTION_PURGE = Function("RetentionPurge", "retention-purge", 900, 512, (
    TableAccess(WRITE, ("employers", "employees", "absences", "tasks", "employee-search", "personnel-numbers")),
))
FUNCTIONS = (API, DIGEST_PLANNER, DIGEST_SENDER, EMAIL_FEEDBACK, RETENTION_PURGE)


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


def _table_arns(table: dynamodb.Table, suffix: str, indexes: dict[str, list[str]]) -> list[str]:
    return [table.table_arn] + [f"{table.table_arn}/index/{name}" for name in indexes.get(suffix, [])]


def statements(stack: Stack, function: Function, function_name: str, resources: Resources,
               indexes: dict[str, list[str]]) -> list[iam.PolicyStatement]:
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
        suffixes = sorted(resources.tables) if access.tables == (ALL_TABLES,) else access.tables
        arns = [arn for suffix in suffixes for arn in _table_arns(resources.tables[suffix], suffix, indexes)]
        found.append(iam.PolicyStatement(sid=f"Tables{number}", actions=list(access.actions), resources=arns))
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
            actions=["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility",
                     "sqs:GetQueueAttributes"],
            resources=[resources.digest_queue.queue_arn]))
    return found


def role(stack: Stack, function: Function, function_name: str, resources: Resources,
         indexes: dict[str, list[str]]) -> iam.Role:
    return iam.Role(
        stack, f"{function.logical_id}Role",
        assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
        description=f"{function_name}: only what this function uses",
        inline_policies={"least-privilege": iam.PolicyDocument(
            statements=statements(stack, function, function_name, resources, indexes))},
    )

