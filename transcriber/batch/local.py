"""The local engine: N worker processes on this machine, each with its own model and
a fair share of the cores; the coordinator hands out files one at a time.

Workers are spawned (not forked: the coordinator may hold threads and a SQLite
connection) and end themselves if the coordinator dies, however it dies. A worker
that dies mid-file (killed, out of memory) is replaced and its file goes to the
next free worker, at most ``MAX_ATTEMPTS`` times in all.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait

from transcriber.asr.engine import EngineOptions
from transcriber.batch.decode import Job, decode_file, prepare_worker
from transcriber.batch.events import (
    CANCELLED,
    MAX_ATTEMPTS,
    Decoded,
    Decoding,
    Event,
    Failed,
    Retrying,
    Started,
    decoding_failed,
    gave_up,
    lost_reason,
)
from transcriber.errors import ModelError, TranscriberError
from transcriber.messages import message

PROGRESS_EVERY_SECONDS = 1.0
POLL_SECONDS = 0.2
STOP_WAIT_SECONDS = 5.0


def _watch_parent() -> None:
    """End this worker when the coordinator is gone: nobody would read its result."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()
        os._exit(0)  # no finaliser may run under a CTranslate2 thread

    threading.Thread(target=watch, name="watch-coordinator", daemon=True).start()


def worker_main(conn: Connection, options: EngineOptions, threads: int,
                gpu: int | None) -> None:
    """A worker process: load the model, then decode each job sent until None."""
    # Ctrl+C in a terminal reaches the whole process group: the coordinator decides
    # what stops (it stops its workers itself), not each worker with a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _watch_parent()
    if gpu is not None:
        os.environ["CUDA_VISIBLE_DEVICES"] = str(gpu)
    try:
        from transcriber.asr.engine import get_engine

        options = prepare_worker(options, threads)
        get_engine(options)
    except TranscriberError as exc:
        conn.send(("fatal", exc.message))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        sent = [0.0]

        def progress(done: float, _total: float, job: Job = job, sent: list = sent) -> None:
            now = time.monotonic()
            if now - sent[0] >= PROGRESS_EVERY_SECONDS:
                sent[0] = now
                conn.send(("progress", job.key, done))

        try:
            decoded = decode_file(job.path, options, progress)
        except TranscriberError as exc:
            conn.send(("failed", job.key, exc.message))
            continue
        except Exception as exc:  # noqa: BLE001 - one file's fault, said in one sentence
            conn.send(("failed", job.key, decoding_failed(exc)))
            continue
        conn.send(("done", job.key, decoded))


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    ready: bool = False
    job: Job | None = None
    alive: bool = True


@dataclass
class LocalEngine:
    options: EngineOptions
    workers: int
    threads: int  # per worker
    gpus: int = 0  # one worker per GPU, round robin, when there are GPUs
    max_attempts: int = MAX_ATTEMPTS
    pids: list[int] = field(default_factory=list)  # of the workers started, for tests
    _lost_loading: int = 0
    _withdrawn: set[int] = field(default_factory=set)
    _guard: threading.Lock = field(default_factory=threading.Lock)

    def withdraw(self, key: int) -> None:
        """Drop a file from the run (any thread): not started, or its worker is stopped."""
        with self._guard:
            self._withdrawn.add(key)

    def run(self, jobs: list[Job], cancel: threading.Event | None = None) -> Iterator[Event]:
        cancel = cancel or threading.Event()
        context = multiprocessing.get_context("spawn")
        pending: deque[Job] = deque(jobs)
        attempts: Counter[int] = Counter()
        pool: list[_Worker] = []
        started = 0

        def spawn() -> None:
            nonlocal started
            ours, theirs = context.Pipe()
            gpu = started % self.gpus if self.gpus else None
            process = context.Process(target=worker_main, name=f"batch-worker-{started}",
                                      args=(theirs, self.options, self.threads, gpu), daemon=True)
            process.start()
            theirs.close()
            started += 1
            self.pids.append(process.pid)
            pool.append(_Worker(process, ours))

        try:
            while pending or any(w.job for w in pool):
                if cancel.is_set():
                    return
                yield from self._drop_withdrawn(pending, pool)
                live = [w for w in pool if w.alive]
                busy = sum(1 for w in live if w.job)
                for _ in range(min(self.workers, busy + len(pending)) - len(live)):
                    spawn()
                for worker in pool:
                    if worker.alive and worker.ready and worker.job is None and pending:
                        job = pending.popleft()
                        attempts[job.key] += 1
                        worker.job = job
                        try:
                            worker.conn.send(job)
                        except OSError:
                            pass  # it just died: its sentinel puts the job back in line
                        yield Started(job, attempts[job.key], worker.process.pid)
                waiting = [w for w in pool if w.alive]
                wait([w.conn for w in waiting] + [w.process.sentinel for w in waiting],
                     timeout=POLL_SECONDS)
                for worker in waiting:
                    yield from self._read(worker)
                    # Its messages are all read: a dead worker's file goes back in line.
                    if worker.alive and not worker.process.is_alive():
                        yield from self._lost(worker, pending, attempts)
                pool[:] = [w for w in pool if w.alive]
        finally:
            _stop(pool)

    def _drop_withdrawn(self, pending: deque[Job], pool: list[_Worker]) -> Iterator[Event]:
        with self._guard:
            withdrawn, self._withdrawn = self._withdrawn, set()
        for job in [job for job in pending if job.key in withdrawn]:
            pending.remove(job)
            yield Failed(job, CANCELLED)
        for worker in pool:
            if worker.alive and worker.job is not None and worker.job.key in withdrawn:
                job, worker.job = worker.job, None
                worker.process.kill()
                worker.process.join()
                worker.alive = False
                worker.conn.close()
                yield Failed(job, CANCELLED)
        pool[:] = [w for w in pool if w.alive]

    def _read(self, worker: _Worker) -> Iterator[Event]:
        while worker.alive:
            try:
                if not worker.conn.poll():
                    return
                message = worker.conn.recv()
            except (EOFError, OSError):
                return  # the sentinel says how it ended
            kind = message[0]
            if kind == "ready":
                worker.ready = True
            elif kind == "fatal":
                # The model or device does not load: every file would fail the same way.
                raise ModelError(message[1])
            elif worker.job is not None and message[1] == worker.job.key:
                job = worker.job
                if kind == "progress":
                    yield Decoding(job, message[2])
                elif kind == "done":
                    worker.job = None
                    yield Decoded(job, message[2])
                elif kind == "failed":
                    worker.job = None
                    yield Failed(job, message[2])

    def _lost(self, worker: _Worker, pending: deque[Job], attempts: Counter[int]
              ) -> Iterator[Event]:
        worker.process.join(STOP_WAIT_SECONDS)
        yield from self._read(worker)  # a result it sent just before it died still counts
        worker.alive = False
        worker.conn.close()
        job, worker.job = worker.job, None
        reason = lost_reason(worker.process.exitcode)
        if not worker.ready:
            self._lost_loading += 1
            if self._lost_loading >= self.max_attempts:
                raise ModelError(message("Batch workers keep dying while loading the model: {detail}.", detail=reason))
        if job is None:
            return
        if attempts[job.key] >= self.max_attempts:
            yield Failed(job, gave_up(attempts[job.key], reason))
        else:
            pending.appendleft(job)
            yield Retrying(job, reason)


def _stop(pool: list[_Worker]) -> None:
    """Ask idle workers to leave, stop busy ones (their files were not written)."""
    for worker in pool:
        try:
            if worker.job is None:
                worker.conn.send(None)
            else:
                worker.process.kill()
        except (OSError, ValueError):
            pass
    deadline = time.monotonic() + STOP_WAIT_SECONDS
    for worker in pool:
        worker.process.join(max(0.0, deadline - time.monotonic()))
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.conn.close()
