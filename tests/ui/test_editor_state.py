"""Switching meetings leaves nothing of the previous one; keys with nothing to do say why.

Issue 11, items 6 and 9: after switching, the previous meeting's duration, a Play
that plays silence, the playing highlight, the find bar and "待確認：?" stayed on
screen; Ctrl+D without a default speaker and F3 on a hand-set flag said nothing or "?".
"""

from __future__ import annotations

import pytest
from gui_support import type_text
from PySide6.QtCore import QCoreApplication, Qt

from transcriber.model import Bullet
from transcriber.ui import language
from transcriber.ui.main_window import MainWindow


@pytest.fixture
def meetings(library, audio_dir):
    with_audio = library.create_meeting("有錄音的會議", "2024-05-06", language="zh")
    official = library.speaker(with_audio.id, "唐鳳", is_default=True)
    library.add_recording(with_audio.id, str(audio_dir / "zh-welcome.wav"), duration=5.5)
    library.append_bullets(with_audio.id, [
        Bullet(None, with_audio.id, 0, text, speaker_id=official.id, start=1.3 * i, end=1.3 * i + 1.3)
        for i, text in enumerate(["歡迎大家", "今天談數位發展", "最後一段"])
    ])  # fmt: skip
    without = library.create_meeting("沒有錄音的會議", "2024-05-07", language="zh")
    library.speaker(without.id, "某位來賓")  # a speaker, but nobody is the default
    library.append_bullets(without.id, [Bullet(None, without.id, 0, "從逐字稿庫匯入的一段", start=0.0)])
    return with_audio.id, without.id


@pytest.fixture
def window(qtbot, library):
    window = MainWindow(library, use_audio_device=False)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()


def test_switching_meetings_leaves_nothing_of_the_previous_one(qtbot, window, library, meetings):
    with_audio, without = meetings
    view = window.editor_view
    window.open_meeting(with_audio)
    qtbot.waitUntil(lambda: view.player.is_loaded)
    assert view.transport.play_button.isEnabled()
    view.editor.set_flag(library.bullets(with_audio)[1].id, True)  # flagged by hand: no reason
    view.refresh()
    qtbot.keyClick(view.bullet_list.text_edit(), Qt.Key_F3)
    assert view.status_label.text() == QCoreApplication.translate("BulletModel", "Flagged: {reason}").format(reason=QCoreApplication.translate("bullet_model", "marked for checking by the editor"))
    assert "?" not in view.status_label.text()
    qtbot.keyClick(view.bullet_list.text_edit(), Qt.Key_Space, Qt.ControlModifier)
    qtbot.waitUntil(lambda: view.bullet_list.bullet_model.playing_row >= 1, timeout=3000)
    qtbot.keyClick(view.bullet_list.text_edit(), Qt.Key_F, Qt.ControlModifier)
    type_text(view.find_bar.query_edit, "數位")
    qtbot.keyClick(view.find_bar.query_edit, Qt.Key_Return)
    assert view.find_bar.result_label.text()

    window.open_meeting(without)
    assert not view.player.playing
    assert view.bullet_list.bullet_model.playing_row == -1
    assert not view.find_bar.isVisible() and view.find_bar.query_edit.text() == ""
    assert view.status_label.text() == ""
    assert window.statusBar().currentMessage() == ""
    assert view.transport.position_label.text() == QCoreApplication.translate("TransportBar", "--:-- / --:--"), "no duration of the other meeting"
    assert not view.transport.play_button.isEnabled()
    assert view.transport.play_button.toolTip() == QCoreApplication.translate("EditorView", "This meeting has no recording to play.")
    assert view.waveform.duration == 0 and view.waveform.message == QCoreApplication.translate("EditorView", "This meeting has no recording to play.")

    qtbot.keyClick(view.bullet_list.text_edit(), Qt.Key_Space, Qt.ControlModifier)
    assert not view.player.playing
    assert view.status_label.text() == QCoreApplication.translate("EditorView", "This meeting has no recording to play.")

    window.open_meeting(with_audio)  # and back: playable again, from the start
    qtbot.waitUntil(lambda: view.player.is_loaded)
    assert view.transport.play_button.isEnabled()
    assert view.transport.position_label.text() == "00:00 / 00:05"


def test_a_recording_that_cannot_be_read_disables_play_with_the_reason(qtbot, window, library, tmp_path):
    broken = tmp_path / "broken.wav"
    broken.write_bytes(b"RIFF not really audio")
    meeting = library.create_meeting("壞掉的錄音", "2024-05-08", language="zh")
    library.add_recording(meeting.id, str(broken), duration=60.0)
    library.append_bullets(meeting.id, [Bullet(None, meeting.id, 0, "一段", start=0.0, end=2.0)])
    view = window.editor_view
    window.open_meeting(meeting.id)
    qtbot.waitUntil(lambda: not view.transport.play_button.isEnabled(), timeout=5000)
    assert "broken.wav" in view.transport.play_button.toolTip()
    qtbot.keyClick(view.bullet_list.text_edit(), Qt.Key_Space, Qt.ControlModifier)
    assert not view.player.playing


def test_ctrl_d_without_a_default_speaker_says_what_to_do(qtbot, window, library, meetings):
    language.set_language(language.CHINESE)
    _with_audio, without = meetings
    window.open_meeting(without)
    view = window.editor_view
    qtbot.keyClick(view.bullet_list.text_edit(), Qt.Key_D, Qt.ControlModifier)
    assert view.status_label.text() == QCoreApplication.translate("EditorView", "This meeting has no default speaker yet: choose one in the speaker list and press “Make default speaker”.")
    assert "預設發言者" in window.statusBar().currentMessage()
    assert library.bullets(without)[0].speaker_id is None, "nothing was changed behind the user's back"

    view.speaker_panel.speaker_list.setCurrentRow(0)
    view.speaker_panel.default_button.click()
    view.bullet_list.go_to_row(0)
    qtbot.keyClick(view.bullet_list.text_edit(), Qt.Key_D, Qt.ControlModifier)
    assert library.speakers(without)[0].is_default
    assert library.bullets(without)[0].speaker_id == library.speakers(without)[0].id
    assert view.status_label.text() == "已改為「某位來賓」。"


def test_ctrl_g_says_whether_the_bullet_is_now_flagged(qtbot, window, library, meetings):
    with_audio, _without = meetings
    window.open_meeting(with_audio)
    view = window.editor_view
    qtbot.keyClick(view.bullet_list.text_edit(), Qt.Key_G, Qt.ControlModifier)
    assert library.bullets(with_audio)[0].flagged
    assert view.status_label.text() == QCoreApplication.translate("EditorView", "Flagged for checking.")
    assert view.bullet_list.bullet_model.index(0, 0).data(Qt.ToolTipRole) == QCoreApplication.translate("BulletModel", "Flagged: {reason}").format(reason=QCoreApplication.translate("bullet_model", "marked for checking by the editor"))
    qtbot.keyClick(view.bullet_list.text_edit(), Qt.Key_G, Qt.ControlModifier)
    assert not library.bullets(with_audio)[0].flagged
    assert view.status_label.text() == QCoreApplication.translate("EditorView", "No longer flagged.")
