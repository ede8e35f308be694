"""kill -9 in a batch: of the coordinator (also while it copies a file's audio into the
library), of a worker; then a rerun. Each file ends in the library exactly once, complete,
its audio whole, no meeting is left `running` and no partial copy is left behind."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import psutil
import pytest
import soundfile
from batch_support import (
    CLIPS,
    assert_audio_whole,
    assert_each_once,
    backlog,
    kill_when,
    left_by_copies,
    meeting_count,
    meetings_by_audio,
)

from transcriber.asr.engine import EngineOptions
from transcriber.batch import run_batch
from transcriber.library.audio_copy import copying_into
from transcriber.library.store import Library

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
# What a studio interface records: large on disk for its length, so copying it into the
# library takes long enough to be seen (and killed) while it happens.
STUDIO_RATE, STUDIO_CHANNELS = 384_000, 8


def _meetings_without_wal(lib_path: Path, scratch: Path) -> int:
    """Meetings in the library's database file alone, as if its WAL were lost."""
    alone = scratch / "database-file-alone"
    alone.mkdir(exist_ok=True)
    shutil.copy(lib_path / "library.db", alone / "library.db")
    return meeting_count(alone)


def test_coordinator_killed_then_rerun_each_file_once(tmp_path, audio_dir, base_model_path):
    folder = backlog(tmp_path / "backlog", audio_dir)
    lib_path = tmp_path / "library"
    command = [sys.executable, "-m", "transcriber", "--library", str(lib_path), "batch",
               str(folder), "--workers", "2", "--model", str(base_model_path)]
    env = ENV
    coordinator = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE)
    try:
        workers = kill_when(coordinator, lambda: meeting_count(lib_path) > 0, 240,
                            "no file was written")
    finally:
        if coordinator.poll() is None:
            coordinator.kill()
        coordinator.stderr.close()
    written = meetings_by_audio(lib_path)
    assert 0 < len(written) < len(CLIPS), "the kill came mid-run"
    # Workers end with their coordinator: nobody is left decoding for no one.
    _gone, alive = psutil.wait_procs(workers, timeout=30)
    assert not alive

    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(written)} skipped" in rerun.stderr
    assert f"{len(CLIPS) - len(written)} transcribed" in rerun.stderr
    assert_each_once(lib_path, folder)
    assert_audio_whole(lib_path)
    assert left_by_copies(lib_path) == []


def test_worker_killed_its_file_retried_at_most_twice_then_rerun(
        tmp_path, audio_dir, base_model_path):
    """A worker killed on every try of one file: three tries, then that file fails with
    the reason and the run goes on; a rerun (no kills) adds it, once."""
    folder = backlog(tmp_path / "backlog", audio_dir, CLIPS[:2])
    doomed = folder / CLIPS[0]
    lib_path = tmp_path / "library"
    kills = []

    def on_event(event, _backlog) -> None:
        if event.kind == "started" and event.path == doomed:
            os.kill(event.worker, signal.SIGKILL)
            kills.append(event.worker)

    options = EngineOptions(model=str(base_model_path))
    library = Library(lib_path)
    try:
        report = run_batch(library, [folder], options, workers=1, on_event=on_event)
    finally:
        library.close()
    assert len(kills) == 3, "tried three times in all"
    assert [path for path, _id in report.done] == [folder / CLIPS[1]]
    ((path, reason),) = report.failed
    assert path == doomed
    assert reason == ("gave up after 3 attempts: its worker was killed by SIGKILL (as when the "
                      "machine runs out of memory).")
    assert len(meetings_by_audio(lib_path)) == 1

    library = Library(lib_path)
    try:
        again = run_batch(library, [folder], options, workers=1)
    finally:
        library.close()
    assert [path for path, _id in again.done] == [doomed] and len(again.skipped) == 1
    assert_each_once(lib_path, folder)


def test_worker_killed_once_the_file_is_done_elsewhere(tmp_path, audio_dir, base_model_path):
    folder = backlog(tmp_path / "backlog", audio_dir, CLIPS[:2])
    retried = []

    def on_event(event, _backlog) -> None:
        if event.kind == "started" and not retried and event.detail == "":
            os.kill(event.worker, signal.SIGKILL)
        if event.kind == "retrying":
            retried.append(event.detail)

    library = Library(tmp_path / "library")
    try:
        report = run_batch(library, [folder], EngineOptions(model=str(base_model_path)),
                           workers=2, on_event=on_event)
    finally:
        library.close()
    assert retried and "SIGKILL" in retried[0]
    assert len(report.done) == 2 and not report.failed
    assert_each_once(tmp_path / "library", folder)


def test_stopped_mid_run_keeps_what_was_written_and_a_rerun_finishes(
        tmp_path, audio_dir, base_model_path):
    """Ctrl+C (the cancel) after the first file: it stays, the other is listed not done,
    no worker is left; the rerun writes only the other."""
    folder = backlog(tmp_path / "backlog", audio_dir, CLIPS[:2])
    cancel = threading.Event()
    workers = []
    in_database_file = []

    def on_event(event, _backlog) -> None:
        if event.kind == "started":
            workers.append(psutil.Process(event.worker))
        if event.kind == "done":
            in_database_file.append(_meetings_without_wal(tmp_path / "library", tmp_path))
            cancel.set()

    options = EngineOptions(model=str(base_model_path))
    library = Library(tmp_path / "library")
    try:
        report = run_batch(library, [folder], options, workers=1, on_event=on_event,
                           cancel=cancel)
        assert len(report.done) == 1 and len(report.not_done) == 1 and not report.failed
        # Written means in the database file itself, not only in its WAL: a kill and a
        # lost WAL after this cost nothing.
        assert in_database_file == [1]
        _gone, alive = psutil.wait_procs(workers, timeout=10)
        assert not alive
        again = run_batch(library, [folder], options, workers=1)
    finally:
        library.close()
    assert [path for path, _id in again.done] == report.not_done
    assert_each_once(tmp_path / "library", folder)


def _studio_recording(path: Path, speech_file: Path, seconds: float) -> None:
    """Real speech as a studio interface writes it: 384 kHz, 8 channels, 32-bit float,
    followed by silence up to ``seconds`` (about 12 MB a second on disk)."""
    speech, rate = soundfile.read(speech_file, dtype="float32")
    times = np.arange(int(len(speech) * STUDIO_RATE / rate)) / STUDIO_RATE
    upsampled = np.interp(times, np.arange(len(speech)) / rate, speech).astype(np.float32)
    with soundfile.SoundFile(path, "w", STUDIO_RATE, STUDIO_CHANNELS, subtype="FLOAT") as out:
        out.write(np.repeat(upsampled[:, None], STUDIO_CHANNELS, axis=1))
        silence = np.zeros((STUDIO_RATE, STUDIO_CHANNELS), np.float32)
        for _ in range(int(seconds - len(times) / STUDIO_RATE)):
            out.write(silence)


def test_coordinator_killed_while_copying_the_audio_then_rerun(
        tmp_path, audio_dir, base_model_path):
    """Was: a `.partial` of the recording stayed in the library's audio folder forever."""
    folder = tmp_path / "backlog"
    folder.mkdir()
    _studio_recording(folder / "studio.wav", audio_dir / "dev" / CLIPS[2], seconds=14)
    backlog(folder, audio_dir, CLIPS[1:2])
    lib_path = tmp_path / "library"
    command = [sys.executable, "-m", "transcriber", "--library", str(lib_path), "batch",
               str(folder), "--workers", "1", "--model", str(base_model_path)]
    coordinator = subprocess.Popen(command, env=ENV, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE)
    try:
        # The longest file goes first: the studio recording, decoded, then copied.
        workers = kill_when(coordinator, lambda: bool(left_by_copies(lib_path)), 300,
                            "no copy began", poll=0.002)
    finally:
        if coordinator.poll() is None:
            coordinator.kill()
        coordinator.stderr.close()
    assert any(name.endswith(".partial") for name in left_by_copies(lib_path)), \
        "killed in the middle of the copy"
    assert meetings_by_audio(lib_path) == {}  # no meeting refers to half a recording
    psutil.wait_procs(workers, timeout=30)

    rerun = subprocess.run(command, env=ENV, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert "2 transcribed" in rerun.stderr
    assert left_by_copies(lib_path) == []
    assert_each_once(lib_path, folder)
    assert_audio_whole(lib_path)


KILLED_WHILE_COPYING = """
import os, signal, sys
from transcriber.library.audio_copy import copying_into
from transcriber.library.store import Library
with copying_into(Library(sys.argv[1]), "talk.wav") as partial:
    partial.write_bytes(b"the first half of a recording")
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_the_start_up_pass_removes_a_dead_copy_and_never_a_live_one(tmp_path):
    """Any command's start-up pass (here `meetings list`, in another process) clears what
    a killed copy left, while a copy running in this process is left alone."""
    lib_path = tmp_path / "library"
    killed = subprocess.run([sys.executable, "-c", KILLED_WHILE_COPYING, str(lib_path)],
                            env=ENV, capture_output=True, text=True, timeout=120)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    dead = left_by_copies(lib_path)
    assert len(dead) == 2 and any(name.endswith("-talk.wav.partial") for name in dead)
    library = Library(lib_path)
    try:
        with copying_into(library, "live.wav") as live:
            live.write_bytes(b"being copied right now")
            listed = subprocess.run([sys.executable, "-m", "transcriber", "--library",
                                     str(lib_path), "meetings", "list"],
                                    env=ENV, capture_output=True, text=True, timeout=120)
            assert listed.returncode == 0, listed.stderr
            assert live.read_bytes() == b"being copied right now"
            assert live.name in left_by_copies(lib_path)
            assert not set(dead) & set(left_by_copies(lib_path))
            live.rename(library.audio_dir / "live.wav")
        assert left_by_copies(lib_path) == []
        assert (library.audio_dir / "live.wav").read_bytes() == b"being copied right now"
    finally:
        library.close()
