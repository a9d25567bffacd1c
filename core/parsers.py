"""Strict JSON: the API's parser (REST_FRAMEWORK's DEFAULT_PARSER_CLASSES) and the decoder the
forms' JSON fields use.

A JSON document Envoy reads is one it can store and answer about. Refused with a 400 that says
why: a key given twice in one object (the last would silently win), NaN, Infinity or a number
too large for a float, nesting deeper than MAX_DEPTH levels; and in the API, a string or key no
database can store or no response can write (a NUL character, half of a surrogate pair), named
by the field it is in.
"""

from __future__ import annotations

import codecs
import json
import math
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from rest_framework import parsers
from rest_framework.exceptions import ParseError, ValidationError

from contract.text import text_error

MAX_DEPTH = 64  # objects and lists inside one another


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document: dict[str, Any] = {}
    for key, value in pairs:
        if key in document:
            raise ValueError(f"the key {key!r} appears twice in one object")
        document[key] = value
    return document


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"{text} is too large a number")
    return number


def _nodes(document: Any) -> Iterator[tuple[tuple[str, ...], Any, int]]:
    """Every value of a document with its path and depth, without recursion."""
    stack: list[tuple[tuple[str, ...], Any, int]] = [((), document, 0)]
    while stack:
        path, value, depth = stack.pop()
        yield path, value, depth
        if isinstance(value, dict):
            stack.extend(((*path, key), item, depth + 1) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend(((*path, str(i + 1)), item, depth + 1) for i, item in enumerate(value))


class StrictJSONDecoder(json.JSONDecoder):
    """json.JSONDecoder refusing repeated keys, non-finite numbers and deep nesting; every
    refusal is a JSONDecodeError (what Django's forms.JSONField turns into a field error)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.update(object_pairs_hook=_unique_keys, parse_constant=_no_constant)
        kwargs.update(parse_float=_finite)
        super().__init__(**kwargs)

    def decode(self, s: str, *args: Any, **kwargs: Any) -> Any:
        too_deep = f"objects and lists are nested more than {MAX_DEPTH} levels deep"
        try:
            document = super().decode(s, *args, **kwargs)
        except RecursionError:
            raise json.JSONDecodeError(too_deep, s, 0) from None
        except json.JSONDecodeError:
            raise
        except ValueError as exc:
            raise json.JSONDecodeError(str(exc), s, 0) from None
        if any(depth > MAX_DEPTH for _, _, depth in _nodes(document)):
            raise json.JSONDecodeError(too_deep, s, 0)
        return document


def _shown(part: str) -> str:
    return ascii(part) if text_error(part) else part


def text_problems(document: Any) -> dict[str, list[str]]:
    """Per top-level field, why strings (values or keys) of a document cannot be stored."""
    problems: dict[str, list[str]] = {}

    def add(path: tuple[str, ...], message: str) -> None:
        named = isinstance(document, dict) and path
        field = _shown(path[0]) if named else "non_field_errors"
        where = " › ".join(_shown(part) for part in (path[1:] if named else path))
        problems.setdefault(field, []).append(f"{where}: {message}" if where else message)

    for path, value, _ in _nodes(document):
        if isinstance(value, str) and (message := text_error(value)):
            add(path, message)
        elif isinstance(value, dict):
            for key in value:
                if message := text_error(key):
                    add(path, f"the key {key!a}: {message}")
    return problems


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser with the strict decoder; strings no database can store are refused
    per field."""

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            document = json.load(codecs.getreader(encoding)(stream), cls=StrictJSONDecoder)
        except ValueError as exc:
            raise ParseError(f"JSON parse error - {exc}") from None
        problems = text_problems(document)
        if problems:
            raise ValidationError(problems)
        return document
