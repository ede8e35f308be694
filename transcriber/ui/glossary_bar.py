"""A quiet offer above the bullets: the editor made the same correction twice, remember it?

Not a dialog: typing goes on while it is shown. "Add" puts the pair into the
library glossary (future transcriptions are biased towards the right form and
correct the wrong one); "Ignore" never offers that pair again. What counts as a
suggestion is the core's decision (``transcriber.library.glossary.suggestions``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from transcriber.ui.strings import tr


class GlossaryBar(QFrame):
    accepted = Signal(str, str)  # wrong, right
    ignored = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("glossary_bar")
        self.setFrameShape(QFrame.StyledPanel)
        self.setStyleSheet("#glossary_bar { background: #eef6ee; }")
        self.label = QLabel(objectName="glossary_text", wordWrap=True)
        self.add_button = QPushButton(tr("glossary.add"), objectName="glossary_add", focusPolicy=Qt.NoFocus)
        self.ignore_button = QPushButton(tr("glossary.ignore"), objectName="glossary_ignore",
                                         focusPolicy=Qt.NoFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.add_button)
        layout.addWidget(self.ignore_button)
        self._pair: tuple[str, str] | None = None
        self.add_button.clicked.connect(lambda: self._answer(self.accepted))
        self.ignore_button.clicked.connect(lambda: self._answer(self.ignored))
        self.hide()

    @property
    def pair(self) -> tuple[str, str] | None:
        return self._pair if self.isVisible() else None

    def offer(self, wrong: str, right: str, count: int) -> None:
        self._pair = (wrong, right)
        self.label.setText(tr("glossary.offer", wrong=wrong, right=right, count=count))
        self.show()

    def withdraw(self) -> None:
        self._pair = None
        self.hide()

    def _answer(self, signal: Signal) -> None:
        pair, self._pair = self._pair, None
        self.hide()
        if pair is not None:
            signal.emit(*pair)
