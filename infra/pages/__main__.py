"""`python -m infra.pages` writes static_site/*.html from infra/pages/; `--check` only names what is stale."""
from __future__ import annotations

import argparse
import sys

from . import PageSourceError, differences, write


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m infra.pages", description=__doc__)
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 naming each page that is not what the generator writes")
    args = parser.parse_args(argv)
    try:
        if not args.check:
            for name in write():
                print(f"wrote static_site/{name}")
        stale = differences()
    except PageSourceError as error:
        print(error, file=sys.stderr)
        return 2
    for line in stale:
        print(f"static_site/{line}", file=sys.stderr)
    if stale and args.check:
        print("static_site/*.html is written by `make pages`: make the change in infra/pages/source/<page>.html "
              "(or in the layout beside it) and run `make pages`.", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
