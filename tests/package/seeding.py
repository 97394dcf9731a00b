"""Run in the bare interpreter beside the unpacked package: the stand-in's demo data (infra/local/seed.py),
written through the package's own code, as `manage.py` would write it. Standard library and package only."""
from __future__ import annotations

import importlib.util
import sys


def handler(event: dict, context: object) -> dict:
    spec = importlib.util.spec_from_file_location("demo_seed", event["seed_file"])
    seed = sys.modules["demo_seed"] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(seed)
    from chalicelib.services.deps import default_deps

    seed.seed_demo(default_deps(), event["password"])
    return {"seeded": True}
