"""`transcriber batch`: a folder of real clips into the library, each file once, on two
local workers; a second run adds nothing; bad files are one sentence each."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import av
import pytest
from batch_support import CLIPS, backlog, meetings_by_audio
from click.testing import CliRunner

from transcriber.batch.worklist import WorkItem, date_of
from transcriber.cli import cli

pytestmark = pytest.mark.slow


def run(lib_path: Path, *args: str):
    return CliRunner().invoke(cli, ["--library", str(lib_path), *args])


def test_a_folder_on_two_workers_each_file_once_then_nothing_more(
        tmp_path, audio_dir, base_model_path):
    folder = backlog(tmp_path / "backlog", audio_dir, CLIPS[:3])
    shutil.copy(folder / CLIPS[0], folder / "2021-06-30 copy.wav")  # same content, other name
    (folder / "broken.mp3").write_bytes(b"ID3 not really audio")
    (folder / "notes.txt").write_text("agenda")
    lib_path = tmp_path / "library"

    result = run(lib_path, "batch", str(folder), "--workers", "2", "--model",
                 str(base_model_path), "--speaker", "唐鳳")

    assert result.exit_code == 1, result.output  # one file failed: scripts must notice
    output = result.output
    assert "Failed broken.mp3: The file broken.mp3 is not audio" in output
    assert "3 transcribed" in output and "1 skipped" in output and "1 failed" in output
    assert "ignored 1 file" in output
    # Progress across the backlog: files, audio done and left, time left.
    assert "[1/3 files]" in output and "[3/3 files]" in output
    assert "0:00:00 left; about 0:00:00 to go." in output
    found = meetings_by_audio(lib_path)
    assert len(found) == 3 and all(len(m) == 1 and m[0][1] == "complete" for m in found.values())
    conn = sqlite3.connect(lib_path / "library.db")
    titles = dict(conn.execute("SELECT title, date FROM meetings").fetchall())
    speakers = conn.execute("SELECT DISTINCT s.name FROM bullets b JOIN speakers s "
                            "ON s.id = b.speaker_id").fetchall()
    english = conn.execute("SELECT GROUP_CONCAT(b.text, ' ') FROM bullets b JOIN meetings m ON "
                           "m.id = b.meeting_id WHERE m.title = ?", [Path(CLIPS[2]).stem]).fetchone()[0]
    conn.close()
    # Of two copies the first by path is kept; its date comes from its name.
    assert titles.get("copy") == "2021-06-30"
    assert speakers == [("唐鳳",)]
    assert "hester" in english.lower()  # real speech, decoded by the real model

    again = run(lib_path, "batch", str(folder), "--workers", "2", "--model", str(base_model_path))
    assert "0 transcribed" in again.output and "4 skipped" in again.output
    assert meetings_by_audio(lib_path) == found


def test_batch_writes_what_transcribe_writes(tmp_path, audio_dir, base_model_path):
    """Same pipeline: a file decoded by a worker gets the bullets `transcribe` gives it."""
    folder = backlog(tmp_path / "one", audio_dir, CLIPS[3:4])
    batch_lib, single_lib = tmp_path / "batch", tmp_path / "single"
    assert run(batch_lib, "batch", str(folder), "--workers", "1", "--language", "zh",
               "--model", str(base_model_path)).exit_code == 0
    assert run(single_lib, "transcribe", str(folder / CLIPS[3]), "--language", "zh",
               "--model", str(base_model_path)).exit_code == 0

    def bullets(path: Path) -> list[tuple]:
        conn = sqlite3.connect(path / "library.db")
        try:
            return conn.execute('SELECT text, start, "end", flagged FROM bullets '
                                "ORDER BY position").fetchall()
        finally:
            conn.close()

    assert bullets(batch_lib) and bullets(batch_lib) == bullets(single_lib)


def test_date_comes_from_the_name_else_the_metadata(tmp_path, audio_dir):
    tagged = tmp_path / "interview.m4a"
    with av.open(str(audio_dir / "dev" / CLIPS[1])) as source, av.open(str(tagged), "w") as out:
        out.metadata["date"] = "2019-07-08"
        stream = out.add_stream("aac", rate=16000)
        for frame in source.decode(source.streams.audio[0]):
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    assert date_of(tagged) == "2019-07-08"
    named = tmp_path / "2020-02-29 interview.m4a"
    shutil.copy(tagged, named)
    assert date_of(named) == "2020-02-29"  # the name wins over the metadata
    assert date_of(tmp_path / "20230115_board.m4a") == "2023-01-15"
    dated = WorkItem(tmp_path / "20230115_board meeting.m4a", "", 0.0, "2023-01-15")
    assert dated.title == "board meeting"  # the date is the meeting's, not its title's
    assert WorkItem(tmp_path / "2023-01-15.m4a", "", 0.0, "2023-01-15").title == "2023-01-15"
    plain = tmp_path / "2021-13-45 standup.wav"  # not a real date: nothing invented
    shutil.copy(audio_dir / "dev" / CLIPS[1], plain)
    assert date_of(plain) == ""


def test_bad_input_is_one_sentence_and_nothing_is_written(tmp_path):
    lib_path = tmp_path / "library"
    missing = run(lib_path, "batch", str(tmp_path / "nowhere"))
    assert missing.exit_code == 1
    assert f"Failed nowhere: The file {tmp_path / 'nowhere'} does not exist." in missing.output
    assert meetings_by_audio(lib_path) == {}
    wrong = run(lib_path, "batch", str(tmp_path), "--address", "10.0.0.1:6379")
    assert wrong.exit_code != 0 and "--address is for --engine ray" in wrong.output
    bad_date = run(lib_path, "batch", str(tmp_path), "--date", "2024-02-30")
    assert bad_date.exit_code != 0 and "'2024-02-30' is not a date" in bad_date.output


def test_a_second_batch_or_an_unreachable_cluster_is_refused(tmp_path, audio_dir):
    from transcriber.batch.run import _BatchLock
    from transcriber.library.store import Library

    folder = backlog(tmp_path / "backlog", audio_dir, CLIPS[:1])
    library = Library(tmp_path / "library")
    first = _BatchLock(library)
    assert first.acquire()
    try:
        second = run(tmp_path / "library", "batch", str(folder))
    finally:
        first.release()
        library.close()
    assert second.exit_code == 1
    assert "Error: Another batch is transcribing into this library" in second.output
    assert meetings_by_audio(tmp_path / "library") == {}
    # A Ray cluster nobody answers at: one sentence in seconds, not minutes of retries.
    nowhere = run(tmp_path / "library", "batch", str(folder), "--engine", "ray",
                  "--address", "127.0.0.1:9")
    assert nowhere.exit_code == 1
    assert "Error: Cannot reach the Ray cluster at 127.0.0.1:9: Connection refused." in nowhere.output
    assert meetings_by_audio(tmp_path / "library") == {}


def test_on_a_gpu_machine_one_worker_per_gpu_on_the_batched_pipeline(monkeypatch):
    """The GPU itself is a boundary CI cannot reach: CTranslate2's count is stood in for."""
    from transcriber.asr import device
    from transcriber.asr.engine import EngineOptions
    from transcriber.batch.decode import prepare_worker
    from transcriber.batch.machine import default_workers

    monkeypatch.setenv(device.CPU_THREADS_ENV, "")  # restored after the test
    monkeypatch.setattr(device, "cuda_device_count", lambda: 4)
    assert default_workers("whisper-base", gpus=4) == 4
    on_gpu = prepare_worker(EngineOptions(), threads=3)
    assert on_gpu.batched and device.choose_device(on_gpu.device).compute_type == "float16"
    monkeypatch.setattr(device, "cuda_device_count", lambda: 0)
    on_cpu = prepare_worker(EngineOptions(), threads=3)
    assert not on_cpu.batched and device.cpu_thread_count() == 3  # its share of the cores
