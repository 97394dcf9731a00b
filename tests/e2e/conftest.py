"""Browser tests: Playwright drives Debian's Chromium against the local stand-in on a free port."""
from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO_PASSWORD = "demo-wachtwoord-e2e-2026"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not os.access(path, os.X_OK):
        pytest.fail(f"Chromium not found at {path}. Install Debian's package (apt-get install chromium) "
                    f"or point CHROMIUM_PATH at a Chromium binary.", pytrace=False)
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StandIn:
    """`python -m infra.local` in a subprocess, as `make run` starts it."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "DEMO_PASSWORD": DEMO_PASSWORD, "PORT": str(self.port),
               "MOTO_PORT": str(_free_port()), "PYTHONUNBUFFERED": "1"}
        env.pop("AWS_ENDPOINT_URL", None)
        self.log = tempfile.TemporaryFile(mode="w+")
        self.process = subprocess.Popen([sys.executable, "-m", "infra.local", "--port", str(self.port)], cwd=ROOT,
                                        env=env, stdout=self.log, stderr=subprocess.STDOUT, text=True)

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.seek(0)
                raise RuntimeError(f"stand-in exited early:\n{self.log.read()}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/contact", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("stand-in did not become ready in time")

    def outbox(self) -> list[dict]:
        with urllib.request.urlopen(f"{self.url}/dev/outbox", timeout=5) as answer:
            return json.loads(answer.read())

    def last_sms_code(self, to: str) -> str:
        message = next(m for m in self.outbox() if m["channel"] == "sms" and m["to"] == to)
        return re.search(r"\b([a-z0-9]{6})\b(?=\. De code)", message["body"]).group(1)

    def last_invitation_link(self, to: str) -> str:
        message = next(m for m in self.outbox() if m["channel"] == "email" and m["to"] == to
                       and "uitnodiging" in m["subject"].lower())
        return re.search(r"https?://\S+/activeren\.html#[A-Za-z0-9_\-]+", message["body"]).group(0)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


@pytest.fixture(scope="session")
def stand_in():
    chromium_path()
    server = StandIn()
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(chromium, stand_in):
    """A fresh browser profile per call (own cookies), closed after the test."""
    contexts = []

    def make():
        context = chromium.new_context(base_url=stand_in.url, locale="nl-NL")
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
