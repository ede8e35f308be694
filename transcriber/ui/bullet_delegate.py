"""Paints one bullet row (speaker and time on the left, wrapped text on the right).

Painting instead of a widget per row is what keeps a three-hour meeting (3,000
bullets) scrolling smoothly; only the current row gets a real text box
(``BulletTextEdit``), opened by ``BulletList``. Row heights are measured once per
text and width and cached, because QListView asks for them on every layout.

Plain rows are drawn with one ``drawText``; a row with something marked inside
its text (a redaction, the word being heard) is laid out with ``QTextLayout`` so
the marked characters get their own colours, and the same layout answers which
character the mouse is over (hover text, Ctrl+click a word).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from transcriber.model import Bullet, BulletKind
from transcriber.ui.bullet_editor import BulletTextEdit
from transcriber.ui.bullet_model import Role
from transcriber.ui.text_spans import is_gap, marker_label, redaction_spans

LABEL_WIDTH = 150
MARGIN = 6
FLAG_BAR = 4
PLAYING_COLOUR = QColor(255, 243, 196)
FLAG_COLOUR = QColor(230, 126, 34)
MUTED_COLOUR = QColor(110, 110, 110)
MARKER_COLOUR = QColor(125, 60, 152)
GAP_COLOUR = QColor(253, 237, 214)
REDACTED_BACKGROUND = QColor(45, 45, 45)
REDACTED_TEXT = QColor(255, 255, 255)
WORD_COLOUR = QColor(255, 196, 61)


def redaction_format() -> QTextCharFormat:
    """Redacted characters: a dark bar with light text, unlike any selection or highlight."""
    fmt = QTextCharFormat()
    fmt.setBackground(REDACTED_BACKGROUND)
    fmt.setForeground(REDACTED_TEXT)
    return fmt


def word_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(WORD_COLOUR)
    return fmt


SEARCH_HIT_COLOUR = QColor(255, 235, 59)  # a highlighter's yellow: what the search found


def search_hit_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(SEARCH_HIT_COLOUR)
    return fmt



class BulletDelegate(QStyledItemDelegate):
    def _kind_label(self, kind: BulletKind) -> str:
        """The name shown for a bullet nobody of this side speaks ("" for speech)."""
        return {BulletKind.OTHER_SIDE: self.tr("Other side"),
                BulletKind.NARRATIVE: self.tr("Note")}.get(kind, "")

    # bullet id, full text: emitted on every keystroke so the core saves it at once
    text_edited = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._heights: dict[tuple, int] = {}
        self.open_editor: BulletTextEdit | None = None

    # -- geometry ----------------------------------------------------------------------

    @staticmethod
    def text_rect(option_rect: QRect) -> QRect:
        return option_rect.adjusted(LABEL_WIDTH + 2 * MARGIN, MARGIN, -MARGIN, -MARGIN)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        bullet: Bullet = index.data(Role.BULLET)
        width = max(100, option.rect.width() or self.parent().viewport().width())
        text_width = width - LABEL_WIDTH - 3 * MARGIN
        has_marker = "marker" in bullet.extra
        key = (bullet.text, bullet.kind, has_marker, text_width, option.font.key())
        height = self._heights.get(key)
        if height is None:
            metrics = QFontMetrics(option.font)
            shown = self.tr("Nothing was recognised here: listen and type what was said.") if is_gap(bullet) else bullet.text or " "
            bounds = metrics.boundingRect(QRect(0, 0, text_width, 1_000_000), Qt.TextWordWrap, shown)
            # speaker name, then time, then the marker the bullet starts at
            label_lines = (3 if has_marker else 2) * metrics.lineSpacing()
            height = max(bounds.height(), label_lines) + 2 * MARGIN
            if len(self._heights) > 20_000:  # widths change on resize; drop stale entries
                self._heights.clear()
            self._heights[key] = height
        editor = self.open_editor
        if editor is not None and self._editing_row() == index.row():
            height = max(height, editor.content_height() + 2 * MARGIN)
        return QSize(width, height)

    # -- painting ----------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        bullet: Bullet = index.data(Role.BULLET)
        painter.save()
        rect = option.rect
        palette = option.palette
        selected = bool(option.state & QStyle.State_Selected)
        gap = is_gap(bullet)
        if selected:
            painter.fillRect(rect, palette.color(QPalette.Highlight).lighter(170))
        elif index.data(Role.PLAYING):
            painter.fillRect(rect, PLAYING_COLOUR)
        elif gap:
            painter.fillRect(rect, GAP_COLOUR)
        if bullet.flagged:
            painter.fillRect(QRect(rect.left(), rect.top(), FLAG_BAR, rect.height()), FLAG_COLOUR)
        painter.setPen(QColor(225, 225, 225))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())

        label_rect = QRect(rect.left() + MARGIN + FLAG_BAR, rect.top() + MARGIN,
                           LABEL_WIDTH - FLAG_BAR, rect.height() - 2 * MARGIN)
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(palette.color(QPalette.Text))
        name = index.data(Role.SPEAKER) or self._kind_label(bullet.kind)
        metrics = QFontMetrics(bold)
        painter.drawText(label_rect, Qt.AlignLeft | Qt.AlignTop,
                         metrics.elidedText(name, Qt.ElideRight, label_rect.width()))
        painter.setFont(option.font)
        painter.setPen(MUTED_COLOUR)
        time_rect = label_rect.adjusted(0, metrics.lineSpacing(), 0, 0)
        painter.drawText(time_rect, Qt.AlignLeft | Qt.AlignTop, index.data(Role.TIME) or "")
        marker = marker_label(bullet)
        if marker is not None:
            painter.setPen(MARKER_COLOUR)
            marker_rect = time_rect.adjusted(0, QFontMetrics(option.font).lineSpacing(), 0, 0)
            painter.drawText(marker_rect, Qt.AlignLeft | Qt.AlignTop, QFontMetrics(option.font).elidedText(
                f"◆ {marker}", Qt.ElideRight, marker_rect.width()))

        if not (self.open_editor is not None and self._editing_row() == index.row()):
            font = QFont(option.font)
            if bullet.kind in (BulletKind.OTHER_SIDE, BulletKind.NARRATIVE) or gap:
                font.setItalic(True)
                painter.setPen(MUTED_COLOUR)
            else:
                painter.setPen(palette.color(QPalette.Text))
            painter.setFont(font)
            text_rect = self.text_rect(rect)
            ranges = self.format_ranges(bullet, index.data(Role.PLAYING_WORD))
            if gap:
                painter.drawText(text_rect, Qt.TextWordWrap, self.tr("Nothing was recognised here: listen and type what was said."))
            elif ranges:
                self._layout(bullet.text, font, text_rect.width(), ranges).draw(painter, QPointF(text_rect.topLeft()))
            else:
                painter.drawText(text_rect, Qt.TextWordWrap, bullet.text)
        painter.restore()

    @staticmethod
    def format_ranges(bullet: Bullet, playing_word: tuple[int, int] | None) -> list[QTextLayout.FormatRange]:
        """Coloured stretches of the row's text: redactions, then the word being heard."""
        ranges = []
        for span in redaction_spans(bullet.text, bullet):
            ranges.append(_format_range(span.start, span.end, redaction_format()))
        if playing_word is not None:
            ranges.append(_format_range(playing_word[0], playing_word[1], word_format()))
        return ranges

    @staticmethod
    def _layout(text: str, font: QFont, width: int, ranges: list | None = None) -> QTextLayout:
        layout = QTextLayout(text, font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WordWrap)  # as drawText and the row height measure it
        layout.setTextOption(option)
        if ranges:
            layout.setFormats(ranges)
        layout.beginLayout()
        y = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0, y))
            y += line.height()
        layout.endLayout()
        return layout

    def offset_at(self, option_rect: QRect, bullet: Bullet, font: QFont, point: QPoint) -> int | None:
        """The character of the painted text under ``point`` (viewport coordinates), if any."""
        text_rect = self.text_rect(option_rect)
        if not text_rect.contains(point) or not bullet.text:
            return None
        layout = self._layout(bullet.text, font, text_rect.width())
        local = QPointF(point - text_rect.topLeft())
        for number in range(layout.lineCount()):
            line = layout.lineAt(number)
            if line.y() <= local.y() < line.y() + line.height():
                offset = line.xToCursor(local.x(), QTextLine.CursorOnCharacter)
                return min(offset, len(bullet.text) - 1)
        return None

    # -- the in-place text box ---------------------------------------------------------

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        editor = BulletTextEdit(parent)
        editor.setFont(option.font)
        editor.textChanged.connect(lambda: self._on_text_changed(editor))
        editor.height_changed.connect(self._on_editor_resized)
        self.open_editor = editor
        editor.destroyed.connect(lambda: self._forget(editor))
        return editor

    def _forget(self, editor: BulletTextEdit) -> None:
        if self.open_editor is editor:
            self.open_editor = None

    def _editing_row(self) -> int:
        """The row whose text box is open; a persistent index follows inserts and removals."""
        editing = getattr(self.parent(), "editing_index", None)
        return editing.row() if editing is not None and editing.isValid() else -1

    def _on_editor_resized(self) -> None:
        row = self._editing_row()
        if row >= 0:
            self.sizeHintChanged.emit(self.parent().model().index(row, 0))

    def _on_text_changed(self, editor: BulletTextEdit) -> None:
        # The bullet this text box was opened on, not the current row: a box being closed
        # (another bullet was just clicked) must never write its text into the new one.
        bullet_id = editor.property("bullet_id")
        if editor.property("loading") or bullet_id is None:
            return
        self.text_edited.emit(int(bullet_id), editor.toPlainText())

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        editor.setProperty("bullet_id", index.data(Role.BULLET_ID))
        text = index.data(Qt.EditRole) or ""
        if editor.toPlainText() == text:
            return  # our own keystroke coming back from the model: keep the cursor
        editor.setProperty("loading", True)
        cursor_position = editor.textCursor().position()
        editor.setPlainText(text)
        cursor = editor.textCursor()
        cursor.setPosition(min(cursor_position, len(text)))
        editor.setTextCursor(cursor)
        editor.setProperty("loading", False)

    def eventFilter(self, _editor: object, _event: object) -> bool:
        # The stock filter eats Esc and Tab to close the editor; ours stays open on its
        # row, and Esc is the play/pause key.
        return False

    def setModelData(self, editor: QWidget, model: object, index: QModelIndex) -> None:
        pass  # every keystroke was already saved through text_edited

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        editor.setGeometry(self.text_rect(option.rect).adjusted(0, -2, 0, 2))


def _format_range(start: int, end: int, fmt: QTextCharFormat) -> QTextLayout.FormatRange:
    span = QTextLayout.FormatRange()
    span.start, span.length, span.format = start, end - start, fmt
    return span
