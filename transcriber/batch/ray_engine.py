"""The Ray engine: the same files on a Ray cluster, a local instance by default.

Each file is one Ray task that decodes it and returns its segments; the coordinator
writes them (``writer``), so nothing on the cluster touches the library. A task whose
worker is lost (killed, out of memory, node gone) is retried by Ray, at most twice
(``max_retries``); a file that is not audio is not retried. On a cluster the audio
travels through Ray's object store, so nodes need no shared folder, and a node keeps
no copy of it, even of a file whose worker was killed (``_shipped_copy``); on a local
instance the workers read the files where they are. GPU nodes take one file per GPU,
decoded with CUDA float16 and the batched pipeline (``decode.prepare_worker``).

Workers need this project installed (``pip install`` it on every node).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from transcriber.asr.engine import EngineOptions
from transcriber.batch.decode import DecodedFile, Job, decode_file, prepare_worker
from transcriber.batch.events import (
    CANCELLED,
    MAX_ATTEMPTS,
    Decoded,
    Event,
    Failed,
    Started,
    decoding_failed,
    gave_up,
)
from transcriber.batch.machine import THREADS_PER_WORKER, physical_cores
from transcriber.errors import TranscriberError
from transcriber.library.jobs import try_lock
from transcriber.messages import Message, message

POLL_SECONDS = 0.5
PROBE_SECONDS = 5.0
SHIPPED_PREFIX = "transcriber-batch-"  # folders of audio shipped to a node, one per file
IN_USE = "in-use.lock"


def decode_task(options: EngineOptions, threads: int, path: str,
                audio: bytes | None) -> DecodedFile | str:
    """Runs on a Ray worker: the file's segments, or one sentence saying why not."""
    options = prepare_worker(options, threads)
    try:
        if audio is None:
            return decode_file(path, options)
        with _shipped_copy(Path(path).name, audio) as copy:
            return decode_file(copy, options)
    except TranscriberError as exc:
        return exc.message
    except Exception as exc:  # noqa: BLE001 - one file's fault, said in one sentence
        return decoding_failed(exc)


@contextlib.contextmanager
def _shipped_copy(name: str, audio: bytes) -> Iterator[Path]:
    """Shipped audio as a file on this node while it is decoded, in a folder that holds
    an OS lock meanwhile. A worker killed mid-file leaves its folder; the next file
    decoded on the node removes every folder whose lock is free, so no copy of a
    meeting's audio stays on a node the library's owner may not control."""
    _remove_abandoned_copies()
    folder = Path(tempfile.mkdtemp(prefix=SHIPPED_PREFIX))
    # Locked before it gets the name a sweep looks for: never swept while in use.
    # (Windows renames no open file, and a sweep there cannot remove one either.)
    locking = folder / (IN_USE if sys.platform == "win32" else ".locking")
    fd = os.open(locking, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try_lock(fd)
        if locking.name != IN_USE:
            locking.rename(folder / IN_USE)
        copy = folder / name
        copy.write_bytes(audio)
        yield copy
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        os.close(fd)


def _remove_abandoned_copies() -> None:
    for folder in Path(tempfile.gettempdir()).glob(f"{SHIPPED_PREFIX}*"):
        try:
            fd = os.open(folder / IN_USE, os.O_RDWR)
        except OSError:
            continue  # being made, another user's, or not ours
        try:
            if try_lock(fd):  # its worker is dead
                shutil.rmtree(folder, ignore_errors=True)
        finally:
            os.close(fd)


@dataclass
class RayEngine:
    options: EngineOptions
    workers: int  # files decoded at once; 0: as the cluster allows
    threads: int  # CPU threads per file; 0: the cluster's CPUs shared among the workers
    address: str | None = None  # an existing cluster; None: a local instance
    init: dict = field(default_factory=dict)  # more ray.init arguments (tests: a small one)
    max_attempts: int = MAX_ATTEMPTS
    _withdrawn: set[int] = field(default_factory=set)
    _guard: threading.Lock = field(default_factory=threading.Lock)

    def withdraw(self, key: int) -> None:
        with self._guard:
            self._withdrawn.add(key)

    def run(self, jobs: list[Job], cancel: threading.Event | None = None) -> Iterator[Event]:
        try:
            import ray
        except ImportError as exc:
            raise RayUnavailableError(message("Ray is not installed here ({detail}); install the "
                                              "project again, or use --engine local.", detail=exc)) from exc

        cancel = cancel or threading.Event()
        started_here = not ray.is_initialized()
        if started_here and self.address:
            _check_reachable(self.address)
        if started_here:
            local = {} if self.address else {"runtime_env": {"env_vars": _worker_env()},
                                             "num_cpus": physical_cores()}
            try:
                # "local": a new instance of our own, never one RAY_ADDRESS or an earlier
                # run left (its tasks would be another run's).
                ray.init(address=self.address or "local", include_dashboard=False,
                         log_to_driver=False,
                         **{**local, **self.init})
            except (ConnectionError, RuntimeError, ValueError, OSError) as exc:
                where = f"the Ray cluster at {self.address}" if self.address else "Ray"
                raise RayUnavailableError(message("Cannot start or reach {where}: "
                                                  "{detail}.", where=where, detail=_first_line(exc))) from exc
        try:
            yield from self._run(ray, jobs, cancel)
        finally:
            if started_here:
                ray.shutdown()

    def _run(self, ray, jobs: list[Job], cancel: threading.Event) -> Iterator[Event]:
        resources = ray.cluster_resources()
        gpus = int(resources.get("GPU", 0))
        cpus = int(resources.get("CPU", 1))
        # As the local engine: a file per GPU, else one per THREADS_PER_WORKER cores.
        self.workers = self.workers or gpus or max(1, cpus // THREADS_PER_WORKER)
        self.threads = self.threads or max(1, cpus // self.workers)
        task = ray.remote(decode_task).options(
            num_cpus=0 if gpus else self.threads, num_gpus=1 if gpus else 0,
            max_retries=self.max_attempts - 1, retry_exceptions=False,
        )
        ship_audio = self.address is not None  # other nodes cannot read our paths
        pending = list(reversed(jobs))
        running: dict[object, Job] = {}
        while pending or running:
            if cancel.is_set():
                for ref in running:
                    ray.cancel(ref, force=True)
                return
            yield from self._drop_withdrawn(ray, pending, running)
            while pending and len(running) < self.workers:
                job = pending.pop()
                audio = Path(job.path).read_bytes() if ship_audio else None
                running[task.remote(self.options, self.threads, job.path, audio)] = job
                yield Started(job, 1)
            if not running:
                continue
            ready, _ = ray.wait(list(running), num_returns=1, timeout=POLL_SECONDS)
            for ref in ready:
                job = running.pop(ref)
                try:
                    result = ray.get(ref)
                except ray.exceptions.TaskCancelledError:
                    yield Failed(job, CANCELLED)
                    continue
                except ray.exceptions.RayError as exc:
                    yield Failed(job, gave_up(self.max_attempts, _ray_reason(exc)))
                    continue
                if isinstance(result, str):
                    yield Failed(job, result)
                else:
                    yield Decoded(job, result)

    def _drop_withdrawn(self, ray, pending: list[Job], running: dict[object, Job]
                        ) -> Iterator[Event]:
        with self._guard:
            withdrawn, self._withdrawn = self._withdrawn, set()
        for job in [job for job in pending if job.key in withdrawn]:
            pending.remove(job)
            yield Failed(job, CANCELLED)
        for ref, job in list(running.items()):
            if job.key in withdrawn:
                ray.cancel(ref, force=True)  # its result then says TaskCancelledError


class RayUnavailableError(TranscriberError):
    """Ray cannot be used: not installed, or the cluster cannot be reached."""


def _check_reachable(address: str) -> None:
    """Refuse an address nothing answers at in seconds: Ray itself retries for minutes."""
    host, _, port = address.removeprefix("ray://").rpartition(":")
    if not host or not port.isdigit():
        return  # "auto" and the like: Ray's to resolve
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=PROBE_SECONDS).close()
    except OSError as exc:
        raise RayUnavailableError(message("Cannot reach the Ray cluster at {address}: "
                                          "{detail}.", address=address, detail=exc.strerror or exc)) from exc


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0].rstrip(".") if text else type(exc).__name__


def _ray_reason(exc: Exception) -> Message:
    return message("its worker was lost ({detail})", detail=f"{type(exc).__name__}: {_first_line(exc)}")


def _worker_env() -> dict[str, str]:
    """What a local instance's workers need to import this checkout as the driver does."""
    path = os.environ.get("PYTHONPATH")
    return {"PYTHONPATH": path} if path else {}
