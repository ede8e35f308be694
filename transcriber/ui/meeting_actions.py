"""The Meeting menu's dialogs: export, re-transcribe, send for review, publish.

A mixin of ``MainWindow`` (kept apart so the window file stays small): each
action opens its dialog on the open meeting, or says that a meeting must be
opened first, and refreshes the library and the editor with what it changed.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import QFileDialog

from transcriber.ui.language import plural
from transcriber.ui.tasks import BackgroundTask


class MeetingActions:
    """Needs the window's ``library``, ``settings``, ``editor_view``, ``library_view``,
    ``show_error``, ``show_info`` and ``statusBar``."""

    def _open_meeting_id(self) -> int | None:
        """The meeting a Meeting-menu action acts on; says so when there is none."""
        if self.editor_view.meeting_id is None:
            self.show_error(QCoreApplication.translate("MeetingActions", "Open a meeting first."))
        return self.editor_view.meeting_id

    def open_export(self) -> None:
        if self._open_meeting_id() is None:
            return
        from transcriber.ui.export_dialog import ExportDialog

        dialog = ExportDialog(self.library, self.editor_view.meeting_id, self)
        dialog.saved.connect(lambda path: self.statusBar().showMessage(QCoreApplication.translate("MeetingActions", "Saved {path}.").format(path=path)))
        dialog.open()

    def open_retranscribe(self) -> None:
        if self._open_meeting_id() is None:
            return
        from transcriber.ui.retranscribe_dialog import RetranscribeDialog

        dialog = RetranscribeDialog(self.library, self.editor_view.meeting_id, self.settings,
                                    self.editor_view.bullet_list.selected_bullet_ids(), self)
        dialog.finished_task.connect(self._on_retranscribed)
        dialog.open()

    @Slot(int)
    def _on_retranscribed(self, meeting_id: int) -> None:
        self.library_view.refresh()
        if self.editor_view.meeting_id == meeting_id:
            self.editor_view.refresh()
        self.statusBar().showMessage(plural(len(self.library.bullets(meeting_id)), QCoreApplication.translate("MeetingActions", "Re-transcribed: {count} bullet now."), QCoreApplication.translate("MeetingActions", "Re-transcribed: {count} bullets now.")).format(count=len(self.library.bullets(meeting_id))))

    def choose_review_folder(self) -> None:
        if self._open_meeting_id() is None:
            return
        folder = QFileDialog.getExistingDirectory(self, QCoreApplication.translate("MeetingActions", "Send for review…"))
        if folder:
            self.send_for_review(folder)

    def send_for_review(self, folder: str) -> BackgroundTask:
        """Write the review copy (HTML and DOCX) and start the review period."""
        from transcriber.ui.review_task import review_message, start_review

        task = start_review(self.library, self.editor_view.meeting_id, folder, self)
        task.succeeded.connect(lambda copy: (self.library_view.refresh(),
                                             self.show_info(QCoreApplication.translate("MeetingActions", "Send for review…"), review_message(copy))))
        task.failed.connect(self.show_error)
        return task

    def open_publish(self) -> None:
        if self._open_meeting_id() is None:
            return
        from transcriber.ui.publish_dialog import PublishDialog

        dialog = PublishDialog(self.library, self.editor_view.meeting_id, self.settings, self)
        dialog.published.connect(lambda _id: self.library_view.refresh())
        dialog.title_changed.connect(self._on_title_changed)
        dialog.open()

    @Slot(int)
    def _on_title_changed(self, meeting_id: int) -> None:
        self.library_view.refresh()
        if self.editor_view.meeting_id == meeting_id:
            self.editor_view.refresh()
