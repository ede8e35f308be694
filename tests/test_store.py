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


TEA = "2021-01-07-臺灣茶風味輪案-會前會.md"  # a corpus file without a licence notice


def _import_the_old_way(library: Library, root) -> dict[str, int]:
    """Every file of ``root`` imported as the version before the licence fix stored it: a
    file without a notice as CC BY 4.0 (its default profile), whatever the archive said."""
    from transcriber.archive.convert import import_file
    from transcriber.archive.profile import ArchiveProfile

    return {path.name: import_file(library, path, root, profile=ArchiveProfile()).id
            for path in sorted(root.glob("*.md"))}


def _at_the_previous_migration_level(library: Library) -> None:
    """The library as the previous version left it: the licence repair not yet applied."""
    with library.atomic() as db:
        db.execute("DELETE FROM migrations WHERE name = ?", ["imported meetings take their archive's licence"])
    library.close()


def test_meetings_imported_before_the_licence_fix_take_their_archives_licence(tmp_path, corpus_dir):
    """A CC0 archive's meetings imported by the old version said CC BY 4.0 in every export;
    opening the library gives them CC0, except where the file or the editor said otherwise
    or the archive cannot be read. No archive file is written, and none becomes 'edited'."""
    import io
    import shutil
    import zipfile

    from transcriber.archive.convert import edited_since_published, meeting_markdown
    from transcriber.exports.formats import export_meeting
    from transcriber.library.editing import MeetingEditor

    cc0, gone = tmp_path / "cc0-archive", tmp_path / "moved-archive"
    for root in (cc0, gone):
        root.mkdir()
        (root / "LICENSE").write_text("CC0 1.0 Universal\n\nPublic Domain Dedication\n", encoding="utf-8")
    shutil.copyfile(corpus_dir / TEA, cc0 / TEA)
    noticed, chosen = "2024-01-02-有授權說明.md", "2024-01-03-編輯選的授權.md"
    (cc0 / noticed).write_text(
        "# 2024-01-02 有授權說明\n\n"
        "> (授權：[CC BY 4.0](https://creativecommons.org/licenses/by/4.0/deed.zh-hant))\n\n"
        "### 唐鳳：\n\n大家好。\n", encoding="utf-8")
    (cc0 / chosen).write_text("# 2024-01-03 編輯選的授權\n\n### 唐鳳：\n\n謝謝。\n", encoding="utf-8")
    removed = "2024-01-04-已移除.md"
    (cc0 / removed).write_text("# 2024-01-04 已移除\n\n### 唐鳳：\n\n再見。\n", encoding="utf-8")
    shutil.copyfile(corpus_dir / TEA, gone / TEA)

    library = Library(tmp_path / "library")
    ids = _import_the_old_way(library, cc0)
    moved = _import_the_old_way(library, gone)[TEA]
    assert {library.meeting(i).licence for i in [*ids.values(), moved]} == {"CC-BY-4.0"}
    editor = MeetingEditor(library, ids[chosen])  # the editor chose CC BY 4.0 (via CC0)
    editor.update_meeting_header(licence="CC0-1.0")
    editor.update_meeting_header(licence="CC-BY-4.0")
    shutil.rmtree(gone)
    (cc0 / removed).unlink()
    before = {path.name: path.read_bytes() for path in cc0.iterdir()}
    _at_the_previous_migration_level(library)

    library = Library(tmp_path / "library")
    try:
        tea = ids[TEA]
        assert library.meeting(tea).licence == "CC0-1.0"
        assert "授權：CC0 1.0" in export_meeting(library, tea, "txt")
        assert '"licence": "CC0-1.0"' in export_meeting(library, tea, "json")
        with zipfile.ZipFile(io.BytesIO(export_meeting(library, tea, "docx"))) as docx:
            text = docx.read("word/document.xml").decode("utf-8")
        assert "CC0 1.0" in text and "CC BY" not in text  # the review copy's DOCX too
        # Published again, the file stays byte for byte (no notice added), and the meeting
        # is not listed as edited since its import.
        assert meeting_markdown(library, tea).encode("utf-8") == before[TEA]
        assert edited_since_published(library, list(ids.values())) == set()
        assert library.meeting(ids[noticed]).licence == "CC-BY-4.0"  # its own notice says so
        assert library.meeting(ids[chosen]).licence == "CC-BY-4.0"  # the editor's choice
        assert library.meeting(moved).licence == "CC-BY-4.0"  # its archive is gone: unknown
        assert library.meeting(ids[removed]).licence == "CC-BY-4.0"  # so is its file
        assert {path.name: path.read_bytes() for path in cc0.iterdir()} == before
    finally:
        library.close()


def test_a_licence_the_editor_chose_before_the_choice_was_stored_is_published(tmp_path):
    """The previous version stored CC BY 4.0 both for "nobody chose" and for an editor's
    CC BY 4.0, and published both under a CC0 archive's licence. Opening the library keeps
    the editor's choice (its edit history says so), published with its own notice, and
    lets the untouched meeting follow the archive as before."""
    from publish_support import git, identify, make_meeting

    from transcriber.library.editing import MeetingEditor
    from transcriber.publish.git import publish_meeting

    library = Library(tmp_path / "library")
    chosen = make_meeting(library, "Chosen", "2026-04-01", [("Audrey Tang", "Hello.")],
                          licence="CC-BY-4.0")
    untouched = make_meeting(library, "Untouched", "2026-04-02", [("Audrey Tang", "Hi.")],
                             licence="CC-BY-4.0")
    editor = MeetingEditor(library, chosen)  # CC BY 4.0 was already shown: chosen via CC0
    editor.update_meeting_header(licence="CC0-1.0")
    editor.update_meeting_header(licence="CC-BY-4.0")
    with library.atomic() as db:
        db.execute("DELETE FROM migrations WHERE name = ?", ["a licence nobody chose follows the archive"])
    library.close()

    root = tmp_path / "archive"
    git(tmp_path, "init", "--quiet", "--initial-branch=main", str(root))
    identify(root)
    (root / "LICENSE").write_text("CC0 1.0 Universal\n", encoding="utf-8")
    library = Library(tmp_path / "library")
    try:
        for meeting in (chosen, untouched):
            publish_meeting(library, meeting, root, now=True)
        assert "[CC BY 4.0](https://creativecommons.org/licenses/by/4.0/deed.en)" in (
            root / "2026-04-01-Chosen.md").read_text("utf-8")
        assert "creativecommons" not in (root / "2026-04-02-Untouched.md").read_text("utf-8")
        assert (library.meeting(chosen).licence, library.meeting(untouched).licence) == (
            "CC-BY-4.0", "CC0-1.0")
    finally:
        library.close()
