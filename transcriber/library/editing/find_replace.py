"""Find and replace across a meeting's bullets, plain or regular expression."""

from __future__ import annotations

import re

import sqlite_utils

from transcriber.library.editing.errors import EditError
from transcriber.library.editing.history import EditHistory, Tracker, one_transaction
from transcriber.library.editing.rows import set_bullet
from transcriber.messages import message
from transcriber.model import Bullet


def _pattern(query: str, regex: bool, case_sensitive: bool) -> re.Pattern:
    flags = 0 if case_sensitive else re.IGNORECASE
    try:
        return re.compile(query if regex else re.escape(query), flags)
    except re.error as exc:
        raise EditError(message("The search pattern {query!r} is not a valid regular expression: "
                                "{detail}.", query=query, detail=exc.msg)) from None  # fmt: skip


def _texts(history: EditHistory) -> list[tuple[int, str]]:
    """(id, text) in reading order: all find and replace-all need, cheaper than bullets()."""
    return history.library.db.execute(
        "SELECT id, text FROM bullets WHERE meeting_id = ? ORDER BY position, id",
        [history.meeting_id],
    ).fetchall()


def find(
    history: EditHistory, query: str, regex: bool = False, case_sensitive: bool = False
) -> list[tuple[int, int, int]]:
    """Every match in the meeting as ``(bullet_id, start, end)``, in reading order."""
    if not query:
        return []
    pattern = _pattern(query, regex, case_sensitive)
    return [
        (bullet_id, m.start(), m.end())
        for bullet_id, text in _texts(history)
        for m in pattern.finditer(text)
        if m.end() > m.start()  # a regex that matches empty strings finds nothing to replace
    ]


@one_transaction
def replace(history: EditHistory, bullet_id: int, start: int, end: int, replacement: str) -> Bullet:
    text = history.bullet(bullet_id).text
    if not 0 <= start <= end <= len(text):
        raise EditError(message("Cannot replace characters {start} to {end}: the bullet has {length}.", start=start, end=end, length=len(text)))

    def change(db: sqlite_utils.Database, tracker: Tracker) -> None:
        tracker.bullets(bullet_id)
        set_bullet(db, bullet_id, text=text[:start] + replacement + text[end:])

    history.edit("replace", change)
    return history.bullet(bullet_id)


@one_transaction
def replace_all(
    history: EditHistory,
    query: str,
    replacement: str,
    regex: bool = False,
    case_sensitive: bool = False,
) -> int:
    """Replace every match in the meeting as one undo step; returns the number replaced.

    With ``regex=True`` the replacement may use group references (``\\1``).
    """
    if not query:
        return 0
    pattern = _pattern(query, regex, case_sensitive)
    count = 0

    def substitute(m: re.Match) -> str:
        nonlocal count
        if m.end() == m.start():  # as in find(): empty matches are not replaced
            return ""
        count += 1
        return m.expand(replacement) if regex else replacement

    new_texts: dict[int, str] = {}
    try:
        for bullet_id, text in _texts(history):
            new_text = pattern.sub(substitute, text)
            if new_text != text:
                new_texts[bullet_id] = new_text
    except re.error as exc:
        raise EditError(message("The replacement {replacement!r} is not valid: {detail}.", replacement=replacement, detail=exc.msg)) from None

    def change(db: sqlite_utils.Database, tracker: Tracker) -> None:
        tracker.bullets(*new_texts)
        for bullet_id, text in new_texts.items():
            set_bullet(db, bullet_id, text=text)

    if new_texts:
        history.edit("replace_all", change)
    return count
