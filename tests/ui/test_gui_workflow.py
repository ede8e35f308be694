"""The whole job in the real window: drop a recording, correct it, publish it to a remote.

One test on purpose: it loads the real Whisper model once and walks the path an
editor takes, checking after every step what the library (and finally the
remote) holds, not just what the widgets show.
"""

from __future__ import annotations

from gui_support import answer_input_dialog, bullet_texts, shown_window, type_text
from publish_support import git, remote_and_clones
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from transcriber.ui.publish_dialog import PublishDialog

MODEL_TIMEOUT_MS = 180_000


def drop_files(widget, paths, speaker: str | None = "唐鳳") -> None:
    """Drag files from a file manager onto ``widget`` and let go; answer whose recording
    they are with ``speaker`` (``None``: leave the question open)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    try:  # Qt 6.12 takes a QPointF (its QPoint form is deprecated); earlier Qt only a QPoint
        enter = QDragEnterEvent(QPointF(20, 20), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    except TypeError:
        enter = QDragEnterEvent(QPoint(20, 20), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted(), "the library accepts dragged files"
    drop = QDropEvent(QPointF(20, 20), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(widget, drop)
    assert drop.isAccepted()
    if speaker is not None:
        answer_whose_recording(widget.window(), speaker)


def answer_whose_recording(window, speaker: str) -> None:
    from transcriber.ui.whose_recording_dialog import WhoseRecordingDialog

    (dialog,) = [d for d in window.findChildren(WhoseRecordingDialog) if d.isVisible()]
    dialog.name_box.setCurrentText(speaker)
    dialog.accept()
    # The offscreen platform does not hand activation back when a dialog closes, as a
    # desktop does; the window's shortcuts (Ctrl+Return) need it. No event processing
    # here: the imports just started, and their first signals are the caller's to see.
    window.activateWindow()


def test_import_transcribe_correct_and_publish(qtbot, library, audio_dir, base_model_path, tmp_path):
    window = shown_window(qtbot, library, model=str(base_model_path), asr_language="zh")

    # Import by dropping the file on the library, as a user would.
    drop_files(window.library_view, [audio_dir / "zh-welcome.wav"])
    assert window.import_queue.isVisible(), "the transcription shows its progress"
    (row,) = window.import_queue.rows
    shown = []
    window.transcriptions[0].progress.connect(
        lambda *_: shown.append((row.bar.value(), f"{row.name_label.text()} {row.label.text()}")))
    qtbot.waitUntil(lambda: not window.transcriptions, timeout=MODEL_TIMEOUT_MS)
    assert shown and shown[-1][0] == 1000, shown
    assert "zh-welcome.wav" in shown[-1][1] and "left" in shown[-1][1]
    assert window.last_error is None
    (meeting,) = library.meetings()
    assert window.editor_view.meeting_id == meeting.id
    assert window.library_view.meeting_tree.topLevelItem(0).text(1) == "zh-welcome"
    (original,) = bullet_texts(library, meeting.id)
    assert "歡迎" in original and "模型" in original, original

    editor_view = window.editor_view
    bullets = editor_view.bullet_list

    # Attribute the bullet to the official by typing a new speaker name.
    type_text(editor_view.speaker_panel.name_edit, "唐鳳")
    qtbot.keyClick(editor_view.speaker_panel.name_edit, Qt.Key_Return)
    (speaker,) = library.speakers(meeting.id)
    assert speaker.name == "唐鳳"
    assert library.bullets(meeting.id)[0].speaker_id == speaker.id

    # Type at the end of the bullet: saved with every keystroke.
    text_edit = bullets.text_edit()
    text_edit.setFocus()
    qtbot.keyClick(text_edit, Qt.Key_End, Qt.ControlModifier)  # the bullet may wrap: its end, not its first line's
    type_text(text_edit, "謝謝")
    assert bullet_texts(library, meeting.id) == [original + "謝謝"]

    # Split after 歡迎大家 with Ctrl+Return, typed inside the bullet, then merge back.
    qtbot.keyClick(text_edit, Qt.Key_Home, Qt.ControlModifier)
    for _ in range(4):
        qtbot.keyClick(text_edit, Qt.Key_Right)
    qtbot.keyClick(text_edit, Qt.Key_Return, Qt.ControlModifier)
    first, second = bullet_texts(library, meeting.id)
    assert first == original[:4] and second == (original + "謝謝")[4:].lstrip()
    assert bullets.current_bullet_id() == library.bullets(meeting.id)[1].id
    qtbot.keyClick(bullets.text_edit(), Qt.Key_Up, Qt.AltModifier)
    qtbot.keyClick(bullets.text_edit(), Qt.Key_M, Qt.ControlModifier)
    assert bullet_texts(library, meeting.id) == [original + "謝謝"]

    # Redact 達摩院: select it, Ctrl+H, give the private reason.
    text = bullet_texts(library, meeting.id)[0]
    start = text.index("達摩院")
    text_edit = bullets.text_edit()
    cursor = text_edit.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + 3, cursor.MoveMode.KeepAnchor)
    text_edit.setTextCursor(cursor)
    answer_input_dialog("company name, not public")
    qtbot.keyClick(text_edit, Qt.Key_H, Qt.ControlModifier)
    (redacted,) = library.bullets(meeting.id)
    assert "達摩院" not in redacted.text and "〔已遮蔽〕" in redacted.text
    assert redacted.extra["redactions"][0]["reason"] == "company name, not public"
    assert "〔已遮蔽〕" in bullets.text_edit().toPlainText(), "the editor shows the marker"

    # Undo brings the words back, redo redacts again; both from the keyboard.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is bullets.text_edit())  # typing resumes
    qtbot.keyClick(bullets.text_edit(), Qt.Key_Z, Qt.ControlModifier)
    assert "達摩院" in bullet_texts(library, meeting.id)[0]
    assert "達摩院" in bullets.text_edit().toPlainText()
    qtbot.keyClick(bullets.text_edit(), Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert "達摩院" not in bullet_texts(library, meeting.id)[0]

    # Publish to a real bare remote through the dialog.
    remote, archive, _colleague = remote_and_clones(tmp_path)
    window.open_publish()
    dialog = window.findChild(PublishDialog)
    dialog.archive_edit.setText(str(archive))
    dialog.refresh()
    assert "will be added" in dialog.diff_view.toPlainText()
    assert "唐鳳" in dialog.page_view.toPlainText()
    dialog.push_box.setChecked(True)
    dialog.remote_edit.setText("origin")
    qtbot.mouseClick(dialog.publish_button, Qt.LeftButton)
    # Never sent for review: the dialog asks before publishing early.
    assert dialog.confirm_box is not None and dialog.confirm_box.isVisible()
    dialog.publish_now_button.click()
    qtbot.waitUntil(lambda: "Pushed to origin" in dialog.result_label.text(), timeout=30_000)

    (name,) = [n for n in git(remote, "ls-tree", "--name-only", "main").split() if n[0].isdigit()]
    published = git(remote, "show", f"main:{name}")
    assert published.startswith(f"# {meeting.date} zh-welcome")
    assert "### 唐鳳：" in published
    assert "〔已遮蔽〕" in published and "達摩院" not in published
    assert "謝謝" in published
    assert library.meeting(meeting.id).status == "published"
    assert window.library_view.meeting_tree.topLevelItem(0).text(2) == "published"
    window.close()


def test_cancel_keeps_what_was_decoded(qtbot, library, audio_dir, base_model_path):
    window = shown_window(qtbot, library, model=str(base_model_path))
    task = window.transcribe(str(audio_dir / "multilingual-60s.mp3"))
    # Cancel once the first segment is on screen, as a user who picked the wrong file.
    qtbot.waitUntil(lambda: window.editor_view.bullet_list.bullet_model.rowCount() > 0,
                    timeout=MODEL_TIMEOUT_MS)
    qtbot.mouseClick(window.import_queue.rows[0].cancel_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not task.is_running(), timeout=10_000)
    qtbot.waitUntil(lambda: not window.transcriptions)
    (meeting,) = library.meetings()
    assert meeting.transcript_state == "incomplete"
    kept = library.bullets(meeting.id)
    assert kept and kept[-1].end < 55, "stopped well before the end of the minute"
    assert window.statusBar().currentMessage().startswith("Transcription stopped")
    assert window.editor_view.bullet_list.bullet_model.rowCount() == len(kept)
    assert window.library_view.meeting_tree.topLevelItem(0).text(2) == "incomplete"


def test_transcribe_a_recording_made_without_the_live_draft(qtbot, library, audio_dir, base_model_path):
    meeting = library.create_meeting("錄音", "2024-05-06")
    library.add_recording(meeting.id, str(audio_dir / "zh-welcome.wav"), duration=5.5)
    window = shown_window(qtbot, library, model=str(base_model_path))
    window.open_meeting(meeting.id)
    window.transcribe_action.trigger()
    qtbot.waitUntil(lambda: not window.transcriptions, timeout=MODEL_TIMEOUT_MS)
    (bullet,) = library.bullets(meeting.id)
    assert "歡迎" in bullet.text
    assert window.editor_view.bullet_list.bullet_model.rowCount() == 1
    assert library.meeting(meeting.id).transcript_state == "complete"

    window.transcribe_action.trigger()  # a second transcript would duplicate every turn
    box = window.message_box
    assert box.isVisible() and "already has a transcript" in box.text()
    assert "Re-transcribe…" in [b.text() for b in box.buttons()], "the way to decode it again"
    assert not window.transcriptions and len(library.bullets(meeting.id)) == 1
