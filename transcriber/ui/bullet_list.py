"""The list of bullets: a QListView with one text box, open on the current row.

A persistent editor follows the current row, so the user just clicks (or arrows)
into a bullet and types; every other row is painted by ``BulletDelegate``. A click
on the speaker and time column asks for playback from that bullet's start;
Ctrl+click on a word asks for playback from that word (``Bullet.words``).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QHelpEvent, QMouseEvent, QTextCursor
from PySide6.QtWidgets import QAbstractItemView, QListView, QTextEdit, QToolTip, QWidget

from transcriber.library.word_spans import word_at, word_playing
from transcriber.ui.bullet_delegate import (
    LABEL_WIDTH,
    BulletDelegate,
    redaction_format,
    search_hit_format,
    word_format,
)
from transcriber.ui.bullet_editor import BulletTextEdit
from transcriber.ui.bullet_model import BulletModel, Role
from transcriber.ui.text_spans import is_gap, redaction_spans


class BulletList(QListView):
    play_requested = Signal(int)  # row whose start should be played
    play_at_requested = Signal(float)  # seconds: Ctrl+click on a word
    current_bullet_changed = Signal(int)  # bullet id, or -1
    join_requested = Signal(int)  # from the text box: -1 join the previous, +1 the next

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bullet_list")
        self.editing_index = QPersistentModelIndex()
        self.search_terms: list[str] = []  # the library search that led here: shown in the open bullet
        self.bullet_model = BulletModel(self)
        self.delegate = BulletDelegate(self)
        self.setModel(self.bullet_model)
        self.setItemDelegate(self.delegate)
        self.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)  # the editor is opened by us
        self.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.setResizeMode(QListView.Adjust)  # re-wrap the text when the width changes
        # Lay out 3,000 rows in batches between events, so the first rows paint at once.
        self.setLayoutMode(QListView.Batched)
        self.setBatchSize(100)
        self.setWordWrap(True)
        self.selectionModel().currentChanged.connect(self._on_current_changed)
        self.bullet_model.modelAboutToBeReset.connect(self._close_editor)

    # -- the open text box -------------------------------------------------------------

    def text_edit(self) -> BulletTextEdit | None:
        if not self.editing_index.isValid():
            return None
        widget = self.indexWidget(QModelIndex(self.editing_index))
        return widget if isinstance(widget, BulletTextEdit) else None

    def _close_editor(self) -> None:
        closing = self.text_edit()
        if closing is not None:
            closing.successor = self.text_edit  # late keys go to whichever box is open then
        if self.editing_index.isValid():
            self.closePersistentEditor(QModelIndex(self.editing_index))
        self.editing_index = QPersistentModelIndex()

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if QPersistentModelIndex(current) == self.editing_index:
            return
        had_focus = self.text_edit() is not None and self.text_edit().hasFocus()
        self._close_editor()
        if current.isValid():
            self.editing_index = QPersistentModelIndex(current)
            self.openPersistentEditor(current)
            editor = self.text_edit()
            if editor is not None:
                editor.leave_requested.connect(self.walk)
                editor.join_requested.connect(self.join_requested)
                editor.word_clicked.connect(lambda offset: self._play_word(self.currentIndex().row(), offset))
                editor.textChanged.connect(self.decorate_editor)
                self.decorate_editor()
                if had_focus or self.hasFocus():
                    editor.setFocus()
        self.current_bullet_changed.emit(current.data(Role.BULLET_ID) if current.isValid() else -1)

    def decorate_editor(self) -> None:
        """Show in the open text box what the painted rows show: redactions, the word heard."""
        editor = self.text_edit()
        if editor is None:
            return
        row = self.editing_index.row()
        bullet = self.bullet_model.bullet(row)
        if bullet is None:
            return
        text = editor.toPlainText()
        editor.setPlaceholderText(self.tr("Nothing was recognised here: listen and type what was said.") if is_gap(bullet) else "")
        spans = redaction_spans(text, bullet)
        editor.span_tips = spans
        marks = [(span.start, span.end, redaction_format()) for span in spans]
        folded = text.casefold()
        for term in self.search_terms:
            at = folded.find(term.casefold())
            while term and at >= 0:
                marks.append((at, at + len(term), search_hit_format()))
                at = folded.find(term.casefold(), at + len(term))
        word = self.bullet_model.playing_word if row == self.bullet_model.playing_row else None
        if word is not None and word[1] <= len(text):
            marks.append((word[0], word[1], word_format()))
        selections = []
        for start, end, fmt in marks:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(editor.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.KeepAnchor)
            selection.cursor, selection.format = cursor, fmt
            selections.append(selection)
        editor.setExtraSelections(selections)

    def word_time(self, row: int, offset: int) -> float | None:
        """When the word at character ``offset`` of ``row`` was said, if the row has word timings."""
        bullet = self.bullet_model.bullet(row)
        if bullet is None or not bullet.words:
            return None
        index = word_at(self.bullet_model.word_spans(row), offset)
        return bullet.words[index].start if index is not None else bullet.words[0].start

    def _play_word(self, row: int, offset: int) -> None:
        seconds = self.word_time(row, offset)
        if seconds is not None:
            self.play_at_requested.emit(seconds)
        else:
            self.play_requested.emit(row)

    def walk(self, step: int) -> None:
        row = self.currentIndex().row() + step
        if 0 <= row < self.bullet_model.rowCount():
            self.go_to_row(row, cursor=0 if step > 0 else -1)

    # -- navigation --------------------------------------------------------------------

    def go_to_row(self, row: int, cursor: int | None = None, focus: bool = True) -> None:
        """Make ``row`` current and put the text cursor at ``cursor`` (-1: the end)."""
        index = self.bullet_model.index(row, 0)
        if not index.isValid():
            return
        self.selectionModel().setCurrentIndex(index, QItemSelectionModel.ClearAndSelect)
        self.scrollTo(index, QAbstractItemView.EnsureVisible)
        editor = self.text_edit()
        if editor is None:
            return
        if cursor is not None:
            text_cursor = editor.textCursor()
            length = len(editor.toPlainText())
            text_cursor.setPosition(length if cursor < 0 else min(cursor, length))
            editor.setTextCursor(text_cursor)
        if focus:
            editor.setFocus()

    def show_search_hits(self, terms: list[str]) -> None:
        """Highlight ``terms`` (a library search's words) in the open bullet; [] for none."""
        self.search_terms = [t for t in terms if t]
        self.decorate_editor()

    def go_to_bullet(self, bullet_id: int, cursor: int | None = None) -> None:
        row = self.bullet_model.row_of(bullet_id)
        if row >= 0:
            self.go_to_row(row, cursor)

    def current_bullet_id(self) -> int | None:
        index = self.currentIndex()
        return index.data(Role.BULLET_ID) if index.isValid() else None

    def selected_bullet_ids(self) -> list[int]:
        """Selected rows in reading order; the current row when nothing else is selected."""
        rows = sorted(index.row() for index in self.selectionModel().selectedIndexes())
        ids = [self.bullet_model.bullet(row).id for row in rows]
        current = self.current_bullet_id()
        return ids or ([current] if current is not None else [])

    def cursor_offset(self) -> int:
        editor = self.text_edit()
        return editor.textCursor().position() if editor is not None else 0

    def selected_span(self) -> tuple[int, int] | None:
        """The characters selected in the open text box, if any."""
        editor = self.text_edit()
        if editor is None or not editor.textCursor().hasSelection():
            return None
        cursor = editor.textCursor()
        return cursor.selectionStart(), cursor.selectionEnd()

    def select_next(self, hits: list[tuple[int, int, int]]) -> None:
        """Select the first ``(bullet id, start, end)`` at or after the cursor, wrapping to the top."""
        rows = {b.id: row for row, b in enumerate(self.bullet_model.bullets())}
        here = (self.currentIndex().row(), self.cursor_offset())
        after = [h for h in hits if (rows.get(h[0], -1), h[1]) >= here] or hits
        bullet_id, start, end = after[0]
        self.go_to_bullet(bullet_id, start)
        editor = self.text_edit()
        if editor is not None:
            cursor = editor.textCursor()
            cursor.setPosition(start)
            cursor.setPosition(end, cursor.MoveMode.KeepAnchor)
            editor.setTextCursor(cursor)

    def follow_playback(self, seconds: float) -> None:
        """Highlight the bullet and the word being heard, and keep the bullet in view."""
        model = self.bullet_model
        row = model.row_at_time(seconds)
        word = None
        bullet = model.bullet(row)
        if bullet is not None and bullet.words:
            index = word_playing(bullet.words, seconds)
            spans = model.word_spans(row)
            word = spans[index] if index is not None else None
        if (row, word) == (model.playing_row, model.playing_word):
            return
        moved = row != model.playing_row
        model.set_playing_row(row, word)
        if moved and row >= 0:
            self.scrollTo(model.index(row, 0), QAbstractItemView.EnsureVisible)
        if row == self.editing_index.row() or moved:
            self.decorate_editor()

    def stop_following(self) -> None:
        self.bullet_model.set_playing_row(-1)
        self.decorate_editor()

    # -- mouse -------------------------------------------------------------------------

    def _offset_at(self, index: QModelIndex, point) -> int | None:
        bullet = self.bullet_model.bullet(index.row())
        return self.delegate.offset_at(self.visualRect(index), bullet, self.font(), point)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.ToolTip:
            help_event: QHelpEvent = event
            index = self.indexAt(help_event.pos())
            if index.isValid():
                offset = self._offset_at(index, help_event.pos())
                bullet = self.bullet_model.bullet(index.row())
                if offset is not None:
                    tip = next((s.tip for s in redaction_spans(bullet.text, bullet) if s.start <= offset < s.end), None)
                    if tip is not None:
                        QToolTip.showText(help_event.globalPos(), tip, self.viewport())
                        return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if (index.isValid() and event.button() == Qt.LeftButton and event.modifiers() & Qt.ControlModifier
                and event.position().x() - self.visualRect(index).left() >= LABEL_WIDTH):
            # Ctrl+click on a painted row's word: go there and play from that word.
            offset = self._offset_at(index, event.position().toPoint())
            self.go_to_row(index.row(), cursor=offset)
            self._play_word(index.row(), offset or 0)
            return
        super().mousePressEvent(event)
        if not index.isValid() or event.button() != Qt.LeftButton:
            return
        if event.position().x() - self.visualRect(index).left() < LABEL_WIDTH:
            self.play_requested.emit(index.row())
            return
        editor = self.text_edit()
        if editor is not None and QPersistentModelIndex(index) == self.editing_index:
            # Place the text cursor where the user clicked, as in any text editor.
            point = editor.mapFrom(self.viewport(), event.position().toPoint())
            editor.setTextCursor(editor.cursorForPosition(point))
            editor.setFocus()
