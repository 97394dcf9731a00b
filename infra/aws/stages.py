"""What differs between the dev and prod deployments. Nothing secret: no keys, no passwords, no tokens."""
from __future__ import annotations

from dataclasses import dataclass

APP_NAME = "verzuimportaal"
EDGE_REGION = "us-east-1"
"""CloudFront-scoped WAF web ACLs (and the certificates CloudFront uses) live only in us-east-1."""


@dataclass(frozen=True)
class RateLimit:
    """A WAF rate-based rule: at most `limit` requests per client IP per five minutes to one route."""
    name: str
    path: str
    limit: int


@dataclass(frozen=True)
class Stage:
    name: str
    region: str
    domain: str
    """The portal's host name (CloudFront); the SES identity is its mail domain."""
    mail_domain: str
    email_sender: str
    sms_sender_id: str
    sms_monthly_spend_limit_usd: int
    sms_portal_per_hour: int
    """The portal-wide SMS ceiling: at about USD 0.07 an SMS to NL, an hour at the ceiling costs a small part of
    the monthly limit, so an alarm at the ceiling comes long before SNS stops every SMS."""
    totp_key_alias: str
    digest_max_concurrency: int
    log_retention_days: int
    api_memory_mb: int
    alarm_email: str | None
    lockouts_per_hour_alarm: int
    rate_limits: tuple[RateLimit, ...]

    @property
    def table_prefix(self) -> str:
        """The TABLE_PREFIX the functions get; chalicelib.settings defaults to the same."""
        return f"{APP_NAME}-{self.name}"

    @property
    def portal_url(self) -> str:
        return f"https://{self.domain}"

    def resource_name(self, suffix: str) -> str:
        return f"{APP_NAME}-{self.name}-{suffix}"

    def environment(self) -> dict[str, str]:
        """What chalicelib/settings.py reads, for the functions and for `manage.py --stage` alike."""
        return {
            "STAGE": self.name,
            "TABLE_PREFIX": self.table_prefix,
            "PORTAL_URL": self.portal_url,
            "EMAIL_SENDER": self.email_sender,
            "SMS_SENDER_ID": self.sms_sender_id,
            "TOTP_KMS_KEY_ID": self.totp_key_alias,
            "DIGEST_SENDER_CONCURRENCY": str(self.digest_max_concurrency),
            "SMS_PORTAL_PER_HOUR": str(self.sms_portal_per_hour),
        }


def _rate_limits(factor: int) -> tuple[RateLimit, ...]:
    """The routes an attacker would hammer (chalicelib/api/auth.py and recovery.py), per IP per 5 minutes.

    Generous per IP because a whole office may share one address; the per-account limits in code
    (lockout after five failures, SMS resend limits) do the fine-grained work.
    """
    return (
        RateLimit("login", "/api/auth/login", 100 * factor),
        RateLimit("code", "/api/auth/code", 100 * factor),
        RateLimit("backup-code", "/api/auth/backup-code", 50 * factor),
        RateLimit("code-resend", "/api/auth/code/resend", 30 * factor),
        RateLimit("forgot-password", "/api/auth/forgot-password", 20 * factor),
        RateLimit("forgot-username", "/api/auth/forgot-username", 20 * factor),
    )


STAGES: dict[str, Stage] = {
    "dev": Stage(
        name="dev",
        region="eu-west-1",
        domain="dev.verzuimportaal.nl",
        mail_domain="dev.verzuimportaal.nl",
        email_sender="no-reply@dev.verzuimportaal.nl",
        sms_sender_id="Verzuim",
        sms_monthly_spend_limit_usd=1,
        sms_portal_per_hour=4,
        totp_key_alias="alias/verzuimportaal-dev-totp",
        digest_max_concurrency=2,
        log_retention_days=30,
        api_memory_mb=1024,
        alarm_email=None,
        lockouts_per_hour_alarm=10,
        rate_limits=_rate_limits(1),
    ),
    "prod": Stage(
        name="prod",
        region="eu-west-1",
        domain="portal.verzuimportaal.nl",
        mail_domain="verzuimportaal.nl",
        email_sender="no-reply@verzuimportaal.nl",
        sms_sender_id="Verzuim",
        sms_monthly_spend_limit_usd=100,
        sms_portal_per_hour=100,
        totp_key_alias="alias/verzuimportaal-totp",
        digest_max_concurrency=5,
        log_retention_days=90,
        api_memory_mb=1024,
        alarm_email="ops@deverzuimmakelaar.nl",
        lockouts_per_hour_alarm=20,
        rate_limits=_rate_limits(1),
    ),
}
