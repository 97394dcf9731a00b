"""Failures injected above moto, where botocore hands a request to AWS: the next matching call raises an AWS
error, or it lands and its answer is lost so that botocore sends it once more (as its retry does)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import botocore.client
from botocore.exceptions import ClientError


class Killed(BaseException):
    """The process died here (a Lambda timeout, out of memory): nothing after it runs, nothing catches it."""


@dataclass
class Rule:
    service: str
    operation: str
    table: str | None
    code: str | None
    """The AWS error to raise; None: let the call land, lose its answer, and send it again."""
    times: int
    after: int = 0
    """Matching calls to let through before the fault (the second transaction of a request, say)."""
    landed: bool = False
    """The call lands before its error is raised (a timeout after the service acted)."""
    kill: str | None = None
    """"before" the call or "after" it landed: the process dies there (`Killed`)."""
    then: bool = False
    """The call lands; the next call to the same service fails with `code` (a request failing after its commit)."""

    def matches(self, service: str, operation: str, params: dict) -> bool:
        if self.times <= 0 or service != self.service or operation != self.operation:
            return False
        names = [params.get("TableName", ""), *params.get("RequestItems", {}),
                 *(item.get("TableName", "") for entry in params.get("TransactItems", []) for item in entry.values())]
        if self.table is not None and not any(name.endswith(f"-{self.table}") for name in names):
            return False
        if self.after > 0:
            self.after -= 1
            return False
        return True


@dataclass
class Faults:
    rules: list[Rule] = field(default_factory=list)
    injected: list[str] = field(default_factory=list)
    calls: list[tuple[str, str, dict]] = field(default_factory=list)
    """Every call made while installed: service, operation, parameters."""
    pending: dict[str, str] = field(default_factory=dict)
    """service → the error its next call raises (set by `fail_after`)."""

    def fail(self, service: str, operation: str, code: str = "ThrottlingException", *, table: str | None = None,
             times: int = 1, after: int = 0, landed: bool = False) -> None:
        self.rules.append(Rule(service, operation, table, code, times, after, landed=landed))

    def lose_answer(self, service: str, operation: str, *, table: str | None = None, times: int = 1,
                    after: int = 0) -> None:
        self.rules.append(Rule(service, operation, table, None, times, after))

    def kill(self, service: str, operation: str, *, when: str = "after", table: str | None = None,
             after: int = 0) -> None:
        """The process dies `when` ("before" or "after") the matching call."""
        self.rules.append(Rule(service, operation, table, None, 1, after, kill=when))

    def fail_after(self, service: str, operation: str, code: str = "ThrottlingException", *,
                   table: str | None = None, after: int = 0) -> None:
        """The matching call lands (a commit, say); the next call to `service`, whatever it is, fails."""
        self.rules.append(Rule(service, operation, table, code, 1, after, then=True))

    def clear(self) -> None:
        """No more faults (also none pending from `fail_after`)."""
        self.rules.clear()
        self.pending.clear()

    def install(self, monkeypatch: Any) -> None:
        original = botocore.client.BaseClient._make_api_call
        faults = self

        def make_api_call(client, operation_name: str, api_params: dict) -> Any:
            service = client.meta.service_model.service_name
            faults.calls.append((service, operation_name, api_params))
            if service in faults.pending:
                return _raise(faults.pending.pop(service), operation_name, faults, service)
            rule = next((r for r in faults.rules if r.matches(service, operation_name, api_params)), None)
            if rule is None:
                return original(client, operation_name, api_params)
            rule.times -= 1
            if rule.kill is not None:
                faults.injected.append(f"{service}:{operation_name}:killed {rule.kill}")
                if rule.kill == "after":
                    original(client, operation_name, api_params)
                raise Killed(f"{service}:{operation_name}")
            faults.injected.append(f"{service}:{operation_name}:{rule.code or 'answer lost'}")
            if rule.code is None:
                original(client, operation_name, api_params)  # it landed; its answer never arrived
                return original(client, operation_name, api_params)  # botocore's retry sends it again
            if rule.then:
                answer = original(client, operation_name, api_params)
                faults.pending[service] = rule.code
                return answer
            if rule.landed:
                original(client, operation_name, api_params)
            return _raise(rule.code, operation_name)

        monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", make_api_call)


def _raise(code: str, operation_name: str, faults: Faults | None = None, service: str = "") -> Any:
    if faults is not None:
        faults.injected.append(f"{service}:{operation_name}:{code}")
    status = 400 if "Throttl" in code or code.endswith("Exceeded") else 500
    raise ClientError({"Error": {"Code": code, "Message": "injected by tests/support/faults.py"},
                       "ResponseMetadata": {"HTTPStatusCode": status}}, operation_name)
