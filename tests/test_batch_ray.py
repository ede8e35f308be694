"""`transcriber batch --engine ray` on a local Ray instance (two CPUs, a small object
store, no dashboard, no network): each file once, also when a worker is killed mid-file
or the coordinator itself is killed, and only the coordinator writes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
import pytest
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
from transcriber.library.store import Library

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
# The coordinator as its own process (what `transcriber batch --engine ray` runs), with
# the test's small local instance; it prints what it wrote, skipped and failed.
COORDINATOR = """
import sys
from transcriber.asr.engine import EngineOptions
from transcriber.batch import run_batch
from transcriber.library.store import Library
library_path, folder, model, temp_dir = sys.argv[1:]
library = Library(library_path)
report = run_batch(library, [folder], EngineOptions(model=model), workers=2, engine="ray",
                   ray_init={"num_cpus": 2, "object_store_memory": 80 * 1024 * 1024,
                             "_temp_dir": temp_dir})
library.close()
print(len(report.done), len(report.skipped), len(report.failed), len(report.not_done))
"""


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
                                                      ray_home, monkeypatch):
    import ray

    # Another cluster named in the user's environment: a run without --address still
    # starts its own local instance (was: refused, as a connection to that cluster).
    monkeypatch.setenv("RAY_ADDRESS", "127.0.0.1:9")

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


def _name(process: psutil.Process) -> str:
    try:
        return process.name()
    except psutil.Error:
        return ""  # gone already


def test_the_ray_coordinator_killed_then_rerun_each_file_once(
        tmp_path, audio_dir, base_model_path, ray_home):
    """kill -9 of the process that drives Ray and writes the library, mid-batch: Ray's
    processes go with it, and a rerun writes every file not yet written, once."""
    folder = backlog(tmp_path / "backlog", audio_dir)
    lib_path = tmp_path / "library"
    command = [sys.executable, "-c", COORDINATOR, str(lib_path), str(folder),
               str(base_model_path), str(ray_home)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    log = (tmp_path / "coordinator.log").open("w")  # a pipe nobody reads could block it
    coordinator = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    ray_processes: list[psutil.Process] = []
    try:
        ray_processes = kill_when(coordinator, lambda: meeting_count(lib_path) > 0, 300,
                                  "no file was written", log=tmp_path / "coordinator.log")
        written = meetings_by_audio(lib_path)
        assert 0 < len(written) < len(CLIPS), "the kill came mid-run"
        # Ray's head, raylet and workers end with the coordinator: nothing is left
        # decoding for no one, or holding the cores from the rerun. (Its two agents
        # linger about a minute, reporting the raylet's death to a head that is gone.)
        agents = [p for p in ray_processes if _name(p).endswith("Agent")]
        _gone, alive = psutil.wait_procs(
            [p for p in ray_processes if p not in agents], timeout=60)
        assert not alive, [_name(p) for p in alive]

        rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
        assert rerun.returncode == 0, rerun.stderr[-3000:]
        done, skipped, failed, not_done = map(int, rerun.stdout.split()[-4:])
        assert (done, skipped, failed, not_done) == (len(CLIPS) - len(written), len(written),
                                                     0, 0)
        assert_each_once(lib_path, folder)  # and none "running"
        assert_audio_whole(lib_path)
        assert left_by_copies(lib_path) == []
        _gone, alive = psutil.wait_procs(agents, timeout=150)
        assert not alive, [_name(p) for p in alive]
    finally:
        if coordinator.poll() is None:
            coordinator.kill()
        coordinator.wait()
        log.close()
        for process in ray_processes:  # only what this test started
            try:
                process.kill()
            except psutil.Error:
                pass


KILLED_ON_A_NODE = """
import os, sys
from pathlib import Path
from transcriber.asr.engine import EngineOptions
from transcriber.batch.ray_engine import decode_task
clip, model = sys.argv[1:]
decode_task(EngineOptions(model=model), 1, clip, Path(clip).read_bytes())
"""


def test_a_node_keeps_no_copy_of_audio_whose_worker_was_killed(
        tmp_path, audio_dir, base_model_path, monkeypatch):
    """On a cluster (--address) a file's audio is shipped to the node and decoded from a
    copy there. A worker killed mid-file leaves that copy; the next file decoded on the
    node removes it (was: a copy of the meeting's audio left in the node's /tmp)."""
    from transcriber.asr.device import CPU_THREADS_ENV
    from transcriber.batch.decode import DecodedFile
    from transcriber.batch.ray_engine import decode_task

    node_tmp = tmp_path / "node-tmp"  # the node's temporary folder
    node_tmp.mkdir()
    clip = audio_dir / "dev" / CLIPS[2]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(node_tmp)}
    worker = subprocess.Popen([sys.executable, "-c", KILLED_ON_A_NODE, str(clip),
                               str(base_model_path)], env=env)
    try:
        deadline = time.monotonic() + 120
        while not list(node_tmp.glob(f"*/{clip.name}")) and worker.poll() is None:
            assert time.monotonic() < deadline, "the worker made no copy in two minutes"
            time.sleep(0.01)
        worker.kill()
    finally:
        worker.kill()
        worker.wait()
    (left,) = node_tmp.glob(f"*/{clip.name}")
    assert left.read_bytes() == clip.read_bytes()  # killed while decoding its copy

    monkeypatch.setenv(CPU_THREADS_ENV, "")  # decode_task sets this process's share
    monkeypatch.setattr(tempfile, "tempdir", str(node_tmp))
    other = audio_dir / "dev" / CLIPS[1]
    decoded = decode_task(EngineOptions(model=str(base_model_path)), 1, str(other),
                          other.read_bytes())
    assert isinstance(decoded, DecodedFile) and decoded.segments
    assert list(node_tmp.iterdir()) == []
