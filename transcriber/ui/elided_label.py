"""A one-line label that never widens its window: a text too long for it ends in "…",
and the whole text shows on hover."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget


class ElidedLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None, **properties: object) -> None:
        super().__init__(parent, **properties)
        self._full_text = ""
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._full_text = text
        self.setToolTip(text)
        self._elide()

    def text(self) -> str:
        """The whole text, as given (what is painted may end in "…")."""
        return self._full_text

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self.fontMetrics().horizontalAdvance(self._full_text) + 4, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self.fontMetrics().horizontalAdvance("…") * 3, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        # The middle goes: a file name keeps its start and its extension.
        super().setText(self.fontMetrics().elidedText(self._full_text, Qt.ElideMiddle, self.width()))
