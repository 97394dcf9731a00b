"""Names of employees: how they are shown, sorted and found ("Dossier zoeken").

A search matches regardless of case, accents or the place of the tussenvoegsel: the query and the name are both
cut into folded tokens, and every query token must be the start of one of the name's keys.
"""
from __future__ import annotations

import re
import unicodedata

QUERY_MAX_CHARS = 200  # longer input is cut: a search box needs no more
QUERY_MAX_TOKENS = 8

# Letters NFKD does not take apart; ß becomes ss through casefold.
_FOLD = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i"})
_SEPARATORS = re.compile(r"[^\w]+|_")


def fold(text: str) -> str:
    """Lowercase without accents: "Zoë" → "zoe", "Ørsted" → "orsted"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_FOLD)


def _tokens(text: str) -> list[str]:
    return [token for token in _SEPARATORS.split(fold(text)) if token]


def _compact(text: str) -> str:
    """Letters and digits only: "Vries-Jansen" → "vriesjansen", "van 't Hof" → "vanthof"."""
    return "".join(_tokens(text))


def name_keys(first: str, infix: str | None, last: str, personnel_number: str | None = None) -> set[str]:
    """The keys a query is matched against: each word of the name, whole names without separators
    ("vriesjansen", "oneill"), the tussenvoegsel joined to the last name ("devries") and the personnel number."""
    infix = infix or ""
    keys = set(_tokens(f"{first} {infix} {last}"))
    for part in (first, last):
        keys.update(_compact(word) for word in part.split())
        keys.add(_compact(part))
    keys.add(_compact(f"{infix} {last}"))
    if personnel_number:
        keys.update(_tokens(personnel_number))
        keys.add(_compact(personnel_number))
    keys.discard("")
    return keys


def query_tokens(query: str) -> list[str]:
    """The folded words of a search query, in order, without repeats."""
    tokens = _tokens(query[:QUERY_MAX_CHARS])
    return list(dict.fromkeys(tokens))[:QUERY_MAX_TOKENS]


def matches(keys: set[str], tokens: list[str]) -> bool:
    """True when every query token starts some key. An empty query matches nothing: the caller decides what a
    search without words shows."""
    return bool(tokens) and all(any(key.startswith(token) for key in keys) for token in tokens)


def display_name(first: str, infix: str | None, last: str) -> str:
    """First name, tussenvoegsel, last name: "Jan de Vries"."""
    return " ".join(part.strip() for part in (first, infix or "", last) if part and part.strip())


def sort_key(first: str, infix: str | None, last: str) -> tuple[str, str, str]:
    """Order of Dutch lists: by last name, the tussenvoegsel ignored, then first name; case and accents ignored."""
    return fold(last), fold(first), fold(infix or "")
