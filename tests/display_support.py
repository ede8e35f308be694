"""A real X server for the tests that run the app as on a desktop (Qt's xcb plugin).

``x_display`` starts a private Xvfb and yields its display name; ``wait_for_window``
waits for a top-level window titled ``title`` on it; ``AppOutput`` reads what a GUI
subprocess prints and waits for a line with a deadline; ``stop_app`` ends a GUI
subprocess (SIGTERM, then kill) and reaps it. Import the fixture into a test module
with ``x_display = display_support.x_display``.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import shutil
import signal
import subprocess
import threading
import time

import pytest


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
    """Every window on ``display`` with its title, as ``xwininfo -tree`` lists them."""
    return subprocess.run(["xwininfo", "-root", "-tree", "-display", display],
                          capture_output=True, text=True, timeout=10).stdout


def wait_for_window(app: subprocess.Popen, display: str, title: str, timeout: float) -> None:
    """Wait until ``app`` shows a window titled ``title``; fail with its output if it exits."""
    deadline = time.monotonic() + timeout
    titles = ""
    while time.monotonic() < deadline and app.poll() is None:
        titles = window_titles(display)
        if f'"{title}"' in titles:
            return
        time.sleep(0.3)
    if app.poll() is not None:
        output = app.stdout.read() if app.stdout is not None else ""
        pytest.fail(f"the app exited with {app.returncode}: {output}")
    pytest.fail(f"no window titled {title!r} within {timeout} s: {titles}")


class AppOutput:
    """What a GUI subprocess (started with ``stdout=PIPE, text=True``) prints, read on a
    thread: a wait for a line has its own deadline even when the app hangs silently, and
    ``lines`` keeps everything read so far, with when it came, for the failure message."""

    def __init__(self, app: subprocess.Popen) -> None:
        self.app = app
        self.lines: list[str] = []
        self._started = time.monotonic()
        self._queue: queue.SimpleQueue[tuple[float, str] | None] = queue.SimpleQueue()
        threading.Thread(target=self._read, name="app-output", daemon=True).start()

    def _read(self) -> None:
        with contextlib.suppress(ValueError, OSError):  # stop_app closed the pipe
            for line in self.app.stdout:
                self._queue.put((time.monotonic() - self._started, line.rstrip()))
        self._queue.put(None)

    def value(self, prefix: str, timeout: float) -> object:
        """The JSON value after ``prefix`` on the next line that starts with ``prefix``;
        fail with the app's output if it exits or says nothing of the kind in time."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                item = self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                pytest.fail(f"no {prefix} within {timeout} s; the app printed: {self.text()}")
            if item is None:
                self._queue.put(None)  # every later wait sees the end too
                pytest.fail(f"the app exited with {self.app.wait(10)} before {prefix}: {self.text()}")
            seconds, line = item
            self.lines.append(f"{seconds:6.1f} s  {line}")
            if line.startswith(prefix + " "):
                return json.loads(line[len(prefix) + 1:])

    def text(self) -> str:
        return "\n".join(self.lines)


def stop_app(app: subprocess.Popen, timeout: float = 20) -> None:
    """Ask a GUI subprocess to quit as a desktop does (SIGTERM), kill it if it has not
    within ``timeout`` seconds, reap it and close its pipes."""
    if app.poll() is None:
        app.send_signal(signal.SIGTERM)
    try:
        app.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        app.kill()
        app.wait()
    for pipe in (app.stdin, app.stdout, app.stderr):
        if pipe is not None:
            pipe.close()
