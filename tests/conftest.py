"""Test-wide environment, set before `app` or `chalicelib` is imported (settings are read once),
the local stand-in that the e2e and infra tests share, and the synthesised AWS stack that the infra and
package tests share."""
import json
import os
import time
from pathlib import Path

import pytest

os.environ.update({
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "eu-west-1",
    "AWS_REGION": "eu-west-1",
    "TABLE_PREFIX": "verzuimportaal-test",
    "POWERTOOLS_TRACE_DISABLED": "true",
    "POWERTOOLS_METRICS_NAMESPACE": "Verzuimportaal",
    "POWERTOOLS_DEV": "false",
    "PORTAL_URL": "https://portal.test",
    "RECOVERY_ANSWER_SECONDS": "0.02",
})
# moto's in-process mock does not intercept a custom endpoint; the stand-in sets one, tests must not.
os.environ.pop("AWS_ENDPOINT_URL", None)
for _name in ("VP_LOCAL_MODE", "AWS_LAMBDA_FUNCTION_NAME"):
    os.environ.pop(_name, None)


# Chalice's test client swaps os.environ for a plain dict during each call (chalice/test.py, _patched_env_vars).
# Two calls racing in threads (tests/api/test_races.py) can leave one of those dicts behind as os.environ: what a
# later test sets then never reaches the processes it starts (they inherit the real environment), and
# `manage.py --local` in tests/infra did not find the stand-in the test had noted. The real one is put back.
_PROCESS_ENVIRON = os.environ


def _real_environ() -> None:
    os.environ = _PROCESS_ENVIRON  # noqa: B003 (not to clear it: to put back the object a test client replaced)


@pytest.fixture(autouse=True)
def _environment_restored():
    """What a test (or `manage.main`, which prepares the environment of a fresh process) sets in os.environ
    does not leak into later tests, nor into the stand-in they start; os.environ is the process's own."""
    _real_environ()
    saved = dict(os.environ)
    yield
    _real_environ()
    os.environ.clear()
    os.environ.update(saved)


@pytest.fixture(scope="session")
def stand_in():
    """One stand-in for the whole run, started on first use."""
    from tests.support.standin import running

    with running() as server:
        yield server


@pytest.fixture(scope="session")
def assembly(tmp_path_factory):
    """Both stages synthesised once per run, as `make deploy` synthesises them (CDK + Chalice's construct, no
    account): `templates[stack name]` as JSON, the template `paths`, and the cloud assembly's `outdir`."""
    from infra.aws.app import synth

    outdir = tmp_path_factory.mktemp("aws") / "cdk.out"
    started = time.perf_counter()
    cloud_assembly = synth(["dev", "prod"], outdir)
    print(f"\nsynthesised {len(cloud_assembly.stacks)} stacks in {time.perf_counter() - started:.1f} s")
    templates = {stack.stack_name: json.loads(Path(stack.template_full_path).read_text())
                 for stack in cloud_assembly.stacks}
    return {"outdir": outdir, "templates": templates,
            "paths": [Path(stack.template_full_path) for stack in cloud_assembly.stacks]}
