"""The collaborators every use case needs, built once per process (or by a test, with fakes)."""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from ..bucket import DocumentBucket
from ..keys import SecretBox
from ..notify.ports import EmailSender, SmsSender
from ..settings import Settings, get_settings
from .hashing import PasswordHashing

_AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _wall_clock() -> int:
    return int(time.time())


@dataclass(init=False)
class Deps:
    settings: Settings
    sms: SmsSender
    email: EmailSender
    secrets: SecretBox
    clock: Callable[[], int]
    passwords: PasswordHashing
    bucket: DocumentBucket

    def __init__(self, settings: Settings, sms: SmsSender, email: EmailSender, secrets: SecretBox,
                 clock: Callable[[], int] = _wall_clock, passwords: PasswordHashing | None = None,
                 bucket: DocumentBucket | None = None) -> None:
        """`passwords` defaults to argon2id with the settings' parameters, `bucket` to the settings' bucket."""
        self.settings, self.sms, self.email, self.secrets, self.clock = settings, sms, email, secrets, clock
        self.passwords = passwords if passwords is not None else PasswordHashing(settings)
        self.bucket = bucket if bucket is not None else DocumentBucket(
            settings.documents_bucket, settings.documents_key_id, settings.region, settings.documents_local_url)

    def now(self) -> int:
        return self.clock()

    def today(self) -> date:
        """The calendar date in the Netherlands, which is what a first sick day or start date means."""
        return datetime.fromtimestamp(self.clock(), _AMSTERDAM).date()


@lru_cache(maxsize=1)
def default_deps() -> Deps:
    from ..keys import KmsSecretBox
    from ..notify.aws import SesEmail, SnsSms

    settings = get_settings()
    return Deps(settings=settings,
                sms=SnsSms(settings.region, settings.sms_sender_id),
                email=SesEmail(settings.region, settings.email_sender),
                secrets=KmsSecretBox(settings.region, settings.totp_key_id))
