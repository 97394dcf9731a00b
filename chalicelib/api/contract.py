"""Typed requests and responses: where a request becomes the use case's typed input, and where both are described.

A request body or query string is a frozen dataclass of the use case (`domain/fields.py` declares each field's
label and limits); a response is a TypedDict. `parse` applies one rule:
- **malformed → 400**: the body is not what the type says — not JSON, not an object (`http.body`), or a field of
  the wrong JSON type (a number where text belongs);
- **invalid → 422**: a value of the right type that breaks a declared limit — missing, blank, too long, out of
  range;
both name the field and say in Dutch what to do. A 400 stops at the first malformed field; a 422 names every invalid
field of the request at once (`InvalidInput.errors`, the answer's `errors` list), so a form can show them all.
`schema` turns the same types into JSON Schema for the OpenAPI document (`api/openapi.py`). Standard library only:
pydantic would add about 135 ms to every cold start (bench/cold_start.py prints both).
"""
from __future__ import annotations

import dataclasses
import functools
import types
import typing
from enum import Enum
from typing import Any, Literal, Union, get_args, get_origin

from ..domain import errors
from ..domain.fields import NOT_SENT, Field, Unset

_NONE = type(None)


def parse(kind: type, data: dict[str, Any]) -> Any:
    """An instance of the dataclass `kind` from a JSON object (a body) or the query string. Raises MalformedRequest
    for the first malformed field, else one InvalidInput holding every invalid field in declaration order."""
    values = {}
    problems: list[errors.InvalidInput] = []
    for field in dataclasses.fields(kind):
        annotation, meta = _hints(kind)[field.name]
        if field.default is NOT_SENT and field.name not in data:
            continue  # left out: the dataclass keeps NOT_SENT
        required = field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
        try:
            values[field.name] = _value(data.get(field.name), field.name, annotation, meta, required)
        except errors.InvalidInput as problem:
            problems.append(problem)  # a MalformedRequest is not one: it ends the parse at once
    if problems:
        raise errors.InvalidInput.every(problems)
    values = {name: value for name, value in values.items() if value is not _DEFAULT}
    return kind(**values)


_DEFAULT = object()


def _value(raw: Any, name: str, annotation: Any, meta: Field, required: bool) -> Any:
    base, nullable = _unwrap(annotation)
    label = meta.label
    if raw is None or (isinstance(raw, str) and not raw.strip() and base is not bool):
        if required:
            raise errors.InvalidInput(meta.required or f"Vul {label} in.", code="required", field=name)
        return None if nullable else _DEFAULT
    if base is str:
        if not isinstance(raw, str):
            raise errors.MalformedRequest(f"Het veld {label} moet tekst zijn.", code="wrong_type", field=name)
        if meta.max_length is not None and len(raw) > meta.max_length:
            raise errors.InvalidInput(f"Het veld {label} is te lang: gebruik hoogstens {meta.max_length} tekens "
                                      f"(nu {len(raw)}).",
                                      code="too_long", field=name)
        return raw
    if base is bool:
        if not isinstance(raw, bool):
            raise errors.MalformedRequest(f"Het veld {label} moet waar of onwaar zijn.", code="wrong_type",
                                          field=name)
        return raw
    if base in (int, float):
        if isinstance(raw, bool) or not isinstance(raw, (int, float)) or (base is int and not isinstance(raw, int)):
            kind = "een heel getal" if base is int else "een getal"
            raise errors.MalformedRequest(f"Het veld {label} moet {kind} zijn.", code="wrong_type", field=name)
        if (meta.minimum is not None and raw < meta.minimum) or (meta.maximum is not None and raw > meta.maximum):
            message = meta.out_of_range or (f"Vul voor {label} een getal in van {_number(meta.minimum)} tot en met "
                                            f"{_number(meta.maximum)}.")
            raise errors.InvalidInput(message, code="out_of_range", field=name)
        return raw
    if get_origin(base) in (Union, types.UnionType):
        # `float | str`: the member the JSON value's own type is (the form sends text, a script a number)
        for member in get_args(base):
            if _json_type_fits(raw, member):
                return _value(raw, name, member, meta, required)
        raise errors.MalformedRequest(f"Het veld {label} heeft niet het goede type.", code="wrong_type", field=name)
    if isinstance(base, type) and issubclass(base, Enum):
        values = [member.value for member in base]
        if raw not in values:
            raise errors.InvalidInput(f"Kies voor {label} een van: {', '.join(values)}.", code="not_a_choice",
                                      field=name)
        return base(raw)
    if get_origin(base) is Literal:
        if raw not in get_args(base):
            choices = ", ".join(str(choice) for choice in get_args(base))
            raise errors.InvalidInput(f"Kies voor {label} een van: {choices}.", code="not_a_choice", field=name)
        return raw
    if get_origin(base) is list and get_args(base) == (str,):
        if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
            raise errors.MalformedRequest(f"Het veld {label} moet een lijst met tekst zijn.", code="wrong_type",
                                          field=name)
        if meta.max_items is not None and len(raw) > meta.max_items:
            raise errors.InvalidInput(f"Kies voor {label} hoogstens {meta.max_items} (nu {len(raw)}).",
                                      code="too_many", field=name)
        if meta.max_length is not None and any(len(item) > meta.max_length for item in raw):
            raise errors.InvalidInput(f"Een waarde in {label} is te lang: hoogstens {meta.max_length} tekens.",
                                      code="too_long", field=name)
        return raw
    raise TypeError(f"{name}: no parser for {base!r}")  # a request type the contract does not know yet


def _json_type_fits(raw: Any, member: Any) -> bool:
    if member is str:
        return isinstance(raw, str)
    if member is bool:
        return isinstance(raw, bool)
    if member is int:
        return isinstance(raw, int) and not isinstance(raw, bool)
    if member is float:
        return isinstance(raw, (int, float)) and not isinstance(raw, bool)
    return False


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """`X | None` → (X, True)."""
    if get_origin(annotation) in (Union, types.UnionType):
        members = [member for member in get_args(annotation) if member is not _NONE and member is not Unset]
        rest = members[0] if len(members) == 1 else Union[tuple(members)]  # noqa: UP007  made at run time from a list
        return rest, len(members) < len(get_args(annotation))
    return annotation, False


@functools.cache
def _hints(kind: type) -> dict[str, tuple[Any, Field]]:
    """Each field's type and its Field (a bare type gets a Field named after the field)."""
    found = {}
    for name, hint in typing.get_type_hints(kind, include_extras=True).items():
        meta = Field(name)
        if get_origin(hint) is typing.Annotated:
            hint, *extras = get_args(hint)
            meta = next((extra for extra in extras if isinstance(extra, Field)), meta)
        found[name] = (hint, meta)
    return found


# --- JSON Schema for the OpenAPI document ------------------------------------------------------------------


def schema(kind: Any, components: dict[str, Any]) -> dict[str, Any]:
    """The JSON Schema (OpenAPI 3.1) of a type; dataclasses and TypedDicts become named components."""
    if get_origin(kind) in (typing.NotRequired, typing.Required):
        kind = get_args(kind)[0]
    meta = None
    if get_origin(kind) is typing.Annotated:
        kind, *extras = get_args(kind)
        meta = next((extra for extra in extras if isinstance(extra, Field)), None)
    base, nullable = _unwrap(kind)
    if nullable:
        inner = schema(base, components)
        if meta is not None:
            inner = {**inner, **_limits(meta, inner.get("type"))}
        return {"anyOf": [inner, {"type": "null"}]}
    if base is str:
        found: dict[str, Any] = {"type": "string"}
    elif base is bool:
        found = {"type": "boolean"}
    elif base is int:
        found = {"type": "integer"}
    elif base is float:
        found = {"type": "number"}
    elif base is Any or base is object:
        found = {}
    elif get_origin(base) is Literal:
        found = {"enum": list(get_args(base))}
    elif isinstance(base, type) and issubclass(base, Enum):
        found = {"type": "string", "enum": [member.value for member in base]}
    elif get_origin(base) is list:
        found = {"type": "array", "items": schema(get_args(base)[0], components)}
    elif get_origin(base) is dict:
        found = {"type": "object", "additionalProperties": schema(get_args(base)[1], components)}
    elif get_origin(base) in (Union, types.UnionType):
        found = {"anyOf": [schema(member, components) for member in get_args(base)]}
    elif dataclasses.is_dataclass(base) or typing.is_typeddict(base):
        return _component(base, components)
    else:
        raise TypeError(f"no schema for {base!r}")
    if meta is not None:
        found.update(_limits(meta, found.get("type")))
    return found


def _limits(meta: Field, json_type: str | None) -> dict[str, Any]:
    limits: dict[str, Any] = {"description": meta.description or meta.label}
    if meta.max_length is not None and json_type == "string":
        limits["maxLength"] = meta.max_length
    if json_type == "array":
        if meta.max_items is not None:
            limits["maxItems"] = meta.max_items
        if meta.max_length is not None:
            limits["items"] = {"type": "string", "maxLength": meta.max_length}
    if meta.minimum is not None:
        limits["minimum"] = meta.minimum
    if meta.maximum is not None:
        limits["maximum"] = meta.maximum
    if meta.format:
        limits["format"] = meta.format
    if meta.example is not None:
        limits["examples"] = [meta.example]
    return limits


def _component(kind: type, components: dict[str, Any]) -> dict[str, Any]:
    name = kind.__name__
    reference = {"$ref": f"#/components/schemas/{name}"}
    if name in components:
        known = components[name].get("x-python")
        if known not in (None, f"{kind.__module__}.{kind.__qualname__}"):
            raise TypeError(f"two types are named {name}: {known} and {kind.__module__}.{kind.__qualname__}")
        return reference
    # A placeholder: a type may refer to itself
    components[name] = {"x-python": f"{kind.__module__}.{kind.__qualname__}"}
    hints = typing.get_type_hints(kind, include_extras=True)
    properties = {field: schema(hint, components) for field, hint in hints.items()}
    if dataclasses.is_dataclass(kind):
        required = [f.name for f in dataclasses.fields(kind)
                    if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
    else:
        # With postponed annotations __required_keys__ cannot see NotRequired or Required: read them from the hints.
        required = sorted(field for field, hint in hints.items() if get_origin(hint) is typing.Required
                          or (get_origin(hint) is not typing.NotRequired
                              and field in kind.__required_keys__))  # type: ignore[attr-defined]  # a TypedDict
    found: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        found["required"] = required
    if typing.is_typeddict(kind):
        found["additionalProperties"] = False  # an answer holds what its type says, nothing more
    if kind.__doc__ and not kind.__doc__.startswith(f"{name}("):
        found["description"] = " ".join(kind.__doc__.split())
    found["x-python"] = f"{kind.__module__}.{kind.__qualname__}"
    components[name] = found
    return reference
