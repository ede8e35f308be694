"""Refusing a damaged or foreign library instead of replacing it, checking it, backing it up.

A library database that is empty (0 bytes), not SQLite at all, damaged (``PRAGMA
quick_check`` fails) or written by a newer version of the app is refused before
anything is written to it: SQLite would otherwise take a 0-byte file for a new
database and the next write would build a fresh library over it, and a damaged
one would go on taking writes. ``integrity_problems`` runs the full
``integrity_check`` for ``transcriber library check``; ``backup_database`` copies
a live library with SQLite's online backup API (consistent while other
connections write).

Two more things are checked before the first write:

- The file is this app's library: its SQLite header carries ``APPLICATION_ID`` (set
  by the library's migrations); an unmarked file is ours only if its ``migrations``
  table starts with our first migration. Another program's database is refused
  untouched, never migrated.
- No committed change was lost with the write-ahead log: committed transactions
  live only in ``library.db-wal`` until a checkpoint copies them into the database,
  and SQLite silently ignores a WAL that is missing, truncated or garbled. Every
  write transaction bumps a counter inside the database (table ``commits``) and,
  once committed, notes it in the ledger ``library.db.commits`` beside it; a
  database whose counter is behind its ledger lost that many transactions.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sqlite3
import stat
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

from transcriber.errors import LibraryError
from transcriber.messages import Message, message

SQLITE_MAGIC = b"SQLite format 3\x00"
# The SQLite header's application id of a transcriber library ("TRNS").
APPLICATION_ID = 0x54524E53
# The name of the first migration of every library this app ever wrote (store.MIGRATIONS).
FIRST_MIGRATION = "initial schema"
LEDGER_SUFFIX = ".commits"
# How many of integrity_check's findings are worth printing; the rest only repeats them.
MAX_PROBLEMS = 20

RECOVERY_ADVICE = (
    "To recover, close the app, keep a copy of the library folder, and either put back a "
    "backup made with `transcriber library backup` (`transcriber library restore BACKUP`), "
    "or rebuild what SQLite can still read with `sqlite3 library.db .recover | sqlite3 "
    "recovered.db` and restore that file the same way."
)


WAL_RECOVERY_ADVICE = message(
    "Nothing was written to it. If you have a backup made with `transcriber library backup`, "
    "put it back with `transcriber library restore BACKUP`; to go on with what the database "
    "still holds, run `transcriber library restore --accept-loss` (the damaged files are kept "
    "in a folder beside it)."
)


class DamagedLibraryError(LibraryError):
    """The library database exists but cannot be trusted; nothing was written to it."""


class ForeignLibraryError(LibraryError):
    """The file is a SQLite database of another program; nothing was written to it."""


class LostCommitsError(DamagedLibraryError):
    """Transactions committed to the library are missing (its WAL was lost or damaged)."""


# -- the commit ledger -----------------------------------------------------------------------


def ledger_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + LEDGER_SUFFIX)


def read_ledger(db_path: Path) -> tuple[int, str]:
    """(last committed counter, its time) as noted beside the database; (0, "") if none."""
    try:
        text = ledger_path(db_path).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return 0, ""
    return _parse_ledger(text)


def _parse_ledger(text: str) -> tuple[int, str]:
    counter, _, at = text.strip().partition(" ")
    try:
        return int(counter), at
    except ValueError:
        return 0, ""


def _lock_fd(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX)


def note_commit(db_path: Path, counter: int, at: str) -> None:
    """Note in the ledger that transaction ``counter`` is committed (if it is the newest).

    Written after SQLite's COMMIT returned (the WAL is on disk then, synchronous=FULL),
    so the ledger is never ahead of what was committed; processes committing at once
    each keep the larger number. Without fsync: after a power cut the ledger may lag,
    which only misses a loss, never invents one.
    """
    try:
        fd = os.open(ledger_path(db_path), os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        return  # a full or read-only disk: the next commit tries again
    try:
        _lock_fd(fd)  # released by close
        noted, _ = _parse_ledger(os.read(fd, 200).decode("ascii", "replace"))
        if counter > noted:
            line = f"{counter} {at}\n".encode("ascii")
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, line)
            os.ftruncate(fd, len(line))
    except OSError:
        pass
    finally:
        os.close(fd)


def set_ledger(db_path: Path, counter: int, at: str) -> None:
    """Reset the ledger to a database put back or accepted as it is (library restore)."""
    ledger_path(db_path).write_text(f"{counter} {at}\n", encoding="ascii")


def committed_counter(conn: sqlite3.Connection) -> tuple[int, str]:
    """The database's own commit counter and time; (0, "") for a library without one."""
    try:
        row = conn.execute("SELECT counter, at FROM commits WHERE id = 1").fetchone()
    except sqlite3.OperationalError:
        return 0, ""
    return (row[0], row[1]) if row else (0, "")


def lost_commits(conn: sqlite3.Connection, db_path: Path) -> Message | None:
    """What committed work the database lacks, as a sentence; None when nothing is missing."""
    noted, noted_at = read_ledger(db_path)  # first: a commit after this only raises the counter
    if not noted:
        return None
    counter, at = committed_counter(conn)
    if counter >= noted:
        return None
    missing = noted - counter
    since = message("after {at}", at=at) if at else message("since the library was last checkpointed")
    if missing == 1:
        return message("The library database {db_path} has lost the last 1 change saved to it ({since}, "
                       "up to {noted_at}): its write-ahead log {name}-wal is missing or damaged.",
                       db_path=db_path, since=since, noted_at=noted_at, name=db_path.name)
    return message("The library database {db_path} has lost the last {missing} changes saved to it "
                   "({since}, up to {noted_at}): its write-ahead log {name}-wal is missing or damaged.",
                   db_path=db_path, missing=missing, since=since, noted_at=noted_at, name=db_path.name)


def _is_ours(conn: sqlite3.Connection) -> bool:
    """Whether the database is a transcriber library (or a new, empty SQLite file)."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if app_id == APPLICATION_ID:
        return True
    if app_id != 0:
        return False
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    if not tables:
        return True  # a new library's file: created empty, then migrated
    if "migrations" not in tables:
        return False
    try:
        first = conn.execute("SELECT name FROM migrations WHERE id = 1").fetchone()
    except sqlite3.DatabaseError:
        return False
    return first is not None and first[0] == FIRST_MIGRATION


def refuse_unusable_file(db_path: Path) -> None:
    """Refuse a library file that is empty or not SQLite, before SQLite opens it."""
    if db_path.exists() and not db_path.is_file() and not db_path.is_dir():
        raise DamagedLibraryError(  # a FIFO or a device: reading it would block or never end
            message("The library database {db_path} is not a regular file; move it away.", db_path=db_path)
        )
    try:
        with open(db_path, "rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except (FileNotFoundError, NotADirectoryError):
        return  # a new library (or no folder: creating it says why)
    except IsADirectoryError:
        raise DamagedLibraryError(
            message("The library database {db_path} is a folder, not a file; move it away.", db_path=db_path)
        ) from None
    except OSError as exc:
        raise LibraryError(
            message("Cannot read the library database {db_path}: {detail}.", db_path=db_path, detail=exc.strerror or exc)
        ) from exc
    if not head:
        raise DamagedLibraryError(
            message("The library database {db_path} is empty (0 bytes), so it holds no library; "
                    "nothing was changed: move it away to start a new library, or put back a backup.", db_path=db_path)
        )
    if head != SQLITE_MAGIC:
        raise DamagedLibraryError(
            message("The library database {db_path} is not a SQLite database; nothing was changed: "
                    "move it away to start a new library, or put back a backup.", db_path=db_path)
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
    """Refuse a database that fails ``quick_check``, is not ours, lost committed
    transactions, or has a newer schema than this app. Only reads through ``conn``.

    ``quick_check`` reads the whole file (about a second for 200,000 bullets), so it
    is skipped when the file has not changed since it last passed: the state that
    passed is noted in ``library.db.checked`` beside it (where the folder is writable).
    """
    try:
        ours = _is_ours(conn)
    except sqlite3.DatabaseError as exc:
        raise _damaged(db_path, str(exc)) from exc
    if not ours:
        raise ForeignLibraryError(
            message("{db_path} is not a transcriber library (it is another program's SQLite "
                    "database); nothing was changed: give the library folder of transcriber, or a "
                    "new folder.", db_path=db_path)
        )
    lost = lost_commits(conn, db_path)
    if lost:
        raise LostCommitsError(message("{lost} {advice}", lost=lost, advice=WAL_RECOVERY_ADVICE))
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
            message("The library {parent} was written by a newer version of transcriber "
                    "(schema {version}, this version knows {known_version}); update transcriber to "
                    "open it. Nothing was changed.", parent=db_path.parent, version=version, known_version=known_version)
        )


def _damaged(db_path: Path, finding: str) -> DamagedLibraryError:
    finding = " ".join(finding.replace("*** in database main ***", "").split()).rstrip(".")
    return DamagedLibraryError(
        message("The library database {db_path} is damaged ({finding}); nothing "
                "was written to it: run `transcriber library check` for how to recover.", db_path=db_path, finding=finding)
    )


# Snapshots of libraries on read-only media (see connect_read_only), removed at exit.
_snapshots: list[tempfile.TemporaryDirectory] = []


def connect_read_only(db_path: Path) -> sqlite3.Connection:
    """A connection that cannot write, for a library on read-only media or without rights.

    A WAL database needs its ``-shm`` file; when that cannot be created (read-only
    media), SQLite can only open the file as immutable, which ignores the WAL and so
    the newest committed changes. Then, if the WAL holds anything, the database and its
    WAL are copied to a private temporary folder and that snapshot is read instead.
    """
    if not db_path.is_file():
        raise LibraryError(message("There is no library database at {db_path}.", db_path=db_path))
    uri = f"file:{quote(str(db_path.resolve()))}"
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=30)
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        pass
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.is_file() and wal.stat().st_size > 0:
        return _snapshot(db_path, wal)
    conn = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)
    conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    return conn


def _snapshot(db_path: Path, wal: Path) -> sqlite3.Connection:
    """The database with its WAL applied, read from a private copy (read-only media)."""
    needed = db_path.stat().st_size + wal.stat().st_size
    folder = tempfile.TemporaryDirectory(prefix="transcriber-snapshot-")
    if shutil.disk_usage(folder.name).free < needed * 2:
        folder.cleanup()
        raise LibraryError(
            message("The library {parent} is on read-only media and its newest changes are "
                    "in {name}, which can only be read from a copy; there is not enough space "
                    "for one ({megabytes} MB) in the temporary folder.", parent=db_path.parent, name=wal.name, megabytes=needed // 1000000 + 1)
        )
    if not _snapshots:
        atexit.register(lambda: [s.cleanup() for s in _snapshots])
    _snapshots.append(folder)
    copy = Path(folder.name) / db_path.name
    try:
        shutil.copyfile(db_path, copy)
        shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
        ledger = ledger_path(db_path)
        if ledger.is_file():
            shutil.copyfile(ledger, ledger_path(copy))
    except OSError as exc:
        raise LibraryError(
            message("Cannot read the library {parent} from read-only media: "
                    "{detail}.", parent=db_path.parent, detail=exc.strerror or exc)
        ) from exc
    conn = sqlite3.connect(copy, timeout=30)
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
        if not _is_ours(conn):
            return [f"{db_path} is not a transcriber library (another program's SQLite database)."]
        found = [row[0] for row in conn.execute(f"PRAGMA integrity_check({MAX_PROBLEMS})")]
        lost = lost_commits(conn, db_path)
    except sqlite3.DatabaseError as exc:
        found, lost = [str(exc)], None
    finally:
        conn.close()
    problems = [] if found == ["ok"] else found
    return [lost, *problems] if lost else problems


def backup_database(conn: sqlite3.Connection, target: Path, db_path: Path) -> None:
    """Copy the open library into ``target`` with SQLite's online backup API.

    Written next to the target and renamed when complete, so an interrupted backup
    (an error, Ctrl+C) never leaves a half file under the target's name nor a partial
    one beside it. The copy is checked before it takes the target's name: sound, and
    holding every transaction committed to the library when the backup started.
    """
    partial = target.with_name(f".{target.name}.partial")
    committed, _ = read_ledger(db_path)
    try:
        partial.unlink(missing_ok=True)
        copy = sqlite3.connect(partial)
        try:
            conn.backup(copy)
            counter, _ = committed_counter(copy)
            sound = copy.execute("PRAGMA quick_check(1)").fetchone()[0] == "ok"
        finally:
            copy.close()
        if not sound or counter < committed:
            missing = committed - counter
            if not sound:
                raise LibraryError(message("The backup was not written: the copy of {db_path} fails "
                                           "SQLite's check; run `transcriber library check`.", db_path=db_path))
            if missing == 1:
                raise LibraryError(message("The backup was not written: the copy of {db_path} lacks "
                                           "1 committed change; run `transcriber library check`.",
                                           db_path=db_path))
            raise LibraryError(message("The backup was not written: the copy of {db_path} lacks "
                                       "{missing} committed changes; run `transcriber library check`.",
                                       db_path=db_path, missing=missing))
        with open(partial, "rb") as f:
            os.fsync(f.fileno())
        if os.path.lexists(target) and not stat.S_ISREG(os.lstat(target).st_mode):
            raise LibraryError(message("Cannot write the backup {target}: it is not a regular file "
                                       "(only regular files are ever replaced).", target=target))
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise LibraryError(message("Cannot write the backup {target}: {detail}.", target=target, detail=reason)) from exc
    finally:
        try:
            partial.unlink(missing_ok=True)
        except OSError:
            pass


def restore_library(db_path: Path, backup: Path | None) -> str:
    """Put ``backup`` back as the library database, or (``None``) accept the database as
    SQLite still reads it after its WAL was lost. The files replaced are first kept in a
    ``damaged-<time>`` folder beside it. Returns a sentence saying what was done.

    The app must be closed: this replaces the files under any open connection.
    """
    import datetime as dt

    if backup is not None:
        if not backup.is_file():  # never opened: a FIFO would block
            raise LibraryError(message("There is no backup file {backup}.", backup=backup))
        refuse_unusable_file(backup)
        conn = connect_read_only(backup)
        try:
            if not _is_ours(conn):
                raise ForeignLibraryError(message("{backup} is not a transcriber library; nothing was "
                                                  "changed.", backup=backup))
            if conn.execute("PRAGMA quick_check(1)").fetchone()[0] != "ok":
                raise DamagedLibraryError(message("The backup {backup} is damaged; nothing was changed.", backup=backup))
        except sqlite3.DatabaseError as exc:
            raise DamagedLibraryError(message("The backup {backup} is damaged ({detail}); nothing was "
                                              "changed.", backup=backup, detail=exc)) from exc
        finally:
            conn.close()
    refuse_unusable_file(db_path)
    current = connect_read_only(db_path)
    try:
        if not _is_ours(current):
            raise ForeignLibraryError(message("{db_path} is not a transcriber library; nothing was "
                                              "changed.", db_path=db_path))
    except sqlite3.DatabaseError:
        pass  # damaged: that is what restoring is for
    finally:
        current.close()
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    try:
        kept = Path(tempfile.mkdtemp(prefix=f"damaged-{stamp}-", dir=db_path.parent))
        for suffix in ("", "-wal", "-shm", LEDGER_SUFFIX):
            source = db_path.with_name(db_path.name + suffix)
            if source.is_file():
                shutil.copy2(source, kept / source.name)
        if backup is not None:
            incoming = db_path.with_name(f".{db_path.name}.restoring")
            shutil.copyfile(backup, incoming)
            for suffix in ("-wal", "-shm"):
                db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
            os.replace(incoming, db_path)
        conn = sqlite3.connect(db_path, timeout=30)
        try:
            counter, at = committed_counter(conn)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        set_ledger(db_path, counter, at)
        _stamp_path(db_path).unlink(missing_ok=True)
    except (OSError, sqlite3.Error) as exc:
        raise LibraryError(message("Cannot restore the library {parent}: "
                                   "{detail}.", parent=db_path.parent, detail=getattr(exc, 'strerror', None) or exc)) from exc
    what = f"put back {backup}" if backup else "accepted the database as it reads now"
    return (f"Restored the library {db_path.parent}: {what} (last change {at or 'unknown'}); "
            f"the previous files are kept in {kept}.")
