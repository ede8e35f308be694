"""Publish one meeting: see the page and the diff, check the review deadline, push.

The page and the diff come from ``transcriber.publish.preview``; the publication itself is
``transcriber.publish.git.publish_meeting`` (the CLI's ``publish``), run off the
GUI thread because a push may wait on the network. The result is told in plain
words, including what to do after a conflict (the publisher's message says it).
Before the first publication the title (and with it the file name) is shown for
confirmation; the review deadline is asked about in the interface language.
"""

from __future__ import annotations

import datetime as dt
import difflib
import html

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from transcriber.library.editing import MeetingEditor
from transcriber.library.store import Library
from transcriber.model import MeetingStatus
from transcriber.publish.preview import PublishPreview, publish_preview, render_html
from transcriber.publish.review import review_blocker
from transcriber.ui.elided_label import ElidedLabel
from transcriber.ui.error_text import core_sentence
from transcriber.ui.file_dialogs import existing_directory
from transcriber.ui.review_task import review_message, start_review
from transcriber.ui.screen_fit import resize_within_screen
from transcriber.ui.settings_store import AppSettings
from transcriber.ui.tasks import BackgroundTask

DIFF_COLOURS = {"+": "#e6ffec", "-": "#ffebe9", "@": "#ddf4ff"}


def diff_html(preview: PublishPreview) -> str:
    """The change as a coloured diff; a new file in full, every line added."""
    if preview.previous_text is None:
        lines = [QCoreApplication.translate("publish_dialog", "The archive has no such file yet: it will be added."), QCoreApplication.translate("publish_dialog", "New file {name}:").format(name=preview.filename)]
        body = [f"+{line}" for line in preview.markdown.splitlines()]
    else:
        lines, body = [], (preview.diff or "").splitlines()
        if not body:
            lines = [QCoreApplication.translate("publish_dialog", "The archive already has exactly this text.")]
    rows = [f"<p>{html.escape(line)}</p>" for line in lines]
    inline = _inline_changes(body)
    for index, line in enumerate(body):
        colour = DIFF_COLOURS.get(line[:1]) if line[:3] not in ("+++", "---") else None
        style = f' style="background:{colour}"' if colour else ""
        rows.append(f"<div{style}>{inline.get(index) or html.escape(line) or '&nbsp;'}</div>")
    return f'<div style="white-space:pre-wrap; font-family:monospace">{"".join(rows)}</div>'


# The characters that changed inside a changed line: darker than the line's own colour,
# so a one-character fix (的 → 得) stands out in a long line.
INLINE_COLOURS = {"-": "#ff9ea8", "+": "#7ee2a0"}


def _inline_changes(body: list[str]) -> dict[int, str]:
    """HTML for changed lines whose changed characters are marked: each run of removed
    lines is paired line by line with the run of added lines that follows it."""
    marked: dict[int, str] = {}
    index = 0
    while index < len(body):
        removed = []
        while index < len(body) and body[index][:1] == "-" and body[index][:3] != "---":
            removed.append(index)
            index += 1
        added = []
        while index < len(body) and body[index][:1] == "+" and body[index][:3] != "+++":
            added.append(index)
            index += 1
        if not removed and not added:
            index += 1
        for old_index, new_index in zip(removed, added, strict=False):
            old, new = body[old_index][1:], body[new_index][1:]
            matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
            old_html, new_html = ["-"], ["+"]
            for tag, a0, a1, b0, b1 in matcher.get_opcodes():
                if tag == "equal":
                    old_html.append(html.escape(old[a0:a1]))
                    new_html.append(html.escape(new[b0:b1]))
                    continue
                if a1 > a0:
                    old_html.append(f'<span style="background:{INLINE_COLOURS["-"]}">{html.escape(old[a0:a1])}</span>')
                if b1 > b0:
                    new_html.append(f'<span style="background:{INLINE_COLOURS["+"]}">{html.escape(new[b0:b1])}</span>')
            marked[old_index], marked[new_index] = "".join(old_html), "".join(new_html)
    return marked


class PublishDialog(QDialog):
    published = Signal(int)  # meeting id
    title_changed = Signal(int)  # meeting id: the editor and the library show the new title

    def __init__(self, library: Library, meeting_id: int, settings: AppSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("publish_dialog")
        self.library = library
        self.meeting_id = meeting_id
        self.settings = settings
        self.task: BackgroundTask | None = None
        self.confirm_box: QMessageBox | None = None
        meeting = library.meeting(meeting_id)
        self.setWindowTitle(self.tr("Publish “{title}”").format(title=meeting.title))

        self.archive_edit = QLineEdit(settings.get("archive_path"), objectName="archive_path")
        browse = QPushButton(self.tr("Browse…"))
        self.push_box = QCheckBox(self.tr("Push to remote"), objectName="push_box")
        self.push_box.setChecked(bool(settings.get("remote")))
        self.remote_edit = QLineEdit(settings.get("remote") or "origin", objectName="remote_name")
        self.deadline_label = QLabel(objectName="deadline_label")
        review = QPushButton(self.tr("Export review copy…"), objectName="review_button")
        self.title_edit = QLineEdit(meeting.title, objectName="publish_title")
        self.filename_label = ElidedLabel(objectName="publish_filename")
        self.first_time_label = QLabel(self.tr("First publication: check the title and the file name. Later changes of title keep this file name unless you rename it."), objectName="first_time", wordWrap=True)
        self.rename_box = QCheckBox(self.tr("Rename the published file to match the title"), objectName="rename_box")
        self._unchanged = False  # published, and the file would come out the same
        self.rename_box.toggled.connect(lambda _on: self._update_publish_button())
        self.page_view = QTextBrowser(objectName="page_view")
        self.diff_view = QTextBrowser(objectName="diff_view")
        self.diff_view.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        self.result_label = QLabel(objectName="publish_result", wordWrap=True)
        tabs = QTabWidget()
        tabs.addTab(self.page_view, self.tr("Page"))
        tabs.addTab(self.diff_view, self.tr("Changes against the archive"))
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.publish_button = buttons.addButton(self.tr("Publish"), QDialogButtonBox.AcceptRole)
        self.publish_button.setObjectName("publish_button")

        archive_row = QHBoxLayout()
        archive_row.addWidget(self.archive_edit, 1)
        archive_row.addWidget(browse)
        remote_row = QHBoxLayout()
        remote_row.addWidget(self.push_box)
        remote_row.addWidget(self.remote_edit, 1)
        form = QFormLayout()
        form.addRow(self.tr("Archive folder"), archive_row)
        form.addRow("", remote_row)
        form.addRow("", self.first_time_label)
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("File name"), self.filename_label)
        form.addRow("", self.rename_box)
        deadline_row = QHBoxLayout()
        deadline_row.addWidget(self.deadline_label, 1)
        deadline_row.addWidget(review)
        form.addRow(self.tr("Review deadline"), deadline_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(tabs, 1)
        layout.addWidget(self.result_label)
        layout.addWidget(buttons)

        browse.clicked.connect(self._browse)
        review.clicked.connect(self._choose_review_folder)
        self.archive_edit.editingFinished.connect(self.refresh)
        self.title_edit.editingFinished.connect(self._title_edited)
        buttons.rejected.connect(self.reject)
        # Not accepted(): the dialog stays open to show the result of the push.
        self.publish_button.clicked.connect(lambda: self.publish())
        resize_within_screen(self, 900, 700)
        self.refresh()

    def refresh(self) -> None:
        """Re-read the preview for the chosen archive (cheap: one file and one render)."""
        meeting = self.library.meeting(self.meeting_id)
        self.deadline_label.setText(meeting.review_deadline or self.tr("Not sent for review yet"))
        archive = self.archive_edit.text().strip()
        preview = publish_preview(self.library, self.meeting_id, archive or None)
        self.page_view.setHtml(render_html(preview.markdown))
        self.filename_label.setText(preview.filename)
        published = meeting.status == MeetingStatus.PUBLISHED
        # The first publication fixes the file name: confirm it. Later a new title only
        # renames the file if asked to.
        self.first_time_label.setVisible(not published)
        self.rename_box.setVisible(published and self._can_rename())
        # Published and the file would come out the same: nothing to publish (unless renamed).
        self._unchanged = published and bool(archive) and not preview.archive_problem and preview.unchanged
        self._update_publish_button()
        if not archive:
            self.diff_view.setPlainText(self.tr("No archive folder is set. The archive is your local git clone of the transcripts repository: choose it with Browse…, or open it with File → Open archive…"))
        elif preview.archive_problem:
            self.diff_view.setPlainText(preview.archive_problem)
        else:
            self.diff_view.setHtml(diff_html(preview))

    def _update_publish_button(self) -> None:
        same = self._unchanged and not (not self.rename_box.isHidden() and self.rename_box.isChecked())
        self.publish_button.setEnabled(not same)
        self.publish_button.setToolTip(self.tr("Nothing changed since it was published.") if same else "")

    @staticmethod
    def _can_rename() -> bool:
        """Whether the publisher takes a ``rename`` choice (it keeps file names unless told)."""
        import inspect

        from transcriber.publish.git import publish_meeting, publish_meetings

        return any("rename" in inspect.signature(f).parameters for f in (publish_meeting, publish_meetings))

    def _title_edited(self) -> None:
        title = self.title_edit.text().strip()
        if title and title != self.library.meeting(self.meeting_id).title:
            MeetingEditor(self.library, self.meeting_id).update_meeting_header(title=title)
            self.setWindowTitle(self.tr("Publish “{title}”").format(title=title))
            self.title_changed.emit(self.meeting_id)
        self.refresh()

    def _browse(self) -> None:
        folder = existing_directory(self, self.tr("Archive folder"), self.archive_edit.text())
        if folder:
            self.archive_edit.setText(folder)
            self.refresh()

    def _choose_review_folder(self) -> None:
        folder = existing_directory(self, self.tr("Export review copy…"))
        if folder:
            self.export_review_copy(folder)

    def export_review_copy(self, folder: str) -> BackgroundTask:
        """Write the copy participants review (HTML and DOCX) and start the review period."""
        task = start_review(self.library, self.meeting_id, folder, self,
                            archive=self.archive_edit.text().strip())
        task.succeeded.connect(lambda copy: (
            self.result_label.setText(review_message(copy)),
            self.refresh(), self.published.emit(self.meeting_id)))
        task.failed.connect(self._on_failed)
        return task

    def publish(self, now: bool = False) -> None:
        archive = self.archive_edit.text().strip()
        if not archive:
            self.result_label.setText(self.tr("No archive folder is set. The archive is your local git clone of the transcripts repository: choose it with Browse…, or open it with File → Open archive…"))
            return
        meeting = self.library.meeting(self.meeting_id)
        if review_blocker(meeting, dt.date.today()) and not now:
            self._ask_publish_early(meeting)
            return
        self.settings.set("archive_path", archive)
        remote = self.remote_edit.text().strip() if self.push_box.isChecked() else ""
        self.settings.set("remote", remote)
        self.publish_button.setEnabled(False)
        self.result_label.setText(self.tr("Publishing…"))
        options = {"rename": True} if self.rename_box.isVisible() and self.rename_box.isChecked() else {}

        def work(_context: object) -> object:
            from transcriber.publish.git import publish_meeting

            try:
                return publish_meeting(self.library, self.meeting_id, archive,
                                       push=bool(remote), remote=remote or None, now=True, **options)
            finally:
                self.library.close()

        self.task = BackgroundTask(work, self)
        self.task.succeeded.connect(self._on_published)
        self.task.failed.connect(self._on_failed)
        self.task.start()

    def _ask_publish_early(self, meeting: object) -> None:
        """Asked, not refused: the official may have everyone's agreement to publish early."""
        if meeting.review_deadline is None:
            reason = self.tr("“{title}” has not been sent for review: participants have not had a chance to check it.").format(title=meeting.title)
        else:
            reason = self.tr("The review period of “{title}” runs until {deadline}.").format(title=meeting.title, deadline=meeting.review_deadline)
        box = QMessageBox(QMessageBox.Question, self.tr("Publish before the review ends?"),
                          reason + "\n\n" + self.tr("Publish it now anyway (for example, when everyone has already agreed)?"), QMessageBox.NoButton, self)
        box.setObjectName("publish_early_box")
        self.publish_now_button = box.addButton(self.tr("Publish now"), QMessageBox.AcceptRole)
        self.publish_now_button.clicked.connect(lambda: self.publish(now=True))
        if meeting.review_deadline is None:
            review = box.addButton(self.tr("Send for review…"), QMessageBox.ActionRole)
            review.clicked.connect(self._choose_review_folder)
        box.addButton(self.tr("Cancel"), QMessageBox.RejectRole)
        self.confirm_box = box
        box.open()

    @Slot(object)
    def _on_published(self, publication: object) -> None:
        words = [self.tr("Published {files} as commit {sha}.").format(files=", ".join(publication.paths), sha=publication.commit_sha[:7])]
        if publication.pushed:
            words.append(self.tr("Pushed to {remote}.").format(remote=publication.remote))
        if publication.retried:
            words.append(self.tr("Someone had pushed first; your change was placed on top of theirs."))
        if publication.warning:
            words.append(core_sentence(publication.warning))
        self.result_label.setText(" ".join(words))
        self.refresh()
        self.published.emit(self.meeting_id)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.result_label.setText(message)
        self.publish_button.setEnabled(True)
