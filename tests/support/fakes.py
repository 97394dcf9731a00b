"""Fakes for our own ports, for tests that call the services without AWS (tests/service).

Each records what it was given in the form a test reads (`sms.sent`, `email.to(address)`, `queue.messages`) and can
be told to fail its next sends, as the real channel fails: `sms.fail_next(SendThrottled())`. The clock is the
portal's epoch-seconds clock (`Deps.clock`), moved on by the test.
"""
from __future__ import annotations

import base64
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from chalicelib.keys import SecretsUnavailable
from chalicelib.notify.ports import SendFailed
from chalicelib.queue import QueueFailed

MONDAY_2026_09_21 = 1_790_000_000
"""16:13 on Monday 21 September 2026 in Amsterdam (ISO week 2026-W39): the API tests' clock starts here too."""


class FixedClock:
    """`Deps.clock`: stands still until the test moves it."""

    def __init__(self, start: int = MONDAY_2026_09_21):
        self.now = start

    def __call__(self) -> int:
        return self.now

    def advance(self, seconds: int = 0, *, minutes: int = 0, hours: int = 0, days: int = 0) -> None:
        self.now += seconds + 60 * minutes + 3600 * hours + 86400 * days


class _Failures:
    """Errors to raise instead of the next sends, oldest first."""

    def __init__(self) -> None:
        self._queued: list[Exception] = []

    def fail_next(self, error: Exception, times: int = 1) -> None:
        self._queued += [error] * times

    def raise_if_queued(self) -> None:
        if self._queued:
            raise self._queued.pop(0)


class FakeSms:
    """notify.ports.SmsSender. `sent`: (number, text) of every SMS that went, oldest first."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []
        self._failures = _Failures()

    def send_sms(self, to_e164: str, text: str) -> None:
        self._failures.raise_if_queued()
        self.sent.append((to_e164, text))

    def fail_next(self, error: SendFailed | None = None, times: int = 1) -> None:
        """The next `times` sends raise `error` (SendFailed, SendThrottled, SendRejected) and deliver nothing."""
        self._failures.fail_next(error or SendFailed("sms refused"), times)

    def to(self, number: str) -> list[str]:
        """The texts sent to `number`, oldest first."""
        return [text for to, text in self.sent if to == number]

    def last_code(self, number: str) -> str:
        """The code in the newest SMS to `number` ("Uw beveiligingscode … is abc123. De code …")."""
        texts = self.to(number)
        assert texts, f"no SMS was sent to {number}"
        found = re.search(r"\b([a-z0-9]{6})\b(?=\. De code)", texts[-1])
        assert found, f"no code in the SMS: {texts[-1]!r}"
        return found.group(1)


@dataclass(frozen=True)
class SentEmail:
    to: str
    subject: str
    body: str
    tags: Mapping[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """Subject and body together, for what an email must (not) say."""
        return f"{self.subject}\n{self.body}"


class FakeEmail:
    """notify.ports.EmailSender. `sent`: every email that went, oldest first."""

    def __init__(self) -> None:
        self.sent: list[SentEmail] = []
        self._failures = _Failures()

    def send_email(self, to: str, subject: str, body: str, tags: Mapping[str, str] | None = None) -> None:
        self._failures.raise_if_queued()
        self.sent.append(SentEmail(to, subject, body, dict(tags or {})))

    def fail_next(self, error: SendFailed | None = None, times: int = 1) -> None:
        """The next `times` sends raise `error` (SendFailed, SendThrottled, SendRejected) and deliver nothing."""
        self._failures.fail_next(error or SendFailed("email refused"), times)

    def to(self, address: str) -> list[SentEmail]:
        return [email for email in self.sent if email.to == address]

    def last(self, address: str) -> SentEmail:
        emails = self.to(address)
        assert emails, f"no email was sent to {address}"
        return emails[-1]

    def last_link_token(self, address: str, page: str) -> str:
        """The token of the newest link to `page` (e.g. "wachtwoord-herstellen.html") in an email to `address`."""
        body = self.last(address).body
        found = re.search(rf"/{re.escape(page)}#([A-Za-z0-9_\-]+)", body)
        assert found, f"no link to {page} in the email: {body!r}"
        return found.group(1)


class FakeQueue:
    """queue.Queue. `batches`: the bodies of each SendMessageBatch, in order; `messages`: all bodies."""

    def __init__(self) -> None:
        self.batches: list[list[dict]] = []
        self._failures = _Failures()

    def send_batch(self, bodies: list[dict]) -> None:
        self._failures.raise_if_queued()
        self.batches.append([json.loads(json.dumps(body)) for body in bodies])  # as SQS would carry them

    def fail_next(self, error: Exception | None = None, times: int = 1) -> None:
        self._failures.fail_next(error or QueueFailed("1 of 1 messages not queued"), times)

    @property
    def messages(self) -> list[dict]:
        return [body for batch in self.batches for body in batch]

    def records(self) -> list[dict]:
        """The messages in SQS's record shape, as the sender's Lambda receives them."""
        return [{"messageId": f"m-{i}", "body": json.dumps(body), "attributes": {}, "messageAttributes": {},
                 "eventSource": "aws:sqs"} for i, body in enumerate(self.messages)]


class FakeSecretBox:
    """keys.SecretBox. Sealed text is bound to its context, as KMS's encryption context binds it: opened with
    another context, it fails (SecretsUnavailable), as KMS does."""

    def __init__(self) -> None:
        self._failures = _Failures()

    def seal(self, plaintext: str, context: dict[str, str]) -> str:
        self._failures.raise_if_queued()
        packed = json.dumps({"context": context, "plaintext": plaintext}, sort_keys=True)
        return "sealed:" + base64.b64encode(packed.encode()).decode("ascii")

    def open(self, sealed: str, context: dict[str, str]) -> str:
        self._failures.raise_if_queued()
        if not sealed.startswith("sealed:"):
            raise SecretsUnavailable("InvalidCiphertextException")
        packed = json.loads(base64.b64decode(sealed.removeprefix("sealed:")))
        if packed["context"] != context:
            raise SecretsUnavailable("InvalidCiphertextException")
        return packed["plaintext"]

    def fail_next(self, code: str = "ThrottlingException", times: int = 1) -> None:
        """KMS is out of reach for the next `times` calls."""
        self._failures.fail_next(SecretsUnavailable(code), times)
