"""The user's library: one folder with a SQLite database and the audio it refers to.

sqlite-utils over one connection per thread, WAL with ``synchronous=FULL`` so a
committed write survives a power cut, and every write inside ``Database.atomic()``.
The schema is created and upgraded by the numbered migrations in ``MIGRATIONS``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
import sqlite_utils

from transcriber.errors import LibraryError, NotFoundError, TitleError
from transcriber.library.imported_licences import repair_imported_licences
from transcriber.library.integrity import (
    APPLICATION_ID,
    FIRST_MIGRATION,
    DamagedLibraryError,
    backup_database,
    check_open_database,
    connect_read_only,
    note_commit,
    refuse_unusable_file,
)
from transcriber.library.licence_choice import follow_the_archive_where_unchosen
from transcriber.messages import message
from transcriber.model import (
    ARCHIVE_LICENCE,
    Bullet,
    Meeting,
    Recording,
    Speaker,
    TranscriptState,
    Word,
)

if TYPE_CHECKING:
    from transcriber.library.jobs import TranscriptionLock

LIBRARY_ENV = "TRANSCRIBER_LIBRARY"
DB_NAME = "library.db"

# Each migration is SQL, or a step in Python given the library (inside the same transaction).
MIGRATIONS: list[tuple[str, str | Callable[[Library], object]]] = [
    (
        FIRST_MIGRATION,
        """
        CREATE TABLE meetings (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            date TEXT NOT NULL,
            language TEXT NOT NULL DEFAULT 'auto',
            licence TEXT NOT NULL DEFAULT 'CC-BY-4.0',
            status TEXT NOT NULL DEFAULT 'draft'
                CHECK (status IN ('draft', 'review', 'published')),
            style TEXT NOT NULL DEFAULT 'bullets',
            transcript_state TEXT NOT NULL DEFAULT 'none',
            review_deadline TEXT,
            slug TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE recordings (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id),
            path TEXT NOT NULL,
            sha256 TEXT NOT NULL DEFAULT '',
            duration REAL NOT NULL DEFAULT 0,
            state TEXT NOT NULL DEFAULT 'complete'
                CHECK (state IN ('recording', 'complete', 'recovered')),
            sample_rate INTEGER NOT NULL DEFAULT 16000,
            channels INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL
        );
        CREATE INDEX recordings_meeting ON recordings(meeting_id);
        CREATE TABLE markers (
            id INTEGER PRIMARY KEY,
            recording_id INTEGER NOT NULL REFERENCES recordings(id),
            at REAL NOT NULL,
            label TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE speakers (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id),
            name TEXT NOT NULL,
            is_default INTEGER NOT NULL DEFAULT 0,
            UNIQUE (meeting_id, name)
        );
        CREATE TABLE bullets (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id),
            position INTEGER NOT NULL,
            kind TEXT NOT NULL DEFAULT 'speech'
                CHECK (kind IN ('speech', 'question', 'narrative', 'other_side')),
            speaker_id INTEGER REFERENCES speakers(id),
            text TEXT NOT NULL DEFAULT '',
            start REAL,
            "end" REAL,
            redacted INTEGER NOT NULL DEFAULT 0,
            redaction_reason TEXT NOT NULL DEFAULT '',
            flagged INTEGER NOT NULL DEFAULT 0,
            flag_reason TEXT NOT NULL DEFAULT '',
            source TEXT,
            extra TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX bullets_meeting_position ON bullets(meeting_id, position);
        CREATE TABLE edits (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id),
            action TEXT NOT NULL,
            payload TEXT NOT NULL,
            undone INTEGER NOT NULL DEFAULT 0,
            at TEXT NOT NULL
        );
        CREATE INDEX edits_meeting ON edits(meeting_id, id);
        CREATE TABLE publications (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id),
            commit_sha TEXT NOT NULL,
            remote TEXT,
            path TEXT NOT NULL,
            published_at TEXT NOT NULL
        );
        """,
    ),
    (
        # Library search (transcriber.library.search): trigram FTS5 finds any substring of 3+
        # characters, Chinese included; external content, so triggers keep it current.
        "full-text search of bullets and meeting titles",
        """
        CREATE VIRTUAL TABLE IF NOT EXISTS bullets_fts USING fts5(
            text, content='bullets', content_rowid='id', tokenize='trigram');
        CREATE TRIGGER IF NOT EXISTS bullets_fts_insert AFTER INSERT ON bullets BEGIN
            INSERT INTO bullets_fts(rowid, text) VALUES (new.id, new.text);
        END;
        CREATE TRIGGER IF NOT EXISTS bullets_fts_delete AFTER DELETE ON bullets BEGIN
            INSERT INTO bullets_fts(bullets_fts, rowid, text) VALUES ('delete', old.id, old.text);
        END;
        CREATE TRIGGER IF NOT EXISTS bullets_fts_update AFTER UPDATE OF text ON bullets BEGIN
            INSERT INTO bullets_fts(bullets_fts, rowid, text) VALUES ('delete', old.id, old.text);
            INSERT INTO bullets_fts(rowid, text) VALUES (new.id, new.text);
        END;
        INSERT INTO bullets_fts(bullets_fts) VALUES ('rebuild');
        CREATE VIRTUAL TABLE IF NOT EXISTS meetings_fts USING fts5(
            title, content='meetings', content_rowid='id', tokenize='trigram');
        CREATE TRIGGER IF NOT EXISTS meetings_fts_insert AFTER INSERT ON meetings BEGIN
            INSERT INTO meetings_fts(rowid, title) VALUES (new.id, new.title);
        END;
        CREATE TRIGGER IF NOT EXISTS meetings_fts_delete AFTER DELETE ON meetings BEGIN
            INSERT INTO meetings_fts(meetings_fts, rowid, title) VALUES ('delete', old.id, old.title);
        END;
        CREATE TRIGGER IF NOT EXISTS meetings_fts_update AFTER UPDATE OF title ON meetings BEGIN
            INSERT INTO meetings_fts(meetings_fts, rowid, title) VALUES ('delete', old.id, old.title);
            INSERT INTO meetings_fts(rowid, title) VALUES (new.id, new.title);
        END;
        INSERT INTO meetings_fts(meetings_fts) VALUES ('rebuild');
        """,
    ),
    (
        # Archive import (transcriber.archive.convert): which archive file a meeting was
        # read from, and the file's layout (spacing, label colon, trailing lines) so that
        # republishing it changes only the lines the editor changed.
        "meetings remember their archive file",
        """
        ALTER TABLE meetings ADD COLUMN archive_root TEXT;
        ALTER TABLE meetings ADD COLUMN archive_file TEXT;
        ALTER TABLE meetings ADD COLUMN archive_layout TEXT NOT NULL DEFAULT '{}';
        """,
    ),
    (
        # Word timings (faster-whisper word_timestamps) for click-a-word playback:
        # a JSON list of [start, end, text, probability], empty for typed bullets.
        "bullets keep their word timings",
        """
        ALTER TABLE bullets ADD COLUMN words TEXT NOT NULL DEFAULT '[]';
        """,
    ),
    (
        # The library glossary (transcriber.library.glossary): terms the decoder should
        # prefer (faster-whisper hotwords) and their wrong forms, corrected after decoding;
        # plus the correction suggestions the editor declined, not to be offered again.
        "library glossary",
        """
        CREATE TABLE glossary_terms (
            id INTEGER PRIMARY KEY,
            term TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL
        );
        CREATE TABLE glossary_corrections (
            id INTEGER PRIMARY KEY,
            term_id INTEGER NOT NULL REFERENCES glossary_terms(id) ON DELETE CASCADE,
            wrong TEXT NOT NULL UNIQUE
        );
        CREATE TABLE glossary_declined (
            wrong TEXT NOT NULL,
            right TEXT NOT NULL,
            PRIMARY KEY (wrong, right)
        );
        """,
    ),
    (
        # Problems found while transcribing that the user must hear about, such as a
        # file that decoded shorter than its header promised: a JSON list of sentences.
        "meetings keep warnings",
        """
        ALTER TABLE meetings ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]';
        """,
    ),
    (
        # One bullet per position in a meeting, so concurrent edits and appends can never
        # leave two bullets in the same place (export order). Meetings where an older
        # race left duplicates are renumbered first, keeping reading order (position, id).
        # Code that moves positions parks bullets first (transcriber.library.editing.rows).
        "bullet positions unique per meeting",
        """
        UPDATE bullets SET position = ranked.n
        FROM (
            SELECT id, ROW_NUMBER() OVER (PARTITION BY meeting_id ORDER BY position, id) - 1 AS n
            FROM bullets
            WHERE meeting_id IN (
                SELECT meeting_id FROM bullets GROUP BY meeting_id, position HAVING COUNT(*) > 1)
        ) AS ranked
        WHERE bullets.id = ranked.id;
        DROP INDEX IF EXISTS bullets_meeting_position;
        CREATE UNIQUE INDEX bullets_meeting_position ON bullets(meeting_id, position);
        """,
    ),
    (
        # Files the app wrote outside the library (exports, transcripts, review copies)
        # with their sha256: writing one of them again needs no --force while it is
        # unchanged; any other existing file is not replaced without it.
        "files written by exports",
        """
        CREATE TABLE written_files (
            path TEXT PRIMARY KEY,
            sha256 TEXT NOT NULL,
            written_at TEXT NOT NULL
        );
        """,
    ),
    (
        # Glossary switches (transcriber.library.glossary), such as whether its terms are
        # also given to the decoder as hotwords (off unless the user turns it on).
        "glossary options",
        """
        CREATE TABLE glossary_options (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """,
    ),
    (
        # Bullet ids are never handed out twice (AUTOINCREMENT): SQLite otherwise gives a
        # deleted last row's id to the next insert, and the undo history, which names
        # bullets by id, could then mistake a bullet appended by a live transcription for
        # one an editor deleted. The table is rebuilt inside the migration's transaction.
        "bullet ids never reused",
        """
        CREATE TABLE bullets_numbered (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id),
            position INTEGER NOT NULL,
            kind TEXT NOT NULL DEFAULT 'speech'
                CHECK (kind IN ('speech', 'question', 'narrative', 'other_side')),
            speaker_id INTEGER REFERENCES speakers(id),
            text TEXT NOT NULL DEFAULT '',
            start REAL,
            "end" REAL,
            redacted INTEGER NOT NULL DEFAULT 0,
            redaction_reason TEXT NOT NULL DEFAULT '',
            flagged INTEGER NOT NULL DEFAULT 0,
            flag_reason TEXT NOT NULL DEFAULT '',
            source TEXT,
            extra TEXT NOT NULL DEFAULT '{}',
            words TEXT NOT NULL DEFAULT '[]'
        );
        INSERT INTO bullets_numbered (id, meeting_id, position, kind, speaker_id, text, start,
            "end", redacted, redaction_reason, flagged, flag_reason, source, extra, words)
        SELECT id, meeting_id, position, kind, speaker_id, text, start, "end", redacted,
            redaction_reason, flagged, flag_reason, source, extra, words FROM bullets;
        DROP TABLE bullets;
        ALTER TABLE bullets_numbered RENAME TO bullets;
        CREATE UNIQUE INDEX bullets_meeting_position ON bullets(meeting_id, position);
        CREATE TRIGGER bullets_fts_insert AFTER INSERT ON bullets BEGIN
            INSERT INTO bullets_fts(rowid, text) VALUES (new.id, new.text);
        END;
        CREATE TRIGGER bullets_fts_delete AFTER DELETE ON bullets BEGIN
            INSERT INTO bullets_fts(bullets_fts, rowid, text) VALUES ('delete', old.id, old.text);
        END;
        CREATE TRIGGER bullets_fts_update AFTER UPDATE OF text ON bullets BEGIN
            INSERT INTO bullets_fts(bullets_fts, rowid, text) VALUES ('delete', old.id, old.text);
            INSERT INTO bullets_fts(rowid, text) VALUES (new.id, new.text);
        END;
        """,
    ),
    (
        # Every write transaction bumps this counter, and the ledger beside the database
        # notes it once committed: a database behind its ledger lost transactions with
        # its WAL (transcriber.library.integrity). The application id marks the file as
        # a transcriber library, so another program's database is never taken for one.
        "commit counter and library mark",
        f"""
        CREATE TABLE commits (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            counter INTEGER NOT NULL,
            at TEXT NOT NULL
        );
        INSERT INTO commits (id, counter, at) VALUES (1, 0, '');
        PRAGMA application_id = {APPLICATION_ID};
        """,
    ),
    (
        # Deleting a meeting moves it to the trash (transcriber.library.trash): its rows
        # and audio stay as they are, only listed here, so restoring it is exact.
        "meetings in the trash",
        """
        CREATE TABLE trash (
            meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id),
            deleted_at TEXT NOT NULL
        );
        """,
    ),
    (
        # Meetings imported before the import read their archive's licence were stored as
        # CC BY 4.0 even from a CC0 archive: they get the licence their archive states,
        # where that is certain (transcriber.library.imported_licences).
        "imported meetings take their archive's licence",
        repair_imported_licences,
    ),
    (
        # New meetings were stored as CC BY 4.0 when nobody chose a licence, so an editor's
        # explicit CC BY 4.0 could not be told from no choice and was published as the
        # archive's licence: a meeting nobody chose one for now says so
        # (transcriber.library.licence_choice).
        "a licence nobody chose follows the archive",
        follow_the_archive_where_unchosen,
    ),
]


def words_json(words: Iterable[Word]) -> str:
    """The stored form of word timings: compact JSON, one list per word."""
    return json.dumps(
        [[w.start, w.end, w.text, w.probability] for w in words],
        ensure_ascii=False, separators=(",", ":"),
    )


# C0 and C1 control characters (terminal escapes, tabs, line breaks, NUL): no title needs one.
_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean_title(title: str) -> str:
    """A meeting title as stored: each control character becomes a space, ends trimmed.

    Done where titles enter the library, so no list, export or file name ever
    carries a terminal escape or a character XML and file systems refuse.
    """
    return _CONTROL_CHARS.sub(" ", str(title)).strip()


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def check_meeting_date(date: object) -> str:
    """``date`` if it is a real day written YYYY-MM-DD (years 1000 to 9999); else TitleError.

    Checked wherever a date enters the library (CLI, GUI, archive import all come
    through the store), because the date becomes the archive file's name and URL.
    """
    text = str(date).strip()
    if _DATE.fullmatch(text) and int(text[:4]) >= 1000:
        try:
            dt.date.fromisoformat(text)
            return text
        except ValueError:
            pass
    # quoted, control characters escaped, Chinese kept readable
    raise TitleError(message("{date!r} is not a meeting date; give a real day as YYYY-MM-DD, "
                             "such as 2024-05-01.", date=str(date)[:40]))


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def default_library_path() -> Path:
    """``TRANSCRIBER_LIBRARY`` if set, otherwise the platform's user data folder."""
    env = os.environ.get(LIBRARY_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("transcriber", appauthor=False)) / "library"


def _row_to(cls: type, row: dict) -> object:
    names = {f.name for f in dataclasses.fields(cls)}
    values = {k: v for k, v in row.items() if k in names}
    if cls is Bullet:
        values["redacted"] = bool(values.get("redacted"))
        values["flagged"] = bool(values.get("flagged"))
        values["extra"] = json.loads(values.get("extra") or "{}")
        values["words"] = [Word(*item) for item in json.loads(values.get("words") or "[]")]
    if cls is Speaker:
        values["is_default"] = bool(values.get("is_default"))
    return cls(**values)


class Library:
    """A library folder: ``library.db`` plus ``audio/`` for recordings."""

    def __init__(self, path: str | os.PathLike[str] | None = None, read_only: bool = False) -> None:
        """Open (or create) the library at ``path``.

        A damaged, empty or newer library database is refused with a ``LibraryError``
        before anything is written (see ``transcriber.library.integrity``).
        ``read_only`` opens an existing library without ever writing to it: for
        reading a library on read-only media.
        """
        if path is not None and not str(path).strip():
            raise LibraryError(message("The library folder is an empty name; give a folder."))
        self.path = Path(path) if path is not None else default_library_path()
        self.audio_dir = self.path / "audio"
        self.db_path = self.path / DB_NAME
        self.read_only = read_only
        self._local = threading.local()
        self._checked = False
        self._counting = False  # set once migrated: older schemas have no counter
        refuse_unusable_file(self.db_path)
        if read_only:
            self.db.execute("SELECT 1")  # opens and checks the database now
            return
        try:
            self.audio_dir.mkdir(parents=True, exist_ok=True)
            # A name of this process and thread's own: another opening the library at
            # the same moment must not delete this probe under it.
            probe = self.path / f".write-test-{os.getpid()}-{threading.get_ident()}"
            probe.write_bytes(b"")
            probe.unlink()
            if not self.db_path.exists():
                self._create_database_file()
        except OSError as exc:
            raise LibraryError(
                message("Cannot write to the library folder {path}: {detail}.", path=self.path, detail=exc.strerror or exc)
            ) from exc
        self.migrate()

    def _create_database_file(self) -> None:
        """A new library's database file appears whole: written under a temporary name
        and linked into place, so another process opening the library at that moment
        never meets the 0-byte file SQLite starts from (refused as damaged)."""
        temporary = self.path / f".{DB_NAME}.{os.getpid()}-{threading.get_ident()}.new"
        try:
            conn = sqlite3.connect(temporary)
            try:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute("PRAGMA journal_mode=WAL")  # writes the header page
            finally:
                conn.close()
            try:
                os.link(temporary, self.db_path)  # fails if another process was first: fine
            except FileExistsError:
                pass
            except OSError:  # a file system without hard links
                if not self.db_path.exists():
                    os.rename(temporary, self.db_path)
        finally:
            temporary.unlink(missing_ok=True)

    @classmethod
    def for_reading(cls, path: str | os.PathLike[str] | None = None) -> Library:
        """The library for commands that only read: read-only where it cannot be written."""
        try:
            return cls(path)
        except DamagedLibraryError:
            raise
        except LibraryError:
            library_path = Path(path) if path is not None else default_library_path()
            db_path = library_path / DB_NAME
            writable = os.access(library_path, os.W_OK) and os.access(db_path, os.W_OK)
            if not db_path.is_file() or writable:
                raise
            return cls(path, read_only=True)

    # -- connections -------------------------------------------------------------------

    @property
    def db(self) -> sqlite_utils.Database:
        """This thread's connection (SQLite connections must not cross threads)."""
        db = getattr(self._local, "db", None)
        if db is None:
            try:
                if self.read_only:
                    conn = connect_read_only(self.db_path)
                    if not self._checked:
                        check_open_database(conn, self.db_path, len(MIGRATIONS))
                        self._checked = True
                else:
                    if not self._checked:
                        # Through a connection that cannot write, closed before the library's
                        # own: closing a writer checkpoints (and so writes) a damaged WAL or
                        # another program's database.
                        probe = connect_read_only(self.db_path)
                        try:
                            check_open_database(probe, self.db_path, len(MIGRATIONS))
                        finally:
                            probe.close()
                        self._checked = True
                    conn = sqlite3.connect(self.db_path, timeout=30)
                if not self.read_only:
                    conn.execute("PRAGMA journal_mode=WAL")
                    conn.execute("PRAGMA synchronous=FULL")
                conn.execute("PRAGMA foreign_keys=ON")
            except sqlite3.Error as exc:
                raise LibraryError(
                    message("Cannot open the library database {db_path}: {detail}.", db_path=self.db_path, detail=exc)
                ) from exc
            db = sqlite_utils.Database(conn)
            self._local.db = db
        return db

    @contextmanager
    def atomic(self) -> Iterator[sqlite_utils.Database]:
        """One transaction, taking the write lock up front.

        A plain BEGIN reads first and upgrades to a writer later; in WAL mode that
        upgrade fails at once with "database is locked" when another connection
        (the GUI typing while a transcription appends) committed in between, and the
        busy timeout does not apply. BEGIN IMMEDIATE waits for the lock instead.
        Nested blocks become savepoints.
        """
        if self.read_only:
            raise LibraryError(
                message("The library {path} can only be read here (read-only media or no "
                        "permission to write), and this needs to change it.", path=self.path)
            )
        db = self.db
        if db.conn.in_transaction:
            with db.atomic():
                yield db
            return
        db.conn.execute("BEGIN IMMEDIATE")
        changes = db.conn.total_changes
        try:
            yield db
            # Only a transaction that changed something is counted (and so written).
            counted = self._count_commit(db) if db.conn.total_changes != changes else None
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise
        db.conn.execute("COMMIT")
        if counted:
            note_commit(self.db_path, *counted)

    def _count_commit(self, db: sqlite_utils.Database) -> tuple[int, str] | None:
        """Bump the library's commit counter inside the transaction (integrity's ledger)."""
        if not self._counting:
            return None  # before the migration that adds the counter
        at = now_iso()
        (counter,) = db.execute(
            "UPDATE commits SET counter = counter + 1, at = ? WHERE id = 1 RETURNING counter",
            [at],
        ).fetchone()
        return counter, at

    def checkpoint(self) -> bool:
        """Copy what the WAL holds into the database file (at the end of each job).

        Until then committed changes live only in ``library.db-wal``. Passive: it never
        waits for, or blocks, another connection. True when nothing is left only in the WAL.
        """
        if self.read_only:
            return True
        try:
            busy, logged, copied = self.db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        except (sqlite3.Error, LibraryError):
            return False  # a full disk: the changes stay safe in the WAL
        return not busy and logged == copied

    def backup(self, target: str | os.PathLike[str]) -> Path:
        """A consistent copy of the library database at ``target`` (SQLite's backup API).

        Safe while other connections write; the audio folder is not copied.
        """
        target = Path(target)
        backup_database(self.db.conn, target, self.db_path)
        return target

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            if not self.read_only and not db.conn.in_transaction:
                self.checkpoint()
            db.close()
            self._local.db = None

    def migrate(self) -> int:
        """Apply pending migrations; return the schema version."""
        db = self.db
        with self.atomic():
            db.execute(
                "CREATE TABLE IF NOT EXISTS migrations "
                "(id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
        done = {row["id"] for row in db.query("SELECT id FROM migrations")}
        for number, (name, sql) in enumerate(MIGRATIONS, start=1):
            if number in done:
                continue
            # One script, one transaction: sqlite3's executescript() commits whatever
            # transaction is open before it runs, so a migration inside atomic() would run
            # unlocked and a second process opening the library at the same moment would
            # apply it again ("table ... already exists"). The migration's row goes first:
            # a process that finds it there (another applied it meanwhile) skips it.
            quoted = name.replace("'", "''")
            first = (f"BEGIN IMMEDIATE; INSERT INTO migrations (id, name, applied_at) "
                     f"VALUES ({number}, '{quoted}', '{now_iso()}');")
            try:
                if callable(sql):
                    db.conn.executescript(first)  # leaves the transaction open
                    sql(self)
                    db.conn.execute("COMMIT")
                else:
                    db.conn.executescript(f"{first}\n{sql}\n;COMMIT;")
            except sqlite3.IntegrityError:
                if db.conn.in_transaction:
                    db.conn.execute("ROLLBACK")
                if db.execute("SELECT 1 FROM migrations WHERE id = ?", [number]).fetchone():
                    continue  # applied by another process meanwhile
                raise
            except BaseException:
                if db.conn.in_transaction:
                    db.conn.execute("ROLLBACK")
                raise
        self._counting = True
        return len(MIGRATIONS)

    # -- meetings ----------------------------------------------------------------------

    def create_meeting(self, title: str, date: str | None = None, **fields: object) -> Meeting:
        if date:
            date = check_meeting_date(date)

        stamp = now_iso()
        row = {
            "title": clean_title(title),
            # "" is a meeting whose archive file carries no date: kept so, never invented.
            "date": dt.date.today().isoformat() if date is None else date,
            "created_at": stamp,
            "updated_at": stamp,
            # Not the column's old default, CC BY 4.0: a licence nobody chose follows the
            # archive the meeting is published to (transcriber.model.ARCHIVE_LICENCE).
            "licence": ARCHIVE_LICENCE,
            **fields,
        }
        with self.atomic() as db:
            meeting_id = db["meetings"].insert(row).last_pk
        return self.meeting(meeting_id)

    def create_meeting_for_job(
        self, title: str, date: str | None = None, **fields: object
    ) -> tuple[Meeting, TranscriptionLock]:
        """A new meeting in state ``running`` and its job lock, held by this thread.

        The lock is taken inside the transaction that creates the meeting, so no
        start-up pass in another process (``mark_interrupted``) can ever see the
        meeting running without its lock and mark it incomplete. The caller releases
        the lock when the job ends (``with lock:``).
        """
        from transcriber.library.jobs import TranscriptionLock

        lock: TranscriptionLock | None = None
        try:
            with self.atomic():
                meeting = self.create_meeting(
                    title, date, transcript_state=TranscriptState.RUNNING.value, **fields)
                lock = TranscriptionLock(self, meeting.id)
                lock.acquire()
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return meeting, lock

    def meeting(self, meeting_id: int) -> Meeting:
        rows = list(self.db.query("SELECT * FROM meetings WHERE id = ?", [meeting_id]))
        if not rows:
            raise NotFoundError(message("There is no meeting {meeting_id} in the library.", meeting_id=meeting_id))
        return _row_to(Meeting, rows[0])

    def meetings(self) -> list[Meeting]:
        """The meetings, newest first; not those in the trash (transcriber.library.trash)."""
        # A library read on read-only media may predate the trash.
        trashed = "WHERE id NOT IN (SELECT meeting_id FROM trash)" if self.db["trash"].exists() else ""
        rows = self.db.query(f"SELECT * FROM meetings {trashed} ORDER BY date DESC, id DESC")
        return [_row_to(Meeting, row) for row in rows]

    def remember_written(self, path: str | os.PathLike[str]) -> None:
        """Note that the app wrote ``path`` (as it is now), so writing it again is no slip."""
        from transcriber.audio import sha256_file  # lazily: audio imports numpy

        if self.read_only:
            return
        path = Path(path).resolve()
        with self.atomic() as db:
            db["written_files"].upsert(
                {"path": str(path), "sha256": sha256_file(path), "written_at": now_iso()},
                pk="path",
            )

    def wrote(self, path: str | os.PathLike[str]) -> bool:
        """Whether ``path`` is a file the app wrote and nobody changed since."""
        from transcriber.audio import sha256_file

        path = Path(path).resolve()
        row = self.db.execute(
            "SELECT sha256 FROM written_files WHERE path = ?", [str(path)]
        ).fetchone()
        try:
            return row is not None and path.is_file() and row[0] == sha256_file(path)
        except OSError:
            return False

    def bullet_counts(self) -> dict[int, int]:
        """Bullets per meeting id, counted by SQLite (no bullet is loaded)."""
        rows = self.db.execute("SELECT meeting_id, COUNT(*) FROM bullets GROUP BY meeting_id")
        return dict(rows.fetchall())

    def update_meeting(self, meeting_id: int, **fields: object) -> Meeting:
        self.meeting(meeting_id)
        if "title" in fields:
            fields["title"] = clean_title(fields["title"])
        if fields.get("date"):  # "" is a meeting with no date (an archive file without one)
            fields["date"] = check_meeting_date(fields["date"])
        with self.atomic() as db:
            db["meetings"].update(meeting_id, {**fields, "updated_at": now_iso()})
        return self.meeting(meeting_id)

    def add_meeting_warning(self, meeting_id: int, warning: str) -> None:
        """Keep a sentence the user must see about this meeting (shown by ``meetings show``)."""
        warnings = self.meeting_warnings(meeting_id)
        if warning not in warnings:
            self.update_meeting(meeting_id, warnings=json.dumps([*warnings, warning],
                                                                ensure_ascii=False))

    def meeting_warnings(self, meeting_id: int) -> list[str]:
        rows = list(self.db.query("SELECT warnings FROM meetings WHERE id = ?", [meeting_id]))
        if not rows:
            raise NotFoundError(message("There is no meeting {meeting_id} in the library.", meeting_id=meeting_id))
        return json.loads(rows[0]["warnings"] or "[]")

    def mark_interrupted(self) -> list[int]:
        """Start-up pass: transcriptions that were running when the app died are incomplete,
        and what audio copies killed midway left is removed (library.audio_copy).

        A meeting some live process is transcribing right now (its job lock is held,
        transcriber.library.jobs) is left running, and so is a copy running elsewhere.
        """
        from transcriber.library.audio_copy import remove_abandoned_copies
        from transcriber.library.jobs import transcription_running

        remove_abandoned_copies(self)

        with self.atomic() as db:
            ids = [
                row["id"]
                for row in db.query(
                    "SELECT id FROM meetings WHERE transcript_state = ?",
                    [TranscriptState.RUNNING.value],
                )
                if not transcription_running(self, row["id"])
            ]
            for meeting_id in ids:
                db["meetings"].update(
                    meeting_id, {"transcript_state": TranscriptState.INCOMPLETE.value}
                )
        return ids

    # -- recordings --------------------------------------------------------------------

    def _stored_path(self, path: str | os.PathLike[str]) -> str:
        """A recording's path as stored: relative to the library folder when inside it,
        so a moved or copied library finds (its own copy of) the audio."""
        absolute = Path(path).resolve()
        try:
            return absolute.relative_to(self.path.resolve()).as_posix()
        except ValueError:
            return str(absolute)

    def _recording_from(self, row: dict) -> Recording:
        """A stored row with its path made absolute for this library's current place.

        A path stored absolute by an older version into an ``audio`` folder is read
        from this library's own ``audio`` folder when that holds the file: the library
        was moved or copied since.
        """
        stored = Path(row["path"])
        if not stored.is_absolute():
            path = self.path / stored
        else:
            own = self.audio_dir / stored.name
            path = own if stored.parent.name == "audio" and own.exists() else stored
        return _row_to(Recording, {**row, "path": str(path)})

    def add_recording(self, meeting_id: int, path: str | os.PathLike[str], **fields: object) -> Recording:
        row = {"meeting_id": meeting_id, "path": self._stored_path(path), "created_at": now_iso(),
               **fields}
        with self.atomic() as db:
            recording_id = db["recordings"].insert(row).last_pk
        return self.recording(recording_id)

    def recording(self, recording_id: int) -> Recording:
        rows = list(self.db.query("SELECT * FROM recordings WHERE id = ?", [recording_id]))
        if not rows:
            raise NotFoundError(message("There is no recording {recording_id} in the library.", recording_id=recording_id))
        return self._recording_from(rows[0])

    def verified_audio(self, recording: Recording) -> Path:
        """The recording's file, checked to be the audio stored (its sha256), before it
        is transcribed again or published: a swapped or changed file is refused."""
        from transcriber.audio import sha256_file  # lazily: audio imports numpy

        path = Path(recording.path)
        try:
            digest = sha256_file(path) if recording.sha256 else ""
        except FileNotFoundError:
            raise LibraryError(
                message("The recording of meeting {meeting_id} is missing: there is no "
                        "file {path}; put it back into the library's audio folder.", meeting_id=recording.meeting_id, path=path)
            ) from None
        except OSError as exc:
            raise LibraryError(
                message("Cannot read the recording {path}: {detail}.", path=path, detail=exc.strerror or exc)
            ) from exc
        if digest != recording.sha256:
            raise LibraryError(
                message("The recording file {path} is not the audio stored for meeting "
                        "{meeting_id} (its sha256 has changed); nothing was done: put the "
                        "original file back.", path=path, meeting_id=recording.meeting_id)
            )
        return path

    def recordings(self, meeting_id: int | None = None, state: str | None = None) -> list[Recording]:
        clauses, params = [], []
        if meeting_id is not None:
            clauses.append("meeting_id = ?")
            params.append(meeting_id)
        if state is not None:
            clauses.append("state = ?")
            params.append(state)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self.db.query(f"SELECT * FROM recordings {where} ORDER BY id", params)
        return [self._recording_from(row) for row in rows]

    def update_recording(self, recording_id: int, **fields: object) -> Recording:
        self.recording(recording_id)
        if "path" in fields:
            fields["path"] = self._stored_path(fields["path"])
        with self.atomic() as db:
            db["recordings"].update(recording_id, fields)
        return self.recording(recording_id)

    def add_marker(self, recording_id: int, at: float, label: str = "") -> int:
        with self.atomic() as db:
            return db["markers"].insert(
                {"recording_id": recording_id, "at": at, "label": label}
            ).last_pk

    def markers(self, recording_id: int) -> list[dict]:
        return list(
            self.db.query("SELECT * FROM markers WHERE recording_id = ? ORDER BY at", [recording_id])
        )

    # -- speakers ----------------------------------------------------------------------

    def speaker(self, meeting_id: int, name: str, is_default: bool = False) -> Speaker:
        """The meeting's speaker called ``name``, created if new."""
        with self.atomic() as db:
            rows = list(
                db.query(
                    "SELECT * FROM speakers WHERE meeting_id = ? AND name = ?", [meeting_id, name]
                )
            )
            if rows:
                return _row_to(Speaker, rows[0])
            speaker_id = db["speakers"].insert(
                {"meeting_id": meeting_id, "name": name, "is_default": int(is_default)}
            ).last_pk
        return Speaker(speaker_id, meeting_id, name, is_default)

    def speakers(self, meeting_id: int) -> list[Speaker]:
        rows = self.db.query("SELECT * FROM speakers WHERE meeting_id = ? ORDER BY id", [meeting_id])
        return [_row_to(Speaker, row) for row in rows]

    # -- bullets -----------------------------------------------------------------------

    @staticmethod
    def _bullet_row(bullet: Bullet) -> dict:
        row = dataclasses.asdict(bullet)
        row.pop("id")
        row["redacted"] = int(bullet.redacted)
        row["flagged"] = int(bullet.flagged)
        row["extra"] = json.dumps(bullet.extra, ensure_ascii=False)
        row["words"] = words_json(bullet.words)
        return row

    def append_bullets(self, meeting_id: int, bullets: Iterable[Bullet]) -> list[Bullet]:
        """Add bullets after the meeting's last one, in one transaction."""
        added = []
        with self.atomic() as db:
            last = db.execute(
                "SELECT COALESCE(MAX(position), -1) FROM bullets WHERE meeting_id = ?",
                [meeting_id],
            ).fetchone()[0]
            for offset, bullet in enumerate(bullets, start=1):
                bullet = dataclasses.replace(bullet, meeting_id=meeting_id, position=last + offset)
                bullet.id = db["bullets"].insert(self._bullet_row(bullet)).last_pk
                added.append(bullet)
            db["meetings"].update(meeting_id, {"updated_at": now_iso()})
        return added

    def bullets(self, meeting_id: int) -> list[Bullet]:
        rows = self.db.query(
            "SELECT * FROM bullets WHERE meeting_id = ? ORDER BY position", [meeting_id]
        )
        return [_row_to(Bullet, row) for row in rows]

    def bullet(self, bullet_id: int) -> Bullet:
        rows = list(self.db.query("SELECT * FROM bullets WHERE id = ?", [bullet_id]))
        if not rows:
            raise NotFoundError(message("There is no bullet {bullet_id} in the library.", bullet_id=bullet_id))
        return _row_to(Bullet, rows[0])

    def update_bullet(self, bullet_id: int, **fields: object) -> Bullet:
        bullet = self.bullet(bullet_id)
        if "extra" in fields:
            fields["extra"] = json.dumps(fields["extra"], ensure_ascii=False)
        if "words" in fields:
            fields["words"] = words_json(fields["words"])
        with self.atomic() as db:
            db["bullets"].update(bullet_id, fields)
            db["meetings"].update(bullet.meeting_id, {"updated_at": now_iso()})
        return self.bullet(bullet_id)

    def delete_bullets(self, meeting_id: int) -> None:
        with self.atomic() as db:
            db.execute("DELETE FROM bullets WHERE meeting_id = ?", [meeting_id])

    # -- publications ------------------------------------------------------------------

    def add_publication(
        self, meeting_id: int, commit_sha: str, path: str, remote: str | None = None
    ) -> int:
        with self.atomic() as db:
            return db["publications"].insert(
                {
                    "meeting_id": meeting_id,
                    "commit_sha": commit_sha,
                    "remote": remote,
                    "path": path,
                    "published_at": now_iso(),
                }
            ).last_pk

    def publications(self, meeting_id: int) -> list[dict]:
        return list(
            self.db.query(
                "SELECT * FROM publications WHERE meeting_id = ? ORDER BY id", [meeting_id]
            )
        )

    def bulk_append_bullets(self, meeting_id: int, bullets: Iterable[Bullet]) -> int:
        """``append_bullets`` for thousands of rows (archive import): one INSERT per
        batch instead of per bullet, ids not returned. Returns how many were added."""
        names = [f.name for f in dataclasses.fields(Bullet) if f.name != "id"]
        with self.atomic() as db:
            last = db.execute(
                "SELECT COALESCE(MAX(position), -1) FROM bullets WHERE meeting_id = ?",
                [meeting_id],
            ).fetchone()[0]
            rows = []
            for offset, bullet in enumerate(bullets, start=1):
                row = {name: getattr(bullet, name) for name in names}
                row.update(
                    meeting_id=meeting_id,
                    position=last + offset,
                    redacted=int(bullet.redacted),
                    flagged=int(bullet.flagged),
                    extra=json.dumps(bullet.extra, ensure_ascii=False),
                    words=words_json(bullet.words),
                )
                rows.append(row)
            db["bullets"].insert_all(rows, batch_size=500)
            db["meetings"].update(meeting_id, {"updated_at": now_iso()})
        return len(rows)
