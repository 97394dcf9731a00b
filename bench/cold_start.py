"""Cold start: the import time of app.py against a bare Chalice app and a bare `import boto3`.

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
          f"Python {platform.python_version()} · {datetime.datetime.now().isoformat(timespec='seconds')}")
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


if __name__ == "__main__":
    main()
