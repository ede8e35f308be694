"""Publish one meeting: see the page and the diff, check the review deadline, push.

The page and the diff come from ``transcriber.publish.preview``; the publication itself is
``transcriber.publish.git.publish_meeting`` (the CLI's ``publish``), run off the
GUI thread because a push may wait on the network. The result is told in plain
words, including what to do after a conflict (the publisher's message says it).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from transcriber.library.store import Library
from transcriber.publish.preview import publish_preview, render_html
from transcriber.publish.review import review_blocker
from transcriber.ui.settings_store import AppSettings
from transcriber.ui.strings import tr
from transcriber.ui.tasks import BackgroundTask


class PublishDialog(QDialog):
    published = Signal(int)  # meeting id

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
        self.setWindowTitle(tr("publish.title", title=meeting.title))

        self.archive_edit = QLineEdit(settings.get("archive_path"), objectName="archive_path")
        browse = QPushButton(tr("publish.browse"))
        self.push_box = QCheckBox(tr("publish.remote"), objectName="push_box")
        self.push_box.setChecked(bool(settings.get("remote")))
        self.remote_edit = QLineEdit(settings.get("remote") or "origin", objectName="remote_name")
        self.deadline_label = QLabel(objectName="deadline_label")
        review = QPushButton(tr("publish.review_copy"), objectName="review_button")
        self.page_view = QTextBrowser(objectName="page_view")
        self.diff_view = QPlainTextEdit(objectName="diff_view", readOnly=True)
        self.diff_view.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        self.result_label = QLabel(objectName="publish_result", wordWrap=True)
        tabs = QTabWidget()
        tabs.addTab(self.page_view, tr("publish.preview"))
        tabs.addTab(self.diff_view, tr("publish.diff"))
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.publish_button = buttons.addButton(tr("publish.publish"), QDialogButtonBox.AcceptRole)
        self.publish_button.setObjectName("publish_button")

        archive_row = QHBoxLayout()
        archive_row.addWidget(self.archive_edit, 1)
        archive_row.addWidget(browse)
        remote_row = QHBoxLayout()
        remote_row.addWidget(self.push_box)
        remote_row.addWidget(self.remote_edit, 1)
        form = QFormLayout()
        form.addRow(tr("publish.archive"), archive_row)
        form.addRow("", remote_row)
        deadline_row = QHBoxLayout()
        deadline_row.addWidget(self.deadline_label, 1)
        deadline_row.addWidget(review)
        form.addRow(tr("publish.deadline"), deadline_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(tabs, 1)
        layout.addWidget(self.result_label)
        layout.addWidget(buttons)

        browse.clicked.connect(self._browse)
        review.clicked.connect(self._choose_review_folder)
        self.archive_edit.editingFinished.connect(self.refresh)
        buttons.rejected.connect(self.reject)
        # Not accepted(): the dialog stays open to show the result of the push.
        self.publish_button.clicked.connect(lambda: self.publish())
        self.resize(900, 700)
        self.refresh()

    def refresh(self) -> None:
        """Re-read the preview for the chosen archive (cheap: one file and one render)."""
        meeting = self.library.meeting(self.meeting_id)
        self.deadline_label.setText(meeting.review_deadline or tr("publish.no_deadline"))
        preview = publish_preview(self.library, self.meeting_id, self.archive_edit.text().strip() or None)
        self.page_view.setHtml(render_html(preview.markdown))
        if preview.archive_problem:
            self.diff_view.setPlainText(preview.archive_problem)
        elif preview.previous_text is None:
            self.diff_view.setPlainText(f"{tr('publish.no_diff')}\n\n{preview.filename}")
        else:
            self.diff_view.setPlainText(preview.diff or tr("publish.unchanged"))

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("publish.archive"), self.archive_edit.text())
        if folder:
            self.archive_edit.setText(folder)
            self.refresh()

    def _choose_review_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("publish.review_copy"))
        if folder:
            self.export_review_copy(folder)

    def export_review_copy(self, folder: str) -> BackgroundTask:
        """Write the copy participants review (HTML and DOCX) and start the review period."""
        from transcriber.publish.review import send_for_review

        def work(_context: object) -> object:
            try:
                return send_for_review(self.library, self.meeting_id, folder)
            finally:
                self.library.close()

        task = BackgroundTask(work, self)
        task.succeeded.connect(lambda copy: (
            self.result_label.setText(tr("publish.review_saved", path=copy.html_path)),
            self.refresh(), self.published.emit(self.meeting_id)))
        task.failed.connect(self._on_failed)
        task.start()
        return task

    def publish(self, now: bool = False) -> None:
        archive = self.archive_edit.text().strip()
        if not archive:
            self.result_label.setText(tr("publish.need_archive"))
            return
        blocker = review_blocker(self.library.meeting(self.meeting_id), dt.date.today())
        if blocker and not now:
            # Asked, not refused: the official may have agreement to publish early.
            self.confirm_box = QMessageBox(QMessageBox.Question, tr("publish.publish"),
                                           f"{blocker}\n\n{tr('publish.anyway')}",
                                           QMessageBox.Yes | QMessageBox.No, self)
            self.confirm_box.accepted.connect(lambda: self.publish(now=True))
            self.confirm_box.open()
            return
        self.settings.set("archive_path", archive)
        remote = self.remote_edit.text().strip() if self.push_box.isChecked() else ""
        self.settings.set("remote", remote)
        self.publish_button.setEnabled(False)
        self.result_label.setText(tr("publish.working"))

        def work(_context: object) -> object:
            from transcriber.publish.git import publish_meeting

            try:
                return publish_meeting(self.library, self.meeting_id, archive,
                                       push=bool(remote), remote=remote or None, now=True)
            finally:
                self.library.close()

        self.task = BackgroundTask(work, self)
        self.task.succeeded.connect(self._on_published)
        self.task.failed.connect(self._on_failed)
        self.task.start()

    @Slot(object)
    def _on_published(self, publication: object) -> None:
        words = [tr("publish.done", files=", ".join(publication.paths), sha=publication.commit_sha[:7])]
        if publication.pushed:
            words.append(tr("publish.pushed", remote=publication.remote))
        if publication.retried:
            words.append(tr("publish.retried"))
        if publication.warning:
            words.append(publication.warning)
        self.result_label.setText(" ".join(words))
        self.publish_button.setEnabled(True)
        self.refresh()
        self.published.emit(self.meeting_id)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.result_label.setText(message)
        self.publish_button.setEnabled(True)
