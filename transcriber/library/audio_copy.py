"""Copies into the library's audio folder: whole or not at all, even under ``kill -9``.

A copy is written as ``audio/.<token>-<name>.partial`` and renamed to its stored name
only once it is whole and on disk, so no meeting can ever reference half a file. While
it runs, its process holds an OS lock on ``audio/.<token>.copying``; the OS drops that
lock when the process dies, however it dies (``jobs.try_lock``). The start-up pass
(``Library.mark_interrupted``, run by every command, the GUI and each batch) then
removes what a killed copy left (``remove_abandoned_copies``) and never touches a copy
whose lock is held: another window or process is copying right now.

The lock is a file of its own, not the partial itself, so the partial can be closed
before it is renamed (Windows renames no open file) and still be known as in progress.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from transcriber.library.jobs import try_lock

if TYPE_CHECKING:
    from transcriber.library.store import Library

PARTIAL_SUFFIX = ".partial"
LOCK_SUFFIX = ".copying"
# What a copy leaves in the audio folder, by its token; nothing else there is touched.
_LEFT_BY_A_COPY = re.compile(r"\.([0-9a-f]{32})(?:-.*\.partial|\.copying)", re.DOTALL)
# A fresh lock file can be taken by a start-up pass probing it in the instant before
# its copy locks it; the copy then starts over under a new token, a few times at most.
LOCK_ATTEMPTS = 20


@contextlib.contextmanager
def copying_into(library: Library, name: str) -> Iterator[Path]:
    """``with copying_into(library, name) as partial:`` write ``partial``, then rename it
    to its stored name inside the block. Whatever is still at ``partial`` when the block
    ends (an error, a cancel) is removed; a kill leaves it to the start-up pass."""
    folder = library.audio_dir
    token, fd, lock = _take_lock(folder)
    partial = folder / f".{token}-{name}{PARTIAL_SUFFIX}"
    try:
        yield partial
    finally:
        partial.unlink(missing_ok=True)
        _drop_lock(fd, lock)


def remove_abandoned_copies(library: Library) -> list[Path]:
    """Delete the partial copies (and their lock files) whose process died; return them.

    A copy whose lock is held is running in a live process and is left alone."""
    try:
        names = os.listdir(library.audio_dir)
    except OSError:
        return []
    by_token: dict[str, list[Path]] = {}
    for name in names:
        match = _LEFT_BY_A_COPY.fullmatch(name)
        if match:
            by_token.setdefault(match[1], []).append(library.audio_dir / name)
    removed: list[Path] = []
    for token, paths in by_token.items():
        lock = library.audio_dir / f".{token}{LOCK_SUFFIX}"
        try:
            fd: int | None = os.open(lock, os.O_RDWR)
        except FileNotFoundError:
            # The lock file goes last: its copy ended (its partial renamed or removed
            # since the listing) or died before it took the lock.
            fd = None
        except OSError:
            continue  # cannot tell: leave it
        if fd is not None and not try_lock(fd):
            os.close(fd)
            continue  # a copy running in a live process
        try:
            for path in paths:
                if path != lock:
                    _remove(path, removed)
            if fd is not None and sys.platform != "win32":
                _remove(lock, removed)  # while locked: no copy can take it meanwhile
        finally:
            if fd is not None:
                os.close(fd)
        if fd is not None and sys.platform == "win32":  # an open file cannot be removed there
            _remove(lock, removed)
    return removed


def _remove(path: Path, removed: list[Path]) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        return
    except OSError:
        return  # in use (Windows) or not ours to remove: the next pass tries again
    removed.append(path)


def _take_lock(folder: Path) -> tuple[str, int, Path]:
    """A new token and its lock file, locked by this process."""
    for _ in range(LOCK_ATTEMPTS):
        token = uuid.uuid4().hex
        lock = folder / f".{token}{LOCK_SUFFIX}"
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
        # Locked, and still the file of that name: a start-up pass that took it in the
        # instant before has removed it (it looked abandoned), so start over.
        if try_lock(fd) and _still_named(fd, lock):
            return token, fd, lock
        os.close(fd)
    raise OSError(f"cannot lock a copy into {folder}")


def _still_named(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        return False


def _drop_lock(fd: int, lock: Path) -> None:
    """Remove the lock file, then let go of the lock (so no pass meets it unlocked)."""
    if sys.platform == "win32":  # an open file cannot be removed there
        os.close(fd)
        with contextlib.suppress(OSError):
            lock.unlink()
        return
    try:
        lock.unlink(missing_ok=True)
    finally:
        os.close(fd)
