"""Playback in the editor: the waveform seek bar, the word being heard, click a word, gaps.

A real recording (shared/audio/zh-welcome.wav), played silently (no sound card
here); word timings are written into the bullets as the decoder would.
"""

from __future__ import annotations

import threading

import numpy as np
import pytest
from gui_support import type_text
from PySide6.QtCore import QCoreApplication, QPoint, Qt

from transcriber.library.waveform import PEAKS_PER_SECOND, cached_peaks, compute_peaks
from transcriber.model import Bullet, Word
from transcriber.ui.bullet_delegate import WORD_COLOUR
from transcriber.ui.main_window import MainWindow

MARKER = "此處重述提問"


def playing_from(player, start: float) -> bool:
    """Playback started at ``start``: the clock only moves on (a loaded CI machine is slow)."""
    return start - 0.03 <= player.position < start + 0.35


@pytest.fixture
def meeting_id(library, audio_dir):
    meeting = library.create_meeting("歡迎", "2024-05-06", language="zh")
    official = library.speaker(meeting.id, "唐鳳", is_default=True)
    recording = library.add_recording(meeting.id, str(audio_dir / "zh-welcome.wav"), duration=5.5)
    library.add_marker(recording.id, 4.2, "")
    library.append_bullets(meeting.id, [
        Bullet(None, meeting.id, 0, "歡迎大家來體驗", speaker_id=official.id, start=0.0, end=1.3,
               words=[Word(0.0, 0.4, "欢迎"), Word(0.4, 0.8, "大家"), Word(0.8, 1.0, "来"),
                      Word(1.0, 1.3, "体验")]),
        Bullet(None, meeting.id, 0, "", start=1.3, end=2.6, flagged=True,
               flag_reason="Speech was heard here but no text came out.", extra={"gap": True}),
        Bullet(None, meeting.id, 0, "今天 談數位發展", speaker_id=official.id, start=2.6, end=5.5,
               extra={"marker": MARKER},
               words=[Word(2.6, 3.2, " 今天"), Word(3.2, 3.6, "谈"), Word(3.6, 4.6, "数位"),
                      Word(4.6, 5.5, "发展")]),
    ])  # fmt: skip
    return meeting.id


@pytest.fixture
def window(qtbot, library, meeting_id):
    window = MainWindow(library, use_audio_device=False)
    qtbot.addWidget(window)
    window.resize(1100, 650)
    window.show()
    window.open_meeting(meeting_id)
    qtbot.waitUntil(lambda: window.editor_view.player.is_loaded)
    yield window
    window.close()


def test_waveform_is_read_off_the_gui_thread_cached_and_shows_gaps_and_markers(qtbot, window, library, meeting_id):
    bar = window.editor_view.waveform
    qtbot.waitUntil(lambda: bar.peak_count > 0, timeout=5000)
    assert bar.peak_count == pytest.approx(5.5 * PEAKS_PER_SECOND, abs=2)
    assert bar.duration == pytest.approx(5.5, abs=0.1)
    assert bar._regions == [(1.3, 2.6, True)]
    assert [label for _at, label in bar._markers] == [MARKER, ""]
    assert MARKER in bar.tip_at(bar._x(2.6))
    recording = library.recordings(meeting_id)[0]
    qtbot.waitUntil(lambda: cached_peaks(recording.path, library.path / "waveforms") is not None)

    window.open_meeting(library.create_meeting("另一場", "2024-05-07").id)
    assert bar.peak_count == 0 and bar._markers == []
    window.open_meeting(meeting_id)
    assert bar.peak_count > 0, "the second time the overview comes from the cache at once"


def test_click_on_the_waveform_seeks_and_plays_on(qtbot, window):
    view = window.editor_view
    bar = view.waveform
    qtbot.waitUntil(lambda: bar.peak_count > 0, timeout=5000)
    qtbot.mouseClick(bar, Qt.LeftButton, pos=QPoint(int(bar.width() * 2.0 / 5.5), bar.height() // 2))
    assert view.player.position == pytest.approx(2.0, abs=0.1)
    assert view.bullet_list.bullet_model.playing_row == 1, "the gap is where the click landed"
    view.player.play()
    qtbot.mouseClick(bar, Qt.LeftButton, pos=QPoint(int(bar.width() * 4.0 / 5.5), bar.height() // 2))
    assert view.player.playing and playing_from(view.player, 4.0)


def test_the_word_being_heard_is_highlighted(qtbot, window):
    view = window.editor_view
    model = view.bullet_list.bullet_model
    view.player.seek(0.5)  # 大家
    assert (model.playing_row, model.playing_word) == (0, (2, 4))
    marks = [(s.cursor.selectionStart(), s.cursor.selectionEnd())
             for s in view.bullet_list.text_edit().extraSelections()
             if s.format.background().color() == WORD_COLOUR]
    assert marks == [(2, 4)], "the open bullet shows it too"
    view.player.seek(3.8)  # 数位 -> 數位 after conversion
    assert (model.playing_row, model.playing_word) == (2, (4, 6))
    view.player.play()
    qtbot.waitUntil(lambda: model.playing_word == (6, 8), timeout=3000)  # 發展, while playing


def test_ctrl_click_on_a_word_plays_from_it(qtbot, window):
    view = window.editor_view
    text_edit = view.bullet_list.text_edit()
    cursor = text_edit.textCursor()
    cursor.setPosition(5)  # inside 體驗
    point = text_edit.cursorRect(cursor).center()
    qtbot.mouseClick(text_edit.viewport(), Qt.LeftButton, Qt.ControlModifier, point)
    assert view.player.playing
    assert playing_from(view.player, 1.0)
    view.player.pause()

    bullets = view.bullet_list  # a row not open for typing: same, from the painted text
    rect = bullets.delegate.text_rect(bullets.visualRect(bullets.bullet_model.index(2, 0)))
    text = bullets.bullet_model.bullet(2).text
    x = rect.left() + bullets.fontMetrics().horizontalAdvance(text[:7]) + 3  # inside 發展
    qtbot.mouseClick(bullets.viewport(), Qt.LeftButton, Qt.ControlModifier, QPoint(x, rect.top() + 8))
    assert bullets.currentIndex().row() == 2
    assert view.player.playing and playing_from(view.player, 4.6)
    view.player.pause()

    view.bullet_list.go_to_row(2, cursor=5)  # the keyboard twin
    qtbot.keyClick(view.bullet_list.text_edit(), Qt.Key_Space, Qt.ControlModifier | Qt.ShiftModifier)
    assert playing_from(view.player, 3.6)


def test_a_gap_is_visible_playable_and_can_be_typed_into(qtbot, window, library, meeting_id):
    view = window.editor_view
    bullets = view.bullet_list
    index = bullets.bullet_model.index(1, 0)
    assert QCoreApplication.translate("BulletDelegate", "Nothing was recognised here: listen and type what was said.") in index.data(Qt.ToolTipRole)
    rect = bullets.visualRect(index)
    qtbot.mouseClick(bullets.viewport(), Qt.LeftButton, pos=QPoint(20, rect.center().y()))
    assert view.player.playing and playing_from(view.player, 1.3)
    assert bullets.current_bullet_id() == library.bullets(meeting_id)[1].id
    assert bullets.text_edit().placeholderText() == QCoreApplication.translate("BulletDelegate", "Nothing was recognised here: listen and type what was said.")
    type_text(bullets.text_edit(), "我聽到了")
    assert library.bullets(meeting_id)[1].text == "我聽到了"
    assert bullets.text_edit().placeholderText() == ""


def test_the_overview_is_streamed_and_stops_when_cancelled(audio_dir, tmp_path):
    cancel = threading.Event()
    cancel.set()
    assert len(compute_peaks(audio_dir / "multilingual-60s.mp3", tmp_path, cancel=cancel)) < 60 * PEAKS_PER_SECOND
    assert cached_peaks(audio_dir / "multilingual-60s.mp3", tmp_path) is None, "a cut-short overview is not kept"
    seen = []
    peaks = compute_peaks(audio_dir / "multilingual-60s.mp3", tmp_path, on_progress=seen.append)
    assert len(peaks) == pytest.approx(60 * PEAKS_PER_SECOND, rel=0.02)
    assert seen and len(seen[0]) < len(peaks), "drawn while it grows"
    assert 0 < peaks.max() <= 1.0


def test_a_wav_plays_at_once_from_the_file_and_other_formats_are_decoded(qtbot, audio_dir):
    from transcriber.audio import load_audio
    from transcriber.ui.playback import Player

    player = Player(use_device=False)
    player.load(audio_dir / "zh-welcome.wav")
    assert player.is_loaded, "a WAV needs no decoding: Play works at once, however long it is"
    assert isinstance(player._samples, np.memmap)
    assert player.duration == pytest.approx(5.55, abs=0.05)
    # What the sound card would get: the file's samples from the play head on.
    player.seek(1.0)
    out = np.zeros((512, 1), dtype=np.float32)
    player._fill(out, 512, None, None)
    expected = load_audio(audio_dir / "zh-welcome.wav")[16000:16512]
    assert np.allclose(out[:, 0], expected, atol=2e-4)

    player.load(audio_dir / "en-jfk.flac")
    assert not player.is_loaded
    qtbot.waitUntil(lambda: player.is_loaded, timeout=10000)
    assert player._samples.dtype == np.int16 and player.duration == pytest.approx(11.0, abs=0.1)
    player.shutdown()


def test_a_seek_before_the_recording_is_decoded_is_kept(qtbot, audio_dir):
    from transcriber.ui.playback import Player

    player = Player(use_device=False)
    player.load(audio_dir / "en-jfk.flac")  # decoded in the background
    player.seek(7.0)
    assert not player.playing
    qtbot.waitUntil(lambda: player.is_loaded, timeout=10000)
    assert player.position == pytest.approx(7.0, abs=0.01) and not player.playing
    player.shutdown()


def test_filling_a_gap_takes_its_gap_flag_away_and_undo_brings_it_back(qtbot, window, library, meeting_id):
    """Issue 17: a gap typed into kept its flag and orange bar; other reasons stay."""
    gap_reason = "speech with no text: listen and type what was said"  # as the decoder writes it
    gap = library.bullets(meeting_id)[1]
    library.update_bullet(gap.id, flag_reason=gap_reason)
    other = library.append_bullets(meeting_id, [Bullet(None, meeting_id, 0, "", start=5.5, end=6.0, flagged=True,
                                                        flag_reason=f"{gap_reason}; checked by the editor",
                                                        extra={"gap": True})])[0]  # fmt: skip
    view = window.editor_view
    view.refresh()
    bullets = view.bullet_list
    bullets.go_to_row(1)
    type_text(bullets.text_edit(), "我聽到了")
    filled = library.bullet(gap.id)
    assert filled.text == "我聽到了" and not filled.flagged and filled.flag_reason == ""
    assert not bullets.bullet_model.bullet(1).flagged, "the orange bar goes with the flag"
    bullets.go_to_row(3)
    type_text(bullets.text_edit(), "還有")
    assert library.bullet(other.id).flagged and library.bullet(other.id).flag_reason == "checked by the editor"
    view.undo()
    view.undo()
    assert library.bullet(gap.id).flagged and library.bullet(gap.id).text == ""
