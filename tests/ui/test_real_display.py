"""The app on a real X server (Xvfb), through Qt's xcb platform plugin, as on a desktop.

Every other GUI test runs offscreen; this one proves that the libraries the xcb
plugin needs are installed (install.sh) and that `transcriber gui --library DIR`
opens its window there.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pulse_support
import pytest

# One private PulseAudio for the recording check (tests/pulse_support.py).
pulse_session = pulse_support.pulse_session
pulse = pulse_support.pulse

VENV_BIN = Path(sys.executable).parent


@pytest.fixture
def x_display():
    """A private Xvfb on a free display number; always stopped and reaped afterwards."""
    if shutil.which("Xvfb") is None:
        pytest.fail("Xvfb is missing: install.sh installs the xvfb package")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24",
                               "-nolisten", "tcp"], pass_fds=[write_end],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    os.close(write_end)
    try:
        with os.fdopen(read_end) as pipe:
            number = pipe.readline().strip()  # Xvfb picks the free display and names it here
        assert number, "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def window_titles(display: str) -> str:
    return subprocess.run(["xwininfo", "-root", "-tree", "-display", display],
                          capture_output=True, text=True, timeout=10).stdout


def test_the_app_opens_its_window_on_a_real_x_server(x_display, tmp_path):
    env = {**os.environ, "DISPLAY": x_display, "QT_QPA_PLATFORM": "xcb", "LANG": "C.UTF-8"}
    env.pop("WAYLAND_DISPLAY", None)
    app = subprocess.Popen([str(VENV_BIN / "transcriber"), "gui", "--library", str(tmp_path / "lib")],
                           env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        titles = ""
        while time.monotonic() < deadline and app.poll() is None:
            titles = window_titles(x_display)
            if '"Transcriber"' in titles:
                break
            time.sleep(0.3)
        if app.poll() is not None:
            pytest.fail(f"the app exited with {app.returncode}: {app.stdout.read()}")
        assert '"Transcriber"' in titles, titles
        assert (tmp_path / "lib").is_dir(), "the library named after `gui --library` was used"
    finally:
        app.send_signal(signal.SIGTERM)
        try:
            app.wait(timeout=20)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait()
        app.stdout.close()


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
    import json

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
        if restart.poll() is None:
            restart.kill()
            restart.wait()
        restart.stdout.close()
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
