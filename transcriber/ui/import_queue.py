"""The running transcriptions, one row each, at the bottom of the window.

Rows come and go independently: when one file finishes, the others keep their
bar, time left and Cancel button. The strip hides when nothing runs.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from transcriber.ui.task_progress import TaskRow
from transcriber.ui.transcribe_task import TranscribeTask


class ImportQueue(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import_queue")
        self.setFrameShape(QFrame.StyledPanel)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(2, 2, 2, 2)
        self._layout.setSpacing(2)
        self.rows: list[TaskRow] = []
        self.hide()

    def follow(self, task: TranscribeTask) -> TaskRow:
        row = TaskRow(task, self)
        row.done.connect(self._remove)
        self.rows.append(row)
        self._layout.addWidget(row)
        self.show()
        return row

    def row_for(self, task: TranscribeTask) -> TaskRow | None:
        return next((row for row in self.rows if row.task is task), None)

    @Slot(object)
    def _remove(self, row: TaskRow) -> None:
        if row in self.rows:
            self.rows.remove(row)
            self._layout.removeWidget(row)
            row.deleteLater()
        self.setVisible(bool(self.rows))
