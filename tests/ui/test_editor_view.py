"""The editor in the real window: transcription keys while typing, playback, find, speakers.

No model here: meetings are made in the library directly, with a real recording
so playback has something to play (silently, as on any machine without speakers).
"""

from __future__ import annotations

import pytest
from gui_support import answer_input_dialog, bullet_texts, type_text
from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from transcriber.model import Bullet
from transcriber.ui.main_window import MainWindow
from transcriber.ui.shortcuts import SHORTCUTS

TEXTS = ["歡迎大家來體驗", "今天談數位發展", "這一段聽不清楚", "最後一段"]


@pytest.fixture
def meeting_id(library, audio_dir):
    meeting = library.create_meeting("數位部會議", "2024-05-06", language="zh")
    official = library.speaker(meeting.id, "唐鳳", is_default=True)
    library.add_recording(meeting.id, str(audio_dir / "zh-welcome.wav"), duration=5.5)
    library.append_bullets(meeting.id, [
        Bullet(None, meeting.id, 0, text, speaker_id=official.id, start=1.3 * i, end=1.3 * i + 1.3,
               flagged=i == 2, flag_reason="repeated words" if i == 2 else "")
        for i, text in enumerate(TEXTS)
    ])  # fmt: skip
    return meeting.id


@pytest.fixture
def window(qtbot, library, meeting_id):
    window = MainWindow(library, use_audio_device=False)
    qtbot.addWidget(window)
    window.show()
    window.open_meeting(meeting_id)
    qtbot.waitUntil(lambda: window.editor_view.player.is_loaded)
    yield window
    window.close()


def test_help_overlay_lists_every_shortcut_and_esc_closes_it(qtbot, window):
    view = window.editor_view
    qtbot.keyClick(view.bullet_list.text_edit(), Qt.Key_F1)
    assert view.overlay.isVisible()
    rows = view.overlay.rows()
    assert len(rows) == len(SHORTCUTS)
    assert (QCoreApplication.translate("ShortcutsOverlay", "Split the bullet at the cursor"), "<code>Ctrl+Return  ·  Ctrl+Enter</code>") in rows
    qtbot.keyClick(view.bullet_list.text_edit(), Qt.Key_Escape)
    assert not view.overlay.isVisible()
    assert not view.player.playing, "Esc closed the help; it did not start playback"


def test_esc_pauses_but_never_starts_playback(qtbot, window):
    """Issue 17: Esc started playback when no popup was open."""
    view = window.editor_view
    qtbot.keyClick(view.bullet_list.text_edit(), Qt.Key_Escape)
    assert not view.player.playing, "nothing to close, nothing playing: Esc does nothing"
    qtbot.keyClick(view.bullet_list.text_edit(), Qt.Key_Space, Qt.ControlModifier)
    assert view.player.playing
    qtbot.keyClick(view.bullet_list.text_edit(), Qt.Key_Escape)
    assert not view.player.playing


def test_click_plays_from_bullet_and_highlight_follows_playback(qtbot, window):
    view, bullets = window.editor_view, window.editor_view.bullet_list
    third = bullets.visualRect(bullets.bullet_model.index(2, 0))
    qtbot.mouseClick(bullets.viewport(), Qt.LeftButton, pos=QPoint(20, third.center().y()))
    assert view.player.playing
    assert view.player.position == pytest.approx(2.6, abs=0.2)
    qtbot.waitUntil(lambda: bullets.bullet_model.playing_row == 3, timeout=3000)
    assert view.transport.position_label.text().startswith("00:03")

    text_edit = bullets.text_edit()
    qtbot.keyClick(text_edit, Qt.Key_Space, Qt.ControlModifier)  # pause while typing
    assert not view.player.playing
    paused_at = view.player.position
    qtbot.keyClick(text_edit, Qt.Key_R, Qt.ControlModifier)  # back 3 s
    assert view.player.position == pytest.approx(max(0.0, paused_at - 3), abs=0.05)
    qtbot.keyClick(text_edit, Qt.Key_BracketRight, Qt.ControlModifier)
    assert view.player.speed > 1.0
    qtbot.keyClick(text_edit, Qt.Key_BracketLeft, Qt.ControlModifier)
    qtbot.keyClick(text_edit, Qt.Key_BracketLeft, Qt.ControlModifier)
    assert view.player.speed < 1.0
    assert "0.90" in view.transport.speed_label.text()


def test_flagged_question_and_other_side_keys(qtbot, window, library, meeting_id):
    bullets = window.editor_view.bullet_list
    qtbot.keyClick(bullets.text_edit(), Qt.Key_F3)
    assert bullets.current_bullet_id() == library.bullets(meeting_id)[2].id
    assert "repeated words" in window.editor_view.status_label.text()

    qtbot.keyClick(bullets.text_edit(), Qt.Key_Q, Qt.ControlModifier)
    third = library.bullets(meeting_id)[2]
    assert third.kind == "question"
    assert bullets.bullet_model.index(2, 0).data(Qt.UserRole + 2) == "問"

    qtbot.keyClick(bullets.text_edit(), Qt.Key_I, Qt.ControlModifier)  # the other side speaks
    after = library.bullets(meeting_id)
    assert (after[3].kind, after[3].text) == ("other_side", "（對方發言）")
    qtbot.keyClick(bullets.text_edit(), Qt.Key_N, Qt.ControlModifier)
    type_text(bullets.text_edit(), "（笑）")
    note = library.bullets(meeting_id)[4]
    assert (note.kind, note.text) == ("narrative", "（笑）")
    shown = [(b.id, b.text, b.kind) for b in bullets.bullet_model.bullets()]
    assert shown == [(b.id, b.text, b.kind) for b in library.bullets(meeting_id)]


def test_find_and_replace_across_the_meeting(qtbot, window, library, meeting_id):
    view = window.editor_view
    qtbot.keyClick(view.bullet_list.text_edit(), Qt.Key_F, Qt.ControlModifier)
    assert view.find_bar.isVisible() and view.find_bar.query_edit.hasFocus()
    type_text(view.find_bar.query_edit, "一段")
    qtbot.keyClick(view.find_bar.query_edit, Qt.Key_Return)
    assert view.find_bar.result_label.text() == "2 found"
    assert view.bullet_list.current_bullet_id() == library.bullets(meeting_id)[2].id
    assert view.bullet_list.text_edit().textCursor().selectedText() == "一段"

    type_text(view.find_bar.replacement_edit, "一節")
    qtbot.keyClick(view.find_bar.replacement_edit, Qt.Key_Return)  # replace all
    assert bullet_texts(library, meeting_id)[2:] == ["這一節聽不清楚", "最後一節"]
    assert view.find_bar.result_label.text() == "2 replaced"
    qtbot.keyClick(view.find_bar.replacement_edit, Qt.Key_Escape)
    assert not view.find_bar.isVisible() and not view.player.playing


def test_rename_speaker_and_header_change_show_everywhere(qtbot, window, library, meeting_id):
    view = window.editor_view
    view.speaker_panel.speaker_list.setCurrentRow(0)
    answer_input_dialog("Audrey Tang")
    qtbot.mouseClick(view.speaker_panel.rename_button, Qt.LeftButton)
    assert [s.name for s in library.speakers(meeting_id)] == ["Audrey Tang"]
    model = view.bullet_list.bullet_model
    assert {model.index(row, 0).data(Qt.UserRole + 2) for row in range(4)} == {"Audrey Tang"}

    view.header.title_edit.setFocus()
    view.header.title_edit.selectAll()
    type_text(view.header.title_edit, "數位發展部會議")
    qtbot.keyClick(view.header.title_edit, Qt.Key_Return)
    assert library.meeting(meeting_id).title == "數位發展部會議"
    assert window.library_view.meeting_tree.topLevelItem(0).text(1) == "數位發展部會議"


def test_typing_is_saved_at_once_and_undo_survives_a_restart(qtbot, library, meeting_id):
    first = MainWindow(library, use_audio_device=False)
    qtbot.addWidget(first)
    first.show()
    first.open_meeting(meeting_id)
    text_edit = first.editor_view.bullet_list.text_edit()
    qtbot.keyClick(text_edit, Qt.Key_End)
    type_text(text_edit, "！")
    assert bullet_texts(library, meeting_id)[0] == TEXTS[0] + "！", "saved with the keystroke"
    first.close()

    second = MainWindow(library, use_audio_device=False)
    qtbot.addWidget(second)
    second.show()
    second.activateWindow()
    qtbot.waitUntil(second.isActiveWindow)
    second.open_meeting(meeting_id)
    assert second.editor_view.bullet_list.text_edit().toPlainText() == TEXTS[0] + "！"
    qtbot.keyClick(second.editor_view.bullet_list.text_edit(), Qt.Key_Z, Qt.ControlModifier)
    assert bullet_texts(library, meeting_id)[0] == TEXTS[0]
    assert second.editor_view.bullet_list.text_edit().toPlainText() == TEXTS[0]
    second.close()


def test_backspace_at_the_start_joins_and_ctrl_backspace_still_deletes_a_word(qtbot, window, library, meeting_id):
    bullets = window.editor_view.bullet_list
    bullets.go_to_row(1, cursor=0)
    qtbot.keyClick(bullets.text_edit(), Qt.Key_Backspace)
    assert bullet_texts(library, meeting_id)[:2] == [TEXTS[0] + TEXTS[1], TEXTS[2]]
    assert bullets.cursor_offset() == len(TEXTS[0]), "the cursor sits at the join"
    type_text(bullets.text_edit(), "，")
    assert bullet_texts(library, meeting_id)[0] == TEXTS[0] + "，" + TEXTS[1]

    bullets.go_to_row(2, cursor=-1)
    before = bullet_texts(library, meeting_id)
    qtbot.keyClick(bullets.text_edit(), Qt.Key_Backspace, Qt.ControlModifier)
    after = bullet_texts(library, meeting_id)
    assert len(after) == len(before) and after[2] != before[2], "a word went, no bullets joined"



def click_second_while_editing_first(qtbot, bullets):
    """Open the first bullet's text box, then click the second bullet; the first's box."""
    bullets.go_to_row(0, cursor=-1)
    old_box = bullets.text_edit()
    rect = bullets.visualRect(bullets.bullet_model.index(1, 0))
    qtbot.mouseClick(bullets.viewport(), Qt.LeftButton, pos=QPoint(rect.right() - 20, rect.center().y()))
    return old_box


def test_text_typed_in_a_box_goes_to_its_own_bullet_even_as_another_is_clicked(qtbot, window, library, meeting_id):
    """Issue 17: keys typed just as another bullet was clicked were saved against the
    wrong bullet: the text box being closed wrote its text into the newly current one."""
    bullets = window.editor_view.bullet_list
    first, second = library.bullets(meeting_id)[:2]
    old_box = click_second_while_editing_first(qtbot, bullets)
    assert bullets.current_bullet_id() == second.id and bullets.text_edit() is not old_box
    old_box.insertPlainText("好")  # a keystroke the old box still took
    assert library.bullet(second.id).text == second.text, "never into the bullet just clicked"
    assert library.bullet(first.id).text == first.text + "好", "where it was typed, not lost"
    type_text(bullets.text_edit(), "嗎")
    assert library.bullet(second.id).text.endswith("嗎")


def test_keys_that_reach_the_box_just_closed_go_to_the_bullet_clicked(qtbot, window, library, meeting_id):
    """Issue 17: Qt closes a text box by hiding it and deleting it later, and on a real display
    keys typed right after clicking another bullet can still be delivered to it (an input
    method sends its text to the object it had). They were typed in the bullet clicked: they
    land there, and the bullet left keeps exactly its text."""
    bullets = window.editor_view.bullet_list
    first, second = library.bullets(meeting_id)[:2]
    old_box = click_second_while_editing_first(qtbot, bullets)
    type_text(old_box, "嗎")  # a key delivered late, to the box being closed
    commit = QInputMethodEvent()
    commit.setCommitString("呢")
    QApplication.sendEvent(old_box, commit)  # an input method's text, to the object it had
    assert library.bullet(first.id).text == first.text, "the bullet left keeps exactly its text"
    assert library.bullet(second.id).text == second.text + "嗎呢", "every key in the bullet clicked"
    assert QApplication.focusWidget() is bullets.text_edit(), "the keys after them go straight there"
