"""Another program's SQLite database is refused without one byte written; our own older
libraries (from before the library mark) still open, and are marked."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from transcriber.cli import cli
from transcriber.library.integrity import APPLICATION_ID, ForeignLibraryError
from transcriber.library.store import Library
from transcriber.model import Bullet


def run(library_path: Path, *args: str):
    return CliRunner().invoke(cli, ["--library", str(library_path), *args])


def _foreign(db: Path, schema: str) -> None:
    conn = sqlite3.connect(db)
    conn.executescript(schema)
    conn.commit()
    conn.close()


@pytest.mark.parametrize("schema", [
    "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);"
    "INSERT INTO moz_places (url) VALUES ('https://example.org');",
    # Its own `meetings` table: was half-migrated, then "table meetings already exists".
    "CREATE TABLE meetings (id INTEGER PRIMARY KEY, room TEXT);"
    "INSERT INTO meetings (room) VALUES ('B2');",
    "PRAGMA application_id = 1234; CREATE TABLE t (x);",
], ids=["browser-history", "own-meetings-table", "other-application-id"])
def test_another_programs_database_is_refused_untouched(tmp_path, schema) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    db = lib / "library.db"
    _foreign(db, schema)
    before = db.read_bytes()
    for command in (["meetings", "list"], ["meetings", "search", "budget"],
                    ["transcribe", str(tmp_path / "x.wav")], ["library", "check"]):
        result = run(lib, *command)
        assert result.exit_code == 1 and "Traceback" not in result.output, result.output
        assert "not a transcriber library" in result.output
    with pytest.raises(ForeignLibraryError):
        Library(lib)
    assert db.read_bytes() == before  # was: 40 tables added to it
    assert not (lib / "library.db-wal").exists() or (lib / "library.db-wal").stat().st_size == 0


def test_a_library_from_before_the_mark_opens_and_is_marked(tmp_path) -> None:
    library = Library(tmp_path / "lib")
    meeting = library.create_meeting("Old meeting", "2020-01-02")
    library.append_bullets(meeting.id, [Bullet(None, meeting.id, 0, "Kept.")])
    library.close()
    conn = sqlite3.connect(tmp_path / "lib" / "library.db")  # as the previous version left it
    conn.executescript("PRAGMA application_id = 0; DROP TABLE commits; DELETE FROM migrations "
                       "WHERE name = 'commit counter and library mark';")
    conn.close()
    (tmp_path / "lib" / "library.db.commits").unlink()

    listed = run(tmp_path / "lib", "meetings", "list")
    assert listed.exit_code == 0 and "Old meeting" in listed.stdout
    conn = sqlite3.connect(tmp_path / "lib" / "library.db")
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


def test_a_new_library_carries_the_mark(tmp_path) -> None:
    Library(tmp_path / "lib").close()
    conn = sqlite3.connect(tmp_path / "lib" / "library.db")
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()
