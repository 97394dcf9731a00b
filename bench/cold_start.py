"""Cold start: the import time of app.py against a bare Chalice app and a bare `import boto3`; then the
shipped case: the Lambda package of the synthesised dev stack, unpacked and run as Lambda runs it (a bare
interpreter of the runtime's Python, tracing on, its template environment, AWS on a moto server made from the
template), its import plus first API request against `import boto3` plus one client and one call in the same
bare interpreter; and the package's size zipped and unzipped.

Run from the repo root: `.venv/bin/python bench/cold_start.py [RUNS]`. Each import runs in a fresh
interpreter with a Lambda-like environment (the prod stage's variables, no AWS_ENDPOINT_URL); the
cases are interleaved so drift in the machine's speed hits all of them alike. Prints figures only.
"""
from __future__ import annotations

import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 15
PROFILE_RUNS = 5
TOP = 10
TARGET_VS_BOTO3 = 1.3
TARGET_SHIPPED_VS_BOTO3 = 1.5
TARGET_ZIPPED_MB = 25
REPO = Path(__file__).resolve().parent.parent
HELLO_APP = 'from chalice import Chalice\n\napp = Chalice(app_name="hello")\n'
TIMED_IMPORT = "import time; s = time.perf_counter(); import {0}; print(time.perf_counter() - s)"


def lambda_env() -> dict[str, str]:
    """What the Lambda runtime and .chalice/config.json (prod stage) set; nothing from this shell."""
    config = json.loads((REPO / ".chalice" / "config.json").read_text())
    return {
        "PATH": os.environ["PATH"],
        "LANG": "en_US.UTF-8",
        "TZ": ":UTC",
        "AWS_REGION": "eu-west-1",
        "AWS_DEFAULT_REGION": "eu-west-1",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_LAMBDA_FUNCTION_NAME": "verzuimportaal-prod",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "1024",
        "AWS_EXECUTION_ENV": f"AWS_Lambda_python{sys.version_info.major}.{sys.version_info.minor}",
        "LAMBDA_TASK_ROOT": str(REPO),
        **config["environment_variables"],
        **config["stages"]["prod"]["environment_variables"],
    }


def timed_import(module: str, cwd: Path, env: dict[str, str]) -> float:
    """Seconds to import `module` in a fresh interpreter (interpreter start-up excluded)."""
    out = subprocess.run([sys.executable, "-c", TIMED_IMPORT.format(module)], cwd=cwd, env=env,
                         capture_output=True, text=True, check=True)
    return float(out.stdout)


def import_tree(module: str, cwd: Path, env: dict[str, str]) -> dict[str, tuple[int, int, str]]:
    """`-X importtime` for `module`: name → (self µs, cumulative µs, chain of importers).

    A name listed twice (a package re-entered by its own submodule) keeps its larger entry.
    """
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {module}"], cwd=cwd, env=env,
                         capture_output=True, text=True, check=True)
    rows = []
    for line in out.stderr.splitlines()[1:]:
        self_us, cumulative_us, name = line.removeprefix("import time:").split("|")
        depth = (len(name) - len(name.lstrip()) - 1) // 2
        rows.append((name.strip(), depth, int(self_us), int(cumulative_us)))
    # A module is printed after everything it imports: its subtree is the lines just before it.
    root = max(i for i, row in enumerate(rows) if row[0] == module and row[1] == 0)
    start = max((i for i in range(root) if rows[i][1] == 0), default=-1) + 1
    tree = {}
    for i in range(start, root):
        name, depth, self_us, cumulative_us = rows[i]
        chain, level = [], depth
        for parent_name, parent_depth, _, _ in rows[i + 1:root + 1]:
            if parent_depth == level - 1:
                chain.append(parent_name)
                level -= 1
        if name not in tree or cumulative_us > tree[name][1]:
            tree[name] = (self_us, cumulative_us, " < ".join(chain))
    return tree


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10, method="inclusive")[8]


def versions() -> str:
    return " · ".join(f"{name} {metadata.version(name)}"
                      for name in ("chalice", "boto3", "aws-lambda-powertools", "pynamodb"))


def main() -> None:
    env = lambda_env()
    with tempfile.TemporaryDirectory() as scratch:
        Path(scratch, "hello.py").write_text(HELLO_APP)
        cases = {"app.py (import app)": ("app", REPO),
                 "bare Chalice hello-world": ("hello", Path(scratch)),
                 "bare import boto3": ("boto3", Path(scratch))}
        for module, cwd in cases.values():
            timed_import(module, cwd, env)  # writes the .pyc files, as the Lambda package ships them
        times: dict[str, list[float]] = {case: [] for case in cases}
        for run in range(RUNS):
            order = list(cases)[run % len(cases):] + list(cases)[:run % len(cases)]
            for case in order:
                times[case].append(timed_import(*cases[case], env))
        profiles = [import_tree("app", REPO, env) for _ in range(PROFILE_RUNS)]

    print(f"cold-start benchmark · {platform.platform()} · {os.cpu_count()} CPUs · "
          f"Python {platform.python_version()} · {datetime.datetime.now().astimezone().isoformat(timespec='seconds')}")
    print(f"{versions()} · {RUNS} fresh interpreters per case, interleaved · import time only, ms")
    app_median = statistics.median(times["app.py (import app)"])
    header = f"{'case':<26} {'median':>7} {'p90':>7} {'min':>7}  {'app ÷ case':>10}"
    print(header)
    print("-" * len(header))
    for case, values in times.items():
        median = statistics.median(values)
        print(f"{case:<26} {ms(median):>7} {ms(p90(values)):>7} {ms(min(values)):>7}  {app_median / median:>9.2f}×")
    ratio = app_median / statistics.median(times["bare import boto3"])
    print(f"\napp ÷ hello-world = {app_median / statistics.median(times['bare Chalice hello-world']):.2f}×")
    print(f"app ÷ boto3       = {ratio:.2f}×   target ≤ {TARGET_VS_BOTO3}×: "
          f"{'met' if ratio <= TARGET_VS_BOTO3 else 'NOT met'}")

    print(f"\nTop {TOP} modules under `import app` by cumulative import time, ms (median of {PROFILE_RUNS} runs of "
          "-X importtime,\nwhich adds overhead; a module shared by several importers is charged to the first):")
    header = f"{'cumulative':>10} {'self':>7}  {'module':<45} imported by (nearest first)"
    print(header)
    print("-" * len(header))
    names = set.intersection(*(set(profile) for profile in profiles))
    cumulative = {name: statistics.median(p[name][1] for p in profiles) for name in names}
    for name in sorted(names, key=cumulative.get, reverse=True)[:TOP]:
        self_us = statistics.median(p[name][0] for p in profiles)
        print(f"{ms(cumulative[name] / 1e6):>10} {ms(self_us / 1e6):>7}  {name:<45} {profiles[0][name][2]}")


REFERENCE = """
import sys, time
sys.path.insert(0, sys.argv[1])
started = time.perf_counter()
import boto3
client = boto3.client("dynamodb")
created = time.perf_counter()
client.get_item(TableName=sys.argv[2], Key={"token_hash": {"S": "nobody"}})
print(created - started, time.perf_counter() - started)
"""


def shipped_case(runs: int) -> None:
    """The package `make deploy` uploads, cold, as Lambda runs it: init (import) + the first API request."""
    import logging
    import shutil
    import socket
    import zipfile

    sys.path.insert(0, str(REPO))
    from moto.server import ThreadedMotoServer

    from infra.aws.app import synth
    from infra.aws.stages import STAGES
    from tests.package.conftest import package_of
    from tests.support.apigateway import RestApi
    from tests.support.cloudformation import Deployed
    from tests.support.lambda_runtime import LambdaFunction, lambda_environment, runtime_python
    from tests.support.standin import free_port

    with tempfile.TemporaryDirectory() as scratch:
        outdir = Path(scratch, "cdk.out")
        template_path = next(stack.template_full_path for stack in synth(["dev"], outdir).stacks
                             if stack.stack_name.endswith("-app"))
        template = json.loads(Path(template_path).read_text())
        package_zip = package_of(template, outdir)
        package_dir = Path(scratch, "package")
        with zipfile.ZipFile(package_zip) as archive:
            archive.extractall(package_dir)
        zipped = package_zip.stat().st_size
        unzipped = sum(path.stat().st_size for path in package_dir.rglob("*") if path.is_file())
        logging.getLogger("werkzeug").setLevel(logging.WARNING)  # moto's server logs every request
        port = free_port()
        server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
        server.start()
        daemon = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        daemon.bind(("127.0.0.1", 0))
        try:
            endpoint = f"http://127.0.0.1:{port}"
            deployed = Deployed(template, region=STAGES["dev"].region, endpoint=endpoint).create()
            properties = deployed.resources("AWS::Serverless::Function")["APIHandler"]
            environment = lambda_environment(
                properties, deployed.resolve(properties["Environment"]["Variables"]), region=deployed.region,
                endpoint=endpoint, package_dir=package_dir, xray_daemon=f"127.0.0.1:{daemon.getsockname()[1]}")
            python = runtime_python(properties["Runtime"])
            api_properties = deployed.resolve(deployed.resources("AWS::Serverless::Api")["RestAPI"])
            sessions_table = f"{environment['TABLE_PREFIX']}-sessions"
            shipped, reference_import, reference_call = [], [], []
            for run in range(runs + 1):
                function = LambdaFunction("APIHandler", properties["FunctionName"], properties["Handler"],
                                          properties["Runtime"], 29, environment, package_dir,
                                          deployed.attributes["APIHandler"]["Arn"]).start()
                api = RestApi(api_properties, function, account=deployed.account, region=deployed.region)
                # GET /api/auth/me with a stale session cookie: the session's GetItem, then 401
                answer = api.get("/api/auth/me", headers={"Cookie": "vp_session=verlopen"})
                function.stop()
                assert answer.status == 401, answer.body
                out = subprocess.run([python, "-I", "-S", "-c", REFERENCE, str(package_dir), sessions_table],
                                     env=environment, capture_output=True, text=True, check=True).stdout.split()
                if run == 0:
                    continue  # the first run writes the .pyc files, as a package's first import would
                shipped.append((function.init_ms + function.invocations[0].duration_ms) / 1000)
                reference_import.append(float(out[0]))
                reference_call.append(float(out[1]))
        finally:
            daemon.close()
            server.stop()
            shutil.rmtree(package_dir, ignore_errors=True)

    print(f"\nShipped package (dev stack's Chalice asset) · {properties['Runtime']} bare ({python} -I -S) · "
          f"X-Ray on · {runs} cold starts, interleaved · ms")
    header = f"{'case':<52} {'median':>7} {'p90':>7} {'min':>7}"
    print(header)
    print("-" * len(header))
    rows = {"package: import + first API request (GET /api/auth/me)": shipped,
            "reference: import boto3 + one client": reference_import,
            "reference: import boto3 + one client + one GetItem": reference_call}
    for case, values in rows.items():
        print(f"{case:<52} {ms(statistics.median(values)):>7} {ms(p90(values)):>7} {ms(min(values)):>7}")
    ratio = statistics.median(shipped) / statistics.median(reference_import)
    with_call = statistics.median(shipped) / statistics.median(reference_call)
    print(f"\nfirst request ÷ (boto3 + client)          = {ratio:.2f}×   target ≤ {TARGET_SHIPPED_VS_BOTO3}×: "
          f"{'met' if ratio <= TARGET_SHIPPED_VS_BOTO3 else 'NOT met'}")
    print(f"first request ÷ (boto3 + client + GetItem) = {with_call:.2f}×")
    print(f"package: {zipped / 1e6:.1f} MB zipped (target ≤ {TARGET_ZIPPED_MB} MB: "
          f"{'met' if zipped / 1e6 <= TARGET_ZIPPED_MB else 'NOT met'}), {unzipped / 1e6:.1f} MB unzipped")


BOUNDARY = {
    "chalicelib.api.contract (dataclasses)": """
import sys, time
sys.path.insert(0, sys.argv[1])
started = time.perf_counter()
from dataclasses import dataclass
from typing import Annotated
from chalicelib.api import contract
from chalicelib.domain.fields import Field

@dataclass(frozen=True)
class Report:
    employee_id: Annotated[str, Field("de medewerker", max_length=64)]
    first_sick_day: Annotated[str, Field("de eerste ziektedag", max_length=32)]
    vangnet: Annotated[bool, Field("vangnet")] = False
    note: Annotated[str | None, Field("de opmerking", max_length=500)] = None

contract.parse(Report, {"employee_id": "e1", "first_sick_day": "2026-12-01", "vangnet": True})
print(time.perf_counter() - started)
""",
    "pydantic v2": """
import sys, time
started = time.perf_counter()
from typing import Annotated
from pydantic import BaseModel, Field

class Report(BaseModel):
    employee_id: Annotated[str, Field(max_length=64)]
    first_sick_day: Annotated[str, Field(max_length=32)]
    vangnet: bool = False
    note: Annotated[str | None, Field(max_length=500)] = None

Report.model_validate({"employee_id": "e1", "first_sick_day": "2026-12-01", "vangnet": True})
print(time.perf_counter() - started)
""",
}


def boundary_case(runs: int) -> None:
    """What the typed request boundary costs a cold start: importing it, declaring one request type (SickReport's
    shape) and parsing one body — our stdlib parser against pydantic (issue 13's choice)."""
    env = lambda_env()
    times: dict[str, list[float]] = {case: [] for case in BOUNDARY}
    for run in range(runs):
        for case in (list(BOUNDARY) if run % 2 == 0 else list(BOUNDARY)[::-1]):
            answer = subprocess.run([sys.executable, "-I", "-c", BOUNDARY[case], str(REPO)], env=env,
                                    capture_output=True, text=True, check=True)
            times[case].append(float(answer.stdout))
    print(f"\nTyped request boundary · import + one request type + one parse, fresh interpreter, ms ({runs} runs)")
    header = f"{'case':<40} {'median':>7} {'p90':>7} {'min':>7}"
    print(header)
    print("-" * len(header))
    for case, values in times.items():
        print(f"{case:<40} {ms(statistics.median(values)):>7} {ms(p90(values)):>7} {ms(min(values)):>7}")


if __name__ == "__main__":
    main()
    shipped_case(RUNS)
    boundary_case(RUNS)
