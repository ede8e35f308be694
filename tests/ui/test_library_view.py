"""The library list, its search box, bad files, and the interface language."""

from __future__ import annotations

from test_gui_workflow import answer_whose_recording

from transcriber.model import Bullet
from transcriber.ui import language
from transcriber.ui.app import create_main_window
from transcriber.ui.main_window import MainWindow


def add_meeting(library, title, date, texts, **fields):
    meeting = library.create_meeting(title, date, **fields)
    library.append_bullets(meeting.id, [Bullet(None, meeting.id, 0, t) for t in texts])
    return meeting.id


def test_meetings_by_date_with_status_and_search_opens_the_bullet(qtbot, library):
    old = add_meeting(library, "舊會議", "2023-01-02", ["開場"], status="published")
    new = add_meeting(library, "新會議", "2024-03-04", ["開場白", "我們談數位韌性的問題"], status="review")
    window = MainWindow(library, use_audio_device=False)
    qtbot.addWidget(window)
    view = window.library_view
    tree = view.meeting_tree
    rows = [[tree.topLevelItem(i).text(c) for c in range(3)] for i in range(tree.topLevelItemCount())]
    assert rows == [["2024-03-04", "新會議", "in review"], ["2023-01-02", "舊會議", "published"]]

    # A two-character Chinese word, found in the middle of a bullet.
    view.search_edit.setText("韌性")
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.hit_tree)
    assert view.hit_tree.topLevelItemCount() == 1
    hit = view.hit_tree.topLevelItem(0)
    assert "數位韌性" in hit.text(1)
    view.hit_tree.itemActivated.emit(hit, 0)
    assert window.editor_view.meeting_id == new
    second_id = library.bullets(new)[1].id
    bullets = window.editor_view.bullet_list
    assert bullets.current_bullet_id() == second_id
    # Issue 17: the hit is highlighted in the bullet, where the word is.
    from transcriber.ui.bullet_delegate import SEARCH_HIT_COLOUR

    marked = [(s.cursor.selectedText(), s.format.background().color())
              for s in bullets.text_edit().extraSelections()]  # fmt: skip
    assert ("韌性", SEARCH_HIT_COLOUR) in marked, marked

    view.search_edit.clear()
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.meeting_tree)
    tree.itemActivated.emit(tree.topLevelItem(1), 0)
    assert window.editor_view.meeting_id == old


def test_a_file_that_is_not_audio_is_refused_in_plain_words(qtbot, library, tmp_path):
    window = MainWindow(library, use_audio_device=False)
    qtbot.addWidget(window)
    notes = tmp_path / "notes.wav"
    notes.write_text("this is not audio", encoding="utf-8")
    window.import_files([str(notes)])
    answer_whose_recording(window, "唐鳳")
    qtbot.waitUntil(lambda: window.last_error is not None, timeout=30_000)
    assert "notes.wav" in window.last_error and "not audio" in window.last_error
    assert library.meetings() == [], "nothing half-created"
    assert not window.import_queue.isVisible() and not window.transcriptions


def test_the_language_switch_applies_to_a_new_window(qtbot, library):
    window = create_main_window(library, use_audio_device=False)
    qtbot.addWidget(window)
    window.settings.set("ui_language", language.CHINESE)
    chinese_window = create_main_window(library, use_audio_device=False)
    qtbot.addWidget(chinese_window)
    menus = [a.text() for a in chinese_window.menuBar().actions()]
    assert menus[0] == "檔案(&F)"
    assert chinese_window.library_view.search_edit.placeholderText() == "搜尋所有逐字稿"
    assert chinese_window.editor_view.speaker_panel.rename_button.text() == "重新命名發言者…"
    assert window.menuBar().actions()[0].text() == "&File"


def test_shortcut_keys_do_not_collide_with_menu_keys(qtbot, library):
    """An ambiguous key does nothing in Qt; the transcription keys must stay unique."""
    window = MainWindow(library, use_audio_device=False)
    qtbot.addWidget(window)
    menu_keys = {a.shortcut().toString() for m in window.menuBar().actions()
                 for a in m.menu().actions() if not a.shortcut().isEmpty()}  # fmt: skip
    editor_keys = [k.toString() for a in window.editor_view.actions.values() for k in a.shortcuts()]
    assert len(editor_keys) == len(set(editor_keys))
    assert not menu_keys & set(editor_keys)
    assert "Ctrl+Q" in editor_keys  # the question key, which is why Quit has no shortcut


def test_a_right_click_on_a_row_opens_that_meeting(qtbot, library):
    """Issue 17: a right-click highlighted the row but the editor stayed on the previous meeting."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication

    from transcriber.model import Bullet as B

    first = library.create_meeting("第一場", "2024-05-07")
    second = library.create_meeting("第二場", "2024-05-06")
    for meeting in (first, second):
        library.append_bullets(meeting.id, [B(None, meeting.id, 0, meeting.title)])
    window = MainWindow(library, use_audio_device=False)
    qtbot.addWidget(window)
    window.show()
    window.open_meeting(first.id)
    tree = window.library_view.meeting_tree
    rect = tree.visualItemRect(tree.topLevelItem(1))
    qtbot.mouseClick(tree.viewport(), Qt.RightButton, pos=rect.center())
    # The context-menu event the platform sends with a right-click (QTest does not).
    at = QPoint(rect.center())
    QApplication.sendEvent(tree.viewport(), QContextMenuEvent(QContextMenuEvent.Mouse, at, tree.viewport().mapToGlobal(at)))
    assert window.editor_view.meeting_id == second.id
    assert tree.currentItem() is tree.topLevelItem(1)
