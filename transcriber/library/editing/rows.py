"""Raw row access for the editing core: rows as SQLite returns them, so undo restores them exactly."""

from __future__ import annotations

import json

import sqlite_utils

from transcriber.errors import NotFoundError
from transcriber.library.editing.errors import EditError
from transcriber.library.store import Library, words_json
from transcriber.library.word_timings import realign
from transcriber.messages import message
from transcriber.model import Bullet, BulletKind, Word

HEADER_FIELDS = ("title", "date", "language", "licence", "style")


def raw_bullet(db: sqlite_utils.Database, bullet_id: int) -> dict | None:
    rows = list(db.query("SELECT * FROM bullets WHERE id = ?", [bullet_id]))
    return rows[0] if rows else None


def raw_bullets(db: sqlite_utils.Database, ids: list[int]) -> dict[int, dict]:
    """Rows by id, read in batches (a replace-all may touch every bullet of a meeting)."""
    rows: dict[int, dict] = {}
    for first in range(0, len(ids), 500):
        batch = ids[first : first + 500]
        marks = ", ".join("?" for _ in batch)
        for row in db.query(f"SELECT * FROM bullets WHERE id IN ({marks})", batch):
            rows[row["id"]] = row
    return rows


def speaker_rows(db: sqlite_utils.Database, meeting_id: int) -> dict[int, dict]:
    rows = db.query("SELECT * FROM speakers WHERE meeting_id = ?", [meeting_id])
    return {row["id"]: row for row in rows}


def positions(db: sqlite_utils.Database, meeting_id: int) -> dict[int, int]:
    rows = db.execute("SELECT id, position FROM bullets WHERE meeting_id = ?", [meeting_id])
    return dict(rows.fetchall())


def meeting_fields(db: sqlite_utils.Database, meeting_id: int) -> dict:
    rows = list(db.query("SELECT * FROM meetings WHERE id = ?", [meeting_id]))
    if not rows:
        raise NotFoundError(message("There is no meeting {meeting_id} in the library.", meeting_id=meeting_id))
    return {name: rows[0][name] for name in HEADER_FIELDS}


def put_row(db: sqlite_utils.Database, table: str, row: dict) -> None:
    """Write a stored raw ``row`` back as it is, keeping its id (an upsert).

    Not ``INSERT OR REPLACE``: that deletes first, which the full-text index
    triggers would not see; an upsert's update fires them like any UPDATE.
    """
    quoted = [f'"{c}"' for c in row]
    sets = ", ".join(f"{q} = excluded.{q}" for q in quoted if q != '"id"')
    db.execute(
        f"INSERT INTO {table} ({', '.join(quoted)}) VALUES ({', '.join('?' for _ in row)}) "
        f"ON CONFLICT(id) DO UPDATE SET {sets}",
        list(row.values()),
    )


def set_bullet(db: sqlite_utils.Database, bullet_id: int, **fields: object) -> None:
    """Update a bullet's columns. A new text without ``words`` keeps the timings of the
    words still in it (transcriber.library.word_timings)."""
    if "text" in fields and "words" not in fields:
        row = db.execute("SELECT text, words FROM bullets WHERE id = ?", [bullet_id]).fetchone()
        if row is not None and row[1] not in ("", "[]"):
            old = [Word(*item) for item in json.loads(row[1])]
            fields["words"] = realign(old, row[0], str(fields["text"]))
    if "words" in fields:
        fields["words"] = words_json(fields["words"])
    if "extra" in fields:
        fields["extra"] = json.dumps(fields["extra"], ensure_ascii=False)
    for key in ("redacted", "flagged"):
        if key in fields:
            fields[key] = int(bool(fields[key]))
    sets = ", ".join(f'"{name}" = ?' for name in fields)
    db.execute(f"UPDATE bullets SET {sets} WHERE id = ?", [*fields.values(), bullet_id])


def insert_bullet(db: sqlite_utils.Database, bullet: Bullet) -> int:
    row = Library._bullet_row(bullet)
    columns = list(row)
    cursor = db.execute(
        f"INSERT INTO bullets ({', '.join(f'[{c}]' for c in columns)}) "
        f"VALUES ({', '.join('?' for _ in columns)})",
        [row[c] for c in columns],
    )
    return cursor.lastrowid


# Positions are unique per meeting (an index), and SQLite checks that row by row inside
# one UPDATE, so bullets are moved in two steps through ranges no real position uses:
# make_room lifts the rows it shifts above SHIFT_BASE, and undo parks the rows it puts
# back at negative positions before placing them.
SHIFT_BASE = 1 << 40


def make_room(db: sqlite_utils.Database, meeting_id: int, position: int) -> None:
    """Free ``position`` by moving that bullet and the ones after it down by one."""
    db.execute(
        "UPDATE bullets SET position = position + ? WHERE meeting_id = ? AND position >= ?",
        [SHIFT_BASE, meeting_id, position],
    )
    db.execute(
        "UPDATE bullets SET position = position - ? WHERE meeting_id = ? AND position >= ?",
        [SHIFT_BASE - 1, meeting_id, SHIFT_BASE],
    )


def parked(bullet_id: int) -> int:
    """A temporary position for a bullet being moved: negative, and one per bullet."""
    return -1 - bullet_id


def place(db: sqlite_utils.Database, meeting_id: int, bullet_id: int, position: int) -> None:
    """Put a parked bullet at ``position``, moving a bullet that took it meanwhile down."""
    taken = db.execute(
        "SELECT 1 FROM bullets WHERE meeting_id = ? AND position = ?", [meeting_id, position]
    ).fetchone()
    if taken:
        make_room(db, meeting_id, position)
    db.execute("UPDATE bullets SET position = ? WHERE id = ?", [position, bullet_id])


def bullet_kind(kind: str) -> BulletKind:
    try:
        return BulletKind(kind)
    except ValueError:
        names = ", ".join(k.value for k in BulletKind)
        raise EditError(message("Unknown bullet kind {kind!r}; use one of {names}.", kind=kind, names=names)) from None
