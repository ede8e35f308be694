"""Folders of short real clips for the batch tests, and what a user checks afterwards."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import psutil

# Short real speech from ../shared/audio/dev (1.8 to 4.8 s): CI has two cores.
CLIPS = (
    "zh-wenetspeech-test_net.wav",
    "zh-aishell2-IT0011W0001.wav",
    "en-librispeech-1221-135766-0002.wav",
    "zh-aishell1-BAC009S0764W0122.wav",
)


def backlog(folder: Path, audio_dir: Path, clips: tuple[str, ...] = CLIPS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in clips:
        shutil.copy(audio_dir / "dev" / name, folder / name)
    return folder


def meetings_by_audio(library_path: Path) -> dict[str, list[tuple[int, str, int]]]:
    """sha256 -> [(meeting id, transcript state, bullets)], read as another program would."""
    conn = sqlite3.connect(library_path / "library.db")
    try:
        rows = conn.execute(
            "SELECT r.sha256, m.id, m.transcript_state, "
            "(SELECT COUNT(*) FROM bullets b WHERE b.meeting_id = m.id) "
            "FROM meetings m JOIN recordings r ON r.meeting_id = m.id ORDER BY m.id").fetchall()
        orphans = conn.execute("SELECT COUNT(*) FROM meetings WHERE id NOT IN "
                               "(SELECT meeting_id FROM recordings)").fetchone()[0]
    finally:
        conn.close()
    assert orphans == 0, "a meeting without its recording was left behind"
    found: dict[str, list[tuple[int, str, int]]] = {}
    for sha256, meeting_id, state, bullets in rows:
        found.setdefault(sha256, []).append((meeting_id, state, bullets))
    return found


def assert_each_once(library_path: Path, folder: Path) -> None:
    """Every file of ``folder`` is in the library exactly once, complete, with text."""
    from transcriber.audio import sha256_file

    found = meetings_by_audio(library_path)
    expected = {sha256_file(path) for path in folder.iterdir()}
    assert set(found) == expected
    for sha256, meetings in found.items():
        assert len(meetings) == 1, f"{sha256[:8]} stored {len(meetings)} times"
        (_id, state, bullets), = meetings
        assert state == "complete" and bullets > 0


def left_by_copies(library_path: Path) -> list[str]:
    """What audio copies into the library left in its audio folder (partials, their locks)."""
    audio = library_path / "audio"
    if not audio.is_dir():
        return []
    return sorted(p.name for p in audio.iterdir() if p.name.endswith((".partial", ".copying")))


def assert_audio_whole(library_path: Path) -> None:
    """Every recording's file is the whole audio it was stored with (its sha256), and the
    audio folder holds nothing else: no partial, no stray copy."""
    from transcriber.audio import sha256_file

    conn = sqlite3.connect(library_path / "library.db")
    try:
        rows = conn.execute("SELECT path, sha256 FROM recordings").fetchall()
    finally:
        conn.close()
    for path, sha256 in rows:
        assert sha256_file(library_path / path) == sha256, f"{path} is not the audio stored"
    stored = {(library_path / path).resolve() for path, _sha in rows}
    assert {p.resolve() for p in (library_path / "audio").iterdir()} == stored


def meeting_count(library_path: Path) -> int:
    """Meetings in the library as another process sees them (0 before it exists)."""
    try:
        conn = sqlite3.connect(library_path / "library.db")
        try:
            return conn.execute("SELECT COUNT(*) FROM meetings").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0  # not created yet


def kill_when(coordinator: subprocess.Popen, ready: Callable[[], bool], seconds: float,
              waiting_for: str, poll: float = 0.05, log: Path | None = None) -> list[psutil.Process]:
    """``kill -9`` the batch's coordinator the moment ``ready()``; the processes it had
    started then (its workers), to check they end with it."""
    deadline = time.monotonic() + seconds
    while not ready() and coordinator.poll() is None:
        assert time.monotonic() < deadline, f"{waiting_for} in {seconds:.0f} s"
        time.sleep(poll)
    assert coordinator.poll() is None, (
        "the batch ended before it could be killed" + (f": {log.read_text()[-3000:]}" if log else ""))
    children = psutil.Process(coordinator.pid).children(recursive=True)
    coordinator.send_signal(signal.SIGKILL)
    coordinator.wait()
    return children
