"""What any input value must keep within, whatever its field: text a database can store and a
JSON encoder can write, whole numbers every JSON reader keeps exactly, names without
invisible characters.

The contract's validator, the API's JSON parser and the forms all ask these questions here, so
one answer holds everywhere. Pure Python.
"""

from __future__ import annotations

import re
import unicodedata

# The largest integer every JSON reader keeps exactly (a double's 53 bits: JavaScript's
# Number.MAX_SAFE_INTEGER), well within what PostgreSQL, SQLite and orjson keep.
MAX_WHOLE_NUMBER = 2**53 - 1
_DIGITS = re.compile(r"[0-9]{1,16}")  # ASCII only: "²".isdigit() is true, int("²") fails
# Characters that make a name read differently from what it holds: bidirectional overrides
# and isolates (U+202A-U+202E, U+2066-U+2069) and the zero-width ones (U+200B-U+200D, U+FEFF).
INVISIBLE = frozenset(
    chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200B, 0x200C)
) | {"\u200d", "\ufeff"}

# The same, as the OpenAPI schema says it (a regular expression every JSON Schema reader and
# Python read alike): text without NUL; a name without NUL or those invisible characters.
# Half of a surrogate pair (which only a JSON escape can send) is refused too, but left out:
# a JavaScript pattern reads text as UTF-16 and would refuse every emoji with it.
TEXT_PATTERN = "^[^\\u0000]*$"
NAME_PATTERN = "^[^\\u0000" + "".join(f"\\u{ord(char):04x}" for char in sorted(INVISIBLE)) + "]*$"


def text_error(value: str) -> str | None:
    """Why a text cannot be stored as it is (a NUL character, half of a surrogate pair), or
    None when it can."""
    if "\x00" in value:
        return "Text may not contain the NUL character (U+0000)."
    for char in value:
        if "\ud800" <= char <= "\udfff":
            return (
                f"Text may not contain U+{ord(char):04X}, half of a surrogate pair: "
                "send the whole character."
            )
    return None


def name_error(value: str) -> str | None:
    """Why a text cannot be a name (a storage problem, or an invisible or direction-changing
    character that would make two names look alike), or None when it can."""
    problem = text_error(value)
    if problem:
        return problem
    for char in value:
        if char in INVISIBLE:
            name = unicodedata.name(char, "").title()
            return (
                f"Remove the invisible character U+{ord(char):04X} ({name}): a name must read "
                "as it is written."
            )
    return None


def whole_number_error(value: int) -> str | None:
    """Why a whole number cannot be kept (beyond MAX_WHOLE_NUMBER), or None when it can."""
    if abs(value) > MAX_WHOLE_NUMBER:
        return f"Must be at most {MAX_WHOLE_NUMBER:,}."
    return None


def whole_number(text: str, minimum: int = 0) -> int | None:
    """The whole number a text of ASCII digits spells, if it is from `minimum` to
    MAX_WHOLE_NUMBER; None for anything else (a sign, other digits, a number too large)."""
    if not _DIGITS.fullmatch(text):
        return None
    number = int(text)
    return number if minimum <= number <= MAX_WHOLE_NUMBER else None
