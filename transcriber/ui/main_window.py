"""The one window: library on the left, the open meeting (or the recorder) on the right.

The window wires widgets together and starts background tasks; what happens to
the library is always decided by a core function (``pipeline``, ``editing``,
``publish``), the same ones the CLI calls.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from transcriber.library.meeting_defaults import apply_meeting_defaults
from transcriber.library.store import Library
from transcriber.model import Meeting
from transcriber.ui.banner import Banner
from transcriber.ui.editor_view import EditorView
from transcriber.ui.library_view import LibraryView
from transcriber.ui.settings_store import AppSettings
from transcriber.ui.strings import tr
from transcriber.ui.task_progress import TaskProgress
from transcriber.ui.tasks import BackgroundTask
from transcriber.ui.transcribe_task import TranscribeTask


class MainWindow(QMainWindow):
    language_switch_requested = Signal()  # app.py rebuilds the window in the new language

    def __init__(self, library: Library, settings: AppSettings | None = None,
                 use_audio_device: bool = True) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.setWindowTitle(tr("app.title"))
        self.library = library
        self.settings = settings or AppSettings(library.path)
        self.transcriptions: list[TranscribeTask] = []
        self.last_error: str | None = None
        self._started_meetings: set[int] = set()
        self.banner = Banner()
        self.library_view = LibraryView(library)
        self.editor_view = EditorView(library, use_audio_device=use_audio_device)
        self.recorder_panel: QWidget | None = None  # created on first use (opens audio devices)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.editor_view)
        self.progress = TaskProgress()

        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(self.library_view)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([300, 900])
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.progress)
        self.setCentralWidget(central)
        self._build_menus()

        self.library_view.meeting_activated.connect(self.open_meeting)
        self.library_view.files_dropped.connect(self.import_files)
        self.editor_view.meeting_changed.connect(lambda _id: self.library_view.refresh())
        self.editor_view.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.resize(1280, 800)

    def _build_menus(self) -> None:
        def add(menu, key: str, slot, shortcut: str | None = None) -> QAction:
            action = menu.addAction(tr(key))
            action.setObjectName(key.replace(".", "_"))
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(slot)
            return action

        file_menu = self.menuBar().addMenu(tr("menu.file"))
        self.import_action = add(file_menu, "action.import", self.choose_files, "Ctrl+O")
        self.archive_action = add(file_menu, "action.open_archive", self.choose_archive)
        self.record_action = add(file_menu, "action.record", self.show_recorder)
        file_menu.addSeparator()
        add(file_menu, "action.settings", self.open_settings, "Ctrl+,")
        # No Ctrl+Q here: in the editor Ctrl+Q marks a question.
        add(file_menu, "action.quit", self.close)
        meeting_menu = self.menuBar().addMenu(tr("menu.meeting"))
        self.transcribe_action = add(meeting_menu, "action.transcribe", self.transcribe_open_meeting)
        self.publish_action = add(meeting_menu, "action.publish", self.open_publish, "Ctrl+Shift+P")
        help_menu = self.menuBar().addMenu(tr("menu.help"))
        add(help_menu, "action.shortcuts", self.editor_view.help)

    # -- meetings ----------------------------------------------------------------------

    @Slot(int, int)
    def open_meeting(self, meeting_id: int, bullet_id: int = -1) -> None:
        self.pages.setCurrentWidget(self.editor_view)
        if self.editor_view.meeting_id != meeting_id:
            self.editor_view.open_meeting(meeting_id)
            self.library_view.select_meeting(meeting_id)
        if bullet_id >= 0:
            self.editor_view.bullet_list.go_to_bullet(bullet_id, 0)

    # -- importing ---------------------------------------------------------------------

    def choose_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(self, tr("action.import"), "", tr("import.filter"))
        if paths:
            self.import_files(paths)

    @Slot(list)
    def import_files(self, paths: list[str]) -> None:
        """Transcribe each file into a new meeting; a dropped folder is an archive to open."""
        for path in paths:
            if Path(path).is_dir():
                self.import_archive(path)
            else:
                self.transcribe(path)

    def transcribe_open_meeting(self) -> TranscribeTask | None:
        """Transcribe the open meeting's recording (one recorded without the live draft)."""
        meeting_id = self.editor_view.meeting_id
        recordings = self.library.recordings(meeting_id) if meeting_id is not None else []
        if not recordings:
            self.show_error(tr("playback.no_audio"))
            return None
        if self.library.bullets(meeting_id):
            # Appending a second transcript would interleave two versions of every turn.
            self.show_error(tr("transcribe.has_text"))
            return None
        return self.transcribe(recordings[0].path, meeting_id, recordings[0].id)

    def transcribe(self, path: str, meeting_id: int | None = None,
                   recording_id: int | None = None) -> TranscribeTask:
        task = TranscribeTask(self.library, path, self.settings.engine_options(), parent=self,
                              meeting_id=meeting_id, recording_id=recording_id)
        task.segment.connect(self._on_segment)
        task.finished.connect(self._on_transcribed)
        task.failed.connect(self._on_transcription_failed)
        self.transcriptions.append(task)
        self.progress.follow(task)
        task.start()
        return task

    def _start_meeting(self, meeting_id: int) -> None:
        """A meeting the app just created gets the user's licence, style and name.

        Done when the transcription has finished writing, not on its first segment:
        two connections writing at once is what SQLite WAL handles worst.
        """
        if meeting_id in self._started_meetings:
            return
        self._started_meetings.add(meeting_id)
        apply_meeting_defaults(self.library, meeting_id, self.settings.get("licence"),
                               self.settings.get("style"), self.settings.get("official_name"))

    @Slot(object)
    def _on_segment(self, bullet: object) -> None:
        if self.editor_view.meeting_id != bullet.meeting_id:
            # The first segment of a new meeting: show it growing.
            self.library_view.refresh()
            self.open_meeting(bullet.meeting_id)
        else:
            self.editor_view.bullet_arrived(bullet)

    @Slot(str)
    def _on_transcription_failed(self, message: str) -> None:
        task = self.sender()
        if task in self.transcriptions:
            self.transcriptions.remove(task)
        self.library_view.refresh()
        self.show_error(message)

    @Slot(object)
    def _on_transcribed(self, meeting: Meeting) -> None:
        task = self.sender()
        if task in self.transcriptions:
            self.transcriptions.remove(task)
        self._start_meeting(meeting.id)
        self.library_view.refresh()
        self.open_meeting(meeting.id)
        self.editor_view.refresh()
        count = len(self.library.bullets(meeting.id))
        cancelled = getattr(task, "cancelled", False)
        self.statusBar().showMessage(
            tr("transcribe.cancelled") if cancelled else tr("transcribe.done", count=count))

    def choose_archive(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("action.open_archive"))
        if folder:
            self.import_archive(folder)

    def import_archive(self, folder: str) -> BackgroundTask:
        """Read every transcript of a cloned archive into the library, off the GUI thread."""
        from transcriber.publish.convert import import_archive

        def work(_context: object) -> object:
            try:
                return import_archive(self.library, folder)
            finally:
                self.library.close()

        task = BackgroundTask(work, self)
        task.succeeded.connect(self._on_archive_imported)
        task.failed.connect(self.show_error)
        self.settings.set("archive_path", folder)
        task.start()
        return task

    @Slot(object)
    def _on_archive_imported(self, report: object) -> None:
        self.library_view.refresh()
        self.statusBar().showMessage(tr("import.done", count=len(report.meetings)))
        if report.problems:  # the other files were imported; say which ones were not
            self.show_error("\n".join(str(p) for p in report.problems[:20]))

    # -- other windows -----------------------------------------------------------------

    def show_recorder(self) -> None:
        if self.recorder_panel is None:
            from transcriber.ui.recorder_panel import RecorderPanel

            self.recorder_panel = RecorderPanel(self.library, self.settings)
            self.recorder_panel.recording_saved.connect(self._on_recording_saved)
            self.pages.addWidget(self.recorder_panel)
        self.pages.setCurrentWidget(self.recorder_panel)

    @Slot(int)
    def _on_recording_saved(self, meeting_id: int) -> None:
        self._start_meeting(meeting_id)
        self.library_view.refresh()
        self.open_meeting(meeting_id)

    def open_publish(self) -> None:
        if self.editor_view.meeting_id is None:
            return
        from transcriber.ui.publish_dialog import PublishDialog

        dialog = PublishDialog(self.library, self.editor_view.meeting_id, self.settings, self)
        dialog.published.connect(lambda _id: self.library_view.refresh())
        dialog.open()

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
        box = QMessageBox(QMessageBox.Warning, tr("error.title"), message, QMessageBox.Ok, self)
        box.setObjectName("error_box")
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Cancel and join every thread: transcriptions keep what they decoded.
        for task in self.transcriptions:
            task.cancel()
        if self.recorder_panel is not None:
            self.recorder_panel.shutdown()  # keeps what was recorded
        BackgroundTask.stop_all()
        self.editor_view.shutdown()
        super().closeEvent(event)
