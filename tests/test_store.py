"""The library store: durable settings, migrations, threads, the start-up pass."""

import threading
import time

import pytest

from transcriber.errors import LibraryError, NotFoundError
from transcriber.library.store import MIGRATIONS, Library
from transcriber.model import Bullet, TranscriptState


def test_wal_and_full_sync(library: Library) -> None:
    assert library.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert library.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_migrations_are_recorded_and_not_rerun(tmp_path) -> None:
    lib = Library(tmp_path / "lib")
    meeting = lib.create_meeting("會議", "2024-01-02")
    lib.close()
    again = Library(tmp_path / "lib")
    versions = [r["id"] for r in again.db.query("SELECT id FROM migrations ORDER BY id")]
    assert versions == list(range(1, len(MIGRATIONS) + 1))
    assert again.meeting(meeting.id).title == "會議"


def test_each_thread_gets_its_own_connection(library: Library) -> None:
    meeting = library.create_meeting("threads", "2024-01-02")
    seen = []

    def worker() -> None:
        seen.append(library.db)
        library.append_bullets(meeting.id, [Bullet(None, meeting.id, 0, "from a thread")])
        library.close()

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert seen[0] is not library.db
    assert [b.text for b in library.bullets(meeting.id)] == ["from a thread"]


def test_failed_transaction_leaves_nothing(library: Library) -> None:
    meeting = library.create_meeting("atomic", "2024-01-02")
    with pytest.raises(RuntimeError), library.atomic():
        library.append_bullets(meeting.id, [Bullet(None, meeting.id, 0, "half")])
        raise RuntimeError("power cut")
    assert library.bullets(meeting.id) == []


def test_startup_pass_marks_crashed_transcriptions_incomplete(library: Library) -> None:
    running = library.create_meeting("running", "2024-01-02", transcript_state="running")
    done = library.create_meeting("done", "2024-01-02", transcript_state="complete")
    assert library.mark_interrupted() == [running.id]
    assert library.meeting(running.id).transcript_state == TranscriptState.INCOMPLETE
    assert library.meeting(done.id).transcript_state == TranscriptState.COMPLETE


def test_positions_follow_append_order(library: Library) -> None:
    meeting = library.create_meeting("order", "2024-01-02")
    library.append_bullets(meeting.id, [Bullet(None, meeting.id, 0, t) for t in "ab"])
    library.append_bullets(meeting.id, [Bullet(None, meeting.id, 0, "c")])
    assert [(b.position, b.text) for b in library.bullets(meeting.id)] == [
        (0, "a"), (1, "b"), (2, "c")]


def test_unknown_meeting(library: Library) -> None:
    with pytest.raises(NotFoundError, match="no meeting 42"):
        library.meeting(42)


def test_unwritable_library_folder(tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(LibraryError, match="Cannot write to the library folder"):
        Library(blocker / "library")


def test_writer_that_read_first_is_not_locked_out(library: Library) -> None:
    """The GUI typing while a transcription appends: two connections, both must land."""
    meeting = library.create_meeting("busy", "2024-01-02")
    read_done = threading.Event()
    errors: list[Exception] = []

    def transcription() -> None:
        try:
            with library.atomic() as db:
                db.execute("SELECT COUNT(*) FROM bullets").fetchone()
                read_done.set()
                time.sleep(0.3)  # the other connection tries to commit meanwhile
                library.append_bullets(meeting.id, [Bullet(None, meeting.id, 0, "decoded")])
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            library.close()

    def typing() -> None:
        read_done.wait()
        try:
            library.update_meeting(meeting.id, title="typed")
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            library.close()

    threads = [threading.Thread(target=transcription), threading.Thread(target=typing)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert library.meeting(meeting.id).title == "typed"
    assert [b.text for b in library.bullets(meeting.id)] == ["decoded"]
