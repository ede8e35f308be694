"""Opening audio with the app (a file association) transcribes it into a new meeting.

Linux and Windows pass the file as an argument (`transcriber-gui FILE`); macOS's
Finder sends a file-open event instead. Both end in the window's import.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

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
        qtbot.waitUntil(lambda: "country" in spoken_text(library.path), timeout=180_000)
    finally:
        QApplication.instance().removeEventFilter(opened)
    assert [m.title for m in library.meetings()] == ["hearing"]


def test_files_given_to_the_app_are_transcribed(audio_dir, tmp_path):
    clip = tmp_path / "hearing.flac"
    shutil.copyfile(audio_dir / "en-jfk.flac", clip)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    app = subprocess.Popen([str(Path(sys.executable).parent / "transcriber"), "gui", "--library",
                            str(tmp_path / "lib"), str(clip)], env=env, cwd=tmp_path,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 180
        text = ""
        while time.monotonic() < deadline and app.poll() is None and "country" not in text:
            time.sleep(1)
            if (tmp_path / "lib" / "library.db").is_file():
                text = spoken_text(tmp_path / "lib")
        assert "country" in text, app.stderr.read() if app.poll() is not None else text
    finally:
        app.send_signal(signal.SIGTERM)
        try:
            app.wait(timeout=60)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait()
        app.stderr.close()
