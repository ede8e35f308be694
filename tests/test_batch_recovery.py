"""kill -9 in a batch: of the coordinator, of a worker; then a rerun. Each file ends in
the library exactly once, complete, and no meeting is left `running`."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest
from batch_support import CLIPS, assert_each_once, backlog, meetings_by_audio

from transcriber.asr.engine import EngineOptions
from transcriber.batch import run_batch
from transcriber.library.store import Library

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]


def _meetings(lib_path: Path) -> int:
    try:
        conn = sqlite3.connect(lib_path / "library.db")
        try:
            return conn.execute("SELECT COUNT(*) FROM meetings").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0  # not created yet


def test_coordinator_killed_then_rerun_each_file_once(tmp_path, audio_dir, base_model_path):
    folder = backlog(tmp_path / "backlog", audio_dir)
    lib_path = tmp_path / "library"
    command = [sys.executable, "-m", "transcriber", "--library", str(lib_path), "batch",
               str(folder), "--workers", "2", "--model", str(base_model_path)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    coordinator = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 240
        while _meetings(lib_path) == 0 and coordinator.poll() is None:
            assert time.monotonic() < deadline, "no file was written in four minutes"
            time.sleep(0.05)
        workers = psutil.Process(coordinator.pid).children(recursive=True)
        coordinator.send_signal(signal.SIGKILL)
        coordinator.wait()
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

    def on_event(event, _backlog) -> None:
        if event.kind == "started":
            workers.append(psutil.Process(event.worker))
        if event.kind == "done":
            cancel.set()

    options = EngineOptions(model=str(base_model_path))
    library = Library(tmp_path / "library")
    try:
        report = run_batch(library, [folder], options, workers=1, on_event=on_event,
                           cancel=cancel)
        assert len(report.done) == 1 and len(report.not_done) == 1 and not report.failed
        _gone, alive = psutil.wait_procs(workers, timeout=10)
        assert not alive
        again = run_batch(library, [folder], options, workers=1)
    finally:
        library.close()
    assert [path for path, _id in again.done] == report.not_done
    assert_each_once(tmp_path / "library", folder)
