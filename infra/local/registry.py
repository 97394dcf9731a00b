"""Where running stand-ins leave their addresses, so that `manage.py --local` finds one without flags.

Each stand-in writes `standin-<port>.json` (its pid, portal and moto URLs) into one directory per
user (`$VP_STANDIN_DIR`, else `<tmp>/verzuimportaal-<uid>`) and removes it when it stops; a file
whose process is gone (a killed stand-in) is ignored and cleaned up. Standard library only: manage.py
imports it before anything else.
"""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Running:
    pid: int
    url: str
    moto_url: str
    port: int


class NotFound(LookupError):
    """No stand-in, or more than one and nothing says which: the message says what to do (Dutch)."""


def directory() -> Path:
    return Path(os.environ.get("VP_STANDIN_DIR") or Path(tempfile.gettempdir()) / f"verzuimportaal-{os.getuid()}")


def register(port: int, url: str, moto_url: str) -> Path:
    """Note this process as the stand-in on `port`; returns the file to hand to `unregister`."""
    folder = directory()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / f"standin-{port}.json"
    scratch = path.with_suffix(f".{os.getpid()}.tmp")
    scratch.write_text(json.dumps({"pid": os.getpid(), "url": url, "moto_url": moto_url, "port": port}))
    scratch.replace(path)  # atomic: a reader never sees half a file
    return path


def unregister(path: Path) -> None:
    try:
        if json.loads(path.read_text()).get("pid") == os.getpid():
            path.unlink()
    except (OSError, ValueError):
        pass


def running() -> list[Running]:
    """The stand-ins whose process is alive, by port; stale files are removed."""
    found = []
    for path in sorted(directory().glob("standin-*.json")):
        try:
            entry = Running(**json.loads(path.read_text()))
        except (OSError, ValueError, TypeError):
            continue
        if _alive(entry.pid):
            found.append(entry)
        else:
            path.unlink(missing_ok=True)
    return sorted(found, key=lambda entry: entry.port)


def find(port: int | None = None) -> Running:
    """The stand-in on `port`, or the only one running."""
    stand_ins = running()
    if port is not None:
        for entry in stand_ins:
            if entry.port == port:
                return entry
        raise NotFound(f"Er draait geen lokale stand-in op poort {port}. Start hem met `PORT={port} make run`.")
    if not stand_ins:
        raise NotFound("Er draait geen lokale stand-in. Start hem met `make run` (in een ander venster).")
    if len(stand_ins) > 1:
        ports = ", ".join(str(entry.port) for entry in stand_ins)
        raise NotFound(f"Er draaien meerdere lokale stand-ins (poorten {ports}): kies er één met --port.")
    return stand_ins[0]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process with that pid: not ours to judge, keep it
    return True
