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

    def clear(self) -> None:
        self.rules.clear()

    def install(self, monkeypatch: Any) -> None:
        original = botocore.client.BaseClient._make_api_call
        faults = self

        def make_api_call(client, operation_name: str, api_params: dict) -> Any:
            service = client.meta.service_model.service_name
            faults.calls.append((service, operation_name, api_params))
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
            if rule.landed:
                original(client, operation_name, api_params)
            status = 400 if "Throttl" in rule.code or rule.code.endswith("Exceeded") else 500
            raise ClientError({"Error": {"Code": rule.code, "Message": "injected by tests/support/faults.py"},
                               "ResponseMetadata": {"HTTPStatusCode": status}}, operation_name)

        monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", make_api_call)
