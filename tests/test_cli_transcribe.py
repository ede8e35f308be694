"""The command line as a user drives it: the main job, listing, and every bad input.

Each bad input must print one clear sentence on stderr, exit non-zero, and leave
the library exactly as it was.
"""

import contextlib
import json
import os
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import fault_support
import pytest
from click.testing import CliRunner

from transcriber.cli import cli
from transcriber.errors import TitleError
from transcriber.library.editing import MeetingEditor
from transcriber.library.store import Library
from transcriber.model import TranscriptState

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def lib_path(tmp_path: Path) -> Path:
    return tmp_path / "library"


def run(lib_path: Path, *args: str):
    return CliRunner().invoke(cli, ["--library", str(lib_path), *args])


def snapshot(lib_path: Path) -> tuple:
    """Everything a user could lose: every row and every stored audio file."""
    if not (lib_path / "library.db").exists():
        return ()
    conn = sqlite3.connect(lib_path / "library.db")
    rows = tuple(
        tuple(conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall())
        for table in ("meetings", "recordings", "bullets", "speakers")
    )
    conn.close()
    files = tuple(sorted(p.name for p in (lib_path / "audio").iterdir()))
    return rows, files


@pytest.fixture
def stocked_library(lib_path: Path, audio_dir: Path, base_model_path: Path) -> Path:
    result = run(lib_path, "transcribe", str(audio_dir / "zh-welcome.wav"),
                 "--model", str(base_model_path), "--title", "歡迎")
    assert result.exit_code == 0, result.output
    return lib_path


def test_transcribe_prints_transcript_and_stores_meeting(stocked_library: Path) -> None:
    result = run(stocked_library, "meetings", "list")
    assert result.exit_code == 0
    assert "歡迎" in result.stdout and "complete" in result.stdout
    show = run(stocked_library, "meetings", "show", "1")
    assert "歡迎大家" in show.stdout and "sha256" in show.stdout


@pytest.mark.parametrize("fmt", ["md", "txt", "srt", "vtt", "json"])
def test_formats_and_out_file(lib_path, audio_dir, base_model_path, tmp_path, fmt) -> None:
    out = tmp_path / f"jfk.{fmt}"
    result = run(lib_path, "transcribe", str(audio_dir / "en-jfk.flac"), "--model",
                 str(base_model_path), "--format", fmt, "--out", str(out), "--title", "JFK")
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "ask not what your country" in text.lower()
    if fmt == "srt":
        assert text.startswith("1\n00:00:00,") and " --> 00:00:" in text
    if fmt == "vtt":
        assert text.startswith("WEBVTT")
    if fmt == "json":
        assert json.loads(text)
    if fmt == "md":
        assert text.startswith("# ") and "JFK" in text.splitlines()[0]


def _bad_inputs(tmp_path: Path, audio_dir: Path) -> dict[str, Path]:
    text = tmp_path / "notes.wav"
    text.write_text("this is a text file renamed .wav\n")
    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")
    truncated = tmp_path / "cut.mp3"
    truncated.write_bytes((audio_dir / "multilingual-60s.mp3").read_bytes()[:4000])
    header_only = tmp_path / "header.wav"
    header_only.write_bytes((audio_dir / "zh-welcome.wav").read_bytes()[:1000])  # 0.03 s
    return {
        "does not exist": tmp_path / "missing.wav",
        "is empty": empty,
        "not audio": text,
        "truncated": truncated,
        "holds no audio": header_only,
    }


# A truncated file is transcribed as far as it goes, with a warning (tests/test_pipeline_*.py).
@pytest.mark.parametrize("case", ["does not exist", "is empty", "not audio", "holds no audio"])
def test_bad_audio_is_one_sentence_and_loses_nothing(stocked_library, audio_dir, tmp_path,
                                                     base_model_path, case) -> None:
    bad = _bad_inputs(tmp_path, audio_dir)[case]
    before = snapshot(stocked_library)
    result = run(stocked_library, "transcribe", str(bad), "--model", str(base_model_path))
    assert result.exit_code != 0
    assert case in result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: ")
    assert "Traceback" not in result.output
    assert snapshot(stocked_library) == before


def test_broken_model_folder_loses_nothing(stocked_library, audio_dir, tmp_path,
                                           base_model_path) -> None:
    broken = tmp_path / "broken-model"
    shutil.copytree(base_model_path, broken)
    (broken / "model.bin").write_bytes(b"\0" * 1000)
    before = snapshot(stocked_library)
    result = run(stocked_library, "transcribe", str(audio_dir / "en-jfk.flac"),
                 "--model", str(broken))
    assert result.exit_code == 2
    assert "could not be loaded" in result.stderr
    (broken / "model.bin").unlink()
    result = run(stocked_library, "transcribe", str(audio_dir / "en-jfk.flac"),
                 "--model", str(broken))
    assert result.exit_code == 2 and "has no model.bin" in result.stderr
    assert snapshot(stocked_library) == before


def test_hub_model_offline_exits_2(stocked_library, audio_dir, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("TRANSCRIBER_MODELS", str(tmp_path / "models"))
    before = snapshot(stocked_library)
    result = run(stocked_library, "transcribe", str(audio_dir / "en-jfk.flac"),
                 "--model", "large-v3")
    assert result.exit_code == 2
    assert "offline" in result.stderr and result.stderr.count("\n") == 1
    install = CliRunner().invoke(cli, ["models", "install", "small"])
    assert install.exit_code == 2 and "offline" in install.stderr
    assert snapshot(stocked_library) == before


def test_unwritable_library_path(tmp_path, audio_dir) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = run(blocker / "library", "transcribe", str(audio_dir / "en-jfk.flac"))
    assert result.exit_code != 0
    assert "Cannot write to the library folder" in result.stderr


def test_library_from_environment(tmp_path, audio_dir, base_model_path, monkeypatch) -> None:
    monkeypatch.setenv("TRANSCRIBER_LIBRARY", str(tmp_path / "env-lib"))
    result = CliRunner().invoke(cli, ["transcribe", str(audio_dir / "en-jfk.flac"),
                                      "--model", str(base_model_path)])
    assert result.exit_code == 0, result.output
    assert len(Library(tmp_path / "env-lib").meetings()) == 1


def test_ctrl_c_stops_within_a_second_and_keeps_the_decoded_part(tmp_path, audio_dir,
                                                                 base_model_path) -> None:
    lib_path = tmp_path / "library"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "transcriber", "--library", str(lib_path), "transcribe",
         str(audio_dir / "multilingual-60s.mp3"), "--model", str(base_model_path),
         "--language", "en"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if (lib_path / "library.db").exists():
                library = Library(lib_path)
                meetings = library.meetings()
                if meetings and library.bullets(meetings[0].id):
                    break
                library.close()
            time.sleep(0.2)
        else:
            pytest.fail("no bullet was decoded within two minutes")
        proc.send_signal(signal.SIGINT)
        sent = time.monotonic()
        proc.wait(timeout=10)
        stopped_after = time.monotonic() - sent
    finally:
        proc.kill()
        proc.communicate()
    assert proc.returncode == 130
    assert stopped_after < 1.5  # a second, plus interpreter shut-down
    library = Library(lib_path)
    (meeting,) = library.meetings()
    assert meeting.transcript_state == TranscriptState.INCOMPLETE
    bullets = library.bullets(meeting.id)
    assert bullets and bullets[-1].end < 55


def test_models_list_and_install(base_model_path) -> None:
    result = CliRunner().invoke(cli, ["models", "list"])
    assert "whisper-base (default)\tinstalled" in result.stdout


def test_speaker_option_attributes_every_bullet(lib_path, audio_dir, base_model_path) -> None:
    result = run(lib_path, "transcribe", str(audio_dir / "zh-welcome.wav"), "--model",
                 str(base_model_path), "--speaker", "唐鳳", "--format", "md")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    label = lines.index("### 唐鳳：")
    assert lines[label + 1].startswith("* 歡迎大家")  # the corpus puts text right under a label


def test_meetings_search_finds_a_two_character_chinese_word(stocked_library) -> None:
    result = run(stocked_library, "meetings", "search", "識別")
    assert result.exit_code == 0
    assert result.stdout.startswith("1\tbullet ") and "識別" in result.stdout
    missing = run(stocked_library, "meetings", "search", "颱風")
    assert missing.stdout == "" and "Nothing matches" in missing.stderr


def test_meetings_transcribe_uses_the_recording_and_its_markers(lib_path, audio_dir,
                                                                 base_model_path) -> None:
    library = Library(lib_path)
    meeting = library.create_meeting("Recorded without a draft", "2024-05-01")
    recording = library.add_recording(meeting.id, audio_dir / "en-jfk.flac", duration=11.0)
    library.add_marker(recording.id, 9.2, "question restated")
    library.close()

    result = run(lib_path, "meetings", "transcribe", str(meeting.id), "--model",
                 str(base_model_path), "--language", "en")
    assert result.exit_code == 0, result.output
    library = Library(lib_path)
    bullets = library.bullets(meeting.id)
    text = " ".join(b.text for b in bullets).lower()
    assert "ask not what your country can do for you" in text
    assert all(b.end <= 9.25 or b.start >= 9.15 for b in bullets)  # no bullet crosses it
    assert [b.extra for b in bullets if b.start >= 9.15][0] == {"marker": "question restated"}
    assert library.meeting(meeting.id).transcript_state == TranscriptState.COMPLETE

    # Again, from the marker on, with bullets there: the ones nobody edited are replaced
    # without asking, as one undo step that puts them back.
    before = library.bullets(meeting.id)
    library.close()
    again = run(lib_path, "meetings", "transcribe", str(meeting.id), "--model",
                str(base_model_path), "--language", "en", "--from", "9.2")
    assert again.exit_code == 0, again.output
    assert "replaced by" in again.output
    library = Library(lib_path)
    MeetingEditor(library, meeting.id).undo()
    assert library.bullets(meeting.id) == before
    library.close()


def _bullets_stored(lib_path: Path) -> int:
    """Bullets in the library, read without writing (the process under test owns it)."""
    try:
        conn = sqlite3.connect(f"file:{lib_path / 'library.db'}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT COUNT(*) FROM bullets").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def test_a_disk_that_fills_up_mid_transcription_ends_cleanly(tmp_path, audio_dir,
                                                            base_model_path) -> None:
    # Was: tracebacks, then a segfault (exit 139) as the interpreter went down under
    # the decode thread.
    with fault_support.small_disk(tmp_path / "disk", "8m") as disk:
        lib_path = disk / "library"
        proc = subprocess.Popen(
            [sys.executable, "-m", "transcriber", "--library", str(lib_path), "transcribe",
             str(audio_dir / "multilingual-60s.mp3"), "--model", str(base_model_path),
             "--language", "en"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        try:
            deadline = time.monotonic() + 120
            while (seen := _bullets_stored(lib_path)) == 0 and time.monotonic() < deadline:
                time.sleep(0.1)
            assert seen, "no bullet was decoded within two minutes"
            fault_support.fill(disk)
            _stdout, stderr = proc.communicate(timeout=120)
        finally:
            proc.kill()
        assert proc.returncode == 1, stderr
        assert "Traceback" not in stderr and "terminate called" not in stderr
        (error,) = [line for line in stderr.splitlines() if line.startswith("Error:")]
        assert "the disk is full" in error and "meeting 1 keeps" in error

        (disk / "filler").unlink()  # space freed; the next start marks what was cut off
        assert "\tincomplete\t" in run(lib_path, "meetings", "list").stdout
        library = Library(lib_path)
        (meeting,) = library.meetings()
        assert meeting.transcript_state == TranscriptState.INCOMPLETE
        assert len(library.bullets(meeting.id)) >= seen
        library.close()


def test_a_library_on_read_only_media_can_be_read_but_not_written(
    stocked_library, tmp_path, audio_dir
) -> None:
    with fault_support.read_only_view(stocked_library, tmp_path / "ro") as read_only:
        listed = run(read_only, "meetings", "list")
        assert listed.exit_code == 0, listed.output
        assert "歡迎" in listed.stdout
        assert run(read_only, "meetings", "show", "1").exit_code == 0
        assert run(read_only, "meetings", "search", "歡迎").exit_code == 0
        exported = run(read_only, "export", "1", "--format", "txt")
        assert exported.exit_code == 0 and exported.stdout.strip()

        refused = run(read_only, "transcribe", str(audio_dir / "zh-welcome.wav"))
        assert refused.exit_code == 1
        assert refused.stderr.startswith("Error: ") and len(refused.stderr.splitlines()) == 1


@pytest.mark.parametrize("where", ["input", "library", "missing-folder", "foreign-file",
                                   "device", "fifo", "symlink", "read-only-folder"])
def test_a_destructive_out_path_is_refused_before_any_work(lib_path, audio_dir, tmp_path,
                                                           where) -> None:
    source = tmp_path / "talk.wav"
    shutil.copyfile(audio_dir / "zh-welcome.wav", source)
    Library(lib_path).close()
    foreign = tmp_path / "notes.md"
    foreign.write_text("my own notes\n", encoding="utf-8")
    special = tmp_path / "special"
    with contextlib.ExitStack() as stack:
        if where == "device":  # a character device like /dev/null (tests run as root)
            os.mknod(special, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
        elif where == "fifo":
            os.mkfifo(special)
        elif where == "symlink":
            special.symlink_to(foreign)
        elif where == "read-only-folder":
            (tmp_path / "empty").mkdir()
            special = stack.enter_context(fault_support.read_only_view(
                tmp_path / "empty", tmp_path / "ro")) / "t.md"
        out = {"input": source, "library": lib_path / "library.db",
               "missing-folder": tmp_path / "nowhere" / "t.md",
               "foreign-file": foreign}.get(where, special)
        kind = os.lstat(special).st_mode if os.path.lexists(special) else None
        before = snapshot(lib_path)
        contents = {p: p.read_bytes() for p in (source, lib_path / "library.db", foreign)}

        started = time.monotonic()
        # No model given that exists: a refusal must come before the model is even looked
        # at; --force never lets anything but a regular file be replaced.
        force = ["--force"] if kind is not None or where == "read-only-folder" else []
        result = run(lib_path, "transcribe", str(source), "--out", str(out), "--model", "nope",
                     *force)
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert result.stderr.startswith("Error: ") and len(result.stderr.splitlines()) == 1
        assert time.monotonic() - started < 5  # was: the whole transcription ran first
        assert snapshot(lib_path) == before
        assert {p: p.read_bytes() for p in contents} == contents
        if kind is not None:
            assert os.lstat(special).st_mode == kind  # was: replaced by a regular file


def test_an_output_that_fails_after_the_work_names_the_stored_meeting(
        lib_path, audio_dir, base_model_path, tmp_path) -> None:
    """The folder passed the check (a file can be created there) but the disk is full by
    the time the transcript is written: the meeting is kept and the message gives its id."""
    with fault_support.small_disk(tmp_path / "disk", "1m") as disk:
        fault_support.fill(disk)
        result = run(lib_path, "transcribe", str(audio_dir / "zh-welcome.wav"),
                     "--model", str(base_model_path), "--out", str(disk / "t.txt"))
        assert result.exit_code == 1 and "Traceback" not in result.output
        (line,) = result.stderr.splitlines()[-1:]
        assert "stored as meeting 1" in line and "transcriber export 1" in line
    listed = run(lib_path, "meetings", "list")
    assert listed.stdout.startswith("1\t") and "complete" in listed.stdout


@pytest.mark.parametrize("date", ["2024-02-30", "nan", "../../x", "0000-00-00", "2024-5-1",
                                  "20240501", " "])
def test_an_impossible_date_is_refused_where_it_enters(lib_path, tmp_path, date) -> None:
    Library(lib_path).close()
    before = snapshot(lib_path)
    for command in (["transcribe", str(tmp_path / "x.wav"), "--date", date],
                    ["record", "--date", date, "--seconds", "1"]):
        result = run(lib_path, *command)
        assert result.exit_code == 2 and "not a meeting date" in result.output, result.output
    assert snapshot(lib_path) == before
    with pytest.raises(TitleError):
        Library(lib_path).create_meeting("Hearing", date)


def test_a_meetings_date_can_be_corrected(lib_path) -> None:
    library = Library(lib_path)
    meeting = library.create_meeting("Hearing", "2024-05-01")
    with library.atomic() as db:  # as an older version let it in
        db.execute("UPDATE meetings SET date = '2024-02-30' WHERE id = ?", [meeting.id])
    library.close()
    refused = run(lib_path, "meetings", "set-date", "1", "2024-02-31")
    assert refused.exit_code == 2 and "not a meeting date" in refused.output
    fixed = run(lib_path, "meetings", "set-date", "1", "2024-03-01")
    assert fixed.exit_code == 0, fixed.output
    assert "2024-03-01" in run(lib_path, "meetings", "list").stdout
    editor = MeetingEditor(Library(lib_path), meeting.id)
    editor.undo()  # the correction is an ordinary, undoable header edit
    assert editor.library.meeting(meeting.id).date == "2024-02-30"


def test_export_never_overwrites_the_library_or_a_file_it_did_not_write(stocked_library,
                                                                        tmp_path) -> None:
    db = stocked_library / "library.db"
    refused = run(stocked_library, "export", "1", "--out", str(db))
    assert refused.exit_code == 1 and "inside the library folder" in refused.stderr
    assert Library(stocked_library).meetings()  # still a library

    target = tmp_path / "t.md"
    assert run(stocked_library, "export", "1", "--out", str(target)).exit_code == 0
    assert run(stocked_library, "export", "1", "--out", str(target)).exit_code == 0  # ours
    target.write_text("edited by hand\n", encoding="utf-8")
    again = run(stocked_library, "export", "1", "--out", str(target))
    assert again.exit_code == 1 and "--force" in again.stderr
    assert target.read_text(encoding="utf-8") == "edited by hand\n"
    assert run(stocked_library, "export", "1", "--out", str(target), "--force").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# ")


def test_review_never_overwrites_a_file_it_did_not_write(stocked_library, tmp_path) -> None:
    out = tmp_path / "review"
    assert run(stocked_library, "review", "1", "--out", str(out)).exit_code == 0
    assert run(stocked_library, "review", "1", "--out", str(out)).exit_code == 0  # ours again
    (html,) = out.glob("*.review.html")
    html.write_text("a participant's annotated copy\n", encoding="utf-8")
    refused = run(stocked_library, "review", "1", "--out", str(out))
    assert refused.exit_code == 1 and "--force" in refused.stderr
    assert html.read_text(encoding="utf-8") == "a participant's annotated copy\n"
    inside = run(stocked_library, "review", "1", "--out", str(stocked_library / "audio"))
    assert inside.exit_code == 1 and "inside the library folder" in inside.stderr


def test_a_corrupt_tokenizer_is_one_sentence(stocked_library, audio_dir, tmp_path,
                                             base_model_path) -> None:
    broken = tmp_path / "broken-tokenizer"
    broken.mkdir()
    for part in base_model_path.iterdir():  # linked, not copied: model.bin is large
        (broken / part.name).symlink_to(part)
    (broken / "tokenizer.json").unlink()
    (broken / "tokenizer.json").write_text('{"broken": ', encoding="utf-8")
    before = snapshot(stocked_library)
    result = run(stocked_library, "transcribe", str(audio_dir / "zh-welcome.wav"),
                 "--model", str(broken))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "could not be loaded" in result.stderr
    assert snapshot(stocked_library) == before
