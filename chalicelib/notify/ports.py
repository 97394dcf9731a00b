"""What the services need from a messaging channel. Fakes in tests implement the same shape."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol


class SendFailed(Exception):
    """The channel refused or could not take the message; nothing was delivered."""


class SendThrottled(SendFailed):
    """The channel asks us to slow down (SES's sending rate): try again a little later."""


class SendRejected(SendFailed):
    """The channel will never deliver this message (the address is on the suppression list, a hard bounce)."""


class SmsSender(Protocol):
    def send_sms(self, to_e164: str, text: str) -> None: ...


class EmailSender(Protocol):
    def send_email(self, to: str, subject: str, body: str, tags: Mapping[str, str] | None = None) -> None:
        """`tags` come back in the channel's events about this email (SES's Send event)."""
