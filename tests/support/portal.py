"""Drives the API like a browser would: cookies, the CSRF header, and the outbox in moto's backends."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any

from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses.models import ses_backends
from moto.sns.models import sns_backends

from . import contract

REGION = "eu-west-1"


@dataclass
class Answer:
    status: int
    body: Any
    headers: dict

    @property
    def error(self) -> str | None:
        return self.body.get("error") if isinstance(self.body, dict) else None


def browser_headers(cookies: dict[str, str], method: str, csrf: bool = True,
                    extra: dict | None = None) -> dict[str, str]:
    """What the portal's script sends: JSON, the cookie jar, and X-CSRF-Token on every write (static_site/js/api.js:
    the vp_csrf cookie's value, or "1" before login)."""
    sent = {"Content-Type": "application/json"}
    if cookies:
        sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    if csrf and method != "GET":
        sent["X-CSRF-Token"] = cookies.get("vp_csrf", "1")
    sent.update(extra or {})
    return sent


def remember_cookies(cookies: dict[str, str], set_cookie: Any) -> None:
    """Keep what Set-Cookie sets (one line or a list), as a browser does; Max-Age=0 removes."""
    if not set_cookie:
        return
    for line in set_cookie if isinstance(set_cookie, list) else [set_cookie]:
        jar = SimpleCookie()
        jar.load(line)
        for name, morsel in jar.items():
            if morsel["max-age"] == "0":
                cookies.pop(name, None)
            else:
                cookies[name] = morsel.value


@dataclass
class Browser:
    """One browser: its own cookie jar. Sends X-CSRF-Token like the portal's script does."""
    client: Any
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, body: Any = None, *, raw: bytes | None = None,
                headers: dict | None = None, csrf: bool = True) -> Answer:
        sent = browser_headers(self.cookies, method, csrf, headers)
        payload = raw if raw is not None else (json.dumps(body).encode() if body is not None else b"")
        response = self.client.http.request(method, path, headers=sent, body=payload)
        remember_cookies(self.cookies, response.headers.get("Set-Cookie"))
        try:
            parsed = json.loads(response.body) if response.body else None
        except ValueError:
            parsed = response.body
        contract.check(method, path, response.status_code, parsed, response.headers.get("Content-Type", ""))
        return Answer(response.status_code, parsed, response.headers)

    def get(self, path: str, **kw: Any) -> Answer:
        return self.request("GET", path, **kw)

    def post(self, path: str, body: Any = None, **kw: Any) -> Answer:
        return self.request("POST", path, body, **kw)

    def put(self, path: str, body: Any = None, **kw: Any) -> Answer:
        return self.request("PUT", path, body, **kw)

    def delete(self, path: str, **kw: Any) -> Answer:
        return self.request("DELETE", path, **kw)


class Outbox:
    """Every SMS and email that reached moto's SNS and SES, oldest first."""

    def sms(self, to: str | None = None) -> list[tuple[str, str]]:
        messages = list(sns_backends[DEFAULT_ACCOUNT_ID][REGION].sms_messages.values())
        return [m for m in messages if to is None or m[0] == to]

    def emails(self, to: str | None = None) -> list[Any]:
        sent = ses_backends[DEFAULT_ACCOUNT_ID][REGION].sent_messages
        return [m for m in sent if to is None or to in m.destinations.get("ToAddresses", [])]

    def last_code(self, to: str) -> str:
        text = self.sms(to)[-1][1]
        return re.search(r"\b([a-z0-9]{6})\b(?=\. De code)", text).group(1)

    def last_invitation_token(self, to: str) -> str:
        body = self.emails(to)[-1].body
        return re.search(r"/activeren\.html#([A-Za-z0-9_\-]+)", body).group(1)
