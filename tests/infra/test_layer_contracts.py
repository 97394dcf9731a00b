"""The layer contracts in pyproject.toml (`make lint`) catch an import against DESIGN.md's arrows."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.standin import ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=root, capture_output=True, text=True, timeout=120,
                          env={"PATH": str(LINT_IMPORTS.parent), "PYTHONPATH": str(root)})


@pytest.fixture
def copy_of_the_code(tmp_path):
    shutil.copytree(ROOT / "chalicelib", tmp_path / "chalicelib", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def test_the_code_as_it_is_keeps_every_contract():
    answer = lint_imports(ROOT)

    assert answer.returncode == 0, answer.stdout
    assert "0 broken" in answer.stdout


@pytest.mark.parametrize(("module", "line", "contract"), [
    ("domain/names.py", "from ..store import users", "The domain imports nothing of ours"),
    ("domain/names.py", "from ..settings import get_settings", "The domain imports nothing of ours"),
    ("store/users.py", "from ..services import me", "The store and notify never reach up into services or api"),
    ("api/auth.py", "from ..store import users", "api never reaches past services to the store"),
    ("services/me.py", "import chalice", "Chalice only in app.py and api/"),
    ("services/me.py", "import boto3", "boto3 and botocore only in the store, notify and the AWS adapters"),
    ("store/users.py", "import moto", "Production code never imports moto"),
])
def test_an_import_against_the_arrows_breaks_its_contract(copy_of_the_code, module, line, contract):
    path = copy_of_the_code / "chalicelib" / module
    path.write_text(path.read_text() + f"\n{line}\n")

    answer = lint_imports(copy_of_the_code)

    assert answer.returncode == 1
    broken = answer.stdout.split("Broken contracts")[1]
    assert contract in " ".join(broken.split()), answer.stdout
