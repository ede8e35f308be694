"""Folders of short real clips for the batch tests, and what a user checks afterwards."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

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
