"""What the store takes and gives back: plain, frozen records, one per kind of item.

Services read and build these; only the store knows the pynamodb models behind them (models.py) and the keys and
index attributes derived from a record's fields (`due_key`, `open_employer_id`, `username_key`, …), which it
sets itself when it writes (mapping.py). Changing a record is `dataclasses.replace`; writing the change is a
store function that says what it changes.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, kw_only=True)
class BackupCode:
    salt: str
    hash: str


@dataclass(frozen=True, kw_only=True)
class User:
    """A person who logs in. `failed_count` at the threshold means blocked (domain/accounts.is_blocked)."""
    user_id: str
    username: str
    email: str
    name: str
    role: str
    employer_id: str
    status: str
    created_at: int
    failed_count: int = 0
    last_failure: str | None = None
    password_hash: str | None = None
    phone: str | None = None
    phone_pending: str | None = None
    invitation_hash: str | None = None
    invitation_expires_at: int | None = None
    terms_version: str | None = None
    terms_accepted_at: int | None = None
    backup_codes: tuple[BackupCode, ...] = ()
    totp_secret: str | None = None
    totp_last_step: int | None = None
    totp_pending: str | None = None
    email_bounced_at: int | None = None
    password_changed_at: int | None = None
    reset_hash: str | None = None
    devices: dict[str, Any] | None = None
    """Browsers the user signed in from: {hash of the vp_device cookie: {"since", "failures"}} (domain/lockout.py)."""
    employer_role: str | None = None
    """Their role at their own employer (domain/roles.py); None: verzuimbeheerder, as before roles existed."""
    department_ids: frozenset[str] | None = None
    """A leidinggevende's departments at their own employer (None: none)."""
    passkey_credential_ids: frozenset[str] | None = None
    """The credential ids (base64url) of the user's passkeys, each a `Passkey` of its own (None: none)."""
    trust_epoch: int = 0
    """Trusted browsers of an older epoch are trusted no more: every change of a second factor, a password reset, a
    block and a deactivation add one, which ends all trust at once."""


@dataclass(frozen=True, kw_only=True)
class Passkey:
    """A WebAuthn credential of a user, stored by `passkey_id` (a hash of its credential id)."""
    passkey_id: str
    credential_id: str
    user_id: str
    name: str
    public_key: str
    """The COSE public key, base64url."""
    sign_count: int
    backup_eligible: bool
    backed_up: bool
    created_at: int
    transports: tuple[str, ...] = ()
    aaguid: str | None = None
    last_used_at: int | None = None


@dataclass(frozen=True, kw_only=True)
class TrustedBrowser:
    """"Deze browser 30 dagen vertrouwen": by the hash of its cookie's token; alive while its epoch is the user's."""
    token_hash: str
    trusted_browser_id: str
    user_id: str
    epoch: int
    created_at: int
    expires_at: int
    browser: str | None = None


@dataclass(frozen=True, kw_only=True)
class PasskeyChallenge:
    """The challenge of one "Inloggen met passkey", by the hash of the token its browser holds. Single use."""
    token_hash: str
    challenge: str
    expires_at: int


@dataclass(frozen=True, kw_only=True)
class Employer:
    employer_id: str
    name: str
    created_at: int
    open_tasks: int = 0
    eigenrisicodrager_zw: bool = False
    eigenrisicodrager_wga: bool = False
    has_employees: bool | None = None
    """Whether it has had an employee; None: not known (an employer from before this was kept)."""


@dataclass(frozen=True, kw_only=True)
class Department:
    """An afdeling (no parent) or a team (its parent an afdeling) of one employer (domain/departments.py)."""
    employer_id: str
    department_id: str
    name: str
    created_at: int
    parent_id: str | None = None


@dataclass(frozen=True, kw_only=True)
class DepartmentStep:
    """An employee's earlier department, from one day until another (both inclusive)."""
    department_id: str
    from_date: str
    until: str


@dataclass(frozen=True, kw_only=True)
class Employee:
    """A person employed by an employer. No BSN and nothing medical, ever."""
    employer_id: str
    employee_id: str
    personnel_number: str
    first_name: str
    last_name: str
    date_of_birth: str
    start_date: str
    contract_hours: float
    created_at: int
    infix: str | None = None
    work_phone: str | None = None
    work_email: str | None = None
    end_date: str | None = None
    open_absence_id: str | None = None
    updated_at: int | None = None
    purge_on: str | None = None
    """The day after which the record may go (its employment ended and its bewaartermijn passed)."""
    department_id: str | None = None
    """The afdeling or team the employee is in (None: none chosen yet)."""
    department_since: str | None = None
    department_history: tuple[DepartmentStep, ...] = ()
    """Earlier departments, oldest first: a move keeps where the employee was."""
    afdeling_id: str | None = None
    """The afdeling of `department_id`: itself for an afdeling, its parent for a team (the scope's second key)."""
    leave_id: str | None = None
    """The latest zwangerschaps- en bevallingsverlof, and its first and last day: a ziekmelding in it is refused."""
    leave_from: str | None = None
    leave_until: str | None = None


@dataclass(frozen=True, kw_only=True)
class RecoveryStep:
    """From this date on, the employee works again for this percentage (partial recovery)."""
    from_date: str
    percentage: int


@dataclass(frozen=True, kw_only=True)
class Absence:
    """A ziekmelding and what followed. Only the facts the AVG allows: no diagnosis, cause or treatment."""
    employer_id: str
    absence_id: str
    employee_id: str
    first_sick_day: str
    case_start: str
    status: str
    created_by: str
    created_at: int
    vangnet: bool = False
    work_accident: bool = False
    third_party_liable: bool = False
    contact_address: str | None = None
    contact_phone: str | None = None
    expected_duration: str | None = None
    note: str | None = None
    recovered_on: str | None = None
    steps: tuple[RecoveryStep, ...] = ()
    purge_at: int | None = None
    """Set once closed and the employment has ended (bewaartermijn)."""
    department_id: str | None = None
    """The employee's department when reported sick, kept current by a move (store.absences.move)."""
    riv_gap: str | None = None
    """While open: the deadline of the first RIV-check step the case has no document for (domain/riv_check.py
    `first_gap`), kept current when a document is released; the case misses something from the day after."""


@dataclass(frozen=True, kw_only=True)
class Leave:
    """A zwangerschaps- en bevallingsverlof (domain/wazo.py): leave, not an absence; dates only. Its tasks are in
    the tasks table with the leave's id as their `absence_id`."""
    employer_id: str
    leave_id: str
    employee_id: str
    expected_on: str
    """The expected date of birth (uitgerekende datum)."""
    starts_on: str
    """The first day of the zwangerschapsverlof, as chosen (six to four weeks before)."""
    ends_on: str
    """The last day of the bevallingsverlof, from the expected date until the birth is known."""
    created_by: str
    created_at: int
    born_on: str | None = None
    department_id: str | None = None
    """The employee's department, as on the leave's tasks (kept current by a move)."""


@dataclass(frozen=True, kw_only=True)
class SickPeriod:
    """Of an absence only what the verzuim figures need (domain/figures.py), read with a projection."""
    employee_id: str
    first_sick_day: str
    recovered_on: str | None = None
    steps: tuple[RecoveryStep, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Task:
    """A Poortwachter task of the employer for one absence."""
    employer_id: str
    task_id: str
    absence_id: str
    employee_id: str
    code: str
    title: str
    due: str
    status: str
    done_by: str | None = None
    done_at: int | None = None
    done_on: str | None = None
    """The day the work was done, as the user said when ticking it off (older tasks: only `done_at`)."""
    done_note: str | None = None
    purge_at: int | None = None
    department_id: str | None = None
    """The employee's department (as the absence's): while open, the task is in that department's open list."""


@dataclass(frozen=True, kw_only=True)
class Document:
    """One version of a document in a case's dossier. The bytes are in the documents bucket (chalicelib/bucket.py),
    never here; the filename is what the uploader's browser said, kept only to offer it back."""
    employer_id: str
    absence_id: str
    document_id: str
    version: int
    employee_id: str
    type: str
    """domain.documents.DocumentType: there is none for medical data."""
    dated: str
    """The date on the document (the user's word), against which the RIV-check judges deadlines."""
    filename: str
    content_type: str
    """The type the uploader declared; S3's POST policy fixes it and the check verifies it by the bytes."""
    uploaded_by: str
    created_at: int
    status: str
    """services.documents.Status: upload (a link issued), scanning (type verified, malware scan awaited),
    available, refused."""
    task_id: str | None = None
    """The Poortwachter task this document proves ("Afronden met document")."""
    description: str | None = None
    size: int | None = None
    refused_reason: str | None = None
    checked_at: int | None = None


@dataclass(frozen=True, kw_only=True)
class AuditEntry:
    """Who did what, when, in one employer's (or the secretariat's) trail."""
    scope: str
    at: int
    actor_user_id: str
    action: str
    object_type: str
    object_id: str
    employee_id: str | None = None
    """The employee whose dossier the line is about (a view, a change, an absence or task of theirs)."""


@dataclass(frozen=True, kw_only=True)
class SignIn:
    """One sign-in attempt of a user, for the security overview: when, how, and whether it worked."""
    user_id: str
    at: int
    method: str
    success: bool
    expires_at: int
    browser: str | None = None
    """Browser and system in words ("Firefox 133 op Windows 10", domain/browsers.py), never the raw User-Agent;
    None: not known (a record from before this was kept, or an agent nobody recognises)."""


@dataclass(frozen=True, kw_only=True)
class PasswordReset:
    """A "wachtwoord vergeten" link: one hour, one use."""
    token_hash: str
    user_id: str
    expires_at: int
    purge_at: int
    used_at: int | None = None


@dataclass(frozen=True, kw_only=True)
class Session:
    """A signed-in browser, by the hash of its cookie's token; `expires_at` is the absolute end."""
    token_hash: str
    session_id: str
    user_id: str
    role: str
    employer_id: str
    csrf_hash: str
    method: str
    created_at: int
    authenticated_at: int
    last_seen_at: int
    expires_at: int
    reauth_code_salt: str | None = None
    reauth_code_hash: str | None = None
    reauth_code_expires_at: int | None = None
    new_phone: str | None = None
    new_phone_code_salt: str | None = None
    new_phone_code_hash: str | None = None
    new_phone_code_expires_at: int | None = None
    employer_ids: frozenset[str] | None = None
    """A werkgever's omgevingen (own and granted) as they were at sign-in, kept current by grant and revoke."""
    browser: str | None = None
    """Browser and system in words, as at sign-in (see `SignIn.browser`); None: not known."""
    employer_role: str | None = None
    """The user's role at the active employer, as at sign-in or switch (domain/roles.py; None: verzuimbeheerder)."""
    department_ids: frozenset[str] | None = None
    """A leidinggevende's departments at the active employer (None: none)."""
    passkey_challenge: str | None = None
    """"Passkey toevoegen": the registration's challenge, single use, until `passkey_challenge_expires_at`."""
    passkey_challenge_expires_at: int | None = None


@dataclass(frozen=True, kw_only=True)
class LoginAttempt:
    """Between a right password and a right second factor. Single use: `consumed` flips once."""
    attempt_hash: str
    user_id: str
    name: str
    email: str
    role: str
    employer_id: str
    phone: str
    expires_at: int
    totp_secret: str | None = None
    phone_is_new: bool = False
    password_changed_at: int | None = None
    device_hash: str | None = None
    known_devices: dict[str, Any] | None = None
    method: str = "sms"
    code_salt: str | None = None
    code_hash: str | None = None
    code_expires_at: int | None = None
    consumed: bool = False
    employer_role: str | None = None
    """The user's role (and departments) at their employer as the password step read them: the session gets these,
    and a change meanwhile fails the sign-in (store/logins.py)."""
    department_ids: frozenset[str] | None = None
    passkey_challenge: str | None = None
    """The challenge a passkey must sign to complete this attempt; single use, until its expiry."""
    passkey_challenge_expires_at: int | None = None
    trust_epoch: int = 0
    """The user's trust epoch at the password step: a browser trusted by this attempt belongs to it."""


@dataclass(frozen=True, kw_only=True)
class Invitation:
    """An invitation link and the onboarding progress made with it."""
    token_hash: str
    user_id: str
    expires_at: int
    purge_at: int
    used_at: int | None = None
    password_hash: str | None = None
    phone: str | None = None
    phone_verified: bool = False
    phone_code_salt: str | None = None
    phone_code_hash: str | None = None
    phone_code_expires_at: int | None = None
    phone_code_failures: int = 0
