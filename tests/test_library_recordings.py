"""Recordings are stored relative to the library: a moved or copied library uses its own
audio, and a recording whose file no longer matches its sha256 is never decoded again."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from transcriber.audio import sha256_file
from transcriber.cli import cli
from transcriber.library.store import Library
from transcriber.model import Bullet, RecordingState


def run(library_path: Path, *args: str):
    return CliRunner().invoke(cli, ["--library", str(library_path), *args])


def _with_recording(lib: Path, audio: Path) -> int:
    library = Library(lib)
    stored = library.audio_dir / audio.name
    shutil.copyfile(audio, stored)
    meeting = library.create_meeting("Recorded hearing", "2024-05-01")
    library.add_recording(meeting.id, stored, sha256=sha256_file(stored),
                          state=RecordingState.COMPLETE.value)
    library.append_bullets(meeting.id, [Bullet(None, meeting.id, 0, "Typed note.", start=0.0,
                                               end=1.0)])
    library.close()
    return meeting.id


def test_a_moved_library_transcribes_its_own_audio(tmp_path, audio_dir, base_model_path) -> None:
    meeting_id = _with_recording(tmp_path / "lib", audio_dir / "zh-news-5s.wav")
    conn = sqlite3.connect(tmp_path / "lib" / "library.db")
    assert conn.execute("SELECT path FROM recordings").fetchone()[0] == "audio/zh-news-5s.wav"
    conn.close()
    (tmp_path / "lib").rename(tmp_path / "moved")

    library = Library(tmp_path / "moved")
    (recording,) = library.recordings(meeting_id)
    assert Path(recording.path) == tmp_path / "moved" / "audio" / "zh-news-5s.wav"
    library.close()
    result = run(tmp_path / "moved", "meetings", "transcribe", str(meeting_id),
                 "--model", str(base_model_path), "--language", "zh", "--keep-edited")
    assert result.exit_code == 0, result.output  # was: the audio file was not found


def test_a_copied_library_uses_its_own_copy_of_the_audio(tmp_path, audio_dir) -> None:
    meeting_id = _with_recording(tmp_path / "lib", audio_dir / "zh-news-5s.wav")
    shutil.copytree(tmp_path / "lib", tmp_path / "copy")
    (recording,) = Library(tmp_path / "copy").recordings(meeting_id)
    assert Path(recording.path).is_relative_to(tmp_path / "copy")  # was: the original's file


def test_an_older_absolute_path_is_read_from_the_moved_librarys_audio(tmp_path, audio_dir) -> None:
    meeting_id = _with_recording(tmp_path / "lib", audio_dir / "zh-news-5s.wav")
    conn = sqlite3.connect(tmp_path / "lib" / "library.db")  # as an older version stored it
    conn.execute("UPDATE recordings SET path = ?",
                 [str(tmp_path / "lib" / "audio" / "zh-news-5s.wav")])
    conn.commit()
    conn.close()
    (tmp_path / "lib").rename(tmp_path / "moved")
    (recording,) = Library(tmp_path / "moved").recordings(meeting_id)
    assert Path(recording.path) == tmp_path / "moved" / "audio" / "zh-news-5s.wav"


def test_swapped_audio_is_never_transcribed_again(tmp_path, audio_dir) -> None:
    lib = tmp_path / "lib"
    meeting_id = _with_recording(lib, audio_dir / "zh-news-5s.wav")
    shutil.copyfile(audio_dir / "zh-news-8s.wav", lib / "audio" / "zh-news-5s.wav")
    library = Library(lib)
    before = [b.text for b in library.bullets(meeting_id)]
    library.close()

    result = run(lib, "meetings", "transcribe", str(meeting_id), "--model", "nope",
                 "--keep-edited")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "sha256" in result.stderr and "not the audio stored" in result.stderr
    library = Library(lib)
    assert [b.text for b in library.bullets(meeting_id)] == before
    library.close()

    (lib / "audio" / "zh-news-5s.wav").unlink()
    missing = run(lib, "meetings", "transcribe", str(meeting_id), "--model", "nope")
    assert missing.exit_code == 1 and "is missing" in missing.stderr
