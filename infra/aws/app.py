"""Build the CDK app for one or more stages and synthesise it, with no `cdk` CLI and no AWS account."""
from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

# jsii still runs on Debian's node 20 but prints a large end-of-life banner on every synth; node 22+ prints none.
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
os.environ.setdefault("AWS_DEFAULT_REGION", "eu-west-1")  # `chalice package` insists on a region

import aws_cdk as cdk

from .edge import EdgeStack
from .stack import PROJECT_DIR, PortalStack
from .stages import APP_NAME, STAGES

BUILD_DIR = PROJECT_DIR / "infra" / "aws" / "build"
"""Git-ignored: cdk.out (the cloud assembly) and chalice.out (the packages Chalice's construct writes to
its working directory). Chalice's dependency download is cached in .chalice/deployments/."""


@contextlib.contextmanager
def _working_directory(path: Path) -> Iterator[None]:
    before = Path.cwd()
    path.mkdir(parents=True, exist_ok=True)
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def build(stage_names: list[str], outdir: Path, account: str | None = None) -> tuple[cdk.App, dict[str, PortalStack]]:
    """The app with an edge stack (us-east-1) and a portal stack per stage; not yet synthesised."""
    app = cdk.App(outdir=str(outdir))
    stacks = {}
    with _working_directory(outdir.parent):
        for name in stage_names:
            stage = STAGES[name]
            edge = EdgeStack(app, f"{name}-edge", stage=stage, account=account)
            stacks[name] = PortalStack(app, stage=stage, edge=edge, account=account)
            cdk.Tags.of(stacks[name]).add("project", APP_NAME)
            cdk.Tags.of(edge).add("project", APP_NAME)
    return app, stacks


def synth(stage_names: list[str], outdir: Path = BUILD_DIR / "cdk.out",
          account: str | None = None) -> cdk.cx_api.CloudAssembly:
    app, _ = build(stage_names, outdir, account)
    with _working_directory(outdir.parent):
        return app.synth()
