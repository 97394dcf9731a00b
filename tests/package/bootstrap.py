"""What Lambda's Python runtime does, for one function of the unpacked package, in a bare interpreter.

Run as `python3.11 -I -S bootstrap.py <package dir> <handler> <answer fd> [<extra dir>]`: no site-packages, no project
venv, only the package and the interpreter's own standard library on `sys.path`. Like a warm Lambda
container it imports the handler once (the init phase), then takes invocations one per line on stdin,
`{"event", "request_id", "function_arn", "remaining_ms", "trace_id"}`, and writes one JSON line per invocation to the
answer fd: `{"result" | "error", "calls", "init_ms", "duration_ms"}`.

Every AWS API call the function makes is recorded (tests/support/aws_calls.py, loaded by path). Standard
library only, apart from what the package itself brings.
"""
from __future__ import annotations

import json
import os
import sys
import time
import traceback

_CALLS: list[dict] = []


def _load_recorder(path: str):
    """tests/support/aws_calls.py, loaded by path: nothing of the tests' directories goes on sys.path."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("_aws_calls", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class LambdaContext:
    """The attributes of the context object Lambda passes to a Python handler."""

    def __init__(self, request_id: str, function_arn: str, remaining_ms: int):
        self.function_name = os.environ["AWS_LAMBDA_FUNCTION_NAME"]
        self.function_version = os.environ["AWS_LAMBDA_FUNCTION_VERSION"]
        self.memory_limit_in_mb = os.environ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"]
        self.invoked_function_arn = function_arn
        self.log_group_name = os.environ["AWS_LAMBDA_LOG_GROUP_NAME"]
        self.log_stream_name = os.environ["AWS_LAMBDA_LOG_STREAM_NAME"]
        self.aws_request_id = request_id
        self.identity = None
        self.client_context = None
        self._deadline = time.monotonic() + remaining_ms / 1000

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))


def main() -> None:
    package_dir, handler_name, answer_fd = sys.argv[1], sys.argv[2], int(sys.argv[3])
    answers = os.fdopen(answer_fd, "w", buffering=1)
    sys.path.insert(0, package_dir)
    sys.path.extend(sys.argv[4:])  # after the package: a test's own handler (seeding.py), never a library
    # Lambda's images may lack the system's time-zone files: the package must bring its own (tzdata).
    import zoneinfo

    zoneinfo.reset_tzpath([])
    started = time.perf_counter()
    try:
        _load_recorder(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support",
                                    "aws_calls.py")).install(_CALLS)
        module_name, function_name = handler_name.rsplit(".", 1)
        module = __import__(module_name)
        handler = getattr(module, function_name)
    except Exception:
        answers.write(json.dumps({"init_error": traceback.format_exc()}) + "\n")
        return
    init_ms = (time.perf_counter() - started) * 1000
    answers.write(json.dumps({"ready": True, "init_ms": init_ms, "calls": _take_calls()}) + "\n")
    for line in sys.stdin:
        invocation = json.loads(line)
        os.environ["_X_AMZN_TRACE_ID"] = invocation["trace_id"]
        context = LambdaContext(invocation["request_id"], invocation["function_arn"], invocation["remaining_ms"])
        started = time.perf_counter()
        try:
            answer = {"result": handler(invocation["event"], context)}
        except Exception as error:
            answer = {"error": {"errorType": type(error).__name__, "errorMessage": str(error),
                                "stackTrace": traceback.format_exc()}}
        answer.update(duration_ms=(time.perf_counter() - started) * 1000, calls=_take_calls())
        sys.stdout.flush()
        answers.write(json.dumps(answer, default=str) + "\n")


def _take_calls() -> list[dict]:
    taken = list(_CALLS)
    _CALLS.clear()
    return taken


if __name__ == "__main__":
    main()
