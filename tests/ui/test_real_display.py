"""The app on a real X server (Xvfb), through Qt's xcb platform plugin, as on a desktop.

Every other GUI test runs offscreen; these prove that the libraries the xcb
plugin needs are installed (install.sh), that `transcriber gui --library DIR`
opens its window there, that keys typed right after a click (real X input events,
through xdotool) land in the bullet clicked, and issue 17's whole check.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import display_support
import pulse_support
import pytest
from display_support import stop_app, wait_for_window

# One private PulseAudio for the recording check (tests/pulse_support.py).
pulse_session = pulse_support.pulse_session
pulse = pulse_support.pulse
x_display = display_support.x_display

VENV_BIN = Path(sys.executable).parent


def test_the_app_opens_its_window_on_a_real_x_server(x_display, tmp_path):
    env = {**os.environ, "DISPLAY": x_display, "QT_QPA_PLATFORM": "xcb", "LANG": "C.UTF-8"}
    env.pop("WAYLAND_DISPLAY", None)
    app = subprocess.Popen([str(VENV_BIN / "transcriber"), "gui", "--library", str(tmp_path / "lib")],
                           env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_for_window(app, x_display, "Transcriber", 60)
        assert (tmp_path / "lib").is_dir(), "the library named after `gui --library` was used"
    finally:
        stop_app(app)


# -- typing right after clicking another bullet ------------------------------------------

EDITOR = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtCore import QPoint, QTimer
    from transcriber.library.store import Library
    from transcriber.ui.app import create_app, create_main_window

    library_path, meeting_id = sys.argv[1], int(sys.argv[2])
    app = create_app([])
    window = create_main_window(Library(library_path), use_audio_device=False)
    window.show()
    window.open_meeting(meeting_id)


    def rows_on_screen():
        '''Where to click each bullet (the end of its text), in screen coordinates.'''
        handle = window.windowHandle()
        if handle is None or not handle.isExposed():
            QTimer.singleShot(100, rows_on_screen)
            return
        bullets = window.editor_view.bullet_list
        points = []
        for row in range(bullets.bullet_model.rowCount()):
            rect = bullets.visualRect(bullets.bullet_model.index(row, 0))
            assert bullets.viewport().rect().contains(rect), "every bullet in view"
            point = bullets.viewport().mapToGlobal(QPoint(rect.right() - 20, rect.center().y()))
            points.append([point.x(), point.y()])
        print("ROWS", json.dumps(points), flush=True)


    QTimer.singleShot(0, rows_on_screen)
    app.exec()
    """
)

TEXTS = ["歡迎大家來體驗", "今天談數位發展", "這一段聽不清楚", "最後一段", "我們先看提案", "再談預算", "問題請提出", "謝謝大家"]
DELAYS = [0.0, 0.02, 0.05, 0.1]  # seconds from the click on a bullet to the first key
# Typed in ASCII: xdotool types a character its keymap lacks (any Chinese one) by remapping a
# spare key, which races Qt's keymap reload and drops characters; the bullets stay Chinese.


def xdotool(display: str, *args: object) -> None:
    subprocess.run(["xdotool", *map(str, args)], env={**os.environ, "DISPLAY": display},
                   check=True, timeout=30)  # fmt: skip


def test_keys_typed_right_after_clicking_another_bullet_land_in_it(x_display, tmp_path):
    """Issue 17: keys typed within ~0.1 s of clicking another bullet were reported in the old
    one. Real X events: click bullet A and type at its end, then click bullet B and type after
    0, 20, 50 and 100 ms; every key is in B, and A holds exactly its text and what was typed in it."""
    from transcriber.library.store import Library
    from transcriber.model import Bullet

    if shutil.which("xdotool") is None:
        pytest.fail("xdotool is missing: install.sh installs it")
    library = Library(tmp_path / "library")
    meeting = library.create_meeting("數位部會議", "2024-05-06", language="zh")
    official = library.speaker(meeting.id, "唐鳳", is_default=True)
    library.append_bullets(meeting.id, [Bullet(None, meeting.id, 0, text, speaker_id=official.id)
                                        for text in TEXTS])  # fmt: skip
    library.close()
    (tmp_path / "editor.py").write_text(EDITOR, encoding="utf-8")
    env = {**os.environ, "DISPLAY": x_display, "QT_QPA_PLATFORM": "xcb", "LANG": "C.UTF-8"}
    env.pop("WAYLAND_DISPLAY", None)
    app = subprocess.Popen([sys.executable, str(tmp_path / "editor.py"), str(tmp_path / "library"),
                            str(meeting.id)], env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)  # fmt: skip
    try:
        rows = json.loads(_lines(app, "ROWS", 60))
        for number, delay in enumerate(DELAYS):
            left, clicked = rows[2 * number], rows[2 * number + 1]
            xdotool(x_display, "mousemove", *left, "click", 1, "sleep", 0.3, "key", "End",
                    "type", "--delay", 0, f"ab{number}")  # fmt: skip
            time.sleep(0.3)
            xdotool(x_display, "mousemove", *clicked, "click", 1, "sleep", delay,
                    "type", "--delay", 0, f"xy{number}")  # fmt: skip
            time.sleep(0.5)
        assert app.poll() is None, "the app still runs"
    finally:
        stop_app(app)
    reader = Library.for_reading(tmp_path / "library")
    after = [b.text for b in reader.bullets(meeting.id)]
    reader.close()
    for number, delay in enumerate(DELAYS):
        left, clicked, typed = 2 * number, 2 * number + 1, f"xy{number}"
        when = f"{delay * 1000:.0f} ms after the click"
        assert after[left] == TEXTS[left] + f"ab{number}", (when, after)
        assert typed in after[clicked] and after[clicked].replace(typed, "", 1) == TEXTS[clicked], (when, after)


# -- issue 17's check: record, close (answered), kill -9, restart, re-transcribe ----------

STEPS = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication


    def run(steps):
        '''Drive the app with ``steps``, a generator yielding conditions to wait for.'''
        app = QApplication.instance()
        generator = steps()

        def advance():
            try:
                condition = next(generator)
            except StopIteration:
                app.quit()
                return
            wait(condition)

        def wait(condition):
            if condition():
                advance()
            else:
                QTimer.singleShot(100, lambda: wait(condition))

        QTimer.singleShot(0, advance)


    def say(*words):
        print(*words, flush=True)
    """
)

RECORD = STEPS + textwrap.dedent(
    """
    import time
    from transcriber.library.store import Library
    from transcriber.record import RecorderState
    from transcriber.ui.app import create_app, create_main_window

    library_path, model = sys.argv[1], sys.argv[2]
    create_app([])
    window = create_main_window(Library(library_path))
    window.settings.set("model", model)
    window.show()


    def steps():
        window.show_recorder()
        panel = window.recorder_panel
        panel.title_edit.setText("訪談")
        panel.marker_box.setEditText("此處重述提問")
        panel.start()
        yield lambda: panel.recorder is not None and panel.recorder.state is RecorderState.RECORDING
        say("RECORDING")  # the test plays the speech now
        started = time.monotonic()
        yield lambda: time.monotonic() - started > 2.2  # between the Mandarin and the English
        panel.add_marker()
        say("MARKED")
        yield lambda: time.monotonic() - started > 13
        window.close()  # mid-recording
        box = window.message_box
        say("ASKED", window.isVisible(), box is not None and box.isVisible(), panel.is_recording())
        box.defaultButton().click()  # keep recording
        yield lambda: True
        say("KEPT", window.isVisible(), panel.is_recording())
        yield lambda: False  # recording on, until the test kills the app


    run(steps)
    QApplication.instance().exec()
    """
)

RESTART = STEPS + textwrap.dedent(
    """
    from PySide6.QtWidgets import QPushButton
    from transcriber.library.store import Library
    from transcriber.ui.app import create_app, create_main_window
    from transcriber.ui.retranscribe_dialog import RetranscribeDialog

    library_path, model = sys.argv[1], sys.argv[2]
    create_app([])
    library = Library(library_path)
    window = create_main_window(library)
    window.settings.set("model", model)
    window.show()


    def snapshot():
        return [{"id": b.id, "text": b.text, "start": b.start, "end": b.end,
                 "marker": b.extra.get("marker")} for b in library.bullets(window.editor_view.meeting_id)]


    def apply(dialog, language):
        dialog.language_box.setCurrentIndex(dialog.language_box.findData(language))
        dialog.start_button.click()
        yield lambda: dialog.preview.isVisible()
        plan = dialog.plan
        result = {"kept": [b.id for b in plan.kept], "replaced": [b.id for b in plan.replaced],
                  "new": [b.text for b in plan.new]}
        if dialog.apply_button.isVisible():
            dialog.apply_button.click()
        else:
            dialog.reject()
        say("PLAN", json.dumps(result, ensure_ascii=False))


    def steps():
        yield lambda: window.editor_view.meeting_id is not None
        say("BANNER", json.dumps({"visible": window.banner.isVisible(),
                                  "text": window.banner.label.text()}, ensure_ascii=False))
        say("DRAFT", json.dumps(snapshot(), ensure_ascii=False))
        rest = window.findChild(QPushButton, "banner_transcribe_rest")
        if rest is not None and rest.isVisible():
            rest.click()  # what the live draft had not reached when the app died
            dialog = [d for d in window.findChildren(RetranscribeDialog) if d.isVisible()][-1]
            yield from apply(dialog, "auto")
        window.editor_view.refresh()
        bullets = window.editor_view.bullet_list
        bullets.go_to_row(0, cursor=-1)
        editor = bullets.text_edit()
        editor.insertPlainText("（補）")  # the editor's own correction
        before = snapshot()
        say("BEFORE", json.dumps(before, ensure_ascii=False))
        chosen = [b["id"] for b in before if b["text"] and any(c.isascii() and c.isalpha() for c in b["text"])][:1]
        say("RANGE", json.dumps(chosen))
        dialog = RetranscribeDialog(library, window.editor_view.meeting_id, window.settings, chosen, window)
        dialog.open()
        yield from apply(dialog, "zh")  # forced Mandarin over English speech
        say("AFTER", json.dumps(snapshot(), ensure_ascii=False))


    run(steps)
    QApplication.instance().exec()
    """
)


def _lines(process, prefix: str, timeout: float) -> str:
    """The rest of the first line of ``process``'s output starting with ``prefix``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            if process.poll() is not None:
                pytest.fail(f"the app exited with {process.returncode} before {prefix}")
            continue
        if line.startswith(prefix):
            return line[len(prefix):].strip()
    pytest.fail(f"no {prefix} within {timeout} s")


def _words(text: str) -> list[str]:
    import re

    return re.findall(r"[A-Za-z']+|[\u4e00-\u9fff]", text)


def test_record_close_kill_restart_and_retranscribe_lose_no_word(x_display, tmp_path, audio_dir,
                                                                 base_model_path, pulse):  # fmt: skip
    env = {**os.environ, "DISPLAY": x_display, "QT_QPA_PLATFORM": "xcb", "LANG": "C.UTF-8"}
    env.pop("WAYLAND_DISPLAY", None)
    library = tmp_path / "library"
    (tmp_path / "record.py").write_text(RECORD, encoding="utf-8")
    (tmp_path / "restart.py").write_text(RESTART, encoding="utf-8")
    recording = subprocess.Popen([sys.executable, str(tmp_path / "record.py"), str(library),
                                  str(base_model_path)], env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True)  # fmt: skip
    try:
        _lines(recording, "RECORDING", 120)
        pulse.play(audio_dir / "dev" / "mix-zh-en.wav", wait=False)
        _lines(recording, "MARKED", 30)
        asked = _lines(recording, "ASKED", 60)
        assert asked == "True True True", "closing asked, and the window and the recording stayed"
        assert _lines(recording, "KEPT", 30) == "True True", "kept recording when told to"
        time.sleep(1.0)
    finally:
        recording.send_signal(signal.SIGKILL)  # the crash
        recording.wait(20)
        recording.stdout.close()

    restart = subprocess.Popen([sys.executable, str(tmp_path / "restart.py"), str(library),
                                str(base_model_path)], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)  # fmt: skip
    try:
        banner = json.loads(_lines(restart, "BANNER", 120))
        assert banner["visible"] and "訪談" in banner["text"], banner
        before = json.loads(_lines(restart, "BEFORE", 600))
        chosen = json.loads(_lines(restart, "RANGE", 30))
        plan = json.loads(_lines(restart, "PLAN", 600))
        after = json.loads(_lines(restart, "AFTER", 60))
        restart.wait(60)
    finally:
        stop_app(restart)
    assert chosen, f"an English bullet to re-transcribe: {before}"
    final_text = " ".join(b["text"] for b in after)
    assert before[0]["text"].endswith("（補）") and before[0]["text"] in final_text, "the edit stays"
    # Untouched: every bullet the preview did not list as replaced (the range is widened
    # to the bullets it cuts through, and the preview shows those too).
    untouched = [b for b in before if b["id"] not in plan["replaced"]]
    for bullet in untouched:
        missing = [w for w in _words(bullet["text"]) if w not in final_text]
        assert not missing, (bullet, missing, after)
    labels = [b["marker"] for b in after if b["marker"] is not None]
    assert labels == ["此處重述提問"], after
