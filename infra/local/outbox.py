"""The dev outbox: every SMS and email that moto's SNS and SES accepted, newest first.

moto keeps no send times, so `install()` wraps the backends' send methods (class-wide, once) to note
when each message id was sent.
"""
from __future__ import annotations

import functools
import html
import itertools
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from email import message_from_string, policy
from operator import attrgetter
from typing import Any

from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses.models import Message, RawMessage, SESBackend, ses_backends
from moto.sns.models import SNSBackend, sns_backends

REFRESH_SECONDS = 10

# Reentrant: SES may publish a feedback notification to SNS while sending.
_lock = threading.RLock()
_sequence = itertools.count()
_sent: dict[str, tuple[int, datetime]] = {}
"""message id → (order sent, when sent)"""


def _recording(send: Callable, message_id: Callable[[Any], str]) -> Callable:
    @functools.wraps(send)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with _lock:
            result = send(*args, **kwargs)
            _sent[message_id(result)] = (next(_sequence), datetime.now(UTC))
        return result

    wrapper.__records_send_time__ = True  # type: ignore[attr-defined]  # a mark on the function: install() reads it
    return wrapper


def install() -> None:
    """Note the send time of every message from now on. Safe to call more than once."""
    for backend, method_name, message_id in ((SNSBackend, "publish", str),
                                             (SESBackend, "send_email", attrgetter("id")),
                                             (SESBackend, "send_raw_email", attrgetter("id"))):
        method = getattr(backend, method_name)
        if not getattr(method, "__records_send_time__", False):
            setattr(backend, method_name, _recording(method, message_id))


def messages() -> list[dict]:
    """`{"channel", "to", "subject", "body", "sent_at"}` per message, newest first.

    `sent_at` is ISO-8601 UTC; null only for a message sent before `install()`.
    """
    with _lock:
        found = [*_sms(), *_emails()]
        timed = [(_sent.get(message_id, (-1, None)), entry) for message_id, entry in found]
    timed.sort(key=lambda pair: pair[0][0], reverse=True)
    return [{**entry, "sent_at": when.isoformat(timespec="milliseconds") if when else None}
            for (_, when), entry in timed]


def _sms() -> Iterator[tuple[str, dict]]:
    for backend in list(sns_backends[DEFAULT_ACCOUNT_ID].values()):
        for message_id, (phone, text) in backend.sms_messages.items():
            yield message_id, {"channel": "sms", "to": phone, "subject": None, "body": text}


def _emails() -> Iterator[tuple[str, dict]]:
    for backend in list(ses_backends[DEFAULT_ACCOUNT_ID].values()):
        for sent in backend.sent_messages:
            if isinstance(sent, Message):
                yield sent.id, {"channel": "email", "to": ", ".join(sent.destinations.get("ToAddresses", [])),
                                "subject": sent.subject, "body": sent.body}
            elif isinstance(sent, RawMessage):
                yield sent.id, {"channel": "email", **_raw_email(sent)}


def _raw_email(sent: RawMessage) -> dict:
    parsed = message_from_string(sent.raw_data, policy=policy.default)
    text = parsed.get_body(preferencelist=("plain", "html"))
    return {"to": ", ".join(sent.destinations), "subject": parsed["subject"],
            "body": text.get_content() if text is not None else ""}


def render_page(sent: list[dict]) -> str:
    """The outbox as a page: text escaped, no script (the CSP forbids inline script), refreshed by meta."""
    e = html.escape
    rows = "".join(
        f"<tr><td>{e(m['sent_at'] or '')}</td><td>{e(m['channel'])}</td><td>{e(m['to'])}</td>"
        f"<td>{e(m['subject'] or '')}</td><td><pre>{e(m['body'])}</pre></td></tr>\n"
        for m in sent)
    table = ("<table>\n<thead><tr><th>Verstuurd (UTC)</th><th>Kanaal</th><th>Aan</th><th>Onderwerp</th>"
             f"<th>Bericht</th></tr></thead>\n<tbody>\n{rows}</tbody>\n</table>" if sent
             else "<p>Nog geen berichten verstuurd.</p>")
    return f"""<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="{REFRESH_SECONDS}">
<title>Outbox – Verzuimportaal (lokaal)</title>
<link rel="stylesheet" href="/dev/outbox.css">
</head>
<body>
<h1>Outbox</h1>
<p>Alle sms'jes en e-mails die de lokale stand-in verstuurde, nieuwste eerst. Ververst elke
{REFRESH_SECONDS} seconden. <a href="/dev/outbox">JSON</a> · <a href="/">Naar het portaal</a></p>
{table}
</body>
</html>
"""
