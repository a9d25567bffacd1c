"""Check citations in reference data against the source texts.

A citation is a mapping ``{source, locator, quote?}``. It is sound when the source key is
known, the locator is one of that source's section headings (as listed under `sections:` in
fixtures/sources.yaml, exactly as printed, not truncated), and the quote, if any, lies inside
that section of the text, verbatim. A section runs from its heading to the next heading of the
same or a higher level, so a subsection lies inside its parent section. "Verbatim" folds only
what typesetting varies: runs of white space, markdown emphasis marks, and curly versus
straight quotes.

Headings are found in the raw text as whole lines (after stripping markdown ``#``/``*`` marks
and white space), possibly broken over two consecutive lines, each searched after the
previous one so that a table of contents or a title line does not count. A listed heading
that cannot be found is an error in sources.yaml (`SourceStructureError`), not in a citation.

The check cannot tell a sentence from a pull-quote that repeats it: a quote that occurs in
several places is accepted in any section that holds one of its occurrences.

Pure Python (no Django), so the fixture authors can run it directly::

    python -m cases.citecheck fixtures/*.yaml fixtures/cases/*.yaml
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

PROJECT_DIR = Path(__file__).resolve().parent.parent
FIXTURES_DIR = PROJECT_DIR / "fixtures"
MAX_QUOTE_CHARS = 300
LEVELS = (1, 2)

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_SPACE = re.compile(r"\s+")
_HEADING_MARKS = re.compile(r"^#+")


class SourceStructureError(ValueError):
    """sources.yaml lists a section that is malformed or cannot be found in its text."""


@dataclass(frozen=True)
class Section:
    """A section of a source text: its heading, level and normalized text (heading excluded)."""

    heading: str
    level: int
    citable: bool
    text: str | None  # None when the source text is not on this machine
    line: int | None = None  # 1-based line of the heading in the raw text


def normalize(text: str) -> str:
    """Fold white space, emphasis marks and curly quotes so a quote matches its source."""
    return _SPACE.sub(" ", text.translate(_QUOTES).replace("*", "")).strip()


def heading_line(line: str) -> str:
    """A raw line as it reads when taken for a heading: without `#`/`*` marks and padding."""
    return normalize(_HEADING_MARKS.sub("", line.strip()))


def seeds_dir() -> Path:
    return Path(os.environ.get("ENVOY_SEEDS_DIR", PROJECT_DIR.parent / "shared" / "seeds"))


@cache
def _sources() -> dict[str, dict[str, Any]]:
    with open(FIXTURES_DIR / "sources.yaml", encoding="utf-8") as fh:
        return {item["key"]: item for item in yaml.safe_load(fh)}


def source_files() -> dict[str, str]:
    """Source key -> file name, as listed in fixtures/sources.yaml."""
    return {key: item["file"] for key, item in _sources().items()}


def section_problems(key: str, listed: Any) -> list[str]:
    """What is wrong with the shape of a source's `sections:` list (empty when it is sound)."""
    if not isinstance(listed, list) or not listed:
        return [f"{key}: sections must be a non-empty list of {{heading, level}}"]
    problems = []
    for i, entry in enumerate(listed):
        where = f"{key} sections[{i}]"
        if not isinstance(entry, Mapping) or set(entry) - {"heading", "level", "citable"}:
            problems.append(f"{where}: each entry is {{heading, level, citable?}}: {entry!r}")
        elif not isinstance(entry.get("heading"), str) or not entry["heading"].strip():
            problems.append(f"{where}: missing heading")
        elif entry.get("level") not in LEVELS:
            problems.append(f"{where}: level must be 1 or 2, not {entry.get('level')!r}")
        elif entry["level"] == 2 and i == 0:
            problems.append(f"{where}: a level-2 heading needs a level-1 heading before it")
        elif not isinstance(entry.get("citable", True), bool):
            problems.append(f"{where}: citable is true or false")
    return problems


def listed_sections(key: str) -> list[dict[str, Any]]:
    """The `sections:` of a source in sources.yaml, checked for shape."""
    listed: Any = _sources()[key].get("sections")  # as the YAML has it, until checked
    problems = section_problems(key, listed)
    if problems:
        raise SourceStructureError("; ".join(f"sources.yaml {p}" for p in problems))
    return listed


def locate_sections(raw: str, listed: Sequence[Mapping[str, Any]], where: str) -> list[Section]:
    """Find each listed heading in `raw`, in order, and cut the text into its sections.

    A heading is a whole line, or two consecutive lines read together, searched from just
    after the previous heading. Raise SourceStructureError naming the heading that is missing.
    """
    lines = raw.splitlines()
    cleaned = [heading_line(line) for line in lines]
    found: list[tuple[int, int]] = []  # (first line of the heading, first line of the body)
    start = 0
    for entry in listed:
        wanted = normalize(entry["heading"])
        for i in range(start, len(lines)):
            if cleaned[i] == wanted:
                found.append((i, i + 1))
                break
            if (
                cleaned[i]
                and i + 1 < len(lines)
                and cleaned[i + 1]
                and f"{cleaned[i]} {cleaned[i + 1]}" == wanted
            ):
                found.append((i, i + 2))
                break
        else:
            after = f" after line {start}" if start else ""
            raise SourceStructureError(
                f"{where}: heading {entry['heading']!r} not found as a line of the text{after}"
            )
        start = found[-1][1]
    sections = []
    for n, (entry, (head, body)) in enumerate(zip(listed, found, strict=True)):
        end = len(lines)
        for later, (later_head, _) in zip(listed[n + 1 :], found[n + 1 :], strict=True):
            if later["level"] <= entry["level"]:
                end = later_head
                break
        sections.append(
            Section(
                heading=entry["heading"],
                level=entry["level"],
                citable=entry.get("citable", True),
                text=normalize("\n".join(lines[body:end])),
                line=head + 1,
            )
        )
    return sections


@cache
def source_sections(key: str) -> tuple[Section, ...]:
    """The sections of a source, located in its text when the text is on this machine."""
    listed = listed_sections(key)
    path = seeds_dir() / source_files()[key]
    if not path.exists():
        return tuple(
            Section(e["heading"], e["level"], e.get("citable", True), None) for e in listed
        )
    where = f"sources.yaml {key} ({path.name})"
    return tuple(locate_sections(path.read_text(encoding="utf-8"), listed, where))


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


def _holds(section: Section, text: str | None) -> bool:
    """Whether a section's text (when the source text is here) contains `text`."""
    return section.text is not None and text is not None and text in section.text


def _innermost(sections: list[Section]) -> list[Section]:
    """Drop each section that merely contains another of the list (a parent of a subsection)."""
    return [
        s
        for s in sections
        if not any(o is not s and o.level > s.level and _holds(s, o.text) for o in sections)
    ]


def citation_errors(citation: Mapping[str, Any]) -> list[str]:
    """What is wrong with one citation (an empty list when it is sound)."""
    errors = []
    key = citation.get("source")
    if key not in source_files():
        return [f"unknown source {key!r}"]
    locator = citation.get("locator") or ""
    quote = citation.get("quote") or ""
    if len(quote) > MAX_QUOTE_CHARS:
        errors.append(f"quote longer than {MAX_QUOTE_CHARS} characters")
    sections = source_sections(key)
    citable = [s for s in sections if s.citable]
    cited = next((s for s in citable if normalize(s.heading) == normalize(locator)), None)
    if not locator.strip():
        errors.append("missing locator")
    elif cited is None:
        headings = "; ".join(s.heading for s in citable)
        errors.append(
            f"locator {locator!r} is not a section heading of {key}; headings: {headings}"
        )
    text = source_text(key)
    if text is None or not quote:
        return errors
    wanted = normalize(quote)
    if wanted not in text:
        errors.append(f"quote not found verbatim in {key}: {quote!r}")
    elif cited is not None and not _holds(cited, wanted):
        holders = _innermost([s for s in sections if _holds(s, wanted)])
        if holders:
            where = ", ".join(
                f"{'' if s.citable else 'uncitable '}section {s.heading!r}" for s in holders
            )
        else:
            where = "text under no section heading"
        errors.append(f"quote lies in {where}, not in {cited.heading!r}: {quote!r}")
    return errors


def fixture_errors(path: Path) -> list[str]:
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    try:
        name = path.resolve().relative_to(FIXTURES_DIR).as_posix()
    except ValueError:
        name = str(path)
    problems = []
    for where, citation in iter_citations(data):
        problems += [f"{name}{where}: {error}" for error in citation_errors(citation)]
    return problems


def main(argv: list[str]) -> int:
    paths = [Path(p) for p in argv] or sorted(FIXTURES_DIR.glob("*.yaml"))
    if not texts_available():
        print(f"source texts not found in {seeds_dir()}: only keys, locators and lengths checked")
    try:
        problems = [problem for path in paths for problem in fixture_errors(path)]
    except SourceStructureError as exc:
        print(f"fixtures/sources.yaml: {exc}", file=sys.stderr)
        return 2
    print("\n".join(problems) or f"all citations sound in {len(paths)} file(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
