"""Text as a database can keep it."""

from __future__ import annotations

from contract.fields import clean_text


def storable_text(text: str) -> str:
    """The text with NUL and unpaired surrogates written as escapes (PostgreSQL refuses NUL
    in text, and UTF-8 has no unpaired surrogates)."""
    if clean_text(text) is None:
        return text
    return text.replace("\x00", "\\x00").encode("utf-8", "backslashreplace").decode()
