"""Real disk faults for tests: a small tmpfs that fills up, and read-only mounts.

Mounting needs root (or CAP_SYS_ADMIN); where it is refused the tests that need it
skip with that reason. Every mount is undone after the test, whatever happened.
"""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _mount(*args: str) -> None:
    result = subprocess.run(["mount", *args], capture_output=True, text=True)
    if result.returncode != 0:
        raise OSError(result.stderr.strip() or f"mount {' '.join(args)} failed")


def _umount(path: Path) -> None:
    subprocess.run(["umount", "-l", str(path)], capture_output=True)


@contextlib.contextmanager
def small_disk(path: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` (such as ``"2m"``) mounted at ``path``; skips if not permitted."""
    path.mkdir(parents=True, exist_ok=True)
    try:
        _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path))
    except (OSError, FileNotFoundError) as exc:
        pytest.skip(f"cannot mount a small tmpfs to fill up here ({exc})")
    try:
        yield path
    finally:
        _umount(path)


def resize(path: Path, size: str) -> None:
    """Grow (or shrink) a ``small_disk``: freeing space as a user would after a full disk."""
    _mount("-o", f"remount,size={size}", str(path))


@contextlib.contextmanager
def read_only_view(source: Path, path: Path) -> Iterator[Path]:
    """``source`` seen read-only at ``path`` (a read-only bind mount); skips if not permitted."""
    path.mkdir(parents=True, exist_ok=True)
    try:
        _mount("--bind", str(source), str(path))
    except (OSError, FileNotFoundError) as exc:
        pytest.skip(f"cannot bind-mount a folder read-only here ({exc})")
    try:
        _mount("-o", "remount,bind,ro", str(path))
        yield path
    finally:
        _umount(path)


def fill(disk: Path) -> None:
    """Write zeros into ``disk`` until it is full."""
    with open(disk / "filler", "wb", buffering=0) as f:
        block = bytes(1 << 16)
        with contextlib.suppress(OSError):
            while f.write(block):
                pass
