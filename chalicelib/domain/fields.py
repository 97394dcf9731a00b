"""What a field of a request may hold: its Dutch label and its limits, declared on the use case's input type.

A use case's input is a frozen dataclass whose fields are `Annotated[T, Field(...)]`; `api/contract.py` parses a
request into it (and describes it in the OpenAPI document), so the limits are written once, next to the use case.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True)
class Field:
    label: str
    """How the field is named in a Dutch sentence: "Vul {label} in."."""
    max_length: int | None = None
    """Characters of a text; of each text in a list."""
    max_items: int | None = None
    """Items of a list."""
    minimum: float | None = None
    maximum: float | None = None
    format: str | None = None
    """A JSON Schema format for the document: "date" (jjjj-mm-dd), "email", "password"."""
    example: str | None = None
    out_of_range: str | None = None
    """The sentence for a number outside minimum..maximum (else a general one)."""
    required: str | None = None
    """The sentence when it is missing (else "Vul {label} in.")."""
    description: str = ""


class Unset(Enum):
    """A field the request did not hold (a change's `= NOT_SENT` default), told apart from one sent as null."""
    NOT_SENT = "not sent"


NOT_SENT = Unset.NOT_SENT
