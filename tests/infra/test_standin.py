"""The local stand-in, as `make run` starts it: one origin, security headers, outbox, demo data."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from infra.local.headers import SECURITY_HEADERS
from tests.support.standin import DEMO_PASSWORD, ROOT


def fetch(url: str, method: str = "GET", body: dict | None = None, headers: dict | None = None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json",
                                                                             **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.mark.parametrize("path", ["/", "/index.html", "/code.html", "/hulp.html", "/js/api.js", "/css/portal.css",
                                  "/dev/outbox.html"])
def test_pages_carry_the_production_security_headers(stand_in, path):
    status, headers, _ = fetch(stand_in.url + path)

    assert status == 200
    for name, value in SECURITY_HEADERS.items():
        assert headers[name] == value


def test_portal_and_api_share_one_origin(stand_in):
    page_status, page_headers, page = fetch(stand_in.url + "/")
    api_status, _, api = fetch(stand_in.url + "/api/contact")

    assert page_status == api_status == 200
    assert page_headers["Content-Type"].startswith("text/html") and b"Inloggen" in page
    assert json.loads(api) == {"phone": "0413-244211", "email": "secretariaat@deverzuimmakelaar.nl"}


@pytest.mark.parametrize("path", ["/../README.md", "/%2e%2e/README.md", "/.git/config", "/bestaat-niet.html"])
def test_nothing_outside_the_static_site_is_served(stand_in, path):
    status, _, body = fetch(stand_in.url + path)

    assert status == 404 and b"[core]" not in body


def test_unknown_api_route_is_a_json_404(stand_in):
    status, _, body = fetch(stand_in.url + "/api/bestaat-niet")

    assert status == 404 and json.loads(body)["error"] == "not_found"


def test_outbox_lists_sent_sms_newest_first_with_the_promised_fields(stand_in):
    for _ in range(2):
        status, _, _ = fetch(stand_in.url + "/api/auth/login", "POST",
                             {"username": "werkgever", "password": DEMO_PASSWORD}, {"X-CSRF-Token": "1"})
        assert status == 200

    _, headers, body = fetch(stand_in.url + "/dev/outbox")

    messages = json.loads(body)
    assert headers["Content-Type"].startswith("application/json")
    sms = [m for m in messages if m["channel"] == "sms" and m["to"] == "+31612345678"]
    assert len(sms) >= 2 and set(sms[0]) == {"channel", "to", "subject", "body", "sent_at"}
    assert [m["sent_at"] for m in messages] == sorted((m["sent_at"] for m in messages), reverse=True)
    assert re.search(r"\b[a-z0-9]{6}\b", sms[0]["body"])


def test_manage_py_reaches_the_running_stand_in(stand_in):
    employer_id = subprocess.run([sys.executable, "manage.py", "--local", "--moto-url", stand_in.moto_url,
                                  "list-employers"], cwd=ROOT, capture_output=True, text=True,
                                 timeout=60).stdout.split()[0]

    answer = subprocess.run([sys.executable, "manage.py", "--local", "--moto-url", stand_in.moto_url,
                             "list-users", employer_id], cwd=ROOT, capture_output=True, text=True, timeout=60)

    assert ["werkgever", "active", "Wim", "Werkgever"] in [line.split() for line in answer.stdout.splitlines()]


def test_send_digest_on_the_stand_in_puts_the_weekly_email_in_the_outbox(stand_in):
    command = [sys.executable, "manage.py", "--local", "--moto-url", stand_in.moto_url, "send-digest",
               "--week", "2026-W01"]

    first = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    again = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)

    assert first.returncode == 0 and "verstuurd: " in first.stdout, first.stdout + first.stderr
    assert "al verstuurd deze week" in again.stdout and "  verstuurd: " not in again.stdout
    digests = [m for m in stand_in.outbox() if m["channel"] == "email" and m["to"] == "werkgever@demo-bv.nl"
               and m["subject"].startswith("Verzuimportaal:")]
    assert len(digests) == 1 and "taken voor u open" in digests[0]["body"]


def test_the_banner_shows_each_demo_login_its_back_up_codes(stand_in):
    # Given the stand-in as `make run` starts it
    # When a tester reads its banner
    banner = stand_in.banner()

    # Then each demo login is listed with ten back-up codes of the portal's format
    for username in ("werkgever", "secretariaat"):
        shown = stand_in.demo_backup_codes(username)
        assert len(shown) == 10 and all(re.fullmatch(r"[a-z0-9]{4}-[a-z0-9]{4}", code) for code in shown), banner
