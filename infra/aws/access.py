"""What each shipped function may touch: per table the DynamoDB actions (and the indexes it may Query), and
whether it sends email or SMS or uses the authenticator-app key. Pure data, no CDK: `permissions.py` builds
the roles from it, and the tests check every AWS call against it without synthesising anything —
`tests/api` each route's calls, `tests/package` the shipped functions' calls against the synthesised roles.

Nothing here is a guess: each entry is a call some code path makes (store/README.md lists the access patterns).
A transaction needs each item's own action (Put → PutItem, Update → UpdateItem, Delete → DeleteItem,
ConditionCheck → ConditionCheckItem); a batch needs BatchGetItem or BatchWriteItem on each table it names.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TableAccess:
    table: str
    """The table's suffix (`users` for `verzuimportaal-dev-users`)."""
    actions: tuple[str, ...]
    """DynamoDB actions on the table itself, without the `dynamodb:` prefix."""
    indexes: tuple[str, ...] = ()
    """Indexes the function may Query."""


@dataclass(frozen=True)
class ObjectAccess:
    prefix: str
    """A key prefix of the documents bucket (`quarantine/`, `documents/`: chalicelib/bucket.py)."""
    actions: tuple[str, ...]
    """S3 actions on the objects under it, without the `s3:` prefix."""


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
    asynchronous: bool = False
    """Invoked asynchronously (a schedule, SNS, itself): an invocation that fails all its tries is kept."""
    extra_env: dict[str, str] = field(default_factory=dict)
    objects: tuple[ObjectAccess, ...] = ()
    """What it may do in the documents bucket; any access there also uses the documents KMS key, through S3."""

    def allows_dynamodb(self, action: str, table: str, index: str | None = None) -> bool:
        """May this function do `action` (`GetItem`, …) on `table`, or Query its `index`?"""
        for access in self.tables:
            if access.table == table:
                if index is None and action in access.actions:
                    return True
                if index is not None and action == "Query" and index in access.indexes:
                    return True
        return False

    def allows_object(self, action: str, key: str) -> bool:
        """May this function do `action` (`GetObject`, …) on the documents bucket's object `key`?"""
        return any(key.startswith(access.prefix) and action in access.actions for access in self.objects)


def _t(table: str, *actions: str, indexes: tuple[str, ...] = ()) -> TableAccess:
    return TableAccess(table, tuple(actions), indexes)


# The routes (chalicelib/api, through services/ and store/); tests/api checks each route's calls against this.
API = Function("APIHandler", "api", 29, None, (
    _t("users", "GetItem", "BatchGetItem", "PutItem", "UpdateItem", "DeleteItem", "ConditionCheckItem",
       indexes=("by_username", "by_email", "by_employer", "by_failures", "by_invitation_expiry", "by_pending_phone")),
    _t("usernames", "PutItem", "DeleteItem"),
    _t("user-search", "Query", "PutItem", "DeleteItem"),
    _t("employers", "GetItem", "BatchGetItem", "PutItem", "UpdateItem", indexes=("by_name",)),
    _t("employer-access", "GetItem", "Query", "PutItem", "UpdateItem", "DeleteItem", "ConditionCheckItem",
       indexes=("by_employer",)),
    _t("employees", "GetItem", "BatchGetItem", "Query", "PutItem", "UpdateItem", indexes=("absent_by_employer",)),
    _t("personnel-numbers", "PutItem", "DeleteItem"),
    _t("employee-search", "Query", "PutItem", "DeleteItem"),
    _t("departments", "GetItem", "Query", "PutItem", "UpdateItem"),
    _t("department-names", "PutItem", "DeleteItem"),
    # ConditionCheckItem: the ziek-uit-dienstmelding is planned only while its case is open (store.absences.replan_task)
    _t("absences", "GetItem", "Query", "PutItem", "UpdateItem", "ConditionCheckItem",
       indexes=("by_employee", "by_department", "riv_by_gap", "riv_by_department")),
    # DeleteItem: the tasks of a leave registered in error go with it (store.leaves.remove)
    _t("tasks", "GetItem", "PutItem", "UpdateItem", "DeleteItem",
       indexes=("by_absence", "open_by_due", "open_by_department")),
    _t("request-keys", "GetItem", "PutItem"),
    _t("audit", "Query", "PutItem", indexes=("by_employee",)),
    _t("rate-limits", "GetItem", "UpdateItem", "DeleteItem"),
    _t("sign-ins", "Query", "PutItem"),
    _t("password-resets", "GetItem", "PutItem", "UpdateItem"),
    _t("sessions", "GetItem", "PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", indexes=("by_user",)),
    _t("login-attempts", "GetItem", "PutItem", "UpdateItem"),
    _t("invitations", "GetItem", "PutItem", "UpdateItem", "DeleteItem"),
    _t("documents", "GetItem", "Query", "PutItem"),
    # ConditionCheckItem: a leave's task is reopened only while its leave is there (store.absences.reopen)
    _t("leaves", "GetItem", "Query", "PutItem", "UpdateItem", "DeleteItem", "ConditionCheckItem",
       indexes=("by_employee",)),
    # passkeys: read by the id an assertion names; added and removed with the user's list, used in a sign-in's
    # transaction (the new sign count); listed with one BatchGetItem
    _t("passkeys", "GetItem", "BatchGetItem", "PutItem", "UpdateItem", "DeleteItem"),
    # "Inloggen met passkey": its challenge is put, read and used up (a conditional DeleteItem)
    _t("passkey-challenges", "GetItem", "PutItem", "DeleteItem"),
    # trusted browsers: put in a sign-in's transaction, checked (ConditionCheck) when one skips the second factor,
    # listed in Beveiliging, revoked one by one
    _t("trusted-browsers", "GetItem", "PutItem", "DeleteItem", "ConditionCheckItem", indexes=("by_user",)),
), sends_email=True, sends_sms=True, uses_totp_key=True, objects=(
    # presigned: the browser's upload and download are signed with the API's role, so it needs these itself
    ObjectAccess("quarantine/", ("PutObject",)),
    ObjectAccess("documents/", ("GetObject",)),
))

# services/digest.py plan(): the flagged employers, their users and the users given access to them.
DIGEST_PLANNER = Function("DigestPlanner", "digest-planner", 300, 512, (
    _t("employers", "UpdateItem", indexes=("with_open_tasks",)),  # clears an employer's open-tasks flag
    _t("users", "BatchGetItem", indexes=("by_employer",)),
    _t("employer-access", indexes=("by_employer",)),
), asynchronous=True)
# services/digest.py send_one(): the user, the open-task counters of their omgevingen, the weekly claim.
DIGEST_SENDER = Function("DigestSender", "digest-sender", 60, 512, (
    _t("users", "GetItem", "UpdateItem"),  # marks a bounced address
    _t("employers", "BatchGetItem"),
    _t("employer-access", "Query"),
    # a leidinggevende's count: their departments' teams, and a counting Query of each one's open tasks
    _t("departments", "Query"),
    _t("tasks", indexes=("open_by_department",)),
    # claims (and reads a refused claim), finishes or releases one user's email
    _t("digest-sends", "GetItem", "PutItem", "UpdateItem", "DeleteItem"),
), sends_email=True)
DIGEST_REDELIVERY_SECONDS = 6 * DIGEST_SENDER.timeout_seconds
"""The digest queue's visibility timeout (six times the sender's timeout, as Lambda advises): a message whose
sender died or failed comes back after this long."""
DIGEST_CLAIM_SECONDS = 2 * DIGEST_SENDER.timeout_seconds
"""The lease of a sender's claim on a user's weekly email: longer than a live sender can hold it (its timeout),
shorter than the redelivery, so that a redelivered message finds a dead sender's claim stale and sends."""
# services/digest.py record_feedback(): a bounced address's users; SES's Send event confirms a weekly email.
EMAIL_FEEDBACK = Function("EmailFeedback", "email-feedback", 60, 512, (
    _t("users", "UpdateItem", indexes=("by_email",)),
    _t("digest-sends", "UpdateItem"),
), asynchronous=True)
# services/retention.py purge() and store.absences.delete_expired / store.employees.delete.
RETENTION_PURGE = Function("RetentionPurge", "retention-purge", 900, 512, (
    _t("employees", "UpdateItem", "DeleteItem", indexes=("by_purge",)),
    _t("absences", "DeleteItem", "BatchGetItem", indexes=("by_employee",)),
    _t("tasks", "DeleteItem", "BatchWriteItem", indexes=("by_absence", "open_by_due")),
    # an open task removed with its absence lowers the open-task count; orphaned ones are found per employer
    _t("employers", "UpdateItem", indexes=("with_open_tasks",)),
    _t("personnel-numbers", "DeleteItem"),
    _t("employee-search", "DeleteItem"),
    # a case's documents go with it (services/retention.py remove_documents)
    _t("documents", "Query", "BatchWriteItem"),
    # a zwangerschaps- en bevallingsverlof goes with its employee; its open tasks are no orphans
    _t("leaves", "DeleteItem", "BatchGetItem", indexes=("by_employee",)),
), asynchronous=True, objects=(
    ObjectAccess("documents/", ("DeleteObject",)),
    ObjectAccess("quarantine/", ("DeleteObject",)),
))
# services/documents.py handle_event(): S3's ObjectCreated under quarantine/, GuardDuty's scan results.
DOCUMENT_CHECK = Function("DocumentCheck", "document-check", 60, 1024, (
    # Query: the case's documents after a release, for its RIV gap (the home page's count)
    _t("documents", "GetItem", "UpdateItem", "Query"),
    _t("audit", "PutItem"),  # the upload's line, in the release's transaction
    # Afronden met document: the task done, one open task fewer for the employer; the case's RIV gap moved (the
    # employee's ziekmeldingen: the case's open one keeps it)
    _t("absences", "GetItem", "UpdateItem", indexes=("by_employee",)),
    _t("tasks", "UpdateItem"),
    _t("employers", "GetItem", "UpdateItem"),
), asynchronous=True, objects=(
    ObjectAccess("quarantine/", ("GetObject", "GetObjectTagging", "DeleteObject")),
    ObjectAccess("documents/", ("PutObject",)),
))
FUNCTIONS = (API, DIGEST_PLANNER, DIGEST_SENDER, EMAIL_FEEDBACK, RETENTION_PURGE, DOCUMENT_CHECK)
