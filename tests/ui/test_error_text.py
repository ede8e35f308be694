"""Failures the core explains in English reach the Chinese interface as one Chinese sentence,
said from the translation of their template (transcriber/messages.py)."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
from types import SimpleNamespace

import pytest
from gui_support import shown_window
from PySide6.QtWidgets import QMessageBox
from test_interface_language import english_words

from transcriber.archive.filenames import archive_filename
from transcriber.audio import AudioReader
from transcriber.errors import TranscriberError, failure_sentence
from transcriber.library import glossary
from transcriber.library.editing import MeetingEditor
from transcriber.library.trash import restore_from_trash
from transcriber.model import Bullet
from transcriber.publish.repository import open_archive
from transcriber.record import recorder as recorder_module
from transcriber.record.devices import find_input_device
from transcriber.ui import language
from transcriber.ui.error_text import core_sentence, error_text


def raised(action) -> TranscriberError:
    with pytest.raises(TranscriberError) as caught:
        action()
    return caught.value


def audio_errors(tmp_path) -> list[TranscriberError]:
    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")
    notes = tmp_path / "notes.wav"
    notes.write_text("this is not audio", encoding="utf-8")
    return [raised(lambda path=path: AudioReader(path))
            for path in (tmp_path / "missing.wav", tmp_path, empty, notes)]


def editing_errors(library) -> list[TranscriberError]:
    meeting = library.create_meeting("會議", "2024-05-06", language="zh")
    (bullet,) = library.append_bullets(meeting.id, [Bullet(None, meeting.id, 0, "只有一段", start=0.0)])
    editor = MeetingEditor(library, meeting.id)
    return [
        raised(lambda: editor.merge_with_next(bullet.id)),
        raised(lambda: editor.update_meeting_header(title="  ")),
        raised(lambda: editor.update_meeting_header(date="明天")),
        raised(lambda: editor.set_speaker([bullet.id], " ")),
        raised(lambda: editor.find("(", regex=True)),
    ]


def archive_errors(tmp_path) -> list[TranscriberError]:
    plain = tmp_path / "plain"
    plain.mkdir()
    bare = tmp_path / "bare.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(bare)], check=True)
    return [raised(lambda path=path: open_archive(path)) for path in (tmp_path / "missing", plain, bare)]


def test_core_errors_read_as_one_chinese_sentence(qapp, library, tmp_path):
    errors = [*audio_errors(tmp_path), *editing_errors(library), *archive_errors(tmp_path),
              raised(lambda: find_input_device("no such microphone"))]
    language.set_language(language.CHINESE)
    for exc in errors:
        said = error_text(exc)
        assert said != exc.message and not english_words(said), (exc.message, said)


def test_sentences_the_old_shape_table_did_not_know_read_in_chinese(qapp, library, tmp_path):
    # Each of these was shown in English inside the Chinese interface: no regex knew its shape.
    meeting = library.create_meeting("會議", "2024-05-06", language="zh")
    fifo = tmp_path / "pipe.wav"
    os.mkfifo(fifo)
    errors = [
        raised(lambda: archive_filename("2024-05-06", "會議\u200b紀錄")),
        raised(lambda: glossary.add(library, "唐鳳", ["風"])),
        raised(lambda: glossary.add(library, "唐鳳", ["唐鳳"])),
        raised(lambda: restore_from_trash(library, meeting.id)),
        raised(lambda: library.meeting(meeting.id + 1)),
        raised(lambda: glossary.add(library, "  ")),
        raised(lambda: AudioReader(fifo)),
    ]
    language.set_language(language.CHINESE)
    for exc in errors:
        said = error_text(exc)
        assert said != exc.message and not english_words(said), (exc.message, said)


def test_a_recording_stopped_by_the_disk_says_why_in_chinese(qapp):
    # What the recorder's writer says when the disk fills (record/recorder.py _fail).
    stopped = SimpleNamespace(_close_stream=lambda: None, elapsed=12.5, meeting=SimpleNamespace(id=3))
    recorder_module.Recorder._fail(stopped, recorder_module._disk_reason(OSError(errno.ENOSPC, "No space")))
    assert stopped.error == "Recording stopped: the disk is full. The 12.5 s recorded so far are kept in meeting 3."
    language.set_language(language.CHINESE)
    said = core_sentence(stopped.error)
    assert "磁碟已滿" in said and "12.5" in said and not english_words(said), said


def test_a_system_error_goes_to_stderr_not_into_the_sentence(qapp, capsys):
    language.set_language(language.CHINESE)
    failed = failure_sentence(PermissionError(13, "Permission denied", "/tmp/x/會議.wav"))
    said = core_sentence(failed)
    assert "/tmp/x/會議.wav" in said and "Permission" not in said and not english_words(said), said
    assert "Permission denied" in capsys.readouterr().err


def test_text_that_is_not_a_core_sentence_is_shown_as_it_is(qapp):
    language.set_language(language.CHINESE)
    assert core_sentence("Something a user typed.") == "Something a user typed."


def test_a_failure_in_the_window_reads_in_chinese(qtbot, library):
    # Restoring a meeting that is not in the trash: the window showed str(exc), in English.
    meeting = library.create_meeting("會議", "2024-05-06", language="zh")
    language.set_language(language.CHINESE)
    window = shown_window(qtbot, library)
    window.restore_meeting(meeting.id)
    box = window.findChild(QMessageBox, "error_box")
    assert box is not None and box.isVisible()
    assert str(meeting.id) in box.text() and not english_words(box.text()), box.text()
    window.close()


def test_why_a_batch_file_was_given_up_reads_in_chinese(qapp):
    # The reasons a batch row shows when its worker dies (batch/events.py, ray_engine.py)
    # were English sentences inside the Chinese window.
    from transcriber.batch.events import gave_up, lost_reason
    from transcriber.batch.ray_engine import _ray_reason

    reasons = [gave_up(2, lost_reason(-signal.SIGKILL)), gave_up(2, lost_reason(None)),
               gave_up(3, lost_reason(1)), gave_up(2, _ray_reason(RuntimeError("actor died")))]
    language.set_language(language.CHINESE)
    for reason in reasons:
        said = core_sentence(reason)
        assert said != reason and not english_words(said.replace("SIGKILL", "")), (reason, said)
    assert "記憶體" in core_sentence(reasons[0])  # the hint that the machine ran out of memory stays
