"""A quiet offer above the bullets: the editor made the same correction twice, remember it?

Not a dialog: typing goes on while it is shown. "Add" puts the pair into the
library glossary (future transcriptions are biased towards the right form and
correct the wrong one); "Ignore" never offers that pair again. What counts as a
suggestion is the core's decision (``transcriber.library.glossary.suggestions``);
it reads the meeting's whole editing history (about half a second after 1,500
edits), so it runs off the GUI thread, once typing pauses.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from transcriber.errors import TranscriberError
from transcriber.library import glossary
from transcriber.library.store import Library
from transcriber.ui.error_text import error_text
from transcriber.ui.tasks import BackgroundTask

TYPING_PAUSE_MS = 1500


class GlossaryBar(QFrame):
    message = Signal(str)  # for the status line

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.setObjectName("glossary_bar")
        self.setFrameShape(QFrame.StyledPanel)
        self.setStyleSheet("#glossary_bar { background: #eef6ee; }")
        self.label = QLabel(objectName="glossary_text", wordWrap=True)
        self.add_button = QPushButton(self.tr("Add to glossary"), objectName="glossary_add", focusPolicy=Qt.NoFocus)
        self.ignore_button = QPushButton(self.tr("Ignore"), objectName="glossary_ignore",
                                         focusPolicy=Qt.NoFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.add_button)
        layout.addWidget(self.ignore_button)
        self._pair: tuple[str, str] | None = None
        self._meeting_id: int | None = None
        self._task: BackgroundTask | None = None
        self._timer = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._timer.timeout.connect(lambda: self.check(self._meeting_id))
        self.add_button.clicked.connect(self._add)
        self.ignore_button.clicked.connect(self._ignore)
        self.hide()

    @property
    def pair(self) -> tuple[str, str] | None:
        """(wrong, right) on offer now, if any."""
        return self._pair if self.isVisible() else None

    @property
    def busy(self) -> bool:
        return self._task is not None and self._task.is_running()

    def check_soon(self, meeting_id: int) -> None:
        """The editor typed: look once typing pauses."""
        self._meeting_id = meeting_id
        self._timer.start()

    def check(self, meeting_id: int | None) -> None:
        """Look for a correction to offer now (the answer arrives from a background task)."""
        self._meeting_id = meeting_id
        if meeting_id is None or self.pair is not None:
            return
        if self.busy:
            self._timer.start()  # look again once this one is done
            return
        task = BackgroundTask(lambda _ctx: (meeting_id, glossary.suggestions(self.library, meeting_id)), self)
        task.succeeded.connect(self._on_suggestions)
        self._task = task
        task.start()

    @Slot(object)
    def _on_suggestions(self, result: object) -> None:
        meeting_id, found = result
        if found and meeting_id == self._meeting_id and self.pair is None:
            self._pair = (found[0].wrong, found[0].right)
            self.label.setText(self.tr("You replaced “{wrong}” with “{right}” {count} times. Add it to the glossary, so future transcripts get it right?").format(wrong=found[0].wrong, right=found[0].right, count=found[0].count))
            self.show()

    def withdraw(self) -> None:
        """Another meeting: no offer, no pending look."""
        self._timer.stop()
        self._meeting_id = None
        self._pair = None
        self.hide()

    def shutdown(self) -> None:
        self._timer.stop()
        if self._task is not None:
            self._task.wait()

    def _take(self) -> tuple[str, str] | None:
        pair, self._pair = self._pair, None
        self.hide()
        return pair

    def _add(self) -> None:
        pair = self._take()
        if pair is None:
            return
        wrong, right = pair
        try:
            glossary.add(self.library, right, [wrong])
        except TranscriberError as exc:
            self.message.emit(error_text(exc))
            return
        self.message.emit(self.tr("“{right}” is in the glossary now.").format(right=right))
        self.check(self._meeting_id)

    def _ignore(self) -> None:
        pair = self._take()
        if pair is not None:
            glossary.decline(self.library, *pair)
            self.check(self._meeting_id)
