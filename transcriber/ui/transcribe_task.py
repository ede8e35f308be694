"""Transcribing a file in the background, with progress, remaining time and cancel.

Calls ``transcriber.asr.pipeline.transcribe_file``, the same function as the CLI, in a
``BackgroundTask`` thread. Segments are streamed back as stored bullets so the
editor can show them while the rest is decoded. Remaining time is extrapolated
from the decoding speed so far, which settles after the first window or two.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from transcriber.library.store import Library
from transcriber.model import Bullet, Meeting
from transcriber.ui.tasks import BackgroundTask, TaskContext


def remaining_seconds(done: float, total: float, elapsed: float) -> float | None:
    """Seconds left at the speed so far; None until there is a speed to go by."""
    if done <= 0 or total <= 0 or elapsed <= 0:
        return None
    return max(0.0, elapsed * (total - done) / done)


class TranscribeTask(QObject):
    progress = Signal(float, float, float)  # audio seconds done, total, seconds left (-1: unknown)
    stage = Signal(str)  # "model": loading the speech model; "audio": reading and starting to decode
    segment = Signal(object)  # a Bullet just stored
    finished = Signal(object)  # the Meeting, complete or incomplete (after a cancel)
    failed = Signal(str)

    def __init__(self, library: Library, path: str | Path, options: object,
                 title: str | None = None, parent: QObject | None = None,
                 meeting_id: int | None = None, recording_id: int | None = None,
                 speaker: str | None = None) -> None:
        """A new meeting from ``path`` (whose recording: ``speaker``); or, with
        ``recording_id``, a meeting's own recording."""
        super().__init__(parent)
        self.speaker = speaker
        self.path = Path(path)
        self._library = library
        self._options = options
        self._title = title
        self._started = 0.0
        self._decoding_since: float | None = None
        self._recording_id = recording_id
        self.meeting_id: int | None = meeting_id
        self._task = BackgroundTask(self._work, self)
        self._task.progress.connect(self._on_progress)
        self._task.item.connect(self._on_segment)
        self._task.status.connect(self._on_stage)
        self._task.succeeded.connect(self._on_succeeded)
        self._task.failed.connect(self.failed)

    def _work(self, context: TaskContext) -> Meeting:
        from transcriber.asr.engine import get_engine
        from transcriber.asr.pipeline import transcribe_file, transcribe_recording
        from transcriber.library.glossary import with_glossary

        try:
            options = with_glossary(self._options, self._library)  # the library's terms
            # Loading a model takes from one second (base) to a minute and a half (large):
            # said as such, not shown as a bar stuck at 0 %. Cached after the first time.
            context.status("model")
            get_engine(options)
            context.status("audio")
            if self._recording_id is not None:  # recorded without the live draft, or recovered
                transcribe_recording(self._library, self._recording_id, options,
                                     context.progress, context.cancel_event, context.emit)
                return self._library.meeting(self.meeting_id)
            return transcribe_file(
                self._library, self.path, options, title=self._title,
                progress=context.progress, cancel=context.cancel_event, on_segment=context.emit,
                speaker=self.speaker or None,
            )  # fmt: skip
        finally:
            self._library.close()  # this thread's SQLite connection only

    def start(self) -> None:
        self._started = time.monotonic()
        self._task.start()

    def cancel(self) -> None:
        self._task.cancel()

    @property
    def cancelled(self) -> bool:
        return self._task.cancelled

    def is_running(self) -> bool:
        return self._task.is_running()

    def wait(self, timeout_ms: int = 30000) -> bool:
        return self._task.wait(timeout_ms)

    @Slot(float, float)
    def _on_progress(self, done: float, total: float) -> None:
        if self._decoding_since is None:  # the model load is not decoding speed
            self._decoding_since = time.monotonic()
        left = remaining_seconds(done, total, time.monotonic() - self._decoding_since)
        self.progress.emit(done, total, -1.0 if left is None else left)

    @Slot(str)
    def _on_stage(self, name: str) -> None:
        if name == "audio":
            self._decoding_since = time.monotonic()
        self.stage.emit(name)

    @Slot(object)
    def _on_segment(self, bullet: Bullet) -> None:
        self.meeting_id = bullet.meeting_id
        self.segment.emit(bullet)

    @Slot(object)
    def _on_succeeded(self, meeting: Meeting) -> None:
        self.meeting_id = meeting.id
        self.finished.emit(meeting)
