"""The live draft under the recorder: decoded bullets and markers, in recording-time order.

A marker is shown the moment it is dropped, but the words spoken just before it
are decoded seconds later; appending lines as they arrive put the marker above
them. Each line is inserted where its time belongs instead.
"""

from __future__ import annotations

import bisect
import itertools

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from transcriber.model import Bullet
from transcriber.ui.bullet_model import format_time


class LiveDraft(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draft_view")
        self.setReadOnly(True)
        self._keys: list[tuple[float, int, int]] = []  # (seconds, marker before bullet, arrival)
        self._arrival = itertools.count()

    def clear(self) -> None:
        super().clear()
        self._keys = []

    def add_marker(self, at: float, label: str) -> None:
        self._insert((at, 0, next(self._arrival)), f"— {format_time(at)} {label} —")

    def add_bullets(self, bullets: list[Bullet]) -> None:
        for bullet in bullets:
            at = bullet.start if bullet.start is not None else (self._keys[-1][0] if self._keys else 0.0)
            self._insert((at, 1, next(self._arrival)), f"{format_time(bullet.start)}  {bullet.text}")

    def lines(self) -> list[str]:
        text = self.toPlainText()
        return text.split("\n") if text else []

    def _insert(self, key: tuple[float, int, int], line: str) -> None:
        index = bisect.bisect_right(self._keys, key)
        self._keys.insert(index, key)
        if index == len(self._keys) - 1:
            self.appendPlainText(line)  # the usual case: follows the end, scrolling with it
            return
        cursor = QTextCursor(self.document().findBlockByNumber(index))
        cursor.insertText(line + "\n")
