"""One shipped Lambda function as Lambda runs it: the unpacked package in a bare interpreter of the runtime's
Python version, with the environment the template gives the function plus what Lambda itself sets.

The interpreter is Debian's (`/usr/bin/python3.<minor>`, or `$LAMBDA_PYTHON`), started with `-I -S`: no
site-packages, no user site, no PYTHON* variables — only the package and that interpreter's standard library.
The one addition to the function's real environment is `AWS_ENDPOINT_URL`, which points botocore at moto.
"""
from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BOOTSTRAP = Path(__file__).resolve().parents[1] / "package" / "bootstrap.py"


class RuntimeMissing(LookupError):
    """No interpreter of the Lambda runtime's Python version on this machine."""


def runtime_python(runtime: str) -> str:
    """The bare interpreter for a template `Runtime` such as `python3.11`."""
    version = runtime.removeprefix("python")
    path = os.environ.get("LAMBDA_PYTHON") or shutil.which(f"python{version}", path="/usr/bin:/usr/local/bin")
    if not path or not os.access(path, os.X_OK):
        raise RuntimeMissing(f"The Lambda runtime is {runtime}, but /usr/bin/python{version} is missing. Install "
                             f"Debian's package (apt-get install python{version}) or point LAMBDA_PYTHON at a "
                             f"Python {version}.")
    answer = subprocess.run([path, "-I", "-S", "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                            capture_output=True, text=True, check=True).stdout.strip()
    if answer != version:
        raise RuntimeMissing(f"{path} is Python {answer}, the Lambda runtime is {runtime}.")
    return path


@dataclass
class Invocation:
    result: Any
    error: dict | None
    calls: list[dict]
    duration_ms: float


@dataclass
class LambdaFunction:
    """A warm container of one function: imported once, then invoked as often as needed."""
    logical_id: str
    name: str
    handler: str
    runtime: str
    timeout_seconds: int
    environment: dict[str, str]
    package_dir: Path
    arn: str
    init_ms: float = 0.0
    init_calls: list[dict] = field(default_factory=list)
    invocations: list[Invocation] = field(default_factory=list)
    _process: subprocess.Popen | None = None
    _answers: Any = None
    log_path: Path | None = None
    extra_path: Path | None = None
    """A directory put on sys.path after the package, for a test's own handler (tests/package/seeding.py)."""

    def start(self) -> LambdaFunction:
        python = runtime_python(self.runtime)
        read_fd, write_fd = os.pipe()
        self.log_path = Path(tempfile.mkstemp(prefix=f"{self.logical_id}-", suffix=".log")[1])
        with open(self.log_path, "w") as log:
            self._process = subprocess.Popen(
                [python, "-I", "-S", str(BOOTSTRAP), str(self.package_dir), self.handler, str(write_fd),
                 *([str(self.extra_path)] if self.extra_path else [])],
                cwd=self.package_dir, env=self.environment, stdin=subprocess.PIPE, stdout=log,
                stderr=subprocess.STDOUT, text=True, pass_fds=(write_fd,))
        os.close(write_fd)
        self._answers = os.fdopen(read_fd)
        ready = self._read(timeout=60)
        if "init_error" in ready:
            raise AssertionError(f"{self.name} failed to start in the bare interpreter:\n{ready['init_error']}"
                                 f"\n{self.log()}")
        self.init_ms, self.init_calls = ready["init_ms"], ready["calls"]
        return self

    def invoke(self, event: dict, *, remaining_ms: int | None = None) -> Invocation:
        """One invocation, as Lambda makes it: a new request id and trace id, the function's time limit."""
        request_id = str(uuid.uuid4())
        trace = f"Root=1-{uuid.uuid4().hex[:8]}-{uuid.uuid4().hex[:24]};Parent={uuid.uuid4().hex[:16]};Sampled=1"
        line = {"event": event, "request_id": request_id, "trace_id": trace, "function_arn": self.arn,
                "remaining_ms": remaining_ms or self.timeout_seconds * 1000}
        self._process.stdin.write(json.dumps(line) + "\n")
        self._process.stdin.flush()
        answer = self._read(timeout=self.timeout_seconds + 30)
        invocation = Invocation(answer.get("result"), answer.get("error"), answer["calls"], answer["duration_ms"])
        self.invocations.append(invocation)
        return invocation

    def _read(self, timeout: float) -> dict:
        ready, _, _ = select.select([self._answers], [], [], timeout)
        line = self._answers.readline() if ready else ""
        if not line:
            self.stop()
            raise AssertionError(f"{self.name} gave no answer (crashed or timed out):\n{self.log()}")
        return json.loads(line)

    def log(self) -> str:
        """What the function wrote (CloudWatch Logs would have it)."""
        return self.log_path.read_text() if self.log_path and self.log_path.exists() else ""

    @property
    def calls(self) -> list[dict]:
        """Every AWS call of every invocation (not those of the init phase, which has none to make)."""
        return [call for invocation in self.invocations for call in invocation.calls]

    def stop(self) -> None:
        if self._process and self._process.poll() is None:
            self._process.stdin.close()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()


def lambda_environment(properties: dict, variables: dict[str, str], *, region: str, endpoint: str,
                       package_dir: Path, xray_daemon: str) -> dict[str, str]:
    """What a function's process sees in Lambda: its template variables and the runtime's own."""
    name = properties["FunctionName"]
    runtime = properties["Runtime"]
    environment = {
        **variables,
        "AWS_REGION": region, "AWS_DEFAULT_REGION": region,
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": "testing",
        "AWS_EXECUTION_ENV": f"AWS_Lambda_{runtime}", "AWS_LAMBDA_FUNCTION_NAME": name,
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(properties.get("MemorySize", 128)),
        "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST", "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
        "AWS_LAMBDA_LOG_GROUP_NAME": f"/aws/lambda/{name}",
        "AWS_LAMBDA_LOG_STREAM_NAME": f"2026/12/01/[$LATEST]{uuid.uuid4().hex}",
        "_HANDLER": properties["Handler"], "LAMBDA_TASK_ROOT": str(package_dir), "LAMBDA_RUNTIME_DIR": "/var/runtime",
        "LANG": "en_US.UTF-8", "TZ": ":UTC", "PATH": "/usr/local/bin:/usr/bin:/bin",
        "AWS_ENDPOINT_URL": endpoint,
    }
    if properties.get("Tracing") == "Active":
        host, port = xray_daemon.rsplit(":", 1)
        environment.update(AWS_XRAY_CONTEXT_MISSING="LOG_ERROR", AWS_XRAY_DAEMON_ADDRESS=xray_daemon,
                           _AWS_XRAY_DAEMON_ADDRESS=host, _AWS_XRAY_DAEMON_PORT=port)
    return environment
