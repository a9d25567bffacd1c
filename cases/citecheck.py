"""Check citations in reference data against the source texts.

A citation is a mapping ``{source, locator, quote?}``. It is sound when the source key is
known, the locator (a section heading) occurs in that source's text, and the quote, if any,
appears in the text verbatim. "Verbatim" folds only what typesetting varies: runs of white
space, markdown emphasis marks, and curly versus straight quotes.

Pure Python (no Django), so the fixture authors can run it directly::

    python -m cases.citecheck fixtures/*.yaml
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml

PROJECT_DIR = Path(__file__).resolve().parent.parent
FIXTURES_DIR = PROJECT_DIR / "fixtures"
MAX_QUOTE_CHARS = 300

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Fold white space, emphasis marks and curly quotes so a quote matches its source."""
    return _SPACE.sub(" ", text.translate(_QUOTES).replace("*", "")).strip()


def seeds_dir() -> Path:
    return Path(os.environ.get("ENVOY_SEEDS_DIR", PROJECT_DIR.parent / "shared" / "seeds"))


@cache
def source_files() -> dict[str, str]:
    """Source key -> file name, as listed in fixtures/sources.yaml."""
    with open(FIXTURES_DIR / "sources.yaml", encoding="utf-8") as fh:
        return {item["key"]: item["file"] for item in yaml.safe_load(fh)}


@cache
def source_text(key: str) -> str | None:
    """The normalized text of a source, or None when the seeds are not on this machine."""
    path = seeds_dir() / source_files()[key]
    if not path.exists():
        return None
    return normalize(path.read_text(encoding="utf-8"))


def texts_available() -> bool:
    return all((seeds_dir() / name).exists() for name in source_files().values())


def iter_citations(data: Any, path: str = "") -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Yield (path, citation) for every citation list anywhere in a loaded fixture."""
    if isinstance(data, Mapping):
        label = data.get("slug") or data.get("key") or data.get("date")
        here = f"{path}/{label}" if label else path
        for key, value in data.items():
            if key == "citations" and isinstance(value, list):
                for i, citation in enumerate(value):
                    yield f"{here}/citations[{i}]", citation
            else:
                yield from iter_citations(value, here)
    elif isinstance(data, list):
        for item in data:
            yield from iter_citations(item, path)


def citation_errors(citation: Mapping[str, Any]) -> list[str]:
    """What is wrong with one citation (an empty list when it is sound)."""
    errors = []
    key = citation.get("source")
    if key not in source_files():
        return [f"unknown source {key!r}"]
    locator = citation.get("locator") or ""
    quote = citation.get("quote") or ""
    if not locator.strip():
        errors.append("missing locator")
    if len(quote) > MAX_QUOTE_CHARS:
        errors.append(f"quote longer than {MAX_QUOTE_CHARS} characters")
    text = source_text(key)
    if text is None:
        return errors
    if locator and normalize(locator) not in text:
        errors.append(f"locator {locator!r} does not occur in {key}")
    if quote and normalize(quote) not in text:
        errors.append(f"quote not found verbatim in {key}: {quote!r}")
    return errors


def fixture_errors(path: Path) -> list[str]:
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    problems = []
    for where, citation in iter_citations(data):
        problems += [f"{path.name}{where}: {error}" for error in citation_errors(citation)]
    return problems


def main(argv: list[str]) -> int:
    paths = [Path(p) for p in argv] or sorted(FIXTURES_DIR.glob("*.yaml"))
    if not texts_available():
        print(f"source texts not found in {seeds_dir()}: only keys and lengths checked")
    problems = [problem for path in paths for problem in fixture_errors(path)]
    print("\n".join(problems) or f"all citations sound in {len(paths)} file(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
