"""A meeting's date is corrected in the editor's header; an impossible day is refused there."""

from __future__ import annotations

from PySide6.QtCore import Qt

from transcriber.model import Bullet
from transcriber.ui.main_window import MainWindow


def _enter_date(qtbot, field, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text.replace("-", ""))  # the input mask adds the dashes
    qtbot.keyClick(field, Qt.Key_Return)


def test_a_wrong_date_is_corrected_in_the_header(qtbot, library) -> None:
    meeting = library.create_meeting("Hearing", "2024-05-01")
    library.append_bullets(meeting.id, [Bullet(None, meeting.id, 0, "Opening words.")])
    with library.atomic() as db:  # as an older version let it in
        db.execute("UPDATE meetings SET date = '2024-02-30' WHERE id = ?", [meeting.id])
    window = MainWindow(library, use_audio_device=False)
    qtbot.addWidget(window)
    window.show()
    window.open_meeting(meeting.id)
    view = window.editor_view
    field = view.header.date_edit
    assert field.text() == "2024-02-30"

    _enter_date(qtbot, field, "2024-02-31")
    assert library.meeting(meeting.id).date == "2024-02-30"  # refused, with a message
    assert "not a meeting date" in view.status_label.text()

    _enter_date(qtbot, field, "2024-02-29")
    qtbot.waitUntil(lambda: library.meeting(meeting.id).date == "2024-02-29")
    window.close()
