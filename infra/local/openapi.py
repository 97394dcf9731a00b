"""The OpenAPI document of the app (chalicelib/api/openapi.py), as the stand-in serves it and docs/ keeps it.

`python -m infra.local.openapi` (`make openapi`) writes docs/openapi.json; a test fails when the committed file is
not what the code makes.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def text() -> str:
    import app  # noqa: F401 (registers every blueprint, so the route table is complete)
    from chalicelib.api import openapi

    return json.dumps(openapi.document(), ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    DOCUMENT.write_text(text(), encoding="utf-8")
    sys.stdout.write(f"{DOCUMENT.relative_to(Path.cwd()) if DOCUMENT.is_relative_to(Path.cwd()) else DOCUMENT}\n")


if __name__ == "__main__":
    main()
