"""Per-meeting job lock: one transcription of a meeting at a time, across processes.

A transcription holds an OS lock on ``<library>/locks/meeting-<id>.transcribing``
for as long as it writes the meeting's bullets. The OS drops the lock when its
holder dies, however it dies, so:

- the start-up pass (``Library.mark_interrupted``, run by every CLI command and
  by the GUI) leaves a meeting whose lock is held alone: it is being transcribed
  right now by another process, not cut off by a crash;
- a second transcription of the same meeting, in this process or another, is
  refused with one sentence instead of interleaving its bullets with the first.

The lock files are never deleted: removing one while another process is opening
it would let two holders lock two different files of the same name. They are a
few bytes each.

The lock is re-entrant for the thread that holds it (a function that takes it may
call another that takes it too); any other thread or process is refused.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from transcriber.errors import TranscriberError
from transcriber.messages import message

if TYPE_CHECKING:
    from transcriber.library.store import Library

LOCK_FOLDER = "locks"


class TranscriptionRunningError(TranscriberError):
    """The meeting is being transcribed already (by this app or another process)."""


def lock_path(audio_path: str | os.PathLike[str]) -> Path:
    """The lock a recorder holds while it writes ``audio_path`` (transcriber.record)."""
    return Path(f"{audio_path}.lock")


def lock_file(library: Library, meeting_id: int) -> Path:
    return library.path / LOCK_FOLDER / f"meeting-{meeting_id}.transcribing"


def try_lock(fd: int) -> bool:
    """Take an exclusive OS lock on ``fd`` without waiting; False if another holds it.

    ``flock`` (not POSIX record locks), so two descriptors of one process exclude
    each other too; the OS drops it when the holder dies."""
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    try:
        if sys.platform == "win32":
            import msvcrt

            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _open(path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)


# Locks this process holds: path -> [fd, owning thread id, depth].
_held: dict[Path, list[int]] = {}
_held_guard = threading.Lock()


class TranscriptionLock:
    """``with TranscriptionLock(library, meeting_id):`` around a transcription's writes.

    Entering raises ``TranscriptionRunningError`` when the meeting is being
    transcribed elsewhere. ``acquire``/``release`` are the same in two calls, for a
    job that starts on one thread and ends on another.
    """

    def __init__(self, library: Library, meeting_id: int) -> None:
        self.meeting_id = meeting_id
        self.library = library
        self.path = lock_file(library, meeting_id).resolve()
        self._acquired = False

    def acquire(self) -> None:
        if self._acquired:
            return
        me = threading.get_ident()
        with _held_guard:
            entry = _held.get(self.path)
            if entry is not None:
                if entry[1] != me:
                    raise self._refusal()
                entry[2] += 1
                self._acquired = True
                return
            try:
                fd = _open(self.path)
            except OSError as exc:
                raise TranscriberError(
                    message("Cannot create the job lock {path}: {detail}.", path=self.path, detail=exc.strerror or exc)
                ) from exc
            if not try_lock(fd):
                os.close(fd)
                raise self._refusal()
            os.ftruncate(fd, 0)
            os.write(fd, str(os.getpid()).encode())  # for a person looking at the folder
            _held[self.path] = [fd, me, 1]
            self._acquired = True

    def release(self) -> None:
        if not self._acquired:
            return
        self._acquired = False
        with _held_guard:
            entry = _held.get(self.path)
            if entry is None:
                return
            entry[2] -= 1
            if entry[2] > 0:
                return
            del _held[self.path]
            _unlock(entry[0])
        # The job is over: what it committed goes from the WAL into the database file
        # now, not at some later checkpoint (a lost WAL then costs nothing).
        self.library.checkpoint()

    def _refusal(self) -> TranscriptionRunningError:
        return TranscriptionRunningError(
            message("Meeting {meeting_id} is being transcribed already; wait for that "
                    "transcription to finish (or stop it) before starting another.", meeting_id=self.meeting_id)
        )

    def __enter__(self) -> TranscriptionLock:
        self.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def _held_elsewhere(path: Path) -> bool:
    """Whether some other process holds the OS lock on ``path`` (probing leaves it free)."""
    if not path.exists():
        return False
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return False
    if try_lock(fd):
        _unlock(fd)
        return False
    os.close(fd)
    return True


def transcription_running(library: Library, meeting_id: int) -> bool:
    """Whether a live process is transcribing the meeting now.

    True while a ``TranscriptionLock`` on it is held (by this process or another),
    and while its recording is being recorded (the recorder's own lock on the WAV,
    transcriber.record.recovery): the live draft writes bullets as it records.
    """
    path = lock_file(library, meeting_id).resolve()
    with _held_guard:
        if path in _held:
            return True
    return _held_elsewhere(path) or recording_in_progress(library, meeting_id)


def recording_in_progress(library: Library, meeting_id: int) -> bool:
    """Whether a recorder (this process or another) is writing the meeting's recording now."""
    rows = library.db.execute(
        "SELECT path FROM recordings WHERE meeting_id = ? AND state = 'recording'", [meeting_id]
    ).fetchall()
    if not rows:
        return False
    return any(_held_elsewhere(lock_path(row[0])) for row in rows)
