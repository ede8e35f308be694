"""Refusing a damaged library instead of replacing it, checking it, and backing it up.

A library database that is empty (0 bytes), not SQLite at all, damaged (``PRAGMA
quick_check`` fails) or written by a newer version of the app is refused before
anything is written to it: SQLite would otherwise take a 0-byte file for a new
database and the next write would build a fresh library over it, and a damaged
one would go on taking writes. ``integrity_problems`` runs the full
``integrity_check`` for ``transcriber library check``; ``backup_database`` copies
a live library with SQLite's online backup API (consistent while other
connections write).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from transcriber.errors import LibraryError

SQLITE_MAGIC = b"SQLite format 3\x00"
# How many of integrity_check's findings are worth printing; the rest only repeats them.
MAX_PROBLEMS = 20

RECOVERY_ADVICE = (
    "To recover, close the app, keep a copy of the library folder, and either put back a "
    "backup made with `transcriber library backup`, or rebuild what SQLite can still read "
    "with `sqlite3 library.db .recover | sqlite3 recovered.db` and open the recovered file "
    "as library.db."
)


class DamagedLibraryError(LibraryError):
    """The library database exists but cannot be trusted; nothing was written to it."""


def refuse_unusable_file(db_path: Path) -> None:
    """Refuse a library file that is empty or not SQLite, before SQLite opens it."""
    try:
        with open(db_path, "rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except (FileNotFoundError, NotADirectoryError):
        return  # a new library (or no folder: creating it says why)
    except IsADirectoryError:
        raise DamagedLibraryError(
            f"The library database {db_path} is a folder, not a file; move it away."
        ) from None
    except OSError as exc:
        raise LibraryError(
            f"Cannot read the library database {db_path}: {exc.strerror or exc}."
        ) from exc
    if not head:
        raise DamagedLibraryError(
            f"The library database {db_path} is empty (0 bytes), so it holds no library; "
            "nothing was changed: move it away to start a new library, or put back a backup."
        )
    if head != SQLITE_MAGIC:
        raise DamagedLibraryError(
            f"The library database {db_path} is not a SQLite database; nothing was changed: "
            "move it away to start a new library, or put back a backup."
        )


def _file_state(db_path: Path) -> str:
    """Size and modification time of the database and its WAL: changes with every write.

    An empty WAL holds nothing, and SQLite creates one on each open, so only its size
    counts then.
    """
    parts = []
    for path in (db_path, db_path.with_name(db_path.name + "-wal")):
        try:
            stat = path.stat()
        except OSError:
            parts.append("-")
            continue
        parts.append(f"{stat.st_size}:{stat.st_mtime_ns if stat.st_size else 0}")
    return " ".join(parts)


def _stamp_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".checked")


def check_open_database(conn: sqlite3.Connection, db_path: Path, known_version: int) -> None:
    """Refuse a database that fails ``quick_check`` or has a newer schema than this app.

    ``quick_check`` reads the whole file (about a second for 200,000 bullets), so it
    is skipped when the file has not changed since it last passed: the state that
    passed is noted in ``library.db.checked`` beside it (where the folder is writable).
    """
    state = _file_state(db_path)
    stamp = _stamp_path(db_path)
    try:
        unchanged = stamp.read_text(encoding="utf-8") == state
    except OSError:
        unchanged = False
    if not unchanged:
        try:
            result = [row[0] for row in conn.execute("PRAGMA quick_check(1)")]
        except sqlite3.DatabaseError as exc:
            raise _damaged(db_path, str(exc)) from exc
        if result != ["ok"]:
            raise _damaged(db_path, result[0] if result else "no answer")
        try:
            stamp.write_text(state, encoding="utf-8")
        except OSError:
            pass  # read-only media: checked on every open instead
    try:
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'"
        ).fetchone()
        version = conn.execute("SELECT MAX(id) FROM migrations").fetchone()[0] if has_table else 0
    except sqlite3.DatabaseError as exc:
        raise _damaged(db_path, str(exc)) from exc
    if (version or 0) > known_version:
        raise LibraryError(
            f"The library {db_path.parent} was written by a newer version of transcriber "
            f"(schema {version}, this version knows {known_version}); update transcriber to "
            "open it. Nothing was changed."
        )


def _damaged(db_path: Path, finding: str) -> DamagedLibraryError:
    finding = " ".join(finding.replace("*** in database main ***", "").split()).rstrip(".")
    return DamagedLibraryError(
        f"The library database {db_path} is damaged ({finding}); nothing "
        "was written to it: run `transcriber library check` for how to recover."
    )


def connect_read_only(db_path: Path) -> sqlite3.Connection:
    """A connection that cannot write, for a library on read-only media or without rights.

    A WAL database needs its ``-shm`` file; when that cannot be created (read-only
    media), the file is opened as immutable, which is what it is to us then.
    """
    if not db_path.is_file():
        raise LibraryError(f"There is no library database at {db_path}.")
    uri = f"file:{quote(str(db_path.resolve()))}"
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=30)
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return conn


def integrity_problems(db_path: Path) -> list[str]:
    """What ``PRAGMA integrity_check`` finds wrong (empty when the library is sound).

    Opens the file read-only, so checking never changes it.
    """
    refuse_unusable_file(db_path)
    try:
        conn = connect_read_only(db_path)
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    try:
        found = [row[0] for row in conn.execute(f"PRAGMA integrity_check({MAX_PROBLEMS})")]
    except sqlite3.DatabaseError as exc:
        found = [str(exc)]
    finally:
        conn.close()
    return [] if found == ["ok"] else found


def backup_database(conn: sqlite3.Connection, target: Path) -> None:
    """Copy the open library into ``target`` with SQLite's online backup API.

    Written next to the target and renamed when complete, so an interrupted backup
    never leaves a half file under the target's name.
    """
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        copy = sqlite3.connect(partial)
        try:
            conn.backup(copy)
        finally:
            copy.close()
        with open(partial, "rb") as f:
            os.fsync(f.fileno())
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        reason = getattr(exc, "strerror", None) or str(exc)
        raise LibraryError(f"Cannot write the backup {target}: {reason}.") from exc
