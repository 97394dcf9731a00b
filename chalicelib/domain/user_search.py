"""The secretariat's "Gebruiker zoeken": which keys find a user, and how a query is read.

Every key and every query word is folded (no case, no accents) and compacted to letters and digits, so "Jansén",
"wim@voorbeeld.nl", "W.Jansen" and "van der" all meet the keys of the same user, wherever the dots and dashes are.
"""
from __future__ import annotations

import re

from .names import QUERY_MAX_CHARS, QUERY_MAX_TOKENS, fold, name_keys

MIN_QUERY_CHARS = 2
"""Fewer letters or digits than this find too many people to be of use: the query is refused."""
KEY_MAX_CHARS = 200  # a DynamoDB sort key holds 1024 bytes; no one types more of an address than this

_SEPARATORS = re.compile(r"[^\w]+|_")


def _compact(text: str) -> str:
    return "".join(part for part in _SEPARATORS.split(fold(text)) if part)


def _words(text: str) -> list[str]:
    return [part for part in _SEPARATORS.split(fold(text)) if part]


def search_keys(name: str, username: str, email: str) -> set[str]:
    """The keys a user is found by: each part of the name (and the name run together), the username, the whole
    email address, its local part and its domain (each run together, and the local part's words)."""
    local, _, domain = email.partition("@")
    keys = name_keys("", None, name)
    keys.update(_words(username))
    keys.update(_words(local))
    keys.update(_compact(part) for part in (username, email, local, domain))
    return {key[:KEY_MAX_CHARS] for key in keys if key}


def query_words(query: str) -> list[str]:
    """The words of a query, split at spaces only, each folded and compacted, in order, without repeats."""
    words = (_compact(word) for word in query[:QUERY_MAX_CHARS].split())
    return list(dict.fromkeys(word[:KEY_MAX_CHARS] for word in words if word))[:QUERY_MAX_TOKENS]


def long_enough(words: list[str]) -> bool:
    return sum(len(word) for word in words) >= MIN_QUERY_CHARS


def matches(keys: set[str], words: list[str]) -> bool:
    """Every word starts some key (an empty query matches nobody)."""
    return bool(words) and all(any(key.startswith(word) for key in keys) for word in words)
