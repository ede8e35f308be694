"""A strip at the bottom of the window for the running transcription: bar, time left, cancel."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from transcriber.ui.bullet_model import format_time
from transcriber.ui.strings import tr
from transcriber.ui.transcribe_task import TranscribeTask


class TaskProgress(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("task_progress")
        self.label = QLabel(objectName="task_label")
        self.bar = QProgressBar(objectName="task_bar")
        self.bar.setRange(0, 1000)
        self.cancel_button = QPushButton(tr("transcribe.cancel"), objectName="task_cancel")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.label, 2)
        layout.addWidget(self.bar, 3)
        layout.addWidget(self.cancel_button)
        self._task: TranscribeTask | None = None
        self.cancel_button.clicked.connect(self._cancel)
        self.hide()

    def follow(self, task: TranscribeTask) -> None:
        self._task = task
        self.bar.setValue(0)
        self.label.setText(tr("transcribe.starting"))
        self.cancel_button.setEnabled(True)
        task.progress.connect(self._on_progress)
        task.finished.connect(self._done)
        task.failed.connect(self._done)
        self.show()

    @Slot(float, float, float)
    def _on_progress(self, done: float, total: float, left: float) -> None:
        if total > 0:
            self.bar.setValue(int(1000 * min(done, total) / total))
        remaining = format_time(left) if left >= 0 else "…"
        self.label.setText(
            tr("transcribe.running", name=self._task.path.name if self._task else "") + " — "
            + tr("transcribe.remaining", done=format_time(done), total=format_time(total),
                 remaining=remaining)
        )  # fmt: skip

    def _cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.cancel_button.setEnabled(False)

    def _done(self, *_args: object) -> None:
        self._task = None
        self.hide()
