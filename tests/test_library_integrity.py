"""A damaged library is refused, never replaced; checked, backed up; titles and ids are safe."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from transcriber.cli import cli
from transcriber.errors import LibraryError
from transcriber.library.editing import MeetingEditor
from transcriber.library.store import MIGRATIONS, Library
from transcriber.model import Bullet


def run(library_path: Path, *args: str):
    return CliRunner().invoke(cli, ["--library", str(library_path), *args])


def _stocked(path: Path, bullets: int = 40) -> Library:
    library = Library(path)
    meeting = library.create_meeting("Budget hearing", "2024-05-01")
    library.append_bullets(meeting.id, [
        Bullet(None, meeting.id, 0, f"Line {n} of the hearing.") for n in range(bullets)])
    return library


def _one_sentence(result) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith("Error: ")
    return line


@pytest.mark.parametrize("content", [b"", b"This is my diary, not a database.\n" * 100],
                         ids=["empty", "not-sqlite"])
def test_an_empty_or_foreign_library_file_is_refused_and_left_alone(tmp_path, content) -> None:
    (tmp_path / "lib").mkdir()
    db = tmp_path / "lib" / "library.db"
    db.write_bytes(content)
    for command in (["meetings", "list"], ["transcribe", str(tmp_path / "x.wav")],
                    ["meetings", "search", "budget"]):
        line = _one_sentence(run(tmp_path / "lib", *command))
        assert "nothing was changed" in line
    assert db.read_bytes() == content  # was: a new library written over it
    assert sorted(p.name for p in (tmp_path / "lib").iterdir()) == ["library.db"]


def _damage(db: Path) -> None:
    """Overwrite the page that holds the bullets' table with noise, as a bad disk would."""
    conn = sqlite3.connect(db)
    page = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'bullets'").fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    with open(db, "r+b") as f:
        f.seek((page - 1) * page_size)
        f.write(bytes([0x55]) * page_size)


def test_a_damaged_library_is_refused_checked_and_explained(tmp_path) -> None:
    _stocked(tmp_path / "lib").close()
    db = tmp_path / "lib" / "library.db"
    _damage(db)
    damaged = db.read_bytes()

    for command in (["meetings", "list"], ["meetings", "search", "hearing"],
                    ["export", "1"], ["transcribe", str(tmp_path / "x.wav")]):
        line = _one_sentence(run(tmp_path / "lib", *command))
        assert "damaged" in line and "library check" in line
    assert db.read_bytes() == damaged  # was: transcribe kept writing into it, exit 0

    check = run(tmp_path / "lib", "library", "check")
    assert check.exit_code == 1
    assert "backup" in check.stderr and ".recover" in check.stderr


def test_a_library_from_a_newer_version_is_refused(tmp_path) -> None:
    library = _stocked(tmp_path / "lib")
    with library.atomic() as db:
        db["migrations"].insert({"id": len(MIGRATIONS) + 1, "name": "from the future",
                                 "applied_at": "2030-01-01"})
    library.close()
    with pytest.raises(LibraryError, match="newer version of transcriber"):
        Library(tmp_path / "lib")
    assert "newer version" in _one_sentence(run(tmp_path / "lib", "meetings", "list"))


def test_check_passes_on_a_sound_library(tmp_path) -> None:
    _stocked(tmp_path / "lib").close()
    check = run(tmp_path / "lib", "library", "check")
    assert check.exit_code == 0 and "sound" in check.stdout


def test_backup_is_a_consistent_copy_while_another_thread_writes(tmp_path) -> None:
    library = _stocked(tmp_path / "lib", bullets=2000)
    meeting_id = library.meetings()[0].id
    stop = threading.Event()

    def keep_appending() -> None:
        while not stop.is_set():
            library.append_bullets(meeting_id, [Bullet(None, meeting_id, 0, "more")])
        library.close()

    writer = threading.Thread(target=keep_appending)
    writer.start()
    try:
        result = run(tmp_path / "lib", "library", "backup", str(tmp_path / "copy.db"))
    finally:
        stop.set()
        writer.join()
    assert result.exit_code == 0, result.output
    copy = sqlite3.connect(tmp_path / "copy.db")
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    positions = [row[0] for row in copy.execute(
        "SELECT position FROM bullets ORDER BY position")]
    assert len(positions) >= 2000 and positions == list(range(len(positions)))
    copy.close()
    # The backup opens as a library of its own.
    restored = tmp_path / "restored"
    restored.mkdir()
    (tmp_path / "copy.db").rename(restored / "library.db")
    assert len(Library(restored).bullets(meeting_id)) == len(positions)

    again = run(tmp_path / "lib", "library", "backup", str(restored / "library.db"))
    assert again.exit_code == 1  # an existing file is not overwritten
    library.close()


def test_control_characters_never_reach_a_title(tmp_path) -> None:
    library = Library(tmp_path / "lib")
    meeting = library.create_meeting("Hearing\x1b[2J\x1b]0;owned\x07 on\tbudget\n", "2024-05-01")
    assert meeting.title == "Hearing [2J ]0;owned  on budget"
    assert library.update_meeting(meeting.id, title="A\x00B\x9bC").title == "A B C"
    MeetingEditor(library, meeting.id).update_meeting_header(title="\x1b[31mRed\x1b[0m")
    assert "\x1b" not in library.meeting(meeting.id).title
    # A title stored by an older version is cleaned on the way to the terminal too.
    with library.atomic() as db:
        db.execute("UPDATE meetings SET title = ? WHERE id = ?", ["Old\x1b[5mblink", meeting.id])
    listed = run(tmp_path / "lib", "meetings", "list")
    assert listed.exit_code == 0 and "\x1b" not in listed.output and "Old [5mblink" in listed.output
    library.close()


def test_an_empty_library_name_is_refused(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["--library", "", "meetings", "list"])
    assert result.exit_code == 2 and "empty name" in result.output
    assert list(tmp_path.iterdir()) == []  # was: a library created in the current folder
    with pytest.raises(LibraryError):
        Library("")


def test_positions_left_duplicated_by_an_older_version_are_renumbered(tmp_path) -> None:
    library = _stocked(tmp_path / "lib", bullets=4)
    meeting_id = library.meetings()[0].id
    with library.atomic() as db:  # the library as the old append/undo race left it
        db.execute("DROP INDEX bullets_meeting_position")
        db.execute("UPDATE bullets SET position = 1 WHERE position = 2")
        db.execute("DELETE FROM migrations WHERE name = 'bullet positions unique per meeting'")
    library.close()
    library = Library(tmp_path / "lib")
    bullets = library.bullets(meeting_id)
    assert [b.position for b in bullets] == [0, 1, 2, 3]
    assert [b.text for b in bullets] == [f"Line {n} of the hearing." for n in range(4)]
    with pytest.raises(sqlite3.IntegrityError), library.atomic() as db:
        db.execute("UPDATE bullets SET position = 0 WHERE position = 1")
    library.close()


def test_processes_opening_a_new_library_at_once_all_get_it(tmp_path) -> None:
    """Was: one created library.db, the others met it at 0 bytes and refused it as damaged."""
    import subprocess
    import sys

    path = tmp_path / "new-library"
    code = ("import sys, time\nfrom transcriber.library.store import Library\n"
            "time.sleep(max(0.0, float(sys.argv[2]) - time.time()))\n"
            "Library(sys.argv[1]).meetings()\n")
    import time

    start = time.time() + 5.0  # all at the same moment, once their imports are done
    processes = [subprocess.Popen([sys.executable, "-c", code, str(path), str(start)],
                                  stderr=subprocess.PIPE, text=True) for _ in range(6)]
    errors = [p.communicate(timeout=60)[1] for p in processes]
    assert [p.returncode for p in processes] == [0] * 6, errors
    assert not list(path.glob(".library.db.*"))  # no temporary file left behind
