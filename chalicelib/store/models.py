"""pynamodb models: one table per kind of record. Access patterns are listed in README.md."""
from __future__ import annotations

from typing import Any

from pynamodb.attributes import (
    BooleanAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from ..settings import get_settings

_settings = get_settings()


class _TableMeta:
    """What every table's Meta shares; each model's own Meta names its table."""
    region = _settings.region
    billing_mode = "PAY_PER_REQUEST"


def _index_meta(name: str) -> type:
    class Meta:
        index_name = name
        projection = AllProjection()

    return Meta


class UsernameIndex(GlobalSecondaryIndex):
    Meta = _index_meta("by_username")
    username_key = UnicodeAttribute(hash_key=True)


class EmailIndex(GlobalSecondaryIndex):
    Meta = _index_meta("by_email")
    email_key = UnicodeAttribute(hash_key=True)


class EmployerUsersIndex(GlobalSecondaryIndex):
    Meta = _index_meta("by_employer")
    employer_id = UnicodeAttribute(hash_key=True)
    username_key = UnicodeAttribute(range_key=True)


class _StatusIndex(GlobalSecondaryIndex):
    """Users by stored `status` (the partition) and one attribute more: the secretariat's home lists. An item
    without that attribute is not in the index, so each list is one Query that reads only what it shows."""
    status = UnicodeAttribute(hash_key=True)


class FailuresIndex(_StatusIndex):
    """Every user by failure count: `status = active AND failed_count >= threshold` are the blocked accounts."""
    Meta = _index_meta("by_failures")
    failed_count = NumberAttribute(range_key=True)


class InvitationExpiryIndex(_StatusIndex):
    """Sparse: users with an invitation link (removed at activation), by when it expires."""
    Meta = _index_meta("by_invitation_expiry")
    invitation_expires_at = NumberAttribute(range_key=True)


class PendingPhoneIndex(_StatusIndex):
    """Sparse: users with a mobile number waiting for its SMS code (a phone reset, or an invitation's number)."""
    Meta = _index_meta("by_pending_phone")
    phone_pending = UnicodeAttribute(range_key=True)


class BackupCode(MapAttribute):
    salt = UnicodeAttribute()
    hash = UnicodeAttribute()


class _Model(Model):
    """Base: names the attribute DynamoDB TTL deletes by, if any (expiry is also checked in code)."""
    ttl_attribute: str | None = None


class User(_Model):
    """A person who logs in. `failed_count` at the threshold means blocked (never stored as a status)."""
    class Meta(_TableMeta):
        table_name = _settings.table_name("users")
    user_id = UnicodeAttribute(hash_key=True)
    username = UnicodeAttribute()
    username_key = UnicodeAttribute()
    email = UnicodeAttribute()
    email_key = UnicodeAttribute()
    name = UnicodeAttribute()
    role = UnicodeAttribute()
    employer_id = UnicodeAttribute()
    status = UnicodeAttribute()
    failed_count = NumberAttribute(default=0)
    last_failure = UnicodeAttribute(null=True)
    """The id of the last failure counted: a request botocore repeats after a lost answer is not counted twice."""
    password_hash = UnicodeAttribute(null=True)
    phone = UnicodeAttribute(null=True)
    phone_pending = UnicodeAttribute(null=True)
    invitation_hash = UnicodeAttribute(null=True)
    invitation_expires_at = NumberAttribute(null=True)
    terms_version = UnicodeAttribute(null=True)
    terms_accepted_at = NumberAttribute(null=True)
    backup_codes = ListAttribute(of=BackupCode, default=list)
    totp_secret = UnicodeAttribute(null=True)
    totp_last_step = NumberAttribute(null=True)
    totp_pending = UnicodeAttribute(null=True)
    email_bounced_at = NumberAttribute(null=True)  # a hard bounce: no more weekly emails to this address
    password_changed_at = NumberAttribute(null=True)
    """Set by a password reset; a login attempt begun before it cannot complete (it copied the old value)."""
    reset_hash = UnicodeAttribute(null=True)
    """The newest password-reset link: only that one works, and using it ends it."""
    devices: MapAttribute[str, Any] = MapAttribute(null=True)
    """Browsers the user signed in from: {hash of the vp_device cookie: {"since", "failures"}} (domain/lockout.py)."""
    employer_role = UnicodeAttribute(null=True)  # at their own employer; absent: verzuimbeheerder
    department_ids = UnicodeSetAttribute(null=True)  # a leidinggevende's, at their own employer
    passkey_credential_ids = UnicodeSetAttribute(null=True)
    """The user's passkeys by credential id (each a `Passkey` item): ADD and DELETE keep it without a read."""
    trust_epoch = NumberAttribute(null=True)
    """Absent or 0 at first; each change that ends all trusted browsers adds one."""
    created_at = NumberAttribute()
    by_username = UsernameIndex()
    by_email = EmailIndex()
    by_employer = EmployerUsersIndex()
    by_failures = FailuresIndex()
    by_invitation_expiry = InvitationExpiryIndex()
    by_pending_phone = PendingPhoneIndex()


class UserSearchKey(_Model):
    """One search key of a user (domain/user_search.py) for the secretariat's "Gebruiker zoeken": all users in one
    partition, across every employer. Written and removed in the transactions that create and remove the user."""
    class Meta(_TableMeta):
        table_name = _settings.table_name("user-search")
    scope = UnicodeAttribute(hash_key=True)  # always "users"
    key_user = UnicodeAttribute(range_key=True)  # <folded key>#<user_id>
    user_id = UnicodeAttribute()


class UsernameClaim(_Model):
    """Makes usernames unique: written in the same transaction as the user, only if absent."""
    class Meta(_TableMeta):
        table_name = _settings.table_name("usernames")
    username_key = UnicodeAttribute(hash_key=True)
    user_id = UnicodeAttribute()


class EmployerNameIndex(GlobalSecondaryIndex):
    Meta = _index_meta("by_name")
    kind = UnicodeAttribute(hash_key=True)
    name_key = UnicodeAttribute(range_key=True)


class OpenTasksEmployerIndex(GlobalSecondaryIndex):
    """Sparse: employers that (may) have open tasks, for the weekly email's planner. Set when tasks open;
    cleared by the planner when it finds the count at 0."""
    Meta = _index_meta("with_open_tasks")
    open_tasks_flag = UnicodeAttribute(hash_key=True)
    employer_id = UnicodeAttribute(range_key=True)


class Employer(_Model):
    class Meta(_TableMeta):
        table_name = _settings.table_name("employers")
    employer_id = UnicodeAttribute(hash_key=True)
    name = UnicodeAttribute()
    name_key = UnicodeAttribute()
    kind = UnicodeAttribute(default="employer")
    created_at = NumberAttribute()
    # Open Poortwachter tasks, kept in the same transactions that open and close tasks: the weekly email's
    # count per user is a GetItem of the user's employers, never a count over the tasks.
    open_tasks = NumberAttribute(default=0)
    open_tasks_flag = UnicodeAttribute(null=True)
    eigenrisicodrager_zw = BooleanAttribute(default=False)   # lengthens the bewaartermijnen (domain/retention.py)
    eigenrisicodrager_wga = BooleanAttribute(default=False)
    has_employees = BooleanAttribute(null=True)
    """Set with the first employee, so every page's "who am I" need not query the employees; None: not known
    (an employer from before the flag), and then it is looked up."""
    by_name = EmployerNameIndex()
    with_open_tasks = OpenTasksEmployerIndex()


class AccessUserIndex(GlobalSecondaryIndex):
    Meta = _index_meta("by_employer")
    employer_id = UnicodeAttribute(hash_key=True)
    user_id = UnicodeAttribute(range_key=True)


class EmployerAccess(_Model):
    """A werkgever user's access to an employer besides their own (`User.employer_id`): one more "omgeving"."""
    class Meta(_TableMeta):
        table_name = _settings.table_name("employer-access")
    user_id = UnicodeAttribute(hash_key=True)
    employer_id = UnicodeAttribute(range_key=True)
    granted_at = NumberAttribute()
    granted_by = UnicodeAttribute()
    employer_role = UnicodeAttribute(null=True)  # the user's role at this employer; absent: verzuimbeheerder
    department_ids = UnicodeSetAttribute(null=True)  # a leidinggevende's, at this employer
    by_employer = AccessUserIndex()


class EmployeePurgeIndex(GlobalSecondaryIndex):
    """Sparse: employees whose employment ended, by the day their record may go (the daily retention job)."""
    Meta = _index_meta("by_purge")
    purge_key = UnicodeAttribute(hash_key=True)  # always "due"; set only while a purge date is known
    purge_on = UnicodeAttribute(range_key=True)


class AbsentEmployeeIndex(GlobalSecondaryIndex):
    """Sparse: the employees who are sick now, per employer, so "Dossier zoeken" can put them first."""
    Meta = _index_meta("absent_by_employer")
    absent_employer_id = UnicodeAttribute(hash_key=True)
    employee_id = UnicodeAttribute(range_key=True)


class DepartmentStep(MapAttribute):
    """An employee's earlier department: where they were from one day until another (both inclusive)."""
    department_id = UnicodeAttribute()
    from_date = UnicodeAttribute()
    until = UnicodeAttribute()


class Employee(_Model):
    """A person employed by an employer. No BSN and nothing medical, ever."""
    class Meta(_TableMeta):
        table_name = _settings.table_name("employees")
    employer_id = UnicodeAttribute(hash_key=True)
    employee_id = UnicodeAttribute(range_key=True)
    personnel_number = UnicodeAttribute()
    first_name = UnicodeAttribute()
    infix = UnicodeAttribute(null=True)
    last_name = UnicodeAttribute()
    date_of_birth = UnicodeAttribute()
    start_date = UnicodeAttribute()
    contract_hours = NumberAttribute()
    work_phone = UnicodeAttribute(null=True)
    work_email = UnicodeAttribute(null=True)
    end_date = UnicodeAttribute(null=True)
    open_absence_id = UnicodeAttribute(null=True)
    absent_employer_id = UnicodeAttribute(null=True)  # set with open_absence_id: the absent_by_employer index
    created_at = NumberAttribute()
    updated_at = NumberAttribute(null=True)
    purge_key = UnicodeAttribute(null=True)
    purge_on = UnicodeAttribute(null=True)
    department_id = UnicodeAttribute(null=True)
    department_since = UnicodeAttribute(null=True)
    department_history = ListAttribute(of=DepartmentStep, null=True)
    afdeling_id = UnicodeAttribute(null=True)
    leave_id = UnicodeAttribute(null=True)  # the latest zwangerschaps- en bevallingsverlof (store.leaves)
    leave_from = UnicodeAttribute(null=True)
    leave_until = UnicodeAttribute(null=True)
    by_purge = EmployeePurgeIndex()
    absent_by_employer = AbsentEmployeeIndex()


class RecoveryStep(MapAttribute):
    """From this date on, the employee works again for this percentage (partial recovery)."""
    from_date = UnicodeAttribute()
    percentage = NumberAttribute()


class AbsenceDepartmentIndex(GlobalSecondaryIndex):
    """Sparse: an absence of an employee in a department carries `department_key`, so a leidinggevende's figures
    read their departments' absences only."""
    Meta = _index_meta("by_department")
    department_key = UnicodeAttribute(hash_key=True)  # <employer_id>#<department_id>
    first_sick_day = UnicodeAttribute(range_key=True)


class AbsenceEmployeeIndex(GlobalSecondaryIndex):
    Meta = _index_meta("by_employee")
    employee_id = UnicodeAttribute(hash_key=True)
    first_sick_day = UnicodeAttribute(range_key=True)


class RivGapIndex(GlobalSecondaryIndex):
    """Sparse: an open absence with a RIV-check step without document carries `riv_employer_id`, by the step's
    deadline, so the home page counts the cases that miss something without reading any case's documents."""
    Meta = _index_meta("riv_by_gap")
    riv_employer_id = UnicodeAttribute(hash_key=True)
    riv_gap = UnicodeAttribute(range_key=True)


class RivGapDepartmentIndex(GlobalSecondaryIndex):
    """Sparse: the same per department (`<employer_id>#<department_id>`), for a leidinggevende's home page."""
    Meta = _index_meta("riv_by_department")
    riv_department_key = UnicodeAttribute(hash_key=True)
    riv_gap = UnicodeAttribute(range_key=True)


class Absence(_Model):
    """A ziekmelding and what followed. Only the facts the AVG allows: no diagnosis, cause or treatment."""
    class Meta(_TableMeta):
        table_name = _settings.table_name("absences")
    # TTL is the backstop a week after `purge_at`: the daily job removes an absence on the day itself, together with
    # any task still open on it (and the employer's open-task count), which TTL alone would leave behind.
    ttl_attribute = "expires_at"
    employer_id = UnicodeAttribute(hash_key=True)
    absence_id = UnicodeAttribute(range_key=True)
    employee_id = UnicodeAttribute()
    first_sick_day = UnicodeAttribute()
    case_start = UnicodeAttribute()
    vangnet = BooleanAttribute()
    work_accident = BooleanAttribute()
    third_party_liable = BooleanAttribute()
    contact_address = UnicodeAttribute(null=True)
    contact_phone = UnicodeAttribute(null=True)
    expected_duration = UnicodeAttribute(null=True)
    note = UnicodeAttribute(null=True)
    status = UnicodeAttribute()
    recovered_on = UnicodeAttribute(null=True)
    steps = ListAttribute(of=RecoveryStep, default=list)
    created_by = UnicodeAttribute()
    created_at = NumberAttribute()
    purge_at = NumberAttribute(null=True)  # set once closed and the employment has ended (bewaartermijn)
    expires_at = NumberAttribute(null=True)
    department_id = UnicodeAttribute(null=True)
    department_key = UnicodeAttribute(null=True)
    riv_gap = UnicodeAttribute(null=True)
    riv_employer_id = UnicodeAttribute(null=True)
    riv_department_key = UnicodeAttribute(null=True)
    by_employee = AbsenceEmployeeIndex()
    by_department = AbsenceDepartmentIndex()
    riv_by_gap = RivGapIndex()
    riv_by_department = RivGapDepartmentIndex()


class OpenTaskIndex(GlobalSecondaryIndex):
    """Sparse: only open tasks carry `open_employer_id`, so the home page reads open tasks only."""
    Meta = _index_meta("open_by_due")
    open_employer_id = UnicodeAttribute(hash_key=True)
    due_key = UnicodeAttribute(range_key=True)


class OpenTaskDepartmentIndex(GlobalSecondaryIndex):
    """Sparse: an open task of an employee in a department carries `open_department_key`, so a leidinggevende's
    home page reads the open tasks of their departments only."""
    Meta = _index_meta("open_by_department")
    open_department_key = UnicodeAttribute(hash_key=True)  # <employer_id>#<department_id>
    due_key = UnicodeAttribute(range_key=True)


class TaskAbsenceIndex(GlobalSecondaryIndex):
    Meta = _index_meta("by_absence")
    absence_id = UnicodeAttribute(hash_key=True)
    due_key = UnicodeAttribute(range_key=True)


class Task(_Model):
    """A Poortwachter task of the employer for one absence."""
    class Meta(_TableMeta):
        table_name = _settings.table_name("tasks")
    ttl_attribute = "purge_at"
    employer_id = UnicodeAttribute(hash_key=True)
    task_id = UnicodeAttribute(range_key=True)
    absence_id = UnicodeAttribute()
    employee_id = UnicodeAttribute()
    code = UnicodeAttribute()
    title = UnicodeAttribute()
    due = UnicodeAttribute()
    due_key = UnicodeAttribute()
    status = UnicodeAttribute()
    open_employer_id = UnicodeAttribute(null=True)
    done_by = UnicodeAttribute(null=True)
    done_at = NumberAttribute(null=True)
    done_on = UnicodeAttribute(null=True)
    done_note = UnicodeAttribute(null=True)
    purge_at = NumberAttribute(null=True)  # set once the case is closed and the task is not open (bewaartermijn)
    department_id = UnicodeAttribute(null=True)
    open_department_key = UnicodeAttribute(null=True)
    open_by_due = OpenTaskIndex()
    open_by_department = OpenTaskDepartmentIndex()
    by_absence = TaskAbsenceIndex()


class Document(_Model):
    """A version of a document of a case, in its employer's partition: a case's documents are one Query of
    `begins_with(<absence_id>#)`, a document's versions one of `<absence_id>#<document_id>#`."""
    class Meta(_TableMeta):
        table_name = _settings.table_name("documents")
    # Only a version never uploaded or refused expires: a released one goes with its case (the daily job).
    ttl_attribute = "expires_at"
    employer_id = UnicodeAttribute(hash_key=True)
    doc_key = UnicodeAttribute(range_key=True)  # <absence_id>#<document_id>#<version, 4 digits>
    absence_id = UnicodeAttribute()
    document_id = UnicodeAttribute()
    version = NumberAttribute()
    employee_id = UnicodeAttribute()
    type = UnicodeAttribute()
    dated = UnicodeAttribute()
    filename = UnicodeAttribute()
    content_type = UnicodeAttribute()
    uploaded_by = UnicodeAttribute()
    created_at = NumberAttribute()
    status = UnicodeAttribute()
    task_id = UnicodeAttribute(null=True)
    description = UnicodeAttribute(null=True)
    size = NumberAttribute(null=True)
    refused_reason = UnicodeAttribute(null=True)
    checked_at = NumberAttribute(null=True)
    expires_at = NumberAttribute(null=True)


class LeaveEmployeeIndex(GlobalSecondaryIndex):
    Meta = _index_meta("by_employee")
    employee_id = UnicodeAttribute(hash_key=True)
    starts_on = UnicodeAttribute(range_key=True)


class Leave(_Model):
    """A zwangerschaps- en bevallingsverlof (domain/wazo.py): dates only, apart from the absences."""
    class Meta(_TableMeta):
        table_name = _settings.table_name("leaves")
    employer_id = UnicodeAttribute(hash_key=True)
    leave_id = UnicodeAttribute(range_key=True)
    employee_id = UnicodeAttribute()
    expected_on = UnicodeAttribute()
    starts_on = UnicodeAttribute()
    born_on = UnicodeAttribute(null=True)
    ends_on = UnicodeAttribute()
    created_by = UnicodeAttribute()
    created_at = NumberAttribute()
    department_id = UnicodeAttribute(null=True)
    by_employee = LeaveEmployeeIndex()


class RequestKey(_Model):
    """An idempotency key: a retried or double-clicked submit finds the record the first one made."""
    class Meta(_TableMeta):
        table_name = _settings.table_name("request-keys")
    ttl_attribute = "expires_at"
    key = UnicodeAttribute(hash_key=True)
    record_id = UnicodeAttribute()
    expires_at = NumberAttribute()


class Department(_Model):
    """An afdeling or team of an employer, in the employer's partition (all of them: one Query)."""
    class Meta(_TableMeta):
        table_name = _settings.table_name("departments")
    employer_id = UnicodeAttribute(hash_key=True)
    department_id = UnicodeAttribute(range_key=True)
    name = UnicodeAttribute()
    parent_id = UnicodeAttribute(null=True)
    created_at = NumberAttribute()


class DepartmentNameClaim(_Model):
    """Makes a department's name unique among its siblings: `<employer_id>#<parent id or ->#<name key>`."""
    class Meta(_TableMeta):
        table_name = _settings.table_name("department-names")
    key = UnicodeAttribute(hash_key=True)
    department_id = UnicodeAttribute()


class EmployeeSearchKey(_Model):
    """One search key of an employee (a folded name part or the personnel number), for "Dossier zoeken"."""
    class Meta(_TableMeta):
        table_name = _settings.table_name("employee-search")
    employer_id = UnicodeAttribute(hash_key=True)
    key_employee = UnicodeAttribute(range_key=True)
    employee_id = UnicodeAttribute()


class AuditEmployeeIndex(GlobalSecondaryIndex):
    """Sparse: the lines about one employee's dossier, by time (who viewed or changed it)."""
    Meta = _index_meta("by_employee")
    employee_key = UnicodeAttribute(hash_key=True)
    at_id = UnicodeAttribute(range_key=True)


class AuditEntry(_Model):
    """Who did what, when: dossier views, changes, secretariat actions. Written once, never changed."""
    class Meta(_TableMeta):
        table_name = _settings.table_name("audit")
    ttl_attribute = "expires_at"
    scope = UnicodeAttribute(hash_key=True)
    at_id = UnicodeAttribute(range_key=True)
    at = NumberAttribute()
    actor_user_id = UnicodeAttribute()
    action = UnicodeAttribute()
    object_type = UnicodeAttribute()
    object_id = UnicodeAttribute()
    expires_at = NumberAttribute()
    employee_id = UnicodeAttribute(null=True)
    employee_key = UnicodeAttribute(null=True)  # <scope>#<employee_id>: the by_employee index
    by_employee = AuditEmployeeIndex()


class PersonnelNumberClaim(_Model):
    """Makes a personnel number unique within its employer: `<employer_id>#<number, lowercase>`."""
    class Meta(_TableMeta):
        table_name = _settings.table_name("personnel-numbers")
    key = UnicodeAttribute(hash_key=True)
    employee_id = UnicodeAttribute()


class RateLimit(_Model):
    """Counts of one kind of request for one subject (an account, a hashed email address) in a window."""
    class Meta(_TableMeta):
        table_name = _settings.table_name("rate-limits")
    ttl_attribute = "expires_at"
    key = UnicodeAttribute(hash_key=True)
    window_start = NumberAttribute()
    count = NumberAttribute()  # type: ignore[assignment]  # the stored name; hides Model.count(), never used here
    last_at = NumberAttribute()
    expires_at = NumberAttribute()
    claim_id = UnicodeAttribute(null=True)
    """The id of the last claim counted: a request botocore repeats after a lost answer is not counted twice."""


class SignIn(_Model):
    """One sign-in attempt of a user, for the security overview: when, how, and whether it worked."""
    class Meta(_TableMeta):
        table_name = _settings.table_name("sign-ins")
    ttl_attribute = "expires_at"
    user_id = UnicodeAttribute(hash_key=True)
    at_id = UnicodeAttribute(range_key=True)
    at = NumberAttribute()
    method = UnicodeAttribute()
    success = BooleanAttribute()
    expires_at = NumberAttribute()
    browser = UnicodeAttribute(null=True)


class PasswordReset(_Model):
    """A "wachtwoord vergeten" link: one hour, one use."""
    class Meta(_TableMeta):
        table_name = _settings.table_name("password-resets")
    ttl_attribute = "purge_at"
    token_hash = UnicodeAttribute(hash_key=True)
    user_id = UnicodeAttribute()
    expires_at = NumberAttribute()
    used_at = NumberAttribute(null=True)
    purge_at = NumberAttribute()


class SessionUserIndex(GlobalSecondaryIndex):
    Meta = _index_meta("by_user")
    user_id = UnicodeAttribute(hash_key=True)


class Session(_Model):
    """A signed-in browser. Keyed by the hash of the cookie's token; `expires_at` is the absolute end."""
    class Meta(_TableMeta):
        table_name = _settings.table_name("sessions")
    ttl_attribute = "expires_at"
    token_hash = UnicodeAttribute(hash_key=True)
    session_id = UnicodeAttribute()
    user_id = UnicodeAttribute()
    role = UnicodeAttribute()
    employer_id = UnicodeAttribute()
    csrf_hash = UnicodeAttribute()
    method = UnicodeAttribute()
    created_at = NumberAttribute()
    authenticated_at = NumberAttribute()
    reauth_code_salt = UnicodeAttribute(null=True)
    reauth_code_hash = UnicodeAttribute(null=True)
    reauth_code_expires_at = NumberAttribute(null=True)
    new_phone = UnicodeAttribute(null=True)
    new_phone_code_salt = UnicodeAttribute(null=True)
    new_phone_code_hash = UnicodeAttribute(null=True)
    new_phone_code_expires_at = NumberAttribute(null=True)
    last_seen_at = NumberAttribute()
    expires_at = NumberAttribute()
    employer_ids = UnicodeSetAttribute(null=True)
    """A werkgever's omgevingen (own employer and those granted), copied at sign-in and kept current by grant and
    revoke, so every page's "who am I" reads the user and these employers in one request; None: not known."""
    browser = UnicodeAttribute(null=True)
    """Browser and system in words (domain/browsers.py), never the raw User-Agent."""
    employer_role = UnicodeAttribute(null=True)
    """The user's role at the active employer, and a leidinggevende's departments there: the session's scope,
    copied at sign-in and at a switch of omgeving (domain/roles.py)."""
    department_ids = UnicodeSetAttribute(null=True)
    passkey_challenge = UnicodeAttribute(null=True)
    passkey_challenge_expires_at = NumberAttribute(null=True)
    by_user = SessionUserIndex()


class LoginAttempt(_Model):
    """Between a right password and a right second factor. Single use: `consumed` flips once."""
    class Meta(_TableMeta):
        table_name = _settings.table_name("login-attempts")
    ttl_attribute = "expires_at"
    attempt_hash = UnicodeAttribute(hash_key=True)
    user_id = UnicodeAttribute()
    name = UnicodeAttribute()
    email = UnicodeAttribute()
    role = UnicodeAttribute()
    employer_id = UnicodeAttribute()
    phone = UnicodeAttribute()
    totp_secret = UnicodeAttribute(null=True)
    phone_is_new = BooleanAttribute(default=False)
    password_changed_at = NumberAttribute(null=True)
    """The user's `password_changed_at` when the attempt began: completing needs it unchanged."""
    device_hash = UnicodeAttribute(null=True)
    """The known browser the password came from; None: a browser the account has not signed in from before."""
    known_devices: MapAttribute[str, Any] = MapAttribute(null=True)
    """The user's known browsers when the attempt began, to add this one to when it completes."""
    method = UnicodeAttribute(default="sms")
    employer_role = UnicodeAttribute(null=True)
    department_ids = UnicodeSetAttribute(null=True)
    code_salt = UnicodeAttribute(null=True)
    code_hash = UnicodeAttribute(null=True)
    code_expires_at = NumberAttribute(null=True)
    consumed = BooleanAttribute(default=False)
    expires_at = NumberAttribute()
    passkey_challenge = UnicodeAttribute(null=True)
    passkey_challenge_expires_at = NumberAttribute(null=True)
    trust_epoch = NumberAttribute(null=True)


class Invitation(_Model):
    """An invitation link and the onboarding progress made with it."""
    class Meta(_TableMeta):
        table_name = _settings.table_name("invitations")
    ttl_attribute = "purge_at"
    token_hash = UnicodeAttribute(hash_key=True)
    user_id = UnicodeAttribute()
    expires_at = NumberAttribute()
    used_at = NumberAttribute(null=True)
    password_hash = UnicodeAttribute(null=True)
    phone = UnicodeAttribute(null=True)
    phone_verified = BooleanAttribute(default=False)
    phone_code_salt = UnicodeAttribute(null=True)
    phone_code_hash = UnicodeAttribute(null=True)
    phone_code_expires_at = NumberAttribute(null=True)
    phone_code_failures = NumberAttribute(default=0)
    purge_at = NumberAttribute()


class DigestSend(_Model):
    """The weekly email of one user in one ISO week: claimed before sending, so it goes out once."""
    class Meta(_TableMeta):
        table_name = _settings.table_name("digest-sends")
    ttl_attribute = "expires_at"
    user_week = UnicodeAttribute(hash_key=True)  # <user_id>#<2026-W48>
    status = UnicodeAttribute()  # sending, sent, bounced
    claimed_at = NumberAttribute()
    claim_id = UnicodeAttribute(null=True)  # the sender's mark, so that a claim whose answer was lost is its own
    sent_at = NumberAttribute(null=True)
    expires_at = NumberAttribute()


class Passkey(_Model):
    """A user's WebAuthn credential, by a hash of its credential id: found by the id an assertion names, with or
    without a username (a passkey without password). The user item lists its credential ids."""
    class Meta(_TableMeta):
        table_name = _settings.table_name("passkeys")
    passkey_id = UnicodeAttribute(hash_key=True)
    credential_id = UnicodeAttribute()
    user_id = UnicodeAttribute()
    name = UnicodeAttribute()
    public_key = UnicodeAttribute()
    sign_count = NumberAttribute()
    backup_eligible = BooleanAttribute()
    backed_up = BooleanAttribute()
    transports = ListAttribute(of=UnicodeAttribute, null=True)
    aaguid = UnicodeAttribute(null=True)
    created_at = NumberAttribute()
    last_used_at = NumberAttribute(null=True)


class PasskeyChallenge(_Model):
    """The challenge of one "Inloggen met passkey" (no user yet), by the hash of the token its browser holds."""
    class Meta(_TableMeta):
        table_name = _settings.table_name("passkey-challenges")
    ttl_attribute = "expires_at"
    token_hash = UnicodeAttribute(hash_key=True)
    challenge = UnicodeAttribute()
    expires_at = NumberAttribute()


class TrustedBrowserUserIndex(GlobalSecondaryIndex):
    Meta = _index_meta("by_user")
    user_id = UnicodeAttribute(hash_key=True)
    created_at = NumberAttribute(range_key=True)


class TrustedBrowser(_Model):
    """A browser that may skip the second factor until `expires_at`, by the hash of its cookie's token; only while
    its `epoch` is still the user's `trust_epoch`."""
    class Meta(_TableMeta):
        table_name = _settings.table_name("trusted-browsers")
    ttl_attribute = "expires_at"
    token_hash = UnicodeAttribute(hash_key=True)
    trusted_browser_id = UnicodeAttribute()
    user_id = UnicodeAttribute()
    epoch = NumberAttribute()
    created_at = NumberAttribute()
    expires_at = NumberAttribute()
    browser = UnicodeAttribute(null=True)
    by_user = TrustedBrowserUserIndex()


ALL_MODELS: tuple[type[_Model], ...] = (User, UsernameClaim, Employer, EmployerAccess, Employee, PersonnelNumberClaim,
                                        Session, LoginAttempt, Invitation, Absence, Task, RequestKey,
                                        EmployeeSearchKey, AuditEntry, RateLimit, PasswordReset, SignIn,
                                        DigestSend, UserSearchKey, Department, DepartmentNameClaim, Document,
                                        Leave, Passkey, PasskeyChallenge, TrustedBrowser)
