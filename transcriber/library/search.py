"""Searching every transcript in the library (the library window's search box).

SQLite FTS5 with the ``trigram`` tokenizer indexes bullet text and meeting
titles (tables ``bullets_fts`` and ``meetings_fts``, kept current by triggers;
see the store's migrations). Trigrams find any substring of three or more
characters, which is what Chinese needs, since it has no spaces between words,
and English matching is case-insensitive. A trigram index cannot answer a
term shorter than three characters (a two-character Chinese word such as
``數位``), so such terms are matched with ``LIKE``, scanning only the rows the
longer terms left, or the whole table when the query has no longer term.

Whitespace separates terms; a hit must contain all of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transcriber.errors import TranscriberError
from transcriber.library.store import Library
from transcriber.messages import message

SNIPPET_CONTEXT = 30  # characters shown either side of the first match
# Each term is one SQL condition; SQLite refuses a query past about a thousand
# ("Expression tree is too large"), and no one types this many words to find a line.
MAX_TERMS = 64


class SearchError(TranscriberError):
    """A query the library search cannot run."""


@dataclass(frozen=True)
class SearchHit:
    """One match: a bullet (``bullet_id``) or a meeting title (``bullet_id`` is None)."""

    meeting_id: int
    bullet_id: int | None
    snippet: str


def _fts_phrase(term: str) -> str:
    # A quoted FTS5 string takes the term literally (operators, hyphens, colons).
    return '"' + term.replace('"', '""') + '"'


def _like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _conditions(column: str, fts_table: str, row_id: str, terms: list[str]) -> tuple[str, list]:
    """SQL that keeps rows containing every term: FTS for long terms, LIKE for short ones."""
    clauses, params = [], []
    long_terms = [t for t in terms if len(t) >= 3]
    if long_terms:
        clauses.append(f"{row_id} IN (SELECT rowid FROM {fts_table} WHERE {fts_table} MATCH ?)")
        params.append(" AND ".join(_fts_phrase(t) for t in long_terms))
    for term in terms:
        if len(term) < 3:
            clauses.append(f"{column} LIKE ? ESCAPE '\\'")
            params.append(_like_pattern(term))
    return " AND ".join(clauses), params


def _distinct_terms(query: str) -> list[str]:
    """The query's terms, without repeats or terms inside a longer term (same hits)."""
    by_key: dict[str, str] = {}
    for term in query.split():
        by_key.setdefault(term.casefold(), term)  # matching ignores case
    return [
        term for key, term in by_key.items() if not any(key != o and key in o for o in by_key)
    ]


def snippet(text: str, terms: list[str], context: int = SNIPPET_CONTEXT) -> str:
    """The text around the first term found, with ``…`` where it was cut."""
    found = [m for t in terms if (m := re.search(re.escape(t), text, re.IGNORECASE))]
    if not found:
        return text[: 2 * context] + ("…" if len(text) > 2 * context else "")
    first = min(found, key=lambda m: m.start())
    start, end = max(0, first.start() - context), min(len(text), first.end() + context)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


# Meetings in the trash (transcriber.library.trash) are not found.
NOT_TRASHED = "AND m.id NOT IN (SELECT meeting_id FROM trash)"


def search_library(library: Library, query: str, limit: int = 100) -> list[SearchHit]:
    """Meetings whose title, then bullets whose text, contain every term of ``query``.

    Bullets come newest meeting first, in reading order within a meeting.
    """
    terms = _distinct_terms(query)
    if not terms or limit <= 0:
        return []
    if len(terms) > MAX_TERMS:
        raise SearchError(
            message("The search has {count} different words; search for at most {MAX_TERMS}.", count=len(terms), MAX_TERMS=MAX_TERMS)
        )
    db = library.db
    not_trashed = NOT_TRASHED if db["trash"].exists() else ""  # read-only, older libraries
    where, params = _conditions("m.title", "meetings_fts", "m.id", terms)
    hits = [
        SearchHit(row["id"], None, snippet(row["title"], terms))
        for row in db.query(
            f"SELECT m.id, m.title FROM meetings m WHERE {where} {not_trashed} "
            "ORDER BY m.date DESC, m.id DESC LIMIT ?",
            [*params, limit],
        )
    ]
    where, params = _conditions("b.text", "bullets_fts", "b.id", terms)
    hits += [
        SearchHit(row["meeting_id"], row["id"], snippet(row["text"], terms))
        for row in db.query(
            "SELECT b.id, b.meeting_id, b.text FROM bullets b "
            f"JOIN meetings m ON m.id = b.meeting_id WHERE {where} {not_trashed} "
            "ORDER BY m.date DESC, m.id DESC, b.position LIMIT ?",
            [*params, limit - len(hits)],
        )
    ]
    return hits
