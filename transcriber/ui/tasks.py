"""Long work off the GUI thread: a QObject worker in a QThread, talking only by signals.

The work function gets a ``TaskContext`` (progress, streamed items, a cancel event)
and runs in the thread; every signal crosses back to the GUI thread queued, so
widgets are only ever touched from the GUI thread. All tasks alive are tracked so
that closing the window (or a test's teardown) can cancel and join them.
"""

from __future__ import annotations

import sqlite3
import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot

from transcriber.errors import TranscriberError
from transcriber.ui.error_text import error_text, fault_text


class TaskContext:
    """What a work function may use: report progress, stream items, check for cancel."""

    def __init__(self, worker: _Worker) -> None:
        self._worker = worker
        self.cancel_event = threading.Event()

    def progress(self, done: float, total: float) -> None:
        self._worker.progress.emit(float(done), float(total))

    def emit(self, item: object) -> None:
        self._worker.item.emit(item)

    def status(self, name: str) -> None:
        """Say which stage the work is in (``"model"``, ``"audio"``…) before progress can be measured."""
        self._worker.status.emit(name)

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()


class _Worker(QObject):
    progress = Signal(float, float)
    item = Signal(object)
    status = Signal(str)
    succeeded = Signal(object)
    failed = Signal(str)
    finished = Signal()

    def __init__(self, work: Callable[[TaskContext], object]) -> None:
        super().__init__()
        self._work = work
        self.context = TaskContext(self)

    @Slot()
    def run(self) -> None:
        try:
            result = self._work(self.context)
        except TranscriberError as exc:
            self.failed.emit(error_text(exc))
        except (OSError, sqlite3.Error) as exc:
            # A disk that filled up or turned read-only: what was committed stays; said in
            # one sentence of the interface's language, as the CLI says it in its own.
            self.failed.emit(fault_text(exc))
        except Exception as exc:  # noqa: BLE001 - shown to the user instead of killing the thread
            traceback.print_exc()
            self.failed.emit(self.tr("Unexpected error: {detail}").format(detail=f"{type(exc).__name__}: {exc}"))
        else:
            self.succeeded.emit(result)
        finally:
            self.finished.emit()


class BackgroundTask(QObject):
    """One run of ``work(context)`` in its own QThread; signals arrive on the GUI thread."""

    progress = Signal(float, float)
    item = Signal(object)
    status = Signal(str)
    succeeded = Signal(object)
    failed = Signal(str)
    finished = Signal()

    _alive: set[BackgroundTask] = set()

    def __init__(self, work: Callable[[TaskContext], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._worker = _Worker(work)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        # Relay through our own slots: they run on the GUI thread (queued connections).
        self._worker.progress.connect(self._on_progress)
        self._worker.item.connect(self._on_item)
        self._worker.status.connect(self._on_status)
        self._worker.succeeded.connect(self._on_succeeded)
        self._worker.failed.connect(self._on_failed)
        self._worker.finished.connect(self._on_finished)

    def start(self) -> None:
        BackgroundTask._alive.add(self)
        self._thread.start()

    def cancel(self) -> None:
        self._worker.context.cancel_event.set()

    @property
    def cancelled(self) -> bool:
        return self._worker.context.cancelled

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def wait(self, timeout_ms: int = 30000) -> bool:
        """Join the thread (used at shutdown and in tests); True when it ended."""
        return self._thread.wait(timeout_ms)

    @Slot(float, float)
    def _on_progress(self, done: float, total: float) -> None:
        self.progress.emit(done, total)

    @Slot(object)
    def _on_item(self, item: object) -> None:
        self.item.emit(item)

    @Slot(str)
    def _on_status(self, name: str) -> None:
        self.status.emit(name)

    @Slot(object)
    def _on_succeeded(self, result: object) -> None:
        self.succeeded.emit(result)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.failed.emit(message)

    @Slot()
    def _on_finished(self) -> None:
        self._thread.quit()
        self._thread.wait()
        BackgroundTask._alive.discard(self)
        self.finished.emit()

    @classmethod
    def stop_all(cls, timeout_ms: int = 30000) -> None:
        """Cancel every running task and join its thread: nothing outlives the window."""
        for task in list(cls._alive):
            task.cancel()
        for task in list(cls._alive):
            task._thread.quit()
            task.wait(timeout_ms)
            cls._alive.discard(task)
