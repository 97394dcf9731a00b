"""What differs between the dev and prod deployments. Nothing secret: no keys, no passwords, no tokens."""
from __future__ import annotations

from dataclasses import dataclass

APP_NAME = "verzuimportaal"
EDGE_REGION = "us-east-1"
"""CloudFront-scoped WAF web ACLs (and the certificates CloudFront uses) live only in us-east-1."""


@dataclass(frozen=True)
class EdgeLimits:
    """WAF rate limits per five minutes on the routes marked with chalicelib.api.http.Edge. Generous per client IP,
    because a whole office may share one address; the per-account limits in code do the fine-grained work."""
    sign_in_per_ip: int = 100
    sms_per_ip: int = 30
    sms_all_ips: int = 600
    """Every client IP together: SMS pumping from many addresses meets the SMS budget and this."""
    recovery_per_ip: int = 20


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
    api_reserved_concurrency: int
    """The API function's reserved concurrency: it cannot starve the account's other functions, nor be starved."""
    alarm_email: str | None
    lockouts_per_hour_alarm: int
    edge_limits: EdgeLimits

    @property
    def table_prefix(self) -> str:
        """The TABLE_PREFIX the functions get; chalicelib.settings defaults to the same."""
        return f"{APP_NAME}-{self.name}"

    @property
    def portal_url(self) -> str:
        return f"https://{self.domain}"

    def resource_name(self, suffix: str) -> str:
        return f"{APP_NAME}-{self.name}-{suffix}"

    def documents_bucket(self, account: str) -> str:
        """The documents bucket's name: bucket names are global, so the account is in it (DOCUMENTS_BUCKET)."""
        return self.resource_name(f"documents-{account}")

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
        api_reserved_concurrency=10,
        alarm_email=None,
        lockouts_per_hour_alarm=10,
        edge_limits=EdgeLimits(),
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
        api_reserved_concurrency=100,
        alarm_email="ops@deverzuimmakelaar.nl",
        lockouts_per_hour_alarm=20,
        edge_limits=EdgeLimits(),
    ),
}
