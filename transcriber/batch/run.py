"""The coordinator: examine the sources, hand files to an engine, write each decoded
file into the library, keep the backlog's progress, and sum up.

Exactly once: a file is known by its sha256; one in the library already is skipped;
a decoded file is written in one transaction (``writer``); the coordinator is the only
writer, and one batch at a time holds the library's batch lock. Killed at any point,
a rerun finds every written file skipped and writes the others once.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from transcriber.asr.engine import EngineOptions
from transcriber.batch.decode import Job
from transcriber.batch.events import CANCELLED, Decoded, Decoding, Failed, Retrying, Started
from transcriber.batch.machine import default_workers, physical_cores
from transcriber.batch.worklist import WorkItem, examine
from transcriber.batch.writer import write_meeting
from transcriber.errors import TranscriberError
from transcriber.library.jobs import LOCK_FOLDER, try_lock
from transcriber.library.store import Library
from transcriber.messages import message

ENGINES = ("local", "ray")
BATCH_LOCK = "batch.lock"
LOCK_POLL_SECONDS = 0.5


@dataclass
class BatchEvent:
    """What the coordinator tells its caller (CLI lines, GUI rows).

    kind: "examining", "queued", "started", "decoding", "done", "skipped", "failed",
    "retrying", "cancelled"."""

    kind: str
    path: Path | None
    detail: str = ""
    meeting_id: int | None = None
    seconds: float = 0.0  # this file's audio decoded so far
    duration: float = 0.0  # this file's length
    worker: int | None = None  # "started": the process decoding it, where known


@dataclass
class Backlog:
    """The whole run's progress: files and audio hours done and left, time left."""

    files_total: int = 0
    files_finished: int = 0  # written, or failed for good
    seconds_total: float = 0.0
    seconds_finished: float = 0.0
    seconds_in_flight: dict[int, float] = field(default_factory=dict)
    decoding_since: float | None = None

    @property
    def seconds_done(self) -> float:
        return self.seconds_finished + sum(self.seconds_in_flight.values())

    @property
    def seconds_left(self) -> float:
        return max(0.0, self.seconds_total - self.seconds_done)

    def time_left(self, now: float | None = None) -> float | None:
        """Seconds left at the rate so far; None until there is a rate."""
        if self.decoding_since is None or self.seconds_done <= 0:
            return None
        elapsed = (now or time.monotonic()) - self.decoding_since
        return elapsed * self.seconds_left / self.seconds_done


@dataclass
class BatchReport:
    done: list[tuple[Path, int]] = field(default_factory=list)  # (file, meeting id)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)
    not_done: list[Path] = field(default_factory=list)  # left when the run was stopped
    ignored: int = 0
    audio_seconds: float = 0.0  # of the files written
    wall_seconds: float = 0.0


class BatchRunningError(TranscriberError):
    """Another batch is writing this library."""


class _BatchLock:
    """One batch per library at a time (the OS drops it when the holder dies)."""

    def __init__(self, library: Library) -> None:
        self.path = library.path / LOCK_FOLDER / BATCH_LOCK
        self.fd: int | None = None

    def acquire(self, wait: threading.Event | None = None) -> bool:
        """Take it, or refuse with BatchRunningError; with ``wait`` (a cancel event), wait
        for it in line instead: False if cancelled first."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        while not try_lock(fd):
            if wait is None:
                os.close(fd)
                raise BatchRunningError(message("Another batch is transcribing into this library; wait "
                                                "for it to finish (or stop it) before starting another."))
            if wait.wait(LOCK_POLL_SECONDS):
                os.close(fd)
                return False
        self.fd = fd
        return True

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing the descriptor drops the lock
            self.fd = None


def make_engine(name: str, options: EngineOptions, workers: int, threads: int,
                address: str | None = None, ray_init: dict | None = None, gpus: int = 0):
    if name == "local":
        from transcriber.batch.local import LocalEngine

        return LocalEngine(options, workers, threads, gpus=gpus)
    if name == "ray":
        from transcriber.batch.ray_engine import RayEngine

        return RayEngine(options, workers, threads, address=address, init=ray_init or {})
    raise TranscriberError(message("Unknown batch engine '{name}': choose one of {engines}.", name=name, engines=', '.join(ENGINES)))


def run_batch(
    library: Library,
    sources: Iterable[str | os.PathLike[str]],
    options: EngineOptions,
    *,
    workers: int | None = None,
    engine: str = "local",
    address: str | None = None,
    speaker: str | None = None,
    date: str | None = None,
    on_event: Callable[[BatchEvent, Backlog], None] | None = None,
    cancel: threading.Event | None = None,
    ray_init: dict | None = None,
    on_ready: Callable[[Callable[[Path], None]], None] | None = None,
    wait_for_lock: bool = False,
) -> BatchReport:
    """Transcribe every media file under ``sources`` into the library, each once.

    ``options`` are the per-meeting options (as ``transcribe``), the library's glossary
    included by the caller. ``date`` (YYYY-MM-DD) overrides each file's own date (from
    its name or metadata, else today). ``cancel`` stops the run: files not written are
    listed as not done and a rerun does them. ``on_ready`` gets, once the files are
    handed to the engine, a function (any thread) that withdraws one file from the run
    (the GUI's Cancel on one row); a withdrawn file is reported "cancelled". One batch
    per library at a time: another is refused (BatchRunningError), or with
    ``wait_for_lock`` waited for (the GUI's second drop goes in line).
    """
    cancel = cancel or threading.Event()
    began = time.monotonic()
    report = BatchReport()
    backlog = Backlog()

    def tell(event: BatchEvent) -> None:
        if on_event:
            on_event(event, backlog)

    lock = _BatchLock(library)
    if not lock.acquire(cancel if wait_for_lock else None):
        report.not_done = [Path(source) for source in sources]
        return report
    try:
        library.mark_interrupted()
        examined = examine(library, sources, on_file=lambda n, total, path: tell(
            BatchEvent("examining", path, f"{n}/{total}")), cancel=cancel)
        report.ignored = examined.ignored
        report.not_done += examined.unexamined
        for path, reason in examined.skipped:
            report.skipped.append((path, reason))
            tell(BatchEvent("skipped", path, reason))
        for path, reason in examined.failed:
            report.failed.append((path, reason))
            tell(BatchEvent("failed", path, reason))
        # Longest first: the last file to finish is then a short one, and workers
        # run out of work together.
        items = sorted(examined.todo, key=lambda item: -item.duration)
        backlog.files_total = len(items)
        backlog.seconds_total = sum(item.duration for item in items)
        for item in items:
            tell(BatchEvent("queued", item.path, duration=item.duration))
        if items:
            if engine == "local":
                gpus = _gpus(options)
                count = workers or default_workers(options.model, gpus=gpus)
                threads = max(1, physical_cores() // count)
            else:  # Ray sizes both from the cluster's resources once it is reached
                gpus, count, threads = 0, workers or 0, 0
            runner = make_engine(engine, options, count, threads, address, ray_init, gpus)
            _drive(library, runner, items, options, speaker, date, cancel, report, backlog, tell,
                   on_ready)
    finally:
        lock.release()
    report.wall_seconds = time.monotonic() - began
    return report


def _gpus(options: EngineOptions) -> int:
    if options.device == "cpu":
        return 0
    from transcriber.asr.device import cuda_device_count

    return cuda_device_count()


def _drive(library: Library, runner, items: list[WorkItem], options: EngineOptions,
           speaker: str | None, date: str | None, cancel: threading.Event,
           report: BatchReport, backlog: Backlog, tell: Callable[[BatchEvent], None],
           on_ready: Callable[[Callable[[Path], None]], None] | None) -> None:
    by_key = dict(enumerate(items))
    key_of = {item.path: key for key, item in by_key.items()}
    if on_ready:
        on_ready(lambda path: _withdraw(runner, key_of, Path(path).resolve()))
    jobs = [Job(key, str(item.path), item.duration) for key, item in by_key.items()]
    open_keys = set(by_key)
    for event in runner.run(jobs, cancel):
        item = by_key[event.job.key]
        if isinstance(event, Started):
            backlog.decoding_since = backlog.decoding_since or time.monotonic()
            backlog.seconds_in_flight[event.job.key] = 0.0
            note = f"attempt {event.attempt}" if event.attempt > 1 else ""
            tell(BatchEvent("started", item.path, note, duration=item.duration,
                            worker=event.worker))
        elif isinstance(event, Decoding):
            backlog.seconds_in_flight[event.job.key] = min(event.seconds, item.duration)
            tell(BatchEvent("decoding", item.path, seconds=event.seconds, duration=item.duration))
        elif isinstance(event, Retrying):
            backlog.seconds_in_flight.pop(event.job.key, None)
            tell(BatchEvent("retrying", item.path, event.reason))
        elif isinstance(event, Failed):
            _finish(backlog, event.job.key, item, open_keys)
            if event.reason == CANCELLED:
                report.not_done.append(item.path)
                tell(BatchEvent("cancelled", item.path))
                continue
            report.failed.append((item.path, event.reason))
            tell(BatchEvent("failed", item.path, event.reason))
        elif isinstance(event, Decoded):
            try:
                meeting_id, new = write_meeting(library, item, event.result, options, speaker,
                                                date)
            except TranscriberError as exc:  # the source vanished or changed meanwhile
                _finish(backlog, event.job.key, item, open_keys)
                report.failed.append((item.path, exc.message))
                tell(BatchEvent("failed", item.path, exc.message))
                continue
            _finish(backlog, event.job.key, item, open_keys)
            if not new:
                reason = f"already in the library as meeting {meeting_id}"
                report.skipped.append((item.path, reason))
                tell(BatchEvent("skipped", item.path, reason, meeting_id))
                continue
            report.done.append((item.path, meeting_id))
            report.audio_seconds += event.result.decoded_seconds
            tell(BatchEvent("done", item.path, "", meeting_id, event.result.decoded_seconds,
                            item.duration))
    report.not_done += [by_key[key].path for key in sorted(open_keys)]


def _finish(backlog: Backlog, key: int, item: WorkItem, open_keys: set[int]) -> None:
    backlog.seconds_in_flight.pop(key, None)
    backlog.seconds_finished += item.duration
    backlog.files_finished += 1
    open_keys.discard(key)


def _withdraw(runner, key_of: dict[Path, int], path: Path) -> None:
    if path in key_of:
        runner.withdraw(key_of[path])
