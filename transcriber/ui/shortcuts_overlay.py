"""F1: a panel over the editor listing every transcription shortcut.

Built from the same table the editor binds (``shortcuts.SHORTCUTS``), so the help
can never disagree with the keys. Keys are shown in the platform's own notation
(⌘ on macOS).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from transcriber.ui.shortcuts import SHORTCUTS
from transcriber.ui.strings import tr


class ShortcutsOverlay(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("shortcuts_overlay")
        self.setAttribute(Qt.WA_StyledBackground, False)
        panel = QWidget(self)
        panel.setObjectName("shortcuts_panel")
        panel.setStyleSheet("#shortcuts_panel { background: white; border-radius: 8px; }")
        grid = QGridLayout(panel)
        title = QLabel(f"<b>{tr('shortcuts.title')}</b>")
        grid.addWidget(title, 0, 0, 1, 2)
        for row, spec in enumerate(SHORTCUTS, start=1):
            keys = (" … " if spec.numbered else "  ·  ").join(spec.shown_keys())
            grid.addWidget(QLabel(tr(f"shortcut.{spec.action}")), row, 0)
            key_label = QLabel(f"<code>{keys}</code>")
            key_label.setObjectName(f"keys_{spec.action}")
            grid.addWidget(key_label, row, 1)
        outer = QVBoxLayout(self)
        outer.addWidget(panel, 0, Qt.AlignCenter)
        parent.installEventFilter(self)  # follow the editor's size
        self.hide()

    def rows(self) -> list[tuple[str, str]]:
        """(description, keys) as shown, for tests and accessibility tools."""
        return [
            (tr(f"shortcut.{spec.action}"), self.findChild(QLabel, f"keys_{spec.action}").text())
            for spec in SHORTCUTS
        ]

    def toggle(self) -> None:
        if self.isVisible():
            self.hide()
        else:
            self.setGeometry(self.parentWidget().rect())
            self.raise_()
            self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def mousePressEvent(self, _event: object) -> None:
        self.hide()

    def paintEvent(self, _event: object) -> None:
        QPainter(self).fillRect(self.rect(), QColor(0, 0, 0, 120))
