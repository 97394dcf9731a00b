"""Start and stop the whole stand-in inside this process: moto, AWS bootstrap, demo data, dev server.

    handle = start(0)            # 0: any free port
    handle.url, handle.outbox_url, handle.moto_url
    handle.stop()

One stand-in per process at a time; a restart in the same process keeps its ports and moto's data
(moto's backends live in the process), so seeding again adds nothing.
"""
from __future__ import annotations

import logging
import os
import socket
from dataclasses import dataclass, field
from pathlib import Path

from moto.server import ThreadedMotoServer

from . import environment, outbox, registry
from .devserver import DevServer

HOST = "127.0.0.1"
PORTAL_HOST = "localhost"
"""What the browser opens: a passkey's relying-party ID must be a domain (WebAuthn refuses an IP address), and
localhost is loopback and a secure context like 127.0.0.1. The servers still listen on 127.0.0.1 only."""
DEFAULT_PORT = 8000
STATIC_ROOT = Path(__file__).resolve().parents[2] / "static_site"


@dataclass
class StandIn:
    """A running stand-in."""
    port: int
    moto_url: str
    demo_password: str
    _server: DevServer
    _moto: ThreadedMotoServer
    _registration: Path
    demo_backup_codes: dict[str, list[str]] = field(default_factory=dict)
    """The back-up codes of each demo login seeded by this start, by username (none after a restart that found
    them seeded)."""
    _running: bool = True

    @property
    def url(self) -> str:
        return f"http://{PORTAL_HOST}:{self.port}"

    @property
    def outbox_url(self) -> str:
        return f"{self.url}/dev/outbox"

    def stop(self) -> None:
        """Stop the dev server, then moto. Safe to call twice."""
        if self._running:
            self._running = False
            registry.unregister(self._registration)
            self._server.close()
            self._moto.stop()

    def __enter__(self) -> StandIn:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start(port: int = DEFAULT_PORT, *, moto_port: int | None = None, demo_password: str | None = None) -> StandIn:
    """Everything ready to use on return, and noted in `registry` for `manage.py --local`.
    `moto_port`: else `$MOTO_PORT`, else `port + 1` when free, else any free port."""
    server = DevServer(HOST, port, STATIC_ROOT)
    moto = registration = None
    try:
        moto = _start_moto(_choose_moto_port(server.port, moto_port))
        moto_host, bound_moto_port = moto.get_host_and_port()
        moto_url = f"http://{moto_host}:{bound_moto_port}"
        environment.configure(portal_url=f"http://{PORTAL_HOST}:{server.port}", endpoint_url=moto_url)
        password = demo_password or _seed_password()
        app, backup_codes = _prepared_app(password)
        server.moto_url = moto_url
        # noted before the portal answers: whoever sees it answer finds it in the registry too
        registration = registry.register(server.port, f"http://{PORTAL_HOST}:{server.port}", moto_url)
        server.open(app)
    except BaseException:
        if registration is not None:
            registry.unregister(registration)
        server.close()
        if moto is not None:
            moto.stop()
        raise
    return StandIn(port=server.port, moto_url=moto_url, demo_password=password, _server=server, _moto=moto,
                   _registration=registration, demo_backup_codes=backup_codes)


def _choose_moto_port(port: int, requested: int | None) -> int:
    if requested is None and os.environ.get("MOTO_PORT"):
        requested = int(os.environ["MOTO_PORT"])
    if requested:
        if not _is_free(requested):
            raise OSError(f"{HOST}:{requested} (moto): Address already in use")
        return requested
    return port + 1 if port + 1 <= 65535 and _is_free(port + 1) else 0


def _is_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True


def _start_moto(port: int) -> ThreadedMotoServer:
    outbox.install()
    # werkzeug logs every AWS call at INFO; keep its warnings and errors only.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    moto = ThreadedMotoServer(ip_address=HOST, port=port, verbose=False)
    moto.start()
    return moto


def _seed_password() -> str:
    from .seed import demo_password

    return demo_password()


def _prepared_app(password: str):
    """Bootstrap and seed, then the Chalice app and the demo logins' new back-up codes. Imports chalicelib only
    now that the environment is set."""
    from chalicelib.services.deps import default_deps
    from chalicelib.settings import get_settings

    from . import bootstrap, seed

    settings = get_settings()
    if not settings.local_mode:
        raise RuntimeError("Local mode is off (running inside AWS Lambda?): the stand-in refuses to start.")
    bootstrap.prepare_aws(settings)
    backup_codes = seed.seed_demo(default_deps(), password)
    from app import app

    return app, backup_codes
