"""Fetches a recording's waveform overview for the seek bar, off the GUI thread.

From the cache at once when it was read before; otherwise ``transcriber.library.waveform``
streams the file in a background task, and partial overviews arrive while it
grows. Loading another recording drops the previous one: its late results never
reach the bar.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot

from transcriber.library.waveform import cached_peaks, compute_peaks
from transcriber.ui.tasks import BackgroundTask


class OverviewLoader(QObject):
    peaks = Signal(object)  # np.ndarray, partial or whole
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._task: BackgroundTask | None = None

    def load(self, path: str, cache_dir: Path) -> None:
        self.cancel()
        try:
            cached = cached_peaks(path, cache_dir)
        except OSError:
            cached = None
        if cached is not None:
            self.peaks.emit(cached)
            return
        task = BackgroundTask(
            lambda ctx: compute_peaks(path, cache_dir, cancel=ctx.cancel_event, on_progress=ctx.emit), self)
        task.item.connect(self._on_peaks)
        task.succeeded.connect(self._on_peaks)
        task.failed.connect(self.failed)
        self._task = task
        task.start()

    @property
    def running(self) -> bool:
        return self._task is not None and self._task.is_running()

    @Slot(object)
    def _on_peaks(self, peaks: object) -> None:
        self.peaks.emit(np.asarray(peaks))

    def cancel(self) -> BackgroundTask | None:
        task, self._task = self._task, None
        if task is not None:
            for signal, slot in ((task.item, self._on_peaks), (task.succeeded, self._on_peaks),
                                 (task.failed, self.failed)):
                signal.disconnect(slot)
            task.cancel()
        return task

    def shutdown(self) -> None:
        task = self.cancel()
        if task is not None:
            task.wait()
