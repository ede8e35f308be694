"""The running transcriptions, one row each, at the bottom of the window.

Rows come and go independently: when one file finishes, the others keep their
bar, time left and Cancel button. A row follows a ``TranscribeTask`` (one file) or a
``BatchFile`` (one of many files dropped at once, on the batch engine). The strip hides when nothing runs; with many
files it scrolls instead of squeezing the editor.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from transcriber.ui.batch_import import BatchFile
from transcriber.ui.task_progress import TaskRow
from transcriber.ui.transcribe_task import TranscribeTask

VISIBLE_ROWS = 4  # with more files the strip scrolls


class ImportQueue(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import_queue")
        self.setFrameShape(QFrame.StyledPanel)
        self.setWidgetResizable(True)
        inner = QWidget()
        self._layout = QVBoxLayout(inner)
        self._layout.setContentsMargins(2, 2, 2, 2)
        self._layout.setSpacing(2)
        self._layout.addStretch(1)
        self.setWidget(inner)
        self.rows: list[TaskRow] = []
        self.hide()

    def follow(self, task: TranscribeTask | BatchFile) -> TaskRow:
        row = TaskRow(task, self)
        if isinstance(task, BatchFile):  # in line behind other files: said, not "Waiting…"
            task.note.connect(row.label.setText)
        row.done.connect(self._remove)
        self.rows.append(row)
        self._layout.insertWidget(len(self.rows) - 1, row)
        self._fit()
        self.show()
        return row

    def _fit(self) -> None:
        """As tall as its rows, up to VISIBLE_ROWS of them."""
        row_height = self.rows[0].sizeHint().height() + self._layout.spacing() if self.rows else 0
        self.setFixedHeight(min(len(self.rows), VISIBLE_ROWS) * row_height + 2 * self.frameWidth() + 4)

    def row_for(self, task: TranscribeTask | BatchFile) -> TaskRow | None:
        return next((row for row in self.rows if row.task is task), None)

    @Slot(object)
    def _remove(self, row: TaskRow) -> None:
        if row in self.rows:
            self.rows.remove(row)
            self._layout.removeWidget(row)
            row.deleteLater()
        self.setVisible(bool(self.rows))
        if self.rows:
            self._fit()
