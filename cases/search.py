"""Web-style queries of the case library where the database has no full-text search (SQLite,
the local default): the same syntax as PostgreSQL's `websearch_to_tsquery`, matched in Python.

A query is words, "phrases in quotes", -word or -"a phrase" to leave cases out, and `or`
between two terms for either. Text and query are folded alike before they are compared:
- accents and case are dropped ("Côte" finds "cote"), and an apostrophe joins a word
  ("cote divoire" and "d'Ivoire" both find "Côte d'Ivoire", "Annan" finds "Annan's");
- plural endings are dropped ("elections" finds "election", "parties" finds "party");
- a word of four letters or more also finds the words it begins ("mediat" finds
  "mediation"); a shorter one must be a whole word ("UN" does not find "until").
A phrase is a run of such words, in order, within one field. Pure Python: no Django here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Term = tuple[str, ...]  # a word (one token) or a phrase (several), folded and stemmed

APOSTROPHES = "'\u2019\u2018\u02bc`\u00b4"  # typewriter, curly, modifier, grave, acute
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ı": "i"})
WORD = re.compile(r"[^\W_]+(?:[" + APOSTROPHES + r"][^\W_]+)*")
QUERY_PART = re.compile(r'(-?)"([^"]*)"?|(\S+)')
PREFIX_FROM = 4  # a query word this long also finds the longer words it begins


@dataclass(frozen=True)
class Query:
    """Every clause must match, and no excluded term may; a clause matches when any of its
    terms does (terms joined by `or`)."""

    clauses: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.clauses or self.excluded)


def fold(text: str) -> str:
    """Lower case, without accents or ligatures: "Côte d'Ivoire" → "cote d'ivoire"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def stem(word: str) -> str:
    """The word without a plural ending: "elections" → "election", "parties" → "party"."""
    if len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def without_apostrophes(text: str) -> str:
    """The text with its apostrophes taken out, joining the words they were in."""
    return re.sub("[" + APOSTROPHES + "]", "", text)


def _parts(word: str) -> list[str]:
    return [part for part in re.split("[" + APOSTROPHES + "]", word) if part]


def words(text: str) -> list[str]:
    """A query's words: folded, stemmed, an apostrophe joining the word it is in."""
    return [stem("".join(_parts(word))) for word in WORD.findall(fold(text))]


def positions(text: str) -> list[frozenset[str]]:
    """A field's words as a query may name them: each word joined across its apostrophes
    and, for "d'Ivoire" or "Annan's", also its longer parts ("ivoire", "annan")."""
    out = []
    for word in WORD.findall(fold(text)):
        parts = _parts(word)
        forms = {stem("".join(parts))} | {stem(part) for part in parts if len(part) > 1}
        out.append(frozenset(forms))
    return out


def parse(text: str) -> Query:
    """A query's clauses and exclusions, as PostgreSQL's web-style syntax reads them."""
    clauses: list[list[Term]] = []
    excluded: list[Term] = []
    join = False  # the last term was followed by `or`
    for match in QUERY_PART.finditer(text):
        minus, quoted, bare = match.groups()
        if bare is not None and bare.casefold() == "or":
            join = bool(clauses)
            continue
        negative = bool(minus) or (bare is not None and bare.startswith("-") and len(bare) > 1)
        source = quoted if quoted is not None else bare.removeprefix("-") if negative else bare
        term = tuple(words(source or ""))
        if not term:
            continue
        if negative:
            excluded.append(term)
        elif join:
            clauses[-1].append(term)
        else:
            clauses.append([term])
        join = False
    return Query(tuple(tuple(clause) for clause in clauses), tuple(excluded))


def _word_matches(wanted: str, forms: frozenset[str]) -> bool:
    if wanted in forms:
        return True
    return len(wanted) >= PREFIX_FROM and any(form.startswith(wanted) for form in forms)


def _term_in(term: Term, field: Sequence[frozenset[str]]) -> bool:
    width = len(term)
    return any(
        all(_word_matches(word, field[start + i]) for i, word in enumerate(term))
        for start in range(len(field) - width + 1)
    )


def matches(query: Query, fields: Iterable[str]) -> bool:
    """Whether a case whose searched fields hold these texts answers the query."""
    indexed = [positions(text) for text in fields if text]
    if any(_term_in(term, field) for term in query.excluded for field in indexed):
        return False
    return all(
        any(_term_in(term, field) for term in clause for field in indexed)
        for clause in query.clauses
    )


def mentions(query: Query, fields: Iterable[str]) -> bool:
    """Whether these texts hold any of the query's wanted terms (for ranking: a case that
    names them in its title or country comes first)."""
    indexed = [positions(text) for text in fields if text]
    return any(
        _term_in(term, field) for clause in query.clauses for term in clause for field in indexed
    )
