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


class ShortcutsOverlay(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("shortcuts_overlay")
        self.setAttribute(Qt.WA_StyledBackground, False)
        panel = QWidget(self)
        panel.setObjectName("shortcuts_panel")
        panel.setStyleSheet("#shortcuts_panel { background: white; border-radius: 8px; }")
        grid = QGridLayout(panel)
        title = QLabel("<b>" + self.tr("Keyboard shortcuts (F1 or Esc to close)") + "</b>")
        grid.addWidget(title, 0, 0, 1, 2)
        for row, spec in enumerate(SHORTCUTS, start=1):
            keys = (" … " if spec.numbered else "  ·  ").join(spec.shown_keys())
            grid.addWidget(QLabel(self.descriptions()[spec.action]), row, 0)
            key_label = QLabel(f"<code>{keys}</code>")
            key_label.setObjectName(f"keys_{spec.action}")
            grid.addWidget(key_label, row, 1)
        outer = QVBoxLayout(self)
        outer.addWidget(panel, 0, Qt.AlignCenter)
        parent.installEventFilter(self)  # follow the editor's size
        self.hide()

    def descriptions(self) -> dict[str, str]:
        """What each shortcut does, by its action name."""
        return {
            "play_pause": self.tr("Play or pause"),
            "pause": self.tr("Pause (or close this help)"),
            "play_word": self.tr("Play from the word at the cursor (or Ctrl+click a word)"),
            "back": self.tr("Back 3 seconds"),
            "slower": self.tr("Slower"),
            "faster": self.tr("Faster"),
            "next_flagged": self.tr("Next flagged bullet"),
            "split": self.tr("Split the bullet at the cursor"),
            "merge": self.tr("Merge with the next bullet"),
            "question": self.tr("Mark as a question (問：)"),
            "default_speaker": self.tr("Give to the default speaker"),
            "speaker_by_number": self.tr("Give to speaker 1–9 of the list"),
            "other_side": self.tr("Insert an other-side marker"),
            "note": self.tr("Insert a note (non-speech)"),
            "redact": self.tr("Redact the selected text"),
            "flag": self.tr("Flag or unflag the bullet"),
            "undo": self.tr("Undo"),
            "redo": self.tr("Redo"),
            "find": self.tr("Find and replace"),
            "previous": self.tr("Previous bullet"),
            "next": self.tr("Next bullet"),
            "help": self.tr("Show this help"),
        }

    def rows(self) -> list[tuple[str, str]]:
        """(description, keys) as shown, for tests and accessibility tools."""
        return [
            (self.descriptions()[spec.action], self.findChild(QLabel, f"keys_{spec.action}").text())
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
