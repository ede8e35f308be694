"""Killing the app loses nothing typed: SIGKILL the real app after an edit, then reopen.

The app runs in its own process (offscreen) through ``run_gui``, the function the
``gui`` command calls; a small driver types into the first bullet once the window
is up and reports on stdout. Nothing is flushed at exit because there is no exit.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

from PySide6.QtCore import Qt

from transcriber.model import Bullet
from transcriber.ui.main_window import MainWindow

DRIVER = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QEvent, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication
    from transcriber.library.store import Library
    from transcriber.ui.app import create_app, run_gui
    from transcriber.ui.main_window import MainWindow

    library_path, meeting_id, text = sys.argv[1], int(sys.argv[2]), sys.argv[3]

    def type_into_first_bullet():
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
        window.open_meeting(meeting_id)
        editor = window.editor_view.bullet_list.text_edit()
        editor.moveCursor(editor.textCursor().MoveOperation.End)
        for char in text:
            for kind in (QEvent.KeyPress, QEvent.KeyRelease):
                QApplication.sendEvent(editor, QKeyEvent(kind, Qt.Key_unknown, Qt.NoModifier, char))
        print("TYPED", flush=True)

    create_app([])
    QTimer.singleShot(300, type_into_first_bullet)
    run_gui(Library(library_path))
    """
)


def test_edit_survives_sigkill_and_shows_after_restart(qtbot, library, tmp_path):
    meeting = library.create_meeting("會議", "2024-05-06")
    library.append_bullets(meeting.id, [Bullet(None, meeting.id, 0, "歡迎大家")])
    library.close()
    script = tmp_path / "driver.py"
    script.write_text(DRIVER, encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}

    app = subprocess.Popen(
        [sys.executable, str(script), str(library.path), str(meeting.id), "來體驗"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        line = app.stdout.readline()
        assert line.strip() == "TYPED", app.stderr.read() if app.poll() is not None else line
        time.sleep(1.0)  # the promise: nothing typed more than a second ago is lost
        assert app.poll() is None, "the app was still running when it was killed"
    finally:
        app.send_signal(signal.SIGKILL)
        app.wait(10)
    assert app.returncode == -signal.SIGKILL

    # Restart: a fresh window on the same library shows the edit, and can undo it.
    window = MainWindow(library, use_audio_device=False)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.open_meeting(meeting.id)
    text_edit = window.editor_view.bullet_list.text_edit()
    assert text_edit.toPlainText() == "歡迎大家來體驗"
    qtbot.keyClick(text_edit, Qt.Key_Z, Qt.ControlModifier)
    assert library.bullets(meeting.id)[0].text == "歡迎大家"
    window.close()


def test_gui_command_starts_the_app(library, tmp_path):
    """``python -m transcriber --library X gui`` opens the window and keeps running."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    app = subprocess.Popen(
        [sys.executable, "-m", "transcriber", "--library", str(library.path), "gui"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        time.sleep(3)
        assert app.poll() is None, app.stderr.read()
    finally:
        app.terminate()
        app.wait(10)
