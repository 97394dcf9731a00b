"""`manage.py --local` finds the running stand-in by itself, whatever PORT `make run` was given."""
from __future__ import annotations

import subprocess
import sys

from tests.support.standin import ROOT, running


def manage(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", "--local", *arguments], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_manage_py_finds_a_stand_in_on_a_port_of_its_own(tmp_path, monkeypatch):
    # Given a stand-in started on a free port (not 8000) with moto on another free port (not 8001)
    monkeypatch.setenv("VP_STANDIN_DIR", str(tmp_path))
    with running() as stand_in:
        assert stand_in.port != 8000 and not stand_in.moto_url.endswith(":8001")

        # When the secretariat runs manage.py --local without naming a port or URL
        employers = manage("list-employers")

        # Then it reaches that stand-in's data, and an invitation link it sends points at that portal
        assert employers.returncode == 0, employers.stderr
        employer_id = next(line.split()[0] for line in employers.stdout.splitlines() if "Demo BV" in line)
        invited = manage("invite", "--name", "Petra de Bakker", "--email", "petra@example.nl",
                         "--employer", employer_id)
        assert invited.returncode == 0, invited.stderr
        link = stand_in.last_invitation_link("petra@example.nl")
        assert link.startswith(f"{stand_in.url}/activeren.html#")


def test_manage_py_without_a_stand_in_says_how_to_start_one(tmp_path, monkeypatch):
    monkeypatch.setenv("VP_STANDIN_DIR", str(tmp_path))

    answer = manage("list-employers")

    assert answer.returncode != 0
    assert answer.stderr.strip() == "Er draait geen lokale stand-in. Start hem met `make run` (in een ander venster)."
