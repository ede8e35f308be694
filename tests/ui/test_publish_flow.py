"""Review, publish-early, first publication, renames and exports, from the window."""

from __future__ import annotations

import json

from publish_support import git, make_meeting, remote_and_clones
from PySide6.QtCore import Qt

from transcriber.exports.formats import FORMATS
from transcriber.ui import language
from transcriber.ui.export_dialog import ExportDialog
from transcriber.ui.main_window import MainWindow
from transcriber.ui.publish_dialog import PublishDialog


def window_on(qtbot, library, meeting_id: int) -> MainWindow:
    window = MainWindow(library, use_audio_device=False)
    qtbot.addWidget(window)
    window.show()
    window.open_meeting(meeting_id)
    return window


def publish_dialog(window: MainWindow) -> PublishDialog:
    window.open_publish()
    return window.findChild(PublishDialog)


def test_publishing_early_is_asked_in_chinese_and_publish_now_publishes(qtbot, library, tmp_path):
    _remote, archive, _colleague = remote_and_clones(tmp_path)
    meeting_id = make_meeting(library, "數位部會議", "2024-05-06", [("唐鳳", "大家好。")])
    language.set_language(language.CHINESE)
    window = window_on(qtbot, library, meeting_id)
    dialog = publish_dialog(window)
    dialog.archive_edit.setText(str(archive))
    dialog.refresh()
    qtbot.mouseClick(dialog.publish_button, Qt.LeftButton)
    box = dialog.confirm_box
    assert box.isVisible()
    words = box.text() + " ".join(b.text() for b in box.buttons())
    assert "尚未送交審閱" in words and "立即發布" in words and "送交審閱…" in words
    assert "transcriber" not in words and "--now" not in words, "no CLI instructions"
    assert not any(c.isascii() and c.isalpha() for c in words), f"no English in the Chinese interface: {words}"
    dialog.publish_now_button.click()
    qtbot.waitUntil(lambda: "已發布" in dialog.result_label.text(), timeout=30_000)
    assert not dialog.publish_button.isEnabled(), "just published: nothing to publish again"
    assert "大家好。" in git(archive, "show", "HEAD:2024-05-06-數位部會議.md")


def test_send_for_review_from_the_window_names_both_files(qtbot, library, tmp_path):
    meeting_id = make_meeting(library, "Review me", "2024-05-06", [("Audrey Tang", "Hello.")])
    window = window_on(qtbot, library, meeting_id)
    assert window.review_action.isEnabled()
    task = window.send_for_review(str(tmp_path / "review"))
    qtbot.waitUntil(lambda: not task.is_running(), timeout=30_000)
    qtbot.waitUntil(lambda: window.message_box is not None)
    message = window.message_box.text()
    (html,) = (tmp_path / "review").glob("*.review.html")
    (docx,) = (tmp_path / "review").glob("*.review.docx")
    assert str(html) in message and str(docx) in message
    deadline = library.meeting(meeting_id).review_deadline
    assert deadline and deadline in message
    assert window.library_view.meeting_tree.topLevelItem(0).text(2) == "in review"


def test_first_publication_confirms_title_and_file_name_then_renames_only_on_request(qtbot, library, tmp_path):
    _remote, archive, _colleague = remote_and_clones(tmp_path)
    meeting_id = make_meeting(library, "zh-welcome", "2024-05-06", [("唐鳳", "大家好。"), ("唐鳳", "謝謝。")])
    window = window_on(qtbot, library, meeting_id)
    dialog = publish_dialog(window)
    dialog.archive_edit.setText(str(archive))
    dialog.refresh()
    # Not silently the audio file's name: the title is shown for confirmation and editable.
    assert dialog.first_time_label.isVisible() and dialog.title_edit.isVisible()
    assert dialog.filename_label.text() == "2024-05-06-zh-welcome.md"
    assert not dialog.rename_box.isVisible()
    dialog.title_edit.setText("數位部會議")
    dialog.title_edit.editingFinished.emit()
    assert library.meeting(meeting_id).title == "數位部會議"
    assert window.editor_view.header.title_edit.text() == "數位部會議"
    assert dialog.filename_label.text() == "2024-05-06-數位部會議.md"
    # A new file: the whole file, every line added, coloured.
    diff = dialog.diff_view.toPlainText()
    assert "+### 唐鳳：" in diff and "謝謝。" in diff.splitlines()[-1] and diff.splitlines()[-1][0] == "+", diff
    assert "background-color:#e6ffec" in dialog.diff_view.toHtml().replace(" ", "").lower(), "added lines are green"

    dialog.result_label.setText("")
    dialog.publish(now=True)
    qtbot.waitUntil(lambda: "Published" in dialog.result_label.text(), timeout=30_000)
    assert "Published" in dialog.result_label.text(), dialog.result_label.text()
    assert dialog.rename_box.isVisible() and not dialog.rename_box.isChecked(), "off by default"

    dialog.title_edit.setText("數位部第一次會議")
    dialog.title_edit.editingFinished.emit()
    dialog.result_label.setText("")
    dialog.publish(now=True)
    qtbot.waitUntil(lambda: "Published" in dialog.result_label.text(), timeout=30_000)
    names = git(archive, "ls-tree", "--name-only", "HEAD").split("\n")
    assert "2024-05-06-數位部會議.md" in names, "the published file keeps its name"
    dialog.rename_box.setChecked(True)
    dialog.result_label.setText("")
    dialog.publish(now=True)
    qtbot.waitUntil(lambda: "Published" in dialog.result_label.text(), timeout=30_000)
    names = git(archive, "ls-tree", "--name-only", "HEAD").split("\n")
    assert "2024-05-06-數位部第一次會議.md" in names and "2024-05-06-數位部會議.md" not in names, names


def test_publish_without_an_archive_says_what_to_do(qtbot, library):
    meeting_id = make_meeting(library, "會議", "2024-05-06", [("唐鳳", "大家好。")])
    window = window_on(qtbot, library, meeting_id)
    dialog = publish_dialog(window)
    assert "No archive folder is set" in dialog.diff_view.toPlainText()
    dialog.publish(now=True)
    assert "Browse…" in dialog.result_label.text() and "Open archive" in dialog.result_label.text()


def test_export_writes_every_format_the_cli_has(qtbot, library, tmp_path):
    meeting_id = make_meeting(library, "數位部會議", "2024-05-06", [("唐鳳", "大家好。")])
    library.update_bullet(library.bullets(meeting_id)[0].id, start=0.0, end=2.5)
    window = window_on(qtbot, library, meeting_id)
    assert window.export_action.isEnabled()
    window.export_action.trigger()
    dialog = window.findChild(ExportDialog)
    assert [dialog.format_box.itemData(i) for i in range(dialog.format_box.count())] == list(FORMATS)
    written = {}
    for index, fmt in enumerate(FORMATS):
        dialog.format_box.setCurrentIndex(index)
        path = tmp_path / f"out{dialog.path_edit.text()[dialog.path_edit.text().rindex('.'):]}"
        dialog.path_edit.setText(str(path))
        dialog.save_button.setEnabled(True)
        dialog.show()
        task = dialog.export()
        qtbot.waitUntil(lambda task=task: not task.is_running(), timeout=10_000)
        assert path.is_file(), dialog.result_label.text()
        written[fmt] = path.read_bytes()
    assert "00:00:00,000 --> 00:00:02,500" in written["srt"].decode()
    assert written["docx"][:2] == b"PK"
    assert json.loads(written["json"])["title"] == "數位部會議"
    assert "大家好" in written["md"].decode()
    assert window.statusBar().currentMessage().startswith("Saved ")


def test_an_edit_after_publishing_shows_and_publish_waits_for_a_change(qtbot, library, tmp_path):
    """Issue 17: the status stayed 'published' after edits, and Publish stayed enabled
    when nothing had changed."""
    from gui_support import type_text

    from transcriber.publish.git import publish_meeting

    _remote, archive, _colleague = remote_and_clones(tmp_path)
    meeting_id = make_meeting(library, "開放資料", "2024-05-06", [("唐鳳", "大家好。")])
    publish_meeting(library, meeting_id, archive, now=True)
    window = window_on(qtbot, library, meeting_id)
    window.settings.set("archive_path", str(archive))
    row = window.library_view.meeting_tree.topLevelItem(0)
    assert row.text(2) == "published"
    dialog = publish_dialog(window)
    assert not dialog.publish_button.isEnabled() and "Nothing changed" in dialog.publish_button.toolTip()
    dialog.reject()

    bullets = window.editor_view.bullet_list
    bullets.go_to_row(0, cursor=-1)
    type_text(bullets.text_edit(), "謝謝")
    qtbot.waitUntil(lambda: window.library_view.meeting_tree.topLevelItem(0).text(2) == "published, edited since")
    window.open_publish()
    (dialog,) = [d for d in window.findChildren(PublishDialog) if d.isVisible()]
    assert dialog.publish_button.isEnabled()


def test_export_as_published_follows_the_archive_style(qtbot, library, tmp_path):
    """Issue 17: export "Markdown, as published" wrote bullets where publishing writes paragraphs."""
    from transcriber.publish.preview import publish_preview

    _remote, archive, _colleague = remote_and_clones(tmp_path)
    (archive / ".transcriber.toml").write_text('style = "paragraphs"\n', encoding="utf-8")
    meeting_id = make_meeting(library, "數位部會議", "2024-05-06", [("唐鳳", "大家好。"), ("唐鳳", "謝謝。")])
    window = window_on(qtbot, library, meeting_id)
    window.settings.set("archive_path", str(archive))
    window.export_action.trigger()
    dialog = window.findChild(ExportDialog)
    dialog.format_box.setCurrentIndex(list(FORMATS).index("md"))
    path = tmp_path / "out.md"
    dialog.path_edit.setText(str(path))
    task = dialog.export()
    qtbot.waitUntil(lambda: not task.is_running(), timeout=10_000)
    written = path.read_text(encoding="utf-8")
    assert written == publish_preview(library, meeting_id, archive).markdown
    assert "* 大家好。" not in written and "大家好。" in written, written


def test_the_header_and_review_copies_say_the_licence_the_archive_will_publish(qtbot, library, tmp_path):
    """With a CC0 archive set, a new meeting's header shows the archive's CC0, the review
    copy (from the window and from the publish dialog) says CC0, and choosing CC BY 4.0
    in the header is what gets published."""
    import docx

    from transcriber.ui.settings_store import AppSettings

    _remote, archive, _colleague = remote_and_clones(tmp_path)  # its LICENSE says CC0 1.0
    AppSettings(library.path).set("archive_path", str(archive))
    meeting_id = make_meeting(library, "Licence check", "2024-05-06", [("Audrey Tang", "Hello.")])
    window = window_on(qtbot, library, meeting_id)
    box = window.editor_view.header.licence_box
    assert box.currentText() == "The archive’s: CC0-1.0"

    def licence_lines(folder):
        (copy,) = (tmp_path / folder).glob("*.review.docx")
        return [p.text for p in docx.Document(copy).paragraphs if "License" in p.text]

    task = window.send_for_review(str(tmp_path / "review"))
    qtbot.waitUntil(lambda: not task.is_running(), timeout=30_000)
    assert len(licence_lines("review")) == 1 and "CC0 1.0" in licence_lines("review")[0]
    dialog = publish_dialog(window)
    dialog.archive_edit.setText(str(archive))
    task = dialog.export_review_copy(str(tmp_path / "again"))
    qtbot.waitUntil(lambda: not task.is_running(), timeout=30_000)
    assert "CC0 1.0" in licence_lines("again")[0]
    dialog.close()

    box.setCurrentIndex(box.findData("CC-BY-4.0"))
    assert library.meeting(meeting_id).licence == "CC-BY-4.0"
    assert box.currentText() == "CC-BY-4.0"
    window.editor_view.editor.undo()
    window.editor_view.refresh()
    assert library.meeting(meeting_id).licence == "" and box.currentText() == "The archive’s: CC0-1.0"
    box.setCurrentIndex(box.findData("CC-BY-4.0"))
    dialog = publish_dialog(window)
    dialog.archive_edit.setText(str(archive))
    dialog.refresh()
    dialog.publish(now=True)
    qtbot.waitUntil(lambda: library.meeting(meeting_id).status == "published", timeout=30_000)
    text = git(archive, "show", "HEAD:2024-05-06-Licence-check.md")
    assert "[CC BY 4.0](https://creativecommons.org/licenses/by/4.0/deed.en)" in text
    assert library.meeting(meeting_id).licence == "CC-BY-4.0"
