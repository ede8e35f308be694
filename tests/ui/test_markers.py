"""Recording markers: shown on the bullet they start, and in time order in the live draft.

Issue 11, item 5: markers were never shown in the editor, and the live draft
showed a marker above words spoken before it (they are decoded seconds later).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from transcriber.model import Bullet
from transcriber.ui.bullet_delegate import LABEL_WIDTH, MARKER_COLOUR
from transcriber.ui.live_draft import LiveDraft
from transcriber.ui.main_window import MainWindow

LABEL = "此處重述提問"


@pytest.fixture
def window(qtbot, library):
    meeting = library.create_meeting("訪談", "2024-05-06", language="zh")
    library.append_bullets(meeting.id, [
        Bullet(None, meeting.id, 0, "第一段", start=0.0, end=4.0),
        Bullet(None, meeting.id, 0, "提問之後的回答", start=4.0, end=9.0, extra={"marker": LABEL}),
        Bullet(None, meeting.id, 0, "第三段", start=9.0, end=12.0),
    ])  # fmt: skip
    window = MainWindow(library, use_audio_device=False)
    qtbot.addWidget(window)
    window.resize(1000, 600)
    window.show()
    window.open_meeting(meeting.id)
    yield window
    window.close()


def _marker_pixels(bullets, row: int) -> int:
    """How many pixels of the marker colour the row's label column shows."""
    rect = bullets.visualRect(bullets.bullet_model.index(row, 0))
    image = bullets.viewport().grab(rect).toImage()
    return sum(image.pixelColor(x, y) == MARKER_COLOUR
               for x in range(LABEL_WIDTH) for y in range(image.height()))


def test_a_marker_label_shows_on_the_bullet_it_starts(qtbot, window):
    bullets = window.editor_view.bullet_list
    bullets.go_to_row(2)
    assert _marker_pixels(bullets, 1) > 20, "the marker is drawn in the label column"
    assert _marker_pixels(bullets, 0) == 0 and _marker_pixels(bullets, 2) == 0
    assert QCoreApplication.translate("BulletModel", "Marker: {label}").format(label=LABEL) in bullets.bullet_model.index(1, 0).data(Qt.ToolTipRole)
    # The row is tall enough for speaker, time and marker.
    assert bullets.visualRect(bullets.bullet_model.index(1, 0)).height() > \
        bullets.visualRect(bullets.bullet_model.index(0, 0)).height()
    assert [label for _at, label in window.editor_view.waveform._markers] == [LABEL]


def test_the_live_draft_keeps_markers_in_time_order(qtbot, library):
    draft = LiveDraft()
    qtbot.addWidget(draft)
    draft.add_bullets([Bullet(None, 1, 0, "一開始", start=0.0, end=3.0)])
    draft.add_marker(10.0, LABEL)  # dropped at 10 s, while 3-10 s is still being decoded
    draft.add_bullets([Bullet(None, 1, 0, "標記之前說的話", start=3.0, end=9.5)])
    draft.add_bullets([Bullet(None, 1, 0, "標記之後", start=10.0, end=12.0, extra={"marker": LABEL})])
    assert draft.lines() == ["00:00  一開始", "00:03  標記之前說的話", f"— 00:10 {LABEL} —", "00:10  標記之後"]
    draft.clear()
    assert draft.lines() == []


def test_split_leaves_the_marker_on_the_first_half_and_merge_keeps_both_labels(qtbot, window, library):
    """Issue 17, item 4: Ctrl+Return on a marker bullet copied the marker onto both halves;
    merging two marked bullets dropped one label. Both survive a restart (the library)."""
    view = window.editor_view
    bullets = view.bullet_list
    meeting_id = view.meeting_id
    bullets.go_to_row(1)
    text_edit = bullets.text_edit()
    text_edit.setFocus()
    qtbot.keyClick(text_edit, Qt.Key_Home)
    for _ in range(4):
        qtbot.keyClick(text_edit, Qt.Key_Right)
    qtbot.keyClick(text_edit, Qt.Key_Return, Qt.ControlModifier)
    texts = [(b.text, b.extra.get("marker")) for b in library.bullets(meeting_id)]
    assert texts[1:3] == [("提問之後", LABEL), ("的回答", None)], texts
    assert _marker_pixels(bullets, 1) > 20 and _marker_pixels(bullets, 2) == 0

    # The third bullet gets a marker of its own; merging the two keeps both labels.
    library.update_bullet(library.bullets(meeting_id)[3].id, extra={"marker": "第二個標記"})
    view.refresh()
    bullets.go_to_row(2)
    view.merge()  # 的回答 + 第三段
    bullets.go_to_row(1)
    view.merge()  # 提問之後 + 的回答第三段
    merged = library.bullets(meeting_id)[1]
    assert merged.extra["marker"] == f"{LABEL}; 第二個標記"
