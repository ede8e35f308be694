"""Meeting → Move to the trash, and back (issue 17, item 8: there was no way to delete)."""

from __future__ import annotations

from gui_support import answer_input_dialog, shown_window
from publish_support import make_meeting
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton


def titles(window) -> list[str]:
    tree = window.library_view.meeting_tree
    return [tree.topLevelItem(i).text(1) for i in range(tree.topLevelItemCount())]


def test_move_to_the_trash_and_restore_from_the_banner_and_the_menu(qtbot, library):
    kept = make_meeting(library, "保留的會議", "2024-05-07", [("唐鳳", "大家好。")])
    gone = make_meeting(library, "要刪的會議", "2024-05-06", [("唐鳳", "這場要刪。")])
    window = shown_window(qtbot, library)
    window.open_meeting(gone)
    assert window.delete_action.isEnabled()
    window.delete_action.trigger()
    assert titles(window) == ["保留的會議"]
    assert window.editor_view.meeting_id is None and not window.delete_action.isEnabled()
    assert window.banner.isVisible() and "要刪的會議" in window.banner.label.text()
    qtbot.mouseClick(window.findChild(QPushButton, "banner_restore"), Qt.LeftButton)
    assert titles(window) == ["保留的會議", "要刪的會議"]
    assert window.editor_view.meeting_id == gone and not window.banner.isVisible()
    assert [b.text for b in library.bullets(gone)] == ["這場要刪。"]

    window.delete_action.trigger()
    window.open_meeting(kept)
    answer_input_dialog("2024-05-06  要刪的會議")
    window.restore_action.trigger()
    assert titles(window) == ["保留的會議", "要刪的會議"]
    assert window.editor_view.meeting_id == gone
