"""The one window: library on the left, the open meeting (or the recorder) on the right.

The window wires widgets together and starts background tasks; what happens to
the library is always decided by a core function (``pipeline``, ``editing``,
``publish``), the same ones the CLI calls.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from transcriber.errors import TranscriberError
from transcriber.library.meeting_defaults import apply_meeting_defaults
from transcriber.library.store import Library
from transcriber.model import Meeting
from transcriber.ui.banner import Banner
from transcriber.ui.batch_import import BatchImport
from transcriber.ui.bullet_model import format_time
from transcriber.ui.editor_view import EditorView
from transcriber.ui.error_text import core_sentence, fault_text
from transcriber.ui.file_dialogs import existing_directory, open_file_names
from transcriber.ui.import_queue import ImportQueue
from transcriber.ui.language import plural
from transcriber.ui.library_view import LibraryView
from transcriber.ui.meeting_actions import MeetingActions
from transcriber.ui.screen_fit import resize_within_screen
from transcriber.ui.settings_store import AppSettings
from transcriber.ui.tasks import BackgroundTask
from transcriber.ui.transcribe_task import TranscribeTask


class MainWindow(MeetingActions, QMainWindow):
    language_switch_requested = Signal()  # app.py rebuilds the window in the new language

    def __init__(self, library: Library, settings: AppSettings | None = None,
                 use_audio_device: bool = True) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.setWindowTitle(self.tr("Transcriber"))
        self.library = library
        self.settings = settings or AppSettings(library.path)
        self.transcriptions: list[TranscribeTask] = []
        self.last_error: str | None = None
        self._started_meetings: set[int] = set()
        self.banner = Banner()
        self.library_view = LibraryView(library)
        self.editor_view = EditorView(library, use_audio_device=use_audio_device)
        self.editor_view.archive_path = lambda: self.settings.get("archive_path")
        self.recorder_panel: QWidget | None = None  # created on first use (opens audio devices)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.editor_view)
        self.import_queue = ImportQueue()
        self.message_box: QMessageBox | None = None  # the last question asked (tests answer it)

        self.splitter = splitter = QSplitter(Qt.Horizontal, objectName="main_splitter")
        splitter.addWidget(self.library_view)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([300, 900])
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.import_queue)
        self.setCentralWidget(central)
        self._build_menus()

        self.library_view.meeting_activated.connect(self.open_meeting)
        self.library_view.files_dropped.connect(self.import_files)
        self.library_view.import_requested.connect(self.choose_files)
        self.library_view.record_requested.connect(self.show_recorder)
        self.editor_view.meeting_changed.connect(lambda _id: self.library_view.refresh())
        # Once typing pauses, not at every keystroke: "published" may become "edited since".
        self._status_timer = QTimer(self, singleShot=True, interval=500)
        self._status_timer.timeout.connect(
            lambda: self.editor_view.meeting_id is not None and self.library_view.refresh_status(self.editor_view.meeting_id))
        self.editor_view.text_typed.connect(lambda _id: self._status_timer.start())
        self.editor_view.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        resize_within_screen(self, 1280, 800)
        self._restore_layout()
        self._update_actions()

    def _build_menus(self) -> None:
        def add(menu, name: str, text: str, slot, shortcut: str | None = None) -> QAction:
            action = menu.addAction(text)
            action.setObjectName(name)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(slot)
            return action

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.import_action = add(file_menu, "action_import", self.tr("Import audio or video…"), self.choose_files, "Ctrl+O")
        self.archive_action = add(file_menu, "action_open_archive", self.tr("Open archive…"), self.choose_archive)
        self.record_action = add(file_menu, "action_record", self.tr("New recording"), self.show_recorder)
        file_menu.addSeparator()
        add(file_menu, "action_settings", self.tr("Settings…"), self.open_settings, "Ctrl+,")
        # No Ctrl+Q here: in the editor Ctrl+Q marks a question.
        add(file_menu, "action_quit", self.tr("Quit"), self.close)
        self._build_edit_menu()
        meeting_menu = self.menuBar().addMenu(self.tr("&Meeting"))
        self.transcribe_action = add(meeting_menu, "action_transcribe", self.tr("Transcribe the recording"), self.transcribe_open_meeting)
        self.retranscribe_action = add(meeting_menu, "action_retranscribe", self.tr("Re-transcribe…"), self.open_retranscribe)
        meeting_menu.addSeparator()
        self.export_action = add(meeting_menu, "action_export", self.tr("Export…"), self.open_export, "Ctrl+Shift+E")
        self.review_action = add(meeting_menu, "action_send_review", self.tr("Send for review…"), self.choose_review_folder)
        self.publish_action = add(meeting_menu, "action_publish", self.tr("Publish…"), self.open_publish, "Ctrl+Shift+P")
        meeting_menu.addSeparator()
        self.delete_action = add(meeting_menu, "action_delete", self.tr("Move to the trash"), self.delete_open_meeting)
        self.restore_action = add(meeting_menu, "action_restore", self.tr("Restore from the trash…"), self.choose_from_trash)
        # Nothing in this menu has a meeting to act on until one is open.
        self.meeting_actions = [self.transcribe_action, self.retranscribe_action, self.export_action,
                                self.review_action, self.publish_action, self.delete_action]
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        add(help_menu, "action_shortcuts", self.tr("Keyboard shortcuts"), self.editor_view.help)
        add(help_menu, "action_setup", self.tr("First-run setup…"), self.show_first_run)
        add(help_menu, "about_computer_action", self.tr("About this computer…"), self.show_about_computer)

    def _build_edit_menu(self) -> None:
        """Edit: the editor's main keys where a mouse user looks for them. The keys stay
        bound in the editor (shortcuts.py); here they are only shown (after a tab), since
        a second binding of the same key would make both ambiguous and neither work."""
        from transcriber.ui.shortcuts import SHORTCUTS

        keys = {spec.action: spec.shown_keys()[0] for spec in SHORTCUTS}
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        self.edit_actions = []
        for entry in (("undo", self.tr("Undo")), ("redo", self.tr("Redo")), None,
                      ("find", self.tr("Find and replace…")), None,
                           ("split", self.tr("Split the bullet at the cursor")),
                           ("merge", self.tr("Merge with the next bullet")),
                           ("flag", self.tr("Flag or unflag the bullet")),
                           ("redact", self.tr("Redact the selected text"))):
            if entry is None:
                edit_menu.addSeparator()
                continue
            name, text = entry
            action = edit_menu.addAction(f"{text}\t{keys[name]}")
            action.setObjectName(f"edit_{name}")
            action.triggered.connect(getattr(self.editor_view, name))
            self.edit_actions.append(action)

    def _update_actions(self) -> None:
        has_meeting = self.editor_view.meeting_id is not None
        for action in [*self.meeting_actions, *self.edit_actions]:
            action.setEnabled(has_meeting)

    # -- meetings ----------------------------------------------------------------------

    @Slot(int, int)
    def open_meeting(self, meeting_id: int, bullet_id: int = -1) -> None:
        self.pages.setCurrentWidget(self.editor_view)
        if self.editor_view.meeting_id != meeting_id:
            self.editor_view.open_meeting(meeting_id)
            self.library_view.select_meeting(meeting_id)
        bullets = self.editor_view.bullet_list
        if bullet_id >= 0:
            # From a search hit: what was searched for is highlighted in the bullet.
            bullets.show_search_hits(self.library_view.search_edit.text().split())
            bullets.go_to_bullet(bullet_id, 0)
        else:
            bullets.show_search_hits([])
        self._update_actions()

    # -- importing ---------------------------------------------------------------------

    def choose_files(self) -> None:
        paths = open_file_names(self, self.tr("Import audio or video…"), self.tr("Audio and video (*.wav *.mp3 *.m4a *.flac *.ogg *.opus *.aac *.mp4 *.mkv *.mov *.webm);;All files (*)"))
        if paths:
            self.import_files(paths)

    @Slot(list)
    def import_files(self, paths: list[str]) -> None:
        """Transcribe each file into a new meeting, once the user has said whose recording
        it is; a dropped folder is an archive to open. Many files go to the batch engine
        (worker processes as the machine allows)."""
        files = [path for path in paths if not Path(path).is_dir()]
        for path in paths:
            if Path(path).is_dir():
                self.import_archive(path)
        if not files:
            return
        from transcriber.ui.whose_recording_dialog import WhoseRecordingDialog

        dialog = WhoseRecordingDialog(self.settings, [Path(p).name for p in files], self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.answered.connect(lambda name: self._transcribe_imported(files, name))
        dialog.rejected.connect(lambda: self.statusBar().showMessage(self.tr("Nothing imported."), 8000))
        dialog.open()

    def _transcribe_imported(self, files: list[str], speaker: str) -> None:
        if len(files) > 1:
            self.transcribe_many(files, speaker=speaker)
        else:
            self.transcribe(files[0], speaker=speaker)

    def transcribe_many(self, paths: list[str], speaker: str | None = None) -> BatchImport:
        """``speaker``: whose recordings they are, as for ``transcribe``."""
        batch = BatchImport(self.library, paths, self.settings.engine_options(), parent=self,
                            speaker=speaker)
        for file in batch.files:
            file.finished.connect(self._on_transcribed)
            file.failed.connect(self._on_transcription_failed)
            self.transcriptions.append(file)
            self.import_queue.follow(file)
        batch.start()
        return batch

    def transcribe_open_meeting(self) -> TranscribeTask | None:
        """Transcribe the open meeting's recording (one recorded without the live draft)."""
        meeting_id = self.editor_view.meeting_id
        recordings = self.library.recordings(meeting_id) if meeting_id is not None else []
        if not recordings:
            self.show_error(self.tr("This meeting has no recording to play."))
            return None
        if self.library.bullets(meeting_id):
            # Appending a second transcript would interleave two versions of every turn;
            # decoding again is what Re-transcribe is for.
            self.ask(self.tr("Already transcribed"), self.tr("This meeting already has a transcript. To decode it again (another model or language, or only part of it), use Re-transcribe; bullets you edited can be kept."),
                     [(self.tr("Re-transcribe…"), self.open_retranscribe)])
            return None
        return self.transcribe(recordings[0].path, meeting_id, recordings[0].id)

    def transcribe(self, path: str, meeting_id: int | None = None,
                   recording_id: int | None = None, speaker: str | None = None) -> TranscribeTask:
        """``speaker``: whose recording a new meeting is (its default speaker; "" for
        nobody); ``None`` for the official's own, as a recording made in the app."""
        task = TranscribeTask(self.library, path, self.settings.engine_options(), parent=self,
                              meeting_id=meeting_id, recording_id=recording_id, speaker=speaker)
        task.segment.connect(self._on_segment)
        task.finished.connect(self._on_transcribed)
        task.failed.connect(self._on_transcription_failed)
        self.transcriptions.append(task)
        self.import_queue.follow(task)
        task.start()
        return task

    def _start_meeting(self, meeting_id: int, speaker: str | None = None) -> None:
        """A meeting the app just created gets the user's licence, style and name
        (``speaker``, for an import: the answer to whose recording it is).

        An import's, when its transcription has finished writing, not on its first
        segment: two connections writing at once is what SQLite WAL handles worst. A
        recording's, as soon as it starts, before its live draft decodes anything: a
        crash may come at any moment, and the draft recovered after it would show
        "No speaker" and publish with no name.
        """
        if meeting_id in self._started_meetings:
            return
        official = self.settings.get("official_name") if speaker is None else speaker
        try:
            apply_meeting_defaults(self.library, meeting_id, self.settings.get("licence"),
                                   self.settings.get("style"), official)
        except (OSError, sqlite3.Error) as exc:
            # A full disk: the work that filled it has said so in a dialog already.
            self.statusBar().showMessage(fault_text(exc))
            return
        self._started_meetings.add(meeting_id)

    @Slot(object)
    def _on_segment(self, bullet: object) -> None:
        task = self.sender()
        first = getattr(task, "segments_seen", 0) == 0
        if task is not None:
            task.segments_seen = getattr(task, "segments_seen", 0) + 1
        if first:
            self.library_view.refresh()  # the new meeting is listed as soon as it has words
        if self.editor_view.meeting_id == bullet.meeting_id:
            self.editor_view.bullet_arrived(bullet)
        elif first and not self._editor_busy():
            # Show a new meeting growing, unless the user is looking at another one.
            self.open_meeting(bullet.meeting_id)

    def _editor_busy(self) -> bool:
        """True when the editor shows a meeting the user chose, not one still being imported."""
        shown = self.editor_view.meeting_id
        if shown is None:
            return False
        return not any(t.meeting_id == shown for t in self.transcriptions)

    @Slot(str)
    def _on_transcription_failed(self, message: str) -> None:
        task = self.sender()
        if task in self.transcriptions:
            self.transcriptions.remove(task)
        try:  # the meeting it left running is incomplete now, as the start-up pass would say
            self.library.mark_interrupted()
        except (OSError, sqlite3.Error, TranscriberError):
            pass  # a disk still full: the next start marks it
        self.library_view.refresh()
        if getattr(task, "cancelled", False):  # cancelled before anything was stored: no error
            self.statusBar().showMessage(message)
            return
        self.show_error(message)

    @Slot(object)
    def _on_transcribed(self, meeting: Meeting) -> None:
        task = self.sender()
        if task in self.transcriptions:
            self.transcriptions.remove(task)
        self._start_meeting(meeting.id, getattr(task, "speaker", None))
        self.library_view.refresh()
        if self.editor_view.meeting_id == meeting.id:
            self.editor_view.refresh()
        elif not self._editor_busy():
            self.open_meeting(meeting.id)
        count = len(self.library.bullets(meeting.id))
        cancelled = getattr(task, "cancelled", False)
        self.statusBar().showMessage(
            self.tr("Transcription stopped; what was decoded is kept.") if cancelled else plural(count, self.tr("Transcription finished: {count} bullet."), self.tr("Transcription finished: {count} bullets.")).format(count=count))

    def choose_archive(self) -> None:
        folder = existing_directory(self, self.tr("Open archive…"))
        if folder:
            self.import_archive(folder)

    def import_archive(self, folder: str) -> BackgroundTask:
        """Read every transcript of a cloned archive into the library, off the GUI thread."""
        from transcriber.archive.convert import import_archive

        def work(_context: object) -> object:
            try:
                return import_archive(self.library, folder)
            finally:
                self.library.close()

        task = BackgroundTask(work, self)
        task.succeeded.connect(self._on_archive_imported)
        task.failed.connect(self.show_error)
        task.start()
        self._offer_publish_target(folder)
        return task

    def _offer_publish_target(self, folder: str) -> None:
        """Reading an archive is not choosing where to publish: set it only when none is set, else ask."""
        current = self.settings.get("archive_path")
        if not current:
            self.settings.set("archive_path", folder)
            self.statusBar().showMessage(self.tr("New meetings will be published into {folder}.").format(folder=folder))
        elif Path(current).resolve() != Path(folder).resolve():
            self.ask(self.tr("Publish into this archive?"), self.tr("Meetings are published into {current}. Publish into {folder} from now on?").format(current=current, folder=folder),
                     [(self.tr("Publish here from now on"), lambda: self.settings.set("archive_path", folder))],
                     cancel=self.tr("Keep the current archive"))

    @Slot(object)
    def _on_archive_imported(self, report: object) -> None:
        self.library_view.refresh()
        self.statusBar().showMessage(plural(len(report.meetings), self.tr("Imported {count} meeting from the archive."), self.tr("Imported {count} meetings from the archive.")).format(count=len(report.meetings)))
        if report.problems:  # the other files were imported; say which ones were not
            self.show_error("\n".join(f"{p.file}:{p.line}: {core_sentence(p.message)}" for p in report.problems[:20]))

    # -- other windows -----------------------------------------------------------------

    def show_recorder(self) -> None:
        if self.recorder_panel is None:
            from transcriber.ui.recorder_panel import RecorderPanel

            self.recorder_panel = RecorderPanel(self.library, self.settings)
            self.recorder_panel.recording_saved.connect(self._on_recording_saved)
            self.recorder_panel.failed.connect(self.show_error)  # a disk full mid-recording: a dialog
            self.recorder_panel.recording_started.connect(self._on_recording_started)
            self.pages.addWidget(self.recorder_panel)
        self.pages.setCurrentWidget(self.recorder_panel)

    @Slot(int)
    def _on_recording_started(self, meeting_id: int) -> None:
        self._start_meeting(meeting_id)
        self.library_view.refresh()  # listed while recording

    @Slot(int)
    def _on_recording_saved(self, meeting_id: int) -> None:
        self._start_meeting(meeting_id)  # if it could not be done at the start (a full disk)
        self.library_view.refresh()
        self.open_meeting(meeting_id)

    def open_settings(self) -> None:
        from transcriber.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self)
        dialog.language_changed.connect(self.language_switch_requested)
        dialog.open()

    @Slot(str)
    def show_error(self, message: str) -> None:
        """Tell the user in one sentence; window-modal and asynchronous, so nothing waits on it."""
        self.last_error = message
        self.statusBar().showMessage(message)
        box = QMessageBox(QMessageBox.Warning, self.tr("Something went wrong"), message, QMessageBox.Ok, self)
        box.setObjectName("error_box")
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.open()

    def show_info(self, title: str, message: str) -> None:
        self.statusBar().showMessage(message)
        box = QMessageBox(QMessageBox.Information, title, message, QMessageBox.Ok, self)
        box.setObjectName("info_box")
        box.setAttribute(Qt.WA_DeleteOnClose)
        self.message_box = box
        box.open()

    def ask(self, title: str, question: str, choices: list[tuple[str, object]],
            cancel: str | None = None) -> QMessageBox:
        """A window-modal question whose buttons say what they do, in the interface language."""
        box = QMessageBox(QMessageBox.Question, title, question, QMessageBox.NoButton, self)
        box.setObjectName("question_box")
        box.setAttribute(Qt.WA_DeleteOnClose)
        for text, action in choices:
            button = box.addButton(text, QMessageBox.AcceptRole)
            button.clicked.connect(action)
        box.addButton(cancel or self.tr("Cancel"), QMessageBox.RejectRole)
        self.message_box = box
        box.open()
        return box

    # -- first start -------------------------------------------------------------------

    def show_first_run(self) -> None:
        from transcriber.ui.first_run_dialog import FirstRunDialog

        dialog = FirstRunDialog(self.settings, self)
        dialog.language_changed.connect(self.language_switch_requested)
        dialog.open()

    def show_about_computer(self) -> None:
        from transcriber.ui.about_computer import AboutComputerDialog

        dialog = AboutComputerDialog(self.library.path, self.settings.get("archive_path"),
                                     self.settings.get("remote"), self.settings.get("model"), self)
        dialog.open()
        return dialog

    # -- remembered layout -------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self.settings.get("window_geometry")
        if geometry:
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))
        splitter = self.settings.get("splitter_state")
        if splitter:
            self.splitter.restoreState(QByteArray.fromBase64(splitter.encode("ascii")))

    def save_layout(self) -> None:
        self.settings.set("window_geometry", bytes(self.saveGeometry().toBase64()).decode("ascii"))
        self.settings.set("splitter_state", bytes(self.splitter.saveState().toBase64()).decode("ascii"))

    # -- after a crash -----------------------------------------------------------------

    def show_recovered(self) -> None:
        """Say what a crash left (meeting, length, how far the live draft got) in the
        banner, until dismissed, and open the meeting so its draft is in view."""
        from transcriber.record.recovery import recovered_recordings

        seen = set(filter(None, self.settings.get("recovered_seen").split(",")))
        found = [r for r in recovered_recordings(self.library) if str(r.recording_id) not in seen]
        if not found:
            return
        lines = []
        for item in found:
            line = self.tr("Recovered after the app stopped unexpectedly: “{title}”, {length} recorded.").format(
                title=item.title, length=format_time(item.duration))
            if item.bullets:
                line += " " + self.tr("Its live draft is back, up to {drafted}.").format(drafted=format_time(item.drafted_until))
            if item.duration - item.drafted_until > 1.0:
                line += " " + self.tr("From {drafted} on it has no text yet.").format(drafted=format_time(item.drafted_until))
            lines.append(line)
        latest = found[-1]
        actions = [(self.tr("Open it"), "banner_open", lambda: self.open_meeting(latest.meeting_id))]
        if latest.duration - latest.drafted_until > 1.0:
            actions.append((self.tr("Transcribe the rest…"), "banner_transcribe_rest",
                            lambda: self.transcribe_rest(latest)))
        self.banner.show_message("\n".join(lines), actions)
        self.banner.dismiss_button.clicked.connect(
            lambda: self.settings.set("recovered_seen", ",".join(sorted(seen | {str(r.recording_id) for r in found}))))
        self.library_view.refresh()
        self.open_meeting(latest.meeting_id)

    def transcribe_rest(self, recovered: object) -> None:
        """Decode what the live draft did not reach, shown before it is applied, as any
        re-transcription (the drafted bullets stay)."""
        from transcriber.ui.retranscribe_dialog import RetranscribeDialog

        self.open_meeting(recovered.meeting_id)
        dialog = RetranscribeDialog(self.library, recovered.meeting_id, self.settings, parent=self,
                                    time_range=(recovered.drafted_until, recovered.duration))
        dialog.finished_task.connect(self._on_retranscribed)
        dialog.open()

    # -- closing while recording ------------------------------------------------------

    def recording_active(self) -> bool:
        return self.recorder_panel is not None and self.recorder_panel.is_recording()

    def _ask_about_recording(self) -> QMessageBox:
        """Closing would cut the recording: stop and keep it, or keep recording (the default)."""
        box = QMessageBox(QMessageBox.Warning, self.tr("A recording is running"),
                          self.tr("Closing now would cut the recording. Stop it and keep everything recorded, or keep recording?"),
                          QMessageBox.NoButton, self)
        box.setObjectName("close_while_recording")
        self.stop_and_close_button = box.addButton(self.tr("Stop and keep the recording"), QMessageBox.AcceptRole)
        keep = box.addButton(self.tr("Keep recording"), QMessageBox.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        self.message_box = box
        return box

    def _stop_then_close(self) -> None:
        """Stop (the file is final at once), let the draft finish its tail, then close."""
        self.show_recorder()
        self.recorder_panel.recording_saved.connect(lambda _id: self.close())
        self.recorder_panel.failed.connect(lambda _message: self.close())
        self.recorder_panel.stop()

    @Slot(object)
    def commit_data(self, manager: object) -> None:
        """The desktop session is ending (log out, shut down): ask, as closing does.
        Without leave to ask, the recording is stopped and kept: the session is going
        anyway, and a stopped file is whole."""
        if not self.recording_active():
            return
        if manager.allowsInteraction():
            box = self._ask_about_recording()
            box.exec()
            if box.clickedButton() is self.stop_and_close_button:
                self.recorder_panel.shutdown(cancel_draft=True)  # stop and keep, now: the session waits on us
            else:
                manager.cancel()  # the user keeps recording: the logout is called off
            manager.release()
            return
        self.recorder_panel.shutdown(cancel_draft=True)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.recording_active():
            # Never cut a recording without the user's word.
            event.ignore()
            box = self._ask_about_recording()
            box.setAttribute(Qt.WA_DeleteOnClose)
            self.stop_and_close_button.clicked.connect(self._stop_then_close)
            box.open()
            return
        self.save_layout()
        # Cancel and join every thread: transcriptions keep what they decoded.
        for task in self.transcriptions:
            task.cancel()
        if self.recorder_panel is not None:
            self.recorder_panel.shutdown()  # keeps what was recorded
        BackgroundTask.stop_all()
        self.editor_view.shutdown()
        super().closeEvent(event)
