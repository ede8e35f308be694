"""Publishing from the window: correcting an existing archive, conflicts, bad archives, review."""

from __future__ import annotations

import shutil

from gui_support import type_text
from publish_support import git, make_meeting, remote_and_clones
from PySide6.QtCore import Qt

from transcriber.ui.main_window import MainWindow
from transcriber.ui.publish_dialog import PublishDialog

CORPUS_FILE = "2019-11-14-工商時報來訪.md"


def open_dialog(window: MainWindow) -> PublishDialog:
    window.open_publish()
    dialog = window.findChild(PublishDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def dialog_for_meeting(qtbot, library, meeting_id: int) -> tuple[MainWindow, PublishDialog]:
    """The main window on ``meeting_id``, with its publish dialog open."""
    window = MainWindow(library, use_audio_device=False)
    qtbot.addWidget(window)
    window.show()
    window.open_meeting(meeting_id)
    return window, open_dialog(window)


def test_correcting_an_imported_archive_file_is_a_one_line_diff(qtbot, library, corpus_dir, tmp_path):
    remote, archive, _colleague = remote_and_clones(tmp_path)
    shutil.copy(corpus_dir / CORPUS_FILE, archive / CORPUS_FILE)
    git(archive, "add", CORPUS_FILE)
    git(archive, "commit", "--quiet", "-m", "Add a transcript")
    git(archive, "push", "--quiet")
    window = MainWindow(library, use_audio_device=False)
    qtbot.addWidget(window)
    window.show()

    task = window.import_archive(str(archive))
    qtbot.waitUntil(lambda: not task.is_running() and window.library_view.meeting_tree.topLevelItemCount())
    (meeting,) = library.meetings()
    assert window.library_view.meeting_tree.topLevelItem(0).text(1) == meeting.title
    window.open_meeting(meeting.id)
    text_edit = window.editor_view.bullet_list.text_edit()
    qtbot.keyClick(text_edit, Qt.Key_End, Qt.ControlModifier)  # the end of the bullet, not of its first line
    type_text(text_edit, "（更正）")

    dialog = open_dialog(window)
    assert dialog.archive_edit.text() == str(archive), "the archive just opened is the default"
    diff = dialog.diff_view.toPlainText().splitlines()
    changed = [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert len(changed) == 2 and changed[1].endswith("（更正）"), diff
    # Issue 17: inside the changed line, the characters that changed stand out.
    from transcriber.ui.publish_dialog import INLINE_COLOURS

    page = dialog.diff_view.toHtml().replace(" ", "").lower()
    assert f'background-color:{INLINE_COLOURS["+"]};">（更正）</span>' in page, page[-2000:]
    dialog.publish_button.click()  # a published record: no review period to ask about
    qtbot.waitUntil(lambda: "Published" in dialog.result_label.text(), timeout=30_000)
    assert "（更正）" in git(archive, "show", f"HEAD:{CORPUS_FILE}")
    assert git(archive, "show", "--stat", "--format=", "HEAD").count("|") == 1, "one file touched"
    assert remote.exists()


def test_a_conflict_is_explained_and_nothing_changes(qtbot, library, tmp_path):
    remote, archive, colleague = remote_and_clones(tmp_path)
    meeting_id = make_meeting(library, "數位部會議", "2024-05-06", [("唐鳳", "大家好。")])
    window, dialog = dialog_for_meeting(qtbot, library, meeting_id)
    dialog.archive_edit.setText(str(archive))
    dialog.refresh()
    name = dialog.filename_label.text()
    assert name.endswith(".md") and f"New file {name}:" in dialog.diff_view.toPlainText()
    # A colleague publishes a different text under the same name first.
    (colleague / name).write_text("# 2024-05-06 數位部會議\n\n別人的版本\n", encoding="utf-8")
    git(colleague, "add", name)
    git(colleague, "commit", "--quiet", "-m", "Colleague's version")
    git(colleague, "push", "--quiet")
    head = git(archive, "rev-parse", "HEAD")

    dialog.push_box.setChecked(True)
    dialog.publish(now=True)
    qtbot.waitUntil(lambda: dialog.publish_button.isEnabled(), timeout=30_000)
    message = dialog.result_label.text()
    assert "Someone else changed" in message and "git pull" in message, message
    assert git(archive, "rev-parse", "HEAD") == head, "the archive is as before"
    assert library.meeting(meeting_id).status == "draft"


def test_bad_archive_and_review_copy(qtbot, library, tmp_path):
    meeting_id = make_meeting(library, "Review me", "2024-05-06", [("Audrey Tang", "Hello.")])
    window, dialog = dialog_for_meeting(qtbot, library, meeting_id)
    not_git = tmp_path / "plain-folder"
    not_git.mkdir()
    dialog.archive_edit.setText(str(not_git))
    dialog.refresh()
    assert "not a git repository" in dialog.diff_view.toPlainText()
    dialog.publish(now=True)
    qtbot.waitUntil(lambda: dialog.publish_button.isEnabled(), timeout=10_000)
    assert "not a git repository" in dialog.result_label.text()

    assert dialog.deadline_label.text() == "Not sent for review yet"
    task = dialog.export_review_copy(str(tmp_path / "review"))
    qtbot.waitUntil(lambda: not task.is_running(), timeout=30_000)
    deadline = library.meeting(meeting_id).review_deadline
    assert deadline and dialog.deadline_label.text() == deadline
    assert "Review copy saved" in dialog.result_label.text()
    assert list((tmp_path / "review").glob("*.review.html"))
    assert window.library_view.meeting_tree.topLevelItem(0).text(2) == "in review"
