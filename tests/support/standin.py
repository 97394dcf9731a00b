"""`python -m infra.local` in a subprocess on free ports, as `make run` starts it, for e2e and infra tests."""
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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEMO_PASSWORD = "demo-wachtwoord-e2e-2026"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StandIn:
    """`python -m infra.local` in a subprocess, as `make run` starts it."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://localhost:{self.port}"  # as `make run` (infra/local/standin.py PORTAL_HOST)
        self.moto_port = free_port()
        self.moto_url = f"http://127.0.0.1:{self.moto_port}"
        env = {**os.environ, "DEMO_PASSWORD": DEMO_PASSWORD, "PORT": str(self.port),
               "MOTO_PORT": str(self.moto_port), "PYTHONUNBUFFERED": "1"}
        env.pop("AWS_ENDPOINT_URL", None)
        # The tests' stand-ins note themselves apart from `make run`'s, so `manage.py --local` beside a test run
        # still finds the developer's own stand-in (infra/local/registry.py); a test may name its own directory.
        self._registry = None if "VP_STANDIN_DIR" in env else tempfile.TemporaryDirectory(prefix="vp-standins-")
        if self._registry is not None:
            env["VP_STANDIN_DIR"] = self._registry.name
        self.log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (the stand-in writes to it until stop() closes it)
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

    def banner(self) -> str:
        """What `make run` prints once ready (its last line "Ctrl-C stopt alles."), read without moving the
        stand-in's own write position in its log."""
        deadline = time.monotonic() + 10
        while True:
            printed = os.pread(self.log.fileno(), 1 << 20, 0).decode()
            if "Ctrl-C stopt alles." in printed or time.monotonic() > deadline:
                return printed
            time.sleep(0.1)

    def demo_backup_codes(self, username: str) -> list[str]:
        """The back-up codes the banner shows for a demo login."""
        lines = self.banner().splitlines()
        login = next(i for i, line in enumerate(lines) if line.split()[:1] == [username])
        return lines[login + 1].split(":", 1)[1].split()

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
        if self._registry is not None:
            self._registry.cleanup()


@contextmanager
def running() -> Iterator[StandIn]:
    """A stand-in, ready, stopped afterwards."""
    server = StandIn()
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()
