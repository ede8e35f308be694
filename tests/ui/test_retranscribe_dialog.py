"""Meeting → Re-transcribe…: the real recording decoded again in another language."""

from __future__ import annotations

import re

from gui_support import shown_window
from PySide6.QtCore import Qt

from transcriber.model import Bullet
from transcriber.ui.retranscribe_dialog import RetranscribeDialog


def words_of(text: str) -> list[str]:
    """The words of a bullet's text: Latin words, and each CJK character."""
    return re.findall(r"[A-Za-z']+|[\u4e00-\u9fff]", text)


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
    qtbot.waitUntil(lambda: dialog.apply_button.isVisible(), timeout=180_000)
    # What will change is shown first; nothing has changed yet.
    rows = [dialog.preview.item(i) for i in range(dialog.preview.count())]
    assert {row.data(256) for row in rows} >= {"replaced", "new"}
    assert any("Welcome everybody" in row.text() for row in rows if row.data(256) == "replaced")
    assert [b.text for b in library.bullets(meeting.id)] == ["Welcome everybody"]
    qtbot.mouseClick(dialog.apply_button, Qt.LeftButton)
    assert not dialog.isVisible()
    (bullet,) = library.bullets(meeting.id)
    assert "歡迎" in bullet.text, bullet.text
    assert window.editor_view.bullet_list.bullet_model.rowCount() == 1
    assert window.statusBar().currentMessage() == "Re-transcribed: 1 bullet now."


def test_retranscribe_keeps_what_the_new_pass_cannot_write_and_remembers_the_language(
        qtbot, library, audio_dir, base_model_path):
    """Issue 17, items 1 and 9: the whole mixed meeting forced to Mandarin, keeping my
    edit: the English the Mandarin pass cannot write is listed as kept and stays;
    the dialog opens next time on the language chosen."""
    from transcriber.asr.engine import EngineOptions
    from transcriber.asr.pipeline import transcribe_file
    from transcriber.library.editing import MeetingEditor

    meeting = transcribe_file(library, audio_dir / "dev" / "mix-zh-en.wav", EngineOptions(model=str(base_model_path)))
    editor = MeetingEditor(library, meeting.id)
    first, *untouched = editor.bullets()
    editor.set_text(first.id, first.text + "（補）")
    window = shown_window(qtbot, library, model=str(base_model_path))
    window.open_meeting(meeting.id)
    window.retranscribe_action.trigger()
    dialog = window.findChild(RetranscribeDialog)
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("zh"))
    qtbot.mouseClick(dialog.start_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview.isVisible(), timeout=180_000)
    rows = [dialog.preview.item(i) for i in range(dialog.preview.count())]
    # A row's tooltip is its bullet's whole text, without the note on why it stays.
    kept = " ".join(row.toolTip() for row in rows if row.data(256) == "kept")
    new = " ".join(row.toolTip() for row in rows if row.data(256) == "new")
    for bullet in untouched:
        # Each word of a bullet I never touched is shown as staying, or as coming back
        # in the new text: a bullet listed as replaced by text that lacks it fails.
        missing = [w for w in words_of(bullet.text) if w not in kept and w not in new]
        assert not missing, (bullet.text, missing, [r.text() for r in rows])
    if dialog.apply_button.isVisible():
        qtbot.mouseClick(dialog.apply_button, Qt.LeftButton)
    else:
        dialog.reject()
    texts = " ".join(b.text for b in library.bullets(meeting.id))
    assert first.text + "（補）" in texts
    for bullet in untouched:
        lost = [w for w in words_of(bullet.text) if w not in texts]
        assert not lost, (bullet.text, lost, texts)
    window.retranscribe_action.trigger()
    again = [d for d in window.findChildren(RetranscribeDialog) if d.isVisible()][-1]
    assert again.language_box.currentData() == "zh", "the language chosen last time"
    again.reject()
