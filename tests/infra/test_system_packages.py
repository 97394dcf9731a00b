"""`make test`'s first step: the Debian packages the suite needs are installed, or it stops at once saying how."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.standin import ROOT

SCRIPT = ROOT / ".ci" / "system-packages"


@pytest.fixture
def machine(tmp_path):
    """A PATH holding only what a fresh machine has: bash and coreutils, node, but no oathtool and no sudo."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "env", "basename", "cat"):
        (bin_dir / tool).symlink_to(shutil.which(tool))

    def fake(name: str, script: str) -> None:
        path = bin_dir / name
        path.write_text(f"#!{shutil.which('bash')}\n{script}\n")
        path.chmod(0o755)

    fake("node", "exit 0")
    fake("id", "echo 1000")  # not root
    fake("apt-get", f'echo "apt-get $*" >> {tmp_path}/installed')
    return bin_dir, fake


def run(bin_dir: Path, **extra: str) -> subprocess.CompletedProcess:
    env = {"PATH": str(bin_dir), "CHROMIUM_PATH": shutil.which("bash"), "LAMBDA_PYTHON": "/usr/bin/python3.11",
           **extra}
    return subprocess.run([str(SCRIPT)], env=env, capture_output=True, text=True, timeout=30)


def test_without_root_or_sudo_it_stops_with_one_line_naming_the_command(machine):
    bin_dir, _ = machine

    answer = run(bin_dir)

    assert answer.returncode == 1
    assert answer.stderr.splitlines() == [
        "make test needs Debian packages that are missing; install them first: sudo apt-get install -y oathtool"]


def test_with_sudo_without_a_password_it_installs_what_is_missing(machine, tmp_path):
    bin_dir, fake = machine
    fake("sudo", '[ "$1" = -n ] && shift; [ "$1" = true ] && exit 0; '
                 'echo "sudo $*" >> ' + f"{tmp_path}/sudo; " + '"$@"')

    answer = run(bin_dir, CHROMIUM_PATH="/nonexistent/chromium")

    assert answer.returncode == 0, answer.stderr
    assert (tmp_path / "installed").read_text().splitlines()[-1] == "apt-get install -y -qq chromium oathtool"
    assert "sudo apt-get install -y -qq chromium oathtool" in (tmp_path / "sudo").read_text()


def test_with_everything_present_it_does_nothing(machine, tmp_path):
    bin_dir, fake = machine
    fake("oathtool", "exit 0")

    answer = run(bin_dir)

    assert (answer.returncode, answer.stdout, answer.stderr) == (0, "", "")
    assert not (tmp_path / "installed").exists()


def test_make_test_and_ci_run_start_with_that_step():
    planned = subprocess.run(["make", "--dry-run", "--no-print-directory", "test"], cwd=ROOT, capture_output=True,
                             text=True, timeout=60, env={**os.environ, "MAKEFLAGS": ""})

    assert planned.returncode == 0, planned.stderr
    assert planned.stdout.splitlines()[0] == ".ci/system-packages"
    assert (ROOT / ".ci" / "run").read_text().splitlines()[-2:] == [".ci/system-packages", "make test"]
