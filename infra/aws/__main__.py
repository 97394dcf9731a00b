"""`python -m infra.aws --stage dev`: synthesise the stacks into infra/aws/build/cdk.out (for `cdk deploy --app`)."""
from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from .app import BUILD_DIR, synth
from .stages import STAGES


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stage", action="append", choices=sorted(STAGES), help="repeat for more; default all")
    parser.add_argument("--outdir", type=Path, default=Path(os.environ.get("CDK_OUTDIR", BUILD_DIR / "cdk.out")))
    args = parser.parse_args()
    started = time.perf_counter()
    assembly = synth(args.stage or sorted(STAGES), args.outdir.resolve(), os.environ.get("CDK_DEFAULT_ACCOUNT"))
    stacks = ", ".join(stack.stack_name for stack in assembly.stacks)
    print(f"synthesised {stacks} into {assembly.directory} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
