"""Finding recordings whose recorder died, and making them whole again.

A recorder holds an OS lock on ``<file>.lock`` for as long as it writes the file.
The OS drops the lock when the process dies, however it dies, so a recording row
still in state ``recording`` whose lock can be taken belongs to a dead recorder;
one whose lock is held is being recorded right now (by another process, or by the
GUI itself) and is left alone.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from transcriber.audio import sha256_file
from transcriber.library.jobs import lock_path, try_lock
from transcriber.library.store import Library
from transcriber.model import Recording, RecordingState
from transcriber.record.wavfile import repair_wav

log = logging.getLogger(__name__)


class RecordingLock:
    """An exclusive, non-blocking lock the OS releases when its holder dies."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> bool:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        if not try_lock(fd):
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        """Drop the lock and its file (the recording it guarded is final now)."""
        if self._fd is None:
            return
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            pass  # Windows cannot delete a locked file; a stale lock file is harmless
        os.close(self._fd)
        self._fd = None


def recover_recordings(library: Library) -> list[Recording]:
    """Finalise every recording a dead recorder left in state ``recording``.

    Call at start-up (CLI and GUI). Each such WAV is repaired in place (sizes from
    the file length, a torn last frame trimmed), and its duration and sha256 are
    stored with state ``recovered``. Returns the recordings recovered now.
    """
    recovered = []
    for recording in library.recordings(state=RecordingState.RECORDING.value):
        lock = RecordingLock(lock_path(recording.path))
        try:
            if not lock.acquire():
                continue  # still being recorded
        except OSError as exc:
            log.warning("cannot check recording %s: %s", recording.id, exc)
            continue
        try:
            duration = repair_wav(recording.path, recording.sample_rate, recording.channels)
            recovered.append(
                library.update_recording(
                    recording.id,
                    state=RecordingState.RECOVERED.value,
                    duration=round(duration, 3),
                    sha256=sha256_file(recording.path),
                )
            )
        except OSError as exc:
            # Left in state `recording`: the next start tries again (the disk may be full).
            log.warning("cannot recover recording %s (%s): %s", recording.id, recording.path, exc)
        finally:
            lock.release()
    return recovered


@dataclass(frozen=True)
class RecoveredRecording:
    """What a crash left: a recording made whole again, and how far its live draft got."""

    recording_id: int
    meeting_id: int
    title: str
    duration: float  # seconds recorded
    bullets: int  # the live draft's bullets, stored as they were decoded
    drafted_until: float  # where the live draft's last bullet ends (0: no draft)


def recovered_recordings(library: Library) -> list[RecoveredRecording]:
    """Every recording recovered after a crash (state ``recovered``), oldest first, with
    its meeting and the live draft it kept: what the start-up says to the user."""
    found = []
    for recording in library.recordings(state=RecordingState.RECOVERED.value):
        meeting = library.meeting(recording.meeting_id)
        bullets = library.bullets(recording.meeting_id)
        drafted = max((b.end for b in bullets if b.end is not None), default=0.0)
        found.append(RecoveredRecording(recording.id, meeting.id, meeting.title,
                                        recording.duration, len(bullets), drafted))  # fmt: skip
    return found
