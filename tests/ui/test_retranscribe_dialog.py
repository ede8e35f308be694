"""Meeting → Re-transcribe…: the real recording decoded again in another language."""

from __future__ import annotations

from gui_support import shown_window
from PySide6.QtCore import Qt

from transcriber.model import Bullet
from transcriber.ui.retranscribe_dialog import RetranscribeDialog


def test_retranscribe_in_another_language_replaces_the_unedited_text(qtbot, library, audio_dir, base_model_path):
    meeting = library.create_meeting("歡迎", "2024-05-06")
    library.add_recording(meeting.id, str(audio_dir / "zh-welcome.wav"), duration=5.5)
    # A first pass decoded in the wrong language.
    library.append_bullets(meeting.id, [Bullet(None, meeting.id, 0, "Welcome everybody", start=0.0, end=5.0)])
    window = shown_window(qtbot, library, model=str(base_model_path))
    window.open_meeting(meeting.id)
    window.retranscribe_action.trigger()
    dialog = window.findChild(RetranscribeDialog)
    assert dialog.isVisible() and dialog.whole_radio.isChecked()
    assert dialog.range_radio.isEnabled() and "00:00–00:05" in dialog.range_radio.text()
    assert dialog.edited_box.currentData() == "keep", "edited bullets are kept unless asked otherwise"
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("zh"))
    qtbot.mouseClick(dialog.start_button, Qt.LeftButton)
    assert dialog.bar.isVisible() and not dialog.start_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=180_000)
    (bullet,) = library.bullets(meeting.id)
    assert "歡迎" in bullet.text, bullet.text
    assert window.editor_view.bullet_list.bullet_model.rowCount() == 1
    assert window.statusBar().currentMessage() == "Re-transcribed: 1 bullet now."
