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
import time
from pathlib import Path

import pytest

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
