"""Which running stand-in `manage.py --local` talks to: the only one alive, or the one on --port."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from infra.local import registry


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("VP_STANDIN_DIR", str(tmp_path))
    return tmp_path


def dead_pid() -> int:
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(finished.stdout)


def test_the_only_running_stand_in_is_found(folder):
    registry.register(9000, "http://127.0.0.1:9000", "http://127.0.0.1:9001")

    found = registry.find()

    assert (found.url, found.moto_url, found.pid) == ("http://127.0.0.1:9000", "http://127.0.0.1:9001", os.getpid())


def test_a_stand_in_that_died_without_stopping_is_ignored_and_forgotten(folder):
    registry.register(9000, "http://127.0.0.1:9000", "http://127.0.0.1:9001")
    stale = folder / "standin-8000.json"
    stale.write_text(json.dumps({"pid": dead_pid(), "url": "http://127.0.0.1:8000",
                                 "moto_url": "http://127.0.0.1:8001", "port": 8000}))

    assert registry.find().port == 9000
    assert not stale.exists()


def test_two_running_stand_ins_need_a_port_and_the_message_names_both(folder):
    registry.register(8000, "http://127.0.0.1:8000", "http://127.0.0.1:8001")
    registry.register(9000, "http://127.0.0.1:9000", "http://127.0.0.1:9001")

    with pytest.raises(registry.NotFound, match=r"poorten 8000, 9000\): kies er één met --port"):
        registry.find()
    assert registry.find(9000).moto_url == "http://127.0.0.1:9001"
    with pytest.raises(registry.NotFound, match="geen lokale stand-in op poort 7000"):
        registry.find(7000)


def test_a_stopped_stand_in_is_no_longer_found(folder):
    path = registry.register(9000, "http://127.0.0.1:9000", "http://127.0.0.1:9001")

    registry.unregister(path)

    assert registry.running() == []
    with pytest.raises(registry.NotFound, match="make run"):
        registry.find()
