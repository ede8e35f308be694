"""Opening audio with the app (a file association) transcribes it into a new meeting,
once the user has said whose recording it is (as for any import).

Linux and Windows pass the file as an argument (`transcriber-gui FILE`); macOS's
Finder sends a file-open event instead. Both end in the window's import.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from display_support import stop_app
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication
from test_gui_workflow import answer_whose_recording

from transcriber.library.store import Library
from transcriber.ui.app import _OpenedFiles, _Session


def spoken_text(library_path: Path) -> str:
    library = Library.for_reading(library_path)
    try:
        return " ".join(b.text for m in library.meetings() for b in library.bullets(m.id)).lower()
    finally:
        library.close()


def test_a_file_open_event_transcribes_the_file(qtbot, library, audio_dir, tmp_path):
    clip = tmp_path / "hearing.flac"
    shutil.copyfile(audio_dir / "en-jfk.flac", clip)
    session = _Session(library)
    qtbot.addWidget(session.window)
    session.window.settings.set("asr_language", "en")
    opened = _OpenedFiles(session)
    QApplication.instance().installEventFilter(opened)
    try:
        QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(str(clip)))
        answer_whose_recording(session.window, "Kennedy")
        qtbot.waitUntil(lambda: "country" in spoken_text(library.path), timeout=180_000)
    finally:
        QApplication.instance().removeEventFilter(opened)
    assert [m.title for m in library.meetings()] == ["hearing"]


def test_files_given_to_the_app_wait_for_whose_recording_they_are(audio_dir, tmp_path):
    """`transcriber gui FILE` opens the window asking whose recording FILE is: nothing is
    transcribed (or attributed) before the answer, and the app does not fail on the file."""
    clip = tmp_path / "hearing.flac"
    shutil.copyfile(audio_dir / "en-jfk.flac", clip)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    app = subprocess.Popen([str(Path(sys.executable).parent / "transcriber"), "gui", "--library",
                            str(tmp_path / "lib"), str(clip)], env=env, cwd=tmp_path,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and app.poll() is None \
                and not (tmp_path / "lib" / "library.db").is_file():
            time.sleep(0.5)
        time.sleep(15)  # a transcription started without the answer would have stored a meeting
        assert app.poll() is None, app.stderr.read()
        library = Library.for_reading(tmp_path / "lib")
        try:
            assert library.meetings() == []
        finally:
            library.close()
    finally:
        stop_app(app, timeout=60)
