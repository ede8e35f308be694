"""One transcription's row in the import queue: file name, what it is doing, bar, time left, cancel.

Until the first progress report the row says what is happening (loading the
speech model, reading the audio) with a busy bar, never a bar stuck at 0 %.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QStyle, QWidget

from transcriber.ui.bullet_model import format_time
from transcriber.ui.elided_label import ElidedLabel
from transcriber.ui.transcribe_task import TranscribeTask


class TaskRow(QWidget):
    done = Signal(object)  # this row, once its task has finished or failed

    def __init__(self, task: TranscribeTask, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("task_row")
        self.task = task
        self.name_label = ElidedLabel(task.path.name, objectName="task_name")
        self.name_label.setToolTip(str(task.path))
        self.name_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.label = ElidedLabel(self.tr("Waiting…"), objectName="task_label")
        self.bar = QProgressBar(objectName="task_bar")
        self.bar.setRange(0, 0)  # busy until there is something to measure
        self.cancel_button = QPushButton(self.tr("Cancel"), objectName="task_cancel")
        self.cancel_button.setIcon(self.style().standardIcon(QStyle.SP_DialogCancelButton))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.name_label, 2)
        layout.addWidget(self.bar, 3)
        layout.addWidget(self.label, 3)
        layout.addWidget(self.cancel_button)
        self.cancel_button.clicked.connect(self.cancel)
        task.stage.connect(self._on_stage)
        task.progress.connect(self._on_progress)
        task.finished.connect(self._finish)
        task.failed.connect(self._finish)

    @property
    def measuring(self) -> bool:
        """True once the bar shows a real fraction (not the busy state)."""
        return self.bar.maximum() > 0

    @Slot(str)
    def _on_stage(self, name: str) -> None:
        self.bar.setRange(0, 0)
        self.label.setText({"model": self.tr("Loading the speech model (the first time can take a minute)…"), "audio": self.tr("Reading the audio and starting to transcribe…")}[name])

    @Slot(float, float, float)
    def _on_progress(self, done: float, total: float, left: float) -> None:
        if total <= 0 or done <= 0:
            return  # nothing decoded yet: the stage's words and the busy bar stay
        self.bar.setRange(0, 1000)
        self.bar.setValue(int(1000 * min(done, total) / total))
        remaining = format_time(left) if left >= 0 else "…"
        self.label.setText(self.tr("{done} of {total}, about {remaining} left").format(done=format_time(done), total=format_time(total), remaining=remaining))

    def cancel(self) -> None:
        self.task.cancel()
        self.cancel_button.setEnabled(False)
        self.label.setText(self.tr("Stopping; what was decoded is kept…"))

    def _finish(self, *_args: object) -> None:
        self.done.emit(self)
