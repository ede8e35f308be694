"""Start-up: QApplication, interface language, crash recovery, the main window.

``transcriber`` with no arguments (or ``transcriber gui``) ends up in ``run_gui``.
Recovery runs before the window opens, so a recording cut off by a crash is whole
again (and its meeting in the list) by the time the user looks.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QLocale, QObject, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from transcriber.library.store import Library
from transcriber.ui import language
from transcriber.ui.main_window import MainWindow
from transcriber.ui.settings_store import AppSettings
from transcriber.ui.tasks import BackgroundTask

# Noto Sans CJK TC first: the same text renders in Taiwanese glyph forms everywhere.
CJK_FAMILIES = ["Noto Sans CJK TC", "Noto Sans TC", "PingFang TC", "Microsoft JhengHei"]


def create_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("transcriber")
    app.setOrganizationName("transcriber")
    font = QFont(app.font())
    font.setFamilies([font.family(), *CJK_FAMILIES])
    app.setFont(font)
    return app


def apply_language(settings: AppSettings) -> str:
    """Set the interface language from the settings (``auto``: the system locale)."""
    code = language.set_language(settings.get("ui_language"))
    QLocale.setDefault(QLocale(QLocale.Chinese, QLocale.Taiwan) if code == language.CHINESE
                       else QLocale(QLocale.English, QLocale.UnitedStates))
    QApplication.setLayoutDirection(Qt.LeftToRight)
    return code


def recover(library: Library) -> int:
    """Close recordings left open by a crash; returns how many were recovered."""
    from transcriber.record import recover_recordings

    library.mark_interrupted()
    return len(recover_recordings(library))


def create_main_window(library: Library, use_audio_device: bool = True) -> MainWindow:
    settings = AppSettings(library.path)
    apply_language(settings)
    recover(library)  # the CLI's start-up (``transcriber gui``) may have recovered them already
    window = MainWindow(library, settings, use_audio_device=use_audio_device)
    window.show_recovered()
    return window


class _Session:
    """Keeps the window alive and rebuilds it when the interface language changes."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.window = create_main_window(library)
        self._wire()
        app = QApplication.instance()
        if app is not None:  # log out / shut down while recording asks, as closing does
            app.commitDataRequest.connect(self._commit_data)

    def _wire(self) -> None:
        self.window.language_switch_requested.connect(self.switch_language)

    def _commit_data(self, manager: object) -> None:
        self.window.commit_data(manager)

    def switch_language(self) -> None:
        if BackgroundTask._alive:
            return  # applied at the next start; rebuilding would cancel running work
        old = self.window
        meeting_id = old.editor_view.meeting_id
        geometry = old.saveGeometry()
        self.window = create_main_window(self.library)
        self._wire()
        self.window.restoreGeometry(geometry)
        if meeting_id is not None:
            self.window.open_meeting(meeting_id)
        self.window.show()
        old.close()
        old.deleteLater()


class _OpenedFiles(QObject):
    """Files the system asks the app to open (macOS Finder's Open With sends an event,
    not an argument): each is imported as ``import_files`` would, into the current window."""

    def __init__(self, session: _Session) -> None:
        super().__init__()
        self.session = session

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's API
        if event.type() == QEvent.FileOpen and event.file():
            self.session.window.import_files([event.file()])
            return True
        return super().eventFilter(watched, event)


def run_gui(library: Library, argv: list[str] | None = None, files: Sequence[str] = ()) -> int:
    """The app on ``library``; ``files`` (audio or video given on the command line, as a
    file association passes them) are transcribed into new meetings once it is open."""
    app = create_app(argv)
    session = _Session(library)
    opened = _OpenedFiles(session)
    app.installEventFilter(opened)
    session.window.show()
    if files:
        session.window.import_files(list(files))
    settings = session.window.settings
    if not any(settings.get(name) for name in ("setup_done", "official_name", "archive_path")):
        session.window.show_first_run()  # skippable; not asked again once answered
    status = app.exec()
    # A transcription cancelled by closing the window leaves CTranslate2 finishing its
    # current window on a decode thread; the interpreter must not shut down under it.
    from transcriber.asr.engine import wait_for_decoders

    wait_for_decoders(timeout=60)
    return status
