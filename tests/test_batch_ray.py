"""`transcriber batch --engine ray` on a local Ray instance (two CPUs, a small object
store, no dashboard, no network): each file once, also when a worker is killed mid-file,
and only the coordinator writes."""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from pathlib import Path

import psutil
import pytest
from batch_support import CLIPS, assert_each_once, backlog

from transcriber.asr.engine import EngineOptions
from transcriber.batch import run_batch
from transcriber.library.store import Library

pytestmark = pytest.mark.slow


@pytest.fixture
def ray_home(tmp_path, monkeypatch):
    """Ray keeps its session files in a folder of this test's own, removed after it, and
    writes no token into the user's home."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("RAY_AUTH_MODE", "disabled")
    monkeypatch.setenv("RAY_USAGE_STATS_ENABLED", "0")
    # Short, not under tmp_path: Ray's socket paths inside it must stay under 108 bytes.
    folder = Path(tempfile.mkdtemp(prefix="ray-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_a_ray_run_on_a_local_instance_each_file_once(tmp_path, audio_dir, base_model_path,
                                                      ray_home):
    import ray

    folder = backlog(tmp_path / "backlog", audio_dir, CLIPS[:3])
    (folder / "broken.wav").write_bytes(b"RIFF nonsense")
    library = Library(tmp_path / "library")
    ray_init = {"num_cpus": 2, "object_store_memory": 80 * 1024 * 1024,
                "_temp_dir": str(ray_home)}
    killed = []
    stop = threading.Event()

    def kill_one_decoding_worker() -> None:
        """kill -9 the first Ray worker seen decoding a file (one this test started)."""
        while not stop.is_set() and not killed:
            for process in psutil.Process().children(recursive=True):
                try:
                    if "decode_task" in " ".join(process.cmdline()):
                        process.kill()
                        killed.append(process.pid)
                        break
                except psutil.Error:
                    continue
            time.sleep(0.05)

    killer = threading.Thread(target=kill_one_decoding_worker)
    killer.start()
    try:
        report = run_batch(library, [folder], EngineOptions(model=str(base_model_path)),
                           workers=2, engine="ray", ray_init=ray_init)
        stop.set()
        killer.join()
        assert killed, "a worker was killed mid-file"
        assert not ray.is_initialized(), "the local instance it started is shut down"
        # Ray ran the lost worker's file again: every file written, once.
        assert len(report.done) == 3 and not report.not_done
        ((path, reason),) = report.failed
        assert path.name == "broken.wav" and reason.startswith("The file broken.wav is not audio")
        (folder / "broken.wav").unlink()
        assert_each_once(tmp_path / "library", folder)
        again = run_batch(library, [folder], EngineOptions(model=str(base_model_path)),
                          workers=2, engine="ray", ray_init=ray_init)
        assert not again.done and len(again.skipped) == 3
    finally:
        stop.set()
        killer.join()
        library.close()
        if ray.is_initialized():
            ray.shutdown()
