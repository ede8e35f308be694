"""Many files dropped at once: transcribed by the batch engine (``transcriber.batch``),
worker processes as the machine allows, each file once, with one row per file.

``BatchImport`` runs ``run_batch`` on a background thread; each file gets a
``BatchFile``, which speaks like a ``TranscribeTask`` (stage, progress, finished,
failed, cancel), so the import queue's rows and the window treat both alike. A file
is written whole when its worker is done (nothing streams into the editor); Cancel
on a row withdraws that file (nothing of it is stored), the others go on.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from transcriber.library.store import Library
from transcriber.ui.error_text import core_sentence
from transcriber.ui.tasks import BackgroundTask, TaskContext
from transcriber.ui.transcribe_task import remaining_seconds


class BatchFile(QObject):
    """One file of a batch, with a TranscribeTask's signals."""

    progress = Signal(float, float, float)  # audio seconds done, total, seconds left (-1: unknown)
    stage = Signal(str)
    segment = Signal(object)  # never: a batch writes a file whole
    finished = Signal(object)  # the Meeting
    failed = Signal(str)
    note = Signal(str)  # what it waits for before its worker starts (the row says it)

    def __init__(self, batch: BatchImport, path: Path, speaker: str | None) -> None:
        super().__init__(batch)
        self.path = path
        self.speaker = speaker  # whose recording (the meeting's default speaker), as TranscribeTask's
        self.meeting_id: int | None = None
        self.cancelled = False  # withdrawn by the user, or skipped: said quietly, no dialog
        self._batch = batch
        self._running = True
        self._decoding_since: float | None = None

    def cancel(self) -> None:
        self._batch.withdraw(self)

    def is_running(self) -> bool:
        return self._running

    def wait(self, timeout_ms: int = 30000) -> bool:
        return self._batch.wait(timeout_ms)

    def _decoding(self, done: float, total: float) -> None:
        if self._decoding_since is None:
            self._decoding_since = time.monotonic()
        left = remaining_seconds(done, total, time.monotonic() - self._decoding_since)
        self.progress.emit(done, total, -1.0 if left is None else left)

    def _end(self) -> None:
        self._running = False


class BatchImport(QObject):
    ended = Signal()

    def __init__(self, library: Library, paths: list[str | Path], options: object,
                 parent: QObject | None = None, workers: int | None = None,
                 speaker: str | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._options = options
        self._workers = workers
        self._speaker = speaker
        self.files = [BatchFile(self, Path(path), speaker) for path in paths]
        self._by_path = {file.path.resolve(): file for file in self.files}
        self._withdraw = None  # run_batch's, once the files are with the engine
        self._early: list[Path] = []  # withdrawn before that
        self._models_loaded = False
        self._task = BackgroundTask(self._work, self)
        self._task.item.connect(self._on_event)
        self._task.succeeded.connect(self._on_ended)
        self._task.failed.connect(self._on_failed)

    def start(self) -> None:
        self._task.start()

    def wait(self, timeout_ms: int = 30000) -> bool:
        return self._task.wait(timeout_ms)

    def withdraw(self, file: BatchFile) -> None:
        if self._withdraw is not None:
            self._withdraw(file.path)
        else:
            self._early.append(file.path)

    def _work(self, context: TaskContext) -> object:
        from transcriber.batch import run_batch
        from transcriber.library.glossary import with_glossary

        def ready(withdraw) -> None:
            self._withdraw = withdraw
            for path in self._early:
                withdraw(path)

        try:
            options = with_glossary(self._options, self._library)
            return run_batch(self._library, [file.path for file in self.files], options,
                             workers=self._workers, speaker=self._speaker or None,
                             cancel=context.cancel_event,
                             on_event=lambda event, _backlog: context.emit(event),
                             on_ready=ready, wait_for_lock=True)  # after an earlier drop
        finally:
            self._library.close()  # this thread's SQLite connection only

    @Slot(object)
    def _on_event(self, event: object) -> None:
        file = self._by_path.get(event.path.resolve()) if event.path else None
        if file is None or not file.is_running():
            return
        if event.kind == "examining":
            file.note.emit(self.tr("Checking the file…"))
        elif event.kind == "queued":
            file.note.emit(self.tr("In line for a transcription worker…"))
        elif event.kind == "started":
            file.stage.emit("audio" if self._models_loaded else "model")
        elif event.kind == "decoding":
            self._models_loaded = True
            file._decoding(event.seconds, event.duration)
        elif event.kind == "done":
            self._models_loaded = True
            file.meeting_id = event.meeting_id
            file._end()
            file.finished.emit(self._library.meeting(event.meeting_id))
        elif event.kind in ("skipped", "cancelled"):
            file.cancelled = True
            file._end()
            file.failed.emit(self.tr("{name}: not transcribed ({reason}).").format(
                name=file.path.name, reason=self._reason(event)))
        elif event.kind == "failed":
            file._end()
            file.failed.emit(core_sentence(event.detail))

    def _reason(self, event: object) -> str:
        if event.kind == "cancelled":
            return self.tr("cancelled")
        if event.meeting_id is not None or "already in the library" in event.detail:
            return self.tr("already in the library")
        return self.tr("the same content as another file dropped")

    @Slot(object)
    def _on_ended(self, _report: object) -> None:
        for file in self.files:  # not done: the batch was stopped (the window closing)
            if file.is_running():
                file.cancelled = True
                file._end()
                file.failed.emit(self.tr("{name}: not transcribed (stopped).").format(
                    name=file.path.name))
        self.ended.emit()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        for file in self.files:
            if file.is_running():
                file._end()
                file.failed.emit(message)
        self.ended.emit()
