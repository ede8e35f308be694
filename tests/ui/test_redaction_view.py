"""A redaction stays visible to the editor (a dark span, what and why on hover), never exported.

Issue 11, item 13: after Ctrl+H the editor could no longer see what was hidden
or why. The words live only in the library's private record; every export
format must leave them out.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from gui_support import answer_input_dialog
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip

from transcriber.exports.formats import FORMATS, export_meeting
from transcriber.model import Bullet
from transcriber.ui.bullet_delegate import REDACTED_BACKGROUND
from transcriber.ui.bullet_model import Role
from transcriber.ui.main_window import MainWindow

SECRET = "達摩院"
TEXT = f"這個部分{SECRET}那邊也有提過"


@pytest.fixture
def meeting_id(library):
    meeting = library.create_meeting("座談", "2024-05-06", language="zh")
    official = library.speaker(meeting.id, "唐鳳", is_default=True)
    library.append_bullets(meeting.id, [
        Bullet(None, meeting.id, 0, TEXT, speaker_id=official.id, start=0.0, end=3.0),
        Bullet(None, meeting.id, 0, "下一段", speaker_id=official.id, start=3.0, end=5.0),
    ])  # fmt: skip
    return meeting.id


@pytest.fixture
def window(qtbot, library, meeting_id):
    window = MainWindow(library, use_audio_device=False)
    qtbot.addWidget(window)
    window.resize(1100, 600)
    window.show()
    window.open_meeting(meeting_id)
    yield window
    window.close()


def _redact_secret(qtbot, view) -> None:
    text_edit = view.bullet_list.text_edit()
    cursor = text_edit.textCursor()
    start = TEXT.index(SECRET)
    cursor.setPosition(start)
    cursor.setPosition(start + len(SECRET), QTextCursor.KeepAnchor)
    text_edit.setTextCursor(cursor)
    answer_input_dialog("公司名稱，不公開")
    qtbot.keyClick(text_edit, Qt.Key_H, Qt.ControlModifier)


def test_a_redaction_shows_as_a_dark_span_with_what_and_why_on_hover(qtbot, window, library, meeting_id):
    view = window.editor_view
    _redact_secret(qtbot, view)
    text_edit = view.bullet_list.text_edit()
    shown = text_edit.toPlainText()
    assert SECRET not in shown and "〔已遮蔽〕" in shown
    marker_start = shown.index("〔已遮蔽〕")

    dark = [s for s in text_edit.extraSelections() if s.format.background().color() == REDACTED_BACKGROUND]
    assert len(dark) == 1
    assert (dark[0].cursor.selectionStart(), dark[0].cursor.selectionEnd()) == (marker_start, marker_start + 5)

    cursor = text_edit.textCursor()
    cursor.setPosition(marker_start + 2)
    point = text_edit.cursorRect(cursor).center()
    QApplication.sendEvent(text_edit.viewport(), QHelpEvent(
        QEvent.ToolTip, point, text_edit.viewport().mapToGlobal(point)))
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert SECRET in QToolTip.text() and "公司名稱，不公開" in QToolTip.text()
    QToolTip.hideText()

    # Painted (not open) rows mark it too, and answer the hover the same way.
    view.bullet_list.go_to_row(1)
    index = view.bullet_list.bullet_model.index(0, 0)
    ranges = view.bullet_list.delegate.format_ranges(index.data(Role.BULLET), None)
    assert [(r.start, r.length) for r in ranges] == [(marker_start, 5)]
    assert ranges[0].format.background().color() == REDACTED_BACKGROUND
    rect = view.bullet_list.visualRect(index)
    text_rect = view.bullet_list.delegate.text_rect(rect)
    metrics = view.bullet_list.fontMetrics()
    inside = QPoint(text_rect.left() + metrics.horizontalAdvance(shown[:marker_start + 2]) + 2,
                    text_rect.top() + metrics.height() // 2)
    QApplication.sendEvent(view.bullet_list.viewport(), QHelpEvent(
        QEvent.ToolTip, inside, view.bullet_list.viewport().mapToGlobal(inside)))
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert SECRET in QToolTip.text()
    QToolTip.hideText()


def test_no_export_contains_the_redacted_words(qtbot, window, library, meeting_id):
    _redact_secret(qtbot, window.editor_view)
    assert SECRET not in library.bullets(meeting_id)[0].text
    for fmt in FORMATS:
        exported = export_meeting(library, meeting_id, fmt)
        if fmt == "docx":
            with zipfile.ZipFile(io.BytesIO(exported)) as docx:
                exported = "".join(docx.read(name).decode("utf-8", "replace") for name in docx.namelist())
        elif isinstance(exported, bytes):
            exported = exported.decode("utf-8")
        assert "下一段" in exported, fmt  # the export is real
        assert SECRET not in exported, f"{fmt} export leaks the redacted words"
        assert "公司名稱" not in exported, f"{fmt} export leaks the private reason"
