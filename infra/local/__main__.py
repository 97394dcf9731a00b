"""`python -m infra.local [--port N]`: the portal, its API and moto on one machine. Ctrl-C stops it all."""
from __future__ import annotations

import argparse
import os
import signal
import sys
from typing import TYPE_CHECKING

from .standin import DEFAULT_PORT, StandIn, start

if TYPE_CHECKING:  # seed imports chalicelib, which reads the environment the stand-in sets first
    from .seed import DemoUser


class _Stop(Exception):
    """Raised by SIGINT or SIGTERM, wherever the main thread is (even halfway through starting)."""


def _raise_stop(signum: int, frame: object) -> None:
    raise _Stop


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m infra.local",
                                     description="Verzuimportaal lokaal: portaal, API en AWS (moto) op één machine.")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or DEFAULT_PORT),
                        help=f"poort van het portaal (standaard $PORT of {DEFAULT_PORT})")
    args = parser.parse_args(argv)

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _raise_stop)
    stand_in = None
    try:
        stand_in = start(args.port)
        _announce(stand_in)
        while True:
            signal.pause()
    except _Stop:
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, signal.SIG_DFL)  # a second Ctrl-C ends it at once
    except OSError as error:
        print(f"De stand-in start niet: {error}", file=sys.stderr)
        return 1
    finally:
        if stand_in is not None:
            stand_in.stop()
    print("Gestopt.", flush=True)
    return 0


def _announce(stand_in: StandIn) -> None:
    from .seed import DEMO_USERS

    lines = [
        f"Verzuimportaal draait op {stand_in.url}",
        f"  Outbox (sms en e-mail): {stand_in.url}/dev/outbox.html  (JSON: {stand_in.outbox_url})",
        f"  AWS (moto): {stand_in.moto_url}  — beheer: .venv/bin/python manage.py --local …",
        f"  Demo-logins, wachtwoord {stand_in.demo_password}:",
        *(line for user in DEMO_USERS for line in _demo_login(user, stand_in.demo_backup_codes.get(user.username))),
        "Ctrl-C stopt alles.",
    ]
    print("\n".join(lines), flush=True)


def _demo_login(user: DemoUser, backup_codes: list[str] | None) -> list[str]:
    """A demo login's lines: who it is, where its SMS goes, and its back-up codes (each works once)."""
    lines = [f"    {user.username:<15} {user.description}, sms naar {user.phone}"]
    if backup_codes:
        lines.append(f"    {'':<15} back-up codes (elk één keer): {' '.join(backup_codes)}")
    return lines


if __name__ == "__main__":
    sys.exit(main())
