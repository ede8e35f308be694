"""A dismissable strip at the top of the window for news the user must not miss.

Used at start-up when a recording was recovered after a crash: a dialog would
block the app before the user can even look at the recovered meeting.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget


class Banner(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setAttribute(Qt.WA_StyledBackground, True)
        self.setStyleSheet("#banner { background: #fff3c4; border: 1px solid #e0c060; }")
        self.label = QLabel(objectName="banner_text")
        self.label.setWordWrap(True)
        self.dismiss_button = dismiss = QPushButton(self.tr("Dismiss"), objectName="banner_dismiss")
        self._layout = layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(dismiss)
        dismiss.clicked.connect(self.hide)
        self.actions: list[QPushButton] = []
        self.hide()

    def show_message(self, text: str, actions: list[tuple[str, str, Callable[[], None]]] = ()) -> None:
        """Show ``text`` with a button per ``(text, object name, slot)`` before Dismiss."""
        for button in self.actions:
            self._layout.removeWidget(button)
            button.deleteLater()
        self.actions = []
        for text_, name, slot in actions:
            button = QPushButton(text_, objectName=name)
            button.clicked.connect(slot)
            self._layout.insertWidget(self._layout.count() - 1, button)
            self.actions.append(button)
        self.label.setText(text)
        self.show()
