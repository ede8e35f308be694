"""The same correction made twice is offered for the glossary, in a bar, not a dialog."""

from __future__ import annotations

import pytest
from gui_support import type_text
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from transcriber.library import glossary
from transcriber.model import Bullet
from transcriber.ui.main_window import MainWindow

TEXTS = ["唐風說明開放政府", "我是唐風", "謝謝唐風", "下一個議題"]


@pytest.fixture
def meeting_id(library):
    meeting = library.create_meeting("座談", "2024-05-06", language="zh")
    library.append_bullets(meeting.id, [Bullet(None, meeting.id, 0, text) for text in TEXTS])
    return meeting.id


@pytest.fixture
def window(qtbot, library, meeting_id):
    window = MainWindow(library, use_audio_device=False)
    qtbot.addWidget(window)
    window.show()
    window.open_meeting(meeting_id)
    yield window
    window.close()


def test_replace_all_offers_the_pair_and_add_puts_it_in_the_glossary(qtbot, window, library):
    view = window.editor_view
    qtbot.keyClick(view.bullet_list.text_edit(), Qt.Key_F, Qt.ControlModifier)
    type_text(view.find_bar.query_edit, "唐風")
    type_text(view.find_bar.replacement_edit, "唐鳳")
    qtbot.keyClick(view.find_bar.replacement_edit, Qt.Key_Return)
    qtbot.waitUntil(view.glossary_bar.isVisible)
    assert view.glossary_bar.label.text() == QCoreApplication.translate("GlossaryBar", "You replaced “{wrong}” with “{right}” {count} times. Add it to the glossary, so future transcripts get it right?").format(wrong="唐風", right="唐鳳", count=3)
    assert view.find_bar.isAncestorOf(QApplication.focusWidget()), "the offer takes no focus"
    qtbot.mouseClick(view.glossary_bar.add_button, Qt.LeftButton)
    assert glossary.entries(library) == [glossary.GlossaryEntry("唐鳳", ("唐風",))]
    assert not view.glossary_bar.isVisible()
    assert view.status_label.text() == QCoreApplication.translate("GlossaryBar", "“{right}” is in the glossary now.").format(right="唐鳳")


def test_typed_corrections_are_offered_once_typing_pauses_and_ignore_is_remembered(qtbot, window, library, meeting_id):
    view = window.editor_view
    bullets = view.bullet_list
    for row in (1, 2):
        bullets.go_to_row(row, cursor=-1)
        qtbot.keyClick(bullets.text_edit(), Qt.Key_Backspace)
        type_text(bullets.text_edit(), "鳳")
    assert not view.glossary_bar.isVisible(), "not while typing"
    qtbot.waitUntil(view.glossary_bar.isVisible, timeout=4000)
    assert view.glossary_bar.pair == ("唐風", "唐鳳")
    assert bullets.text_edit().hasFocus()
    qtbot.mouseClick(view.glossary_bar.ignore_button, Qt.LeftButton)
    assert glossary.entries(library) == []
    view.glossary_bar.check(meeting_id)
    qtbot.waitUntil(lambda: not view.glossary_bar.busy)
    qtbot.wait(50)
    assert not view.glossary_bar.isVisible(), "an ignored pair is not offered again"

    window.open_meeting(library.create_meeting("另一場", "2024-05-07").id)
    assert not view.glossary_bar.isVisible()


def test_a_one_character_fix_is_offered_as_the_word_it_belongs_to(qtbot, library):
    """Issue 17: 喜歡→偏好 twice was offered, 咱們→我們 twice was not (the character
    before 咱 differed: 跟咱們, 是咱們)."""
    meeting = library.create_meeting("座談", "2024-05-06", language="zh")
    library.append_bullets(meeting.id, [Bullet(None, meeting.id, 0, text)
                                        for text in ("這件事跟咱們有關", "問題是咱們怎麼做")])  # fmt: skip
    window = MainWindow(library, use_audio_device=False)
    qtbot.addWidget(window)
    window.show()
    window.open_meeting(meeting.id)
    view = window.editor_view
    bullets = view.bullet_list
    for row, at in ((0, 4), (1, 3)):
        bullets.go_to_row(row, cursor=at)
        qtbot.keyClick(bullets.text_edit(), Qt.Key_Delete)
        type_text(bullets.text_edit(), "我")
    assert [b.text for b in library.bullets(meeting.id)] == ["這件事跟我們有關", "問題是我們怎麼做"]
    qtbot.waitUntil(view.glossary_bar.isVisible, timeout=4000)
    assert view.glossary_bar.pair == ("咱們", "我們")
    window.close()
