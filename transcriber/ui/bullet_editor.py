"""The text box a bullet is typed into, opened in place on the current row.

It hands every transcription shortcut over to the editor view: a QPlainTextEdit
otherwise claims Ctrl+Z, Ctrl+Return and friends for itself (ShortcutOverride),
and the user would get the text box's private undo instead of the meeting's
persistent one. A bullet is one paragraph, so Return does not add a line break
(Ctrl+Return splits instead) and pasted line breaks become spaces. Ctrl+click
asks to play from the word clicked; hovering a redaction shows what was hidden
and why (``span_tips``, set by the list).

A box is closed when another bullet becomes current, but Qt only hides it and
deletes it later; until then a key or an input method's commit can still be
delivered to it (a real display's input method sends its text to the object it
had). Such keys were typed after the user left the bullet, so a closed box
(``successor`` set by the list) passes them on to the box now open.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData, Qt, Signal
from PySide6.QtGui import QHelpEvent, QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QApplication, QFrame, QPlainTextEdit, QToolTip, QWidget

from transcriber.ui.shortcuts import all_key_sequences

# What typing delivers to a text box: keys and an input method's text.
TYPING = (QEvent.KeyPress, QEvent.KeyRelease, QEvent.InputMethod)


class BulletTextEdit(QPlainTextEdit):
    height_changed = Signal()
    leave_requested = Signal(int)  # -1: go to the previous bullet, +1: the next
    join_requested = Signal(int)  # -1: Backspace at the start (join the previous), +1: Delete at the end
    word_clicked = Signal(int)  # Ctrl+click: character offset of the word to play from

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._handed_over = all_key_sequences()
        self.span_tips: list = []  # text_spans.Span: hover text for stretches of the text
        # Set when the box is closed: the box open now, which late keys belong to.
        self.successor: Callable[[], QWidget | None] | None = None
        self.setObjectName("bullet_text_edit")
        self.setFrameShape(QFrame.NoFrame)
        self.setUndoRedoEnabled(False)  # the meeting's undo history is the only one
        self.setTabChangesFocus(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.document().setDocumentMargin(0)
        self.document().documentLayout().documentSizeChanged.connect(
            lambda _size: self.height_changed.emit()
        )

    def content_height(self) -> int:
        """Pixels the wrapped text needs at the current width."""
        lines = 0
        block = self.document().begin()
        while block.isValid():
            lines += max(1, block.layout().lineCount())
            block = block.next()
        return lines * self.fontMetrics().lineSpacing() + 4

    def event(self, event: QEvent) -> bool:
        if event.type() in TYPING and self.successor is not None:
            target = self.successor()
            if target is not None and target is not self:
                target.setFocus()  # the keys after this one go there directly
                QApplication.sendEvent(target, event)
                return True
        if event.type() == QEvent.ShortcutOverride and self._is_ours(event):
            # Not accepted: Qt then offers the key to the editor view's shortcuts.
            event.ignore()
            return True
        return super().event(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.ToolTip:
            return self._show_tip(event)
        return super().viewportEvent(event)

    def _show_tip(self, event: QHelpEvent) -> bool:
        offset = self.cursorForPosition(event.pos()).position()
        tip = next((s.tip for s in self.span_tips if s.start <= offset < s.end), None)
        if tip is None:
            QToolTip.hideText()
            event.ignore()
        else:
            QToolTip.showText(event.globalPos(), tip, self)
        return True

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.LeftButton and event.modifiers() & Qt.ControlModifier:
            cursor = self.cursorForPosition(event.position().toPoint())
            self.setTextCursor(cursor)
            self.word_clicked.emit(cursor.position())
            event.accept()
            return
        super().mousePressEvent(event)

    def _is_ours(self, event: QKeyEvent) -> bool:
        return QKeySequence(event.keyCombination()).toString() in self._handed_over

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and not event.modifiers() & Qt.ControlModifier:
            event.accept()  # one paragraph per bullet
            return
        cursor = self.textCursor()
        if event.modifiers() == Qt.NoModifier and not cursor.hasSelection():
            # As in one long document: Backspace at the start of a bullet joins it to the
            # one before, Delete at its end joins the next one.
            if event.key() == Qt.Key_Backspace and cursor.atStart():
                self.join_requested.emit(-1)
                return
            if event.key() == Qt.Key_Delete and cursor.atEnd():
                self.join_requested.emit(1)
                return
        if event.modifiers() == Qt.NoModifier and event.key() in (Qt.Key_Up, Qt.Key_Down):
            # Arrowing past the first or last line walks on to the neighbouring bullet,
            # as in one long document.
            before = self.textCursor().position()
            super().keyPressEvent(event)
            if self.textCursor().position() == before:
                self.leave_requested.emit(-1 if event.key() == Qt.Key_Up else 1)
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        text = " ".join(source.text().split("\n")) if source.hasText() else ""
        self.insertPlainText(text)
