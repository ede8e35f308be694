"""Find and replace across the meeting (Ctrl+F), shown above the bullets.

Enter in the find box jumps to the next match; "Replace all" is one undo step in
the editing core. Esc closes the bar instead of pausing playback, because a
person typing a search is not transcribing.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from transcriber.ui.elided_label import ElidedLabel


class _SearchField(QLineEdit):
    escape = Signal()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.ShortcutOverride and event.key() == Qt.Key_Escape:
            event.accept()  # keep Esc from the play/pause shortcut
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key_Escape:
            self.escape.emit()
            return
        super().keyPressEvent(event)


class FindBar(QWidget):
    find_next = Signal(str)
    replace_all = Signal(str, str)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.query_edit = _SearchField(objectName="find_query")
        self.query_edit.setPlaceholderText(self.tr("Find"))
        self.replacement_edit = _SearchField(objectName="find_replacement")
        self.replacement_edit.setPlaceholderText(self.tr("Replace with"))
        self.result_label = ElidedLabel(objectName="find_result")
        replace = QPushButton(self.tr("Replace all"), objectName="replace_all")
        close = QPushButton("×")
        close.setFlat(True)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.query_edit, 2)
        layout.addWidget(self.replacement_edit, 2)
        layout.addWidget(replace)
        layout.addWidget(self.result_label, 1)
        layout.addWidget(close)

        self.query_edit.returnPressed.connect(lambda: self.find_next.emit(self.query_edit.text()))
        self.replacement_edit.returnPressed.connect(self._replace_all)
        replace.clicked.connect(self._replace_all)
        for field in (self.query_edit, self.replacement_edit):
            field.escape.connect(self.close_bar)
        close.clicked.connect(self.close_bar)

    def open_bar(self, query: str = "") -> None:
        if query:
            self.query_edit.setText(query)
        self.show()
        self.query_edit.setFocus()
        self.query_edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.result_label.clear()
        self.closed.emit()

    def show_result(self, text: str) -> None:
        self.result_label.setText(text)

    def _replace_all(self) -> None:
        if self.query_edit.text():
            self.replace_all.emit(self.query_edit.text(), self.replacement_edit.text())
