"""The Meeting menu's dialogs: export, re-transcribe, send for review, publish.

A mixin of ``MainWindow`` (kept apart so the window file stays small): each
action opens its dialog on the open meeting, or says that a meeting must be
opened first, and refreshes the library and the editor with what it changed.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Slot

from transcriber.ui.error_text import error_text
from transcriber.ui.file_dialogs import existing_directory
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

        dialog = ExportDialog(self.library, self.editor_view.meeting_id, self,
                              archive=self.settings.get("archive_path"))
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

    # -- the trash -------------------------------------------------------------------

    def delete_open_meeting(self) -> None:
        """Meeting → Move to the trash: restorable (the banner's Restore, or the menu);
        the recording, text and history stay, and a published archive file is untouched."""
        from transcriber.errors import TranscriberError
        from transcriber.library.trash import move_to_trash

        meeting_id = self._open_meeting_id()
        if meeting_id is None:
            return
        if self.recording_active() and self.recorder_panel.recorder.meeting.id == meeting_id:
            self.show_error(QCoreApplication.translate("MeetingActions", "This meeting is being recorded; stop the recording before deleting it."))
            return
        try:
            meeting = move_to_trash(self.library, meeting_id)
        except TranscriberError as exc:
            self.show_error(error_text(exc))
            return
        self.editor_view.close_meeting()
        self.library_view.refresh()
        self._update_actions()
        self.banner.show_message(
            QCoreApplication.translate("MeetingActions", "“{title}” is in the trash. Restore it here, or later from Meeting → Restore from the trash…").format(title=meeting.title),
            [(QCoreApplication.translate("MeetingActions", "Restore"), "banner_restore", lambda: self.restore_meeting(meeting_id))])

    def restore_meeting(self, meeting_id: int) -> None:
        from transcriber.errors import TranscriberError
        from transcriber.library.trash import restore_from_trash

        try:
            meeting = restore_from_trash(self.library, meeting_id)
        except TranscriberError as exc:
            self.show_error(error_text(exc))
            return
        self.banner.hide()
        self.library_view.refresh()
        self.open_meeting(meeting_id)
        self.statusBar().showMessage(QCoreApplication.translate("MeetingActions", "“{title}” is back.").format(title=meeting.title), 8000)

    def choose_from_trash(self) -> None:
        """Pick a meeting in the trash to bring back."""
        from PySide6.QtWidgets import QInputDialog

        from transcriber.library.trash import trashed_meetings

        found = trashed_meetings(self.library)
        if not found:
            self.show_info(QCoreApplication.translate("MeetingActions", "Restore from the trash…"), QCoreApplication.translate("MeetingActions", "The trash is empty."))
            return
        names = [f"{m.date}  {m.title}" for m, _deleted in found]
        name, ok = QInputDialog.getItem(self, QCoreApplication.translate("MeetingActions", "Restore from the trash…"),
                                        QCoreApplication.translate("MeetingActions", "Meeting to bring back:"), names, 0, False)
        if ok and name in names:
            self.restore_meeting(found[names.index(name)][0].id)

    def choose_review_folder(self) -> None:
        if self._open_meeting_id() is None:
            return
        folder = existing_directory(self, QCoreApplication.translate("MeetingActions", "Send for review…"))
        if folder:
            self.send_for_review(folder)

    def send_for_review(self, folder: str) -> BackgroundTask:
        """Write the review copy (HTML and DOCX) and start the review period."""
        from transcriber.ui.review_task import review_message, start_review

        task = start_review(self.library, self.editor_view.meeting_id, folder, self,
                            archive=self.settings.get("archive_path"))
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
