"""All configuration, read once from the environment, with safe defaults."""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from .domain.retention import Periods
from .domain.sms_budget import SmsLimits


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def running_in_aws() -> bool:
    """True inside Lambda (its runtime always sets the function name); local mode can never be on there.

    Not AWS_EXECUTION_ENV: Chalice itself sets that when the app object is created, anywhere.
    """
    return bool(os.environ.get("AWS_LAMBDA_FUNCTION_NAME"))


@dataclass(frozen=True)
class Settings:
    stage: str
    table_prefix: str
    region: str
    local_mode: bool
    portal_url: str
    email_sender: str
    totp_key_id: str
    sms_sender_id: str
    secretariat_phone: str
    secretariat_email: str
    terms_version: str
    session_idle_seconds: int
    session_absolute_seconds: int
    sms_code_seconds: int
    login_attempt_seconds: int
    invitation_seconds: int
    lockout_threshold: int
    sms_resend_gap_seconds: int
    reauth_valid_seconds: int
    password_reset_seconds: int
    signin_history_seconds: int
    home_horizon_weeks: int
    """The home page's "Nu te doen": overdue tasks and those due within this many weeks."""
    task_reopen_seconds: int
    """How long after "Afronden" a task may be reopened (Heropenen)."""
    recovery_answer_seconds: float
    sms_resends_per_hour: int
    sms_limits: SmsLimits
    sms_countries: tuple[str, ...]
    backup_code_count: int
    argon2_time_cost: int
    argon2_memory_kib: int
    argon2_parallelism: int
    cookie_secure: bool
    digest_queue_url: str
    ses_send_rate: float
    digest_sender_concurrency: int
    digest_claim_seconds: int
    retention: Periods
    documents_bucket: str
    """The private bucket of the dossiers' documents (chalicelib/bucket.py); uploads land under `quarantine/`."""
    documents_key_id: str
    """The KMS key every document is encrypted with (SSE-KMS)."""
    documents_local_url: str
    """Where the browser posts an upload and fetches a download; empty: the bucket's own S3 endpoint (the stand-in
    sets its S3 front, `/dev/s3`, which checks both as S3 would)."""
    document_max_bytes: int
    document_upload_seconds: int
    """How long a presigned upload (POST policy) is valid."""
    document_download_seconds: int
    """How long a presigned download link is valid."""
    document_uploads_per_hour: int
    """Uploads one user may start in an hour (each is storage we pay for and a check we run)."""
    malware_scan: str
    """`guardduty`: a document is released only after GuardDuty Malware Protection found it clean; `none`
    (the stand-in, tests): after the type check alone."""
    webauthn_rp_id: str
    """The passkeys' relying-party ID: the portal's host name (`localhost` locally: never an IP address). A passkey
    made for one RP ID works nowhere else, so it must stay the same for the life of a stage."""
    webauthn_origin: str
    """The origin the browser reports in a passkey's clientDataJSON: the portal's own (scheme, host, port)."""
    passkey_challenge_seconds: int
    """How long a passkey challenge (registration, second factor, "Inloggen met passkey") may be answered."""
    trusted_browser_days: int
    """"Deze browser 30 dagen vertrouwen": how long a browser may skip the second factor."""

    def table_name(self, suffix: str) -> str:
        return f"{self.table_prefix}-{suffix}"


def _origin(url: str) -> str:
    """`https://portal.example.nl` of `https://portal.example.nl/pad`: scheme and host (and port), as a browser
    names an origin."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def load_settings() -> Settings:
    stage = os.environ.get("STAGE", "dev")
    local_mode = os.environ.get("VP_LOCAL_MODE") == "1" and not running_in_aws()
    portal_url = os.environ.get("PORTAL_URL", "http://localhost:8000").rstrip("/")
    return Settings(
        stage=stage,
        table_prefix=os.environ.get("TABLE_PREFIX", f"verzuimportaal-{stage}"),
        region=os.environ.get("AWS_REGION", os.environ.get("AWS_DEFAULT_REGION", "eu-west-1")),
        local_mode=local_mode,
        portal_url=portal_url,
        email_sender=os.environ.get("EMAIL_SENDER", "no-reply@verzuimportaal.nl"),
        totp_key_id=os.environ.get("TOTP_KMS_KEY_ID", "alias/verzuimportaal-totp"),
        sms_sender_id=os.environ.get("SMS_SENDER_ID", "Verzuim"),
        secretariat_phone=os.environ.get("SECRETARIAT_PHONE", "0413-244211"),
        secretariat_email=os.environ.get("SECRETARIAT_EMAIL", "secretariaat@deverzuimmakelaar.nl"),
        terms_version=os.environ.get("TERMS_VERSION", "2026-11"),
        session_idle_seconds=_int("SESSION_IDLE_SECONDS", 30 * 60),
        session_absolute_seconds=_int("SESSION_ABSOLUTE_SECONDS", 12 * 3600),
        sms_code_seconds=_int("SMS_CODE_SECONDS", 5 * 60),
        login_attempt_seconds=_int("LOGIN_ATTEMPT_SECONDS", 15 * 60),
        invitation_seconds=_int("INVITATION_SECONDS", 24 * 3600),
        lockout_threshold=_int("LOCKOUT_THRESHOLD", 5),
        sms_resend_gap_seconds=_int("SMS_RESEND_GAP_SECONDS", 30),
        reauth_valid_seconds=_int("REAUTH_VALID_SECONDS", 5 * 60),
        password_reset_seconds=_int("PASSWORD_RESET_SECONDS", 3600),
        signin_history_seconds=_int("SIGNIN_HISTORY_SECONDS", 90 * 24 * 3600),
        home_horizon_weeks=_int("HOME_HORIZON_WEEKS", 4),
        task_reopen_seconds=_int("TASK_REOPEN_DAYS", 30) * 24 * 3600,
        # Recovery answers take at least this long, found or not, so timing does not tell.
        recovery_answer_seconds=float(os.environ.get("RECOVERY_ANSWER_SECONDS", "0.6")),
        sms_resends_per_hour=_int("SMS_RESENDS_PER_HOUR", 5),
        # Every SMS is counted against these before it is sent (domain/sms_budget.py); the portal-wide ceiling
        # per hour is a stage setting (infra/aws/stages.py), below what the SNS spend limit allows.
        sms_limits=SmsLimits(per_account_hour=_int("SMS_PER_ACCOUNT_HOUR", SmsLimits.per_account_hour),
                             per_account_day=_int("SMS_PER_ACCOUNT_DAY", SmsLimits.per_account_day),
                             per_number_hour=_int("SMS_PER_NUMBER_HOUR", SmsLimits.per_number_hour),
                             per_number_day=_int("SMS_PER_NUMBER_DAY", SmsLimits.per_number_day),
                             per_prefix_hour=_int("SMS_PER_PREFIX_HOUR", SmsLimits.per_prefix_hour),
                             per_invitation=_int("SMS_PER_INVITATION", SmsLimits.per_invitation),
                             portal_per_hour=_int("SMS_PORTAL_PER_HOUR", SmsLimits.portal_per_hour)),
        # The countries (ISO 3166 codes) whose mobile numbers may receive SMS codes.
        sms_countries=tuple(c.strip().upper() for c in os.environ.get("SMS_COUNTRIES", "NL,BE,DE").split(",")
                            if c.strip()),
        backup_code_count=_int("BACKUP_CODE_COUNT", 10),
        argon2_time_cost=_int("ARGON2_TIME_COST", 2),
        argon2_memory_kib=_int("ARGON2_MEMORY_KIB", 19 * 1024),
        argon2_parallelism=_int("ARGON2_PARALLELISM", 1),
        # Browsers treat localhost as a secure context, so Secure cookies work locally too.
        cookie_secure=os.environ.get("COOKIE_SECURE", "1") == "1",
        # The weekly open-task email: planner → SQS → sender, within SES's sending rate (messages per second,
        # the account's quota) shared by `digest_sender_concurrency` senders (the SQS mapping's maximum).
        digest_queue_url=os.environ.get("DIGEST_QUEUE_URL", ""),
        ses_send_rate=float(os.environ.get("SES_SEND_RATE", "14")),
        digest_sender_concurrency=_int("DIGEST_SENDER_CONCURRENCY", 2),
        # A claimed but unconfirmed send may be taken over after this long (the sender died mid-send): longer than
        # the sender's timeout, shorter than the queue's redelivery (infra/aws/access.py DIGEST_CLAIM_SECONDS).
        digest_claim_seconds=_int("DIGEST_CLAIM_SECONDS", 120),
        # Bewaartermijnen in days; the legal basis of each is in chalicelib/domain/retention.py.
        retention=Periods(absence_days=_int("RETENTION_ABSENCE_DAYS", Periods.absence_days),
                          reintegration_days=_int("RETENTION_REINTEGRATION_DAYS", Periods.reintegration_days),
                          erd_zw_days=_int("RETENTION_ERD_ZW_DAYS", Periods.erd_zw_days),
                          erd_wga_days=_int("RETENTION_ERD_WGA_DAYS", Periods.erd_wga_days),
                          audit_days=_int("RETENTION_AUDIT_DAYS", Periods.audit_days)),
        documents_bucket=os.environ.get("DOCUMENTS_BUCKET", f"verzuimportaal-{stage}-documents"),
        documents_key_id=os.environ.get("DOCUMENTS_KMS_KEY_ID", f"alias/verzuimportaal-{stage}-documents"),
        documents_local_url=os.environ.get("DOCUMENTS_LOCAL_URL", ""),
        document_max_bytes=_int("DOCUMENT_MAX_BYTES", 10 * 1024 * 1024),
        document_upload_seconds=_int("DOCUMENT_UPLOAD_SECONDS", 5 * 60),
        document_download_seconds=_int("DOCUMENT_DOWNLOAD_SECONDS", 2 * 60),
        document_uploads_per_hour=_int("DOCUMENT_UPLOADS_PER_HOUR", 60),
        malware_scan=os.environ.get("MALWARE_SCAN", "guardduty" if running_in_aws() else "none"),
        # Passkeys (WebAuthn) belong to the portal's own domain: each stage's PORTAL_URL (infra/aws/stages.py) gives
        # its relying-party ID and origin; the settings exist to pin them should the URL ever gain a path or port.
        webauthn_rp_id=os.environ.get("WEBAUTHN_RP_ID", urlsplit(portal_url).hostname or ""),
        webauthn_origin=os.environ.get("WEBAUTHN_ORIGIN", _origin(portal_url)),
        passkey_challenge_seconds=_int("PASSKEY_CHALLENGE_SECONDS", 5 * 60),
        trusted_browser_days=_int("TRUSTED_BROWSER_DAYS", 30),
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
