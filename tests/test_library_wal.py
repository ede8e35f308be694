"""Committed data is never dropped without a word: a lost or damaged WAL, read-only media,
backups that would lack committed changes, and the checkpoint at the end of each job."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import fault_support
import pytest
from click.testing import CliRunner

from transcriber.cli import cli
from transcriber.errors import LibraryError
from transcriber.library.integrity import DamagedLibraryError
from transcriber.library.jobs import TranscriptionLock
from transcriber.library.store import Library
from transcriber.model import Bullet

ROOT = Path(__file__).resolve().parents[1]

# A job that commits bullets one by one and dies without closing the library (as a
# stopped or killed transcription does): its changes are left only in the WAL.
KILLED_JOB = """
import os, sys
from transcriber.library.store import Library
from transcriber.model import Bullet
library = Library(sys.argv[1])
meeting = library.create_meeting("Budget hearing", "2024-05-01")
for n in range(int(sys.argv[2])):
    library.append_bullets(meeting.id, [Bullet(None, meeting.id, 0, f"Line {n}. " * 40)])
os._exit(130)
"""


def run(library_path: Path, *args: str):
    return CliRunner().invoke(cli, ["--library", str(library_path), *args])


def killed_job(library_path: Path, bullets: int = 30) -> None:
    result = subprocess.run([sys.executable, "-c", KILLED_JOB, str(library_path), str(bullets)],
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            capture_output=True, text=True)
    assert result.returncode == 130, result.stderr


def _damage_wal(wal: Path, how: str) -> None:
    data = wal.read_bytes()
    assert len(data) > 100_000  # the job's bullets are there, not yet in library.db
    if how == "truncated":
        wal.write_bytes(data[: len(data) // 2])
    elif how == "garbled":
        middle = len(data) // 2
        wal.write_bytes(data[:middle] + bytes(b ^ 0x5A for b in data[middle:middle + 64])
                        + data[middle + 64:])
    elif how == "zeroed":
        wal.write_bytes(bytes(len(data)))
    else:
        wal.unlink()


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()
            if p.is_file() and not p.name.endswith("-shm")}


@pytest.mark.parametrize("how", ["truncated", "garbled", "zeroed", "deleted"])
def test_a_damaged_or_missing_wal_is_detected_and_nothing_written(tmp_path, how) -> None:
    lib = tmp_path / "lib"
    killed_job(lib)
    _damage_wal(lib / "library.db-wal", how)
    before = {k: v for k, v in _files(lib).items() if not k.endswith("-wal")}

    listed = run(lib, "meetings", "list")
    assert listed.exit_code == 1 and "Traceback" not in listed.output
    assert "lost the last" in listed.stderr and "library restore" in listed.stderr
    assert listed.stdout == ""  # was: the library listed without the meeting, exit 0
    with pytest.raises(DamagedLibraryError, match="write-ahead log"):
        Library(lib)
    check = run(lib, "library", "check")
    assert check.exit_code == 1 and "lost the last" in check.output  # was: "sound"
    after = {k: v for k, v in _files(lib).items() if not k.endswith("-wal")}
    assert after == before  # refused without one byte written

    # Going on with what the database still holds is a decision, and then it opens.
    accepted = run(lib, "library", "restore", "--accept-loss")
    assert accepted.exit_code == 0, accepted.output
    assert list(lib.glob("damaged-*/library.db"))  # the damaged files are kept
    Library(lib).close()
    assert run(lib, "library", "check").exit_code == 0


def test_a_backup_put_back_restores_the_library(tmp_path) -> None:
    lib = tmp_path / "lib"
    library = Library(lib)
    meeting = library.create_meeting("Kept meeting", "2024-05-02")
    library.append_bullets(meeting.id, [Bullet(None, meeting.id, 0, "Saved before.")])
    library.close()
    assert run(lib, "library", "backup", str(tmp_path / "copy.db")).exit_code == 0
    killed_job(lib)
    _damage_wal(lib / "library.db-wal", "deleted")
    assert run(lib, "meetings", "list").exit_code == 1

    restored = run(lib, "library", "restore", str(tmp_path / "copy.db"))
    assert restored.exit_code == 0, restored.output
    listed = run(lib, "meetings", "list")
    assert listed.exit_code == 0 and "Kept meeting" in listed.stdout


def test_an_intact_wal_after_a_killed_job_keeps_everything(tmp_path) -> None:
    lib = tmp_path / "lib"
    killed_job(lib, bullets=12)
    library = Library(lib)
    assert [len(library.bullets(m.id)) for m in library.meetings()] == [12]
    library.close()


def test_a_job_ends_with_its_changes_in_the_database_file(tmp_path) -> None:
    """Checkpoint at the end of each job: once the job lock is released, the WAL can be
    lost (while another connection keeps the library open) without losing the job."""
    library = Library(tmp_path / "lib")
    reader = Library(tmp_path / "lib")  # another window keeps the library open
    reader.meetings()
    meeting = library.create_meeting("Job", "2024-05-01")
    with TranscriptionLock(library, meeting.id):
        for n in range(20):
            library.append_bullets(meeting.id, [Bullet(None, meeting.id, 0, f"Line {n}.")])
    copy = tmp_path / "db-file-only.db"
    copy.write_bytes((tmp_path / "lib" / "library.db").read_bytes())  # without the WAL
    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT COUNT(*) FROM bullets").fetchone()[0] == 20
    conn.close()
    library.close()
    reader.close()


def test_read_only_media_shows_the_newest_data(tmp_path) -> None:
    lib = tmp_path / "lib"
    killed_job(lib, bullets=8)  # the newest meeting lives only in the WAL
    (lib / "library.db-shm").unlink()  # as copied to a read-only disk without it
    with fault_support.read_only_view(lib, tmp_path / "ro") as read_only:
        listed = run(read_only, "meetings", "list")
        assert listed.exit_code == 0, listed.output
        assert "Budget hearing" in listed.stdout and "8 bullets" in listed.stdout
        backup = run(read_only, "library", "backup", str(tmp_path / "copy.db"))
        assert backup.exit_code == 0, backup.output
    conn = sqlite3.connect(tmp_path / "copy.db")
    assert conn.execute("SELECT COUNT(*) FROM bullets").fetchone()[0] == 8  # was: 0
    conn.close()


def test_a_backup_lacking_committed_changes_is_not_reported_as_made(tmp_path) -> None:
    lib = tmp_path / "lib"
    killed_job(lib, bullets=5)
    library = Library(lib)
    (lib / "library.db.commits").write_text("999 2030-01-01T00:00:00+00:00\n", encoding="ascii")
    with pytest.raises(LibraryError, match=r"lacks \d+ committed changes"):
        library.backup(tmp_path / "copy.db")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lib"]  # no copy, no .partial
    library.close()
