"""Failures the core explains in English reach the Chinese interface as one Chinese sentence."""

from __future__ import annotations

import inspect
import subprocess

import pytest
from test_interface_language import english_words

from transcriber.audio import AudioReader
from transcriber.errors import TranscriberError
from transcriber.library.editing import MeetingEditor
from transcriber.model import Bullet
from transcriber.publish.git import open_archive
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


def test_a_recording_stopped_by_the_disk_says_why_in_chinese(qapp):
    # The recorder writes this sentence when its writer fails (record/recorder.py _fail).
    source = inspect.getsource(recorder_module)
    assert '"Recording stopped: {reason}. The {self.elapsed:.1f} s recorded so far are kept "' in source
    assert 'return "the disk is full"' in source
    stopped = "Recording stopped: the disk is full. The 12.5 s recorded so far are kept in meeting 3."
    language.set_language(language.CHINESE)
    said = core_sentence(stopped)
    assert "磁碟已滿" in said and "12.5" in said and not english_words(said), said


def test_a_sentence_of_unknown_shape_is_shown_as_the_core_wrote_it(qapp):
    language.set_language(language.CHINESE)
    assert core_sentence("Something new went wrong.") == "Something new went wrong."
