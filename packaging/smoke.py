"""Smoke test of a built bundle, run by CI on Windows, macOS and Linux after packaging/build.sh.

    python packaging/smoke.py OUT/transcriber speech.flac

From an environment holding only a fresh HOME (no Python environment, no checkout on
PATH) the bundle must transcribe the clip with the model it carries (the text must
name a word of it, given with --expect) and its desktop executable must open its
window: on Linux seen on the X server (run under xvfb-run), on Windows found by its
title, on macOS still running after start-up with no error printed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TITLE = "Transcriber"


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    keep = ("SYSTEMROOT", "WINDIR", "TEMP", "TMP", "DISPLAY", "XAUTHORITY")  # Windows needs these
    env = {k: os.environ[k] for k in keep if k in os.environ}
    system_path = r"C:\Windows\System32" if sys.platform == "win32" else "/usr/bin:/bin"
    home_vars = {"USERPROFILE": str(home), "APPDATA": str(home / "AppData" / "Roaming"),
                 "LOCALAPPDATA": str(home / "AppData" / "Local")} if sys.platform == "win32" else {}
    return {**env, "HOME": str(home), "PATH": system_path, "LANG": "C.UTF-8", **home_vars, **extra}


def window_shown() -> bool:
    if sys.platform == "win32":
        import ctypes

        return bool(ctypes.windll.user32.FindWindowW(None, TITLE))
    tree = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True).stdout
    return f'"{TITLE}"' in tree


def wait_for_window(gui: subprocess.Popen, seconds: float = 90) -> bool:
    if sys.platform == "darwin":  # listing another app's windows needs accessibility rights
        time.sleep(30)
        return gui.poll() is None
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and gui.poll() is None:
        if window_shown():
            return True
        time.sleep(1)
    return False


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("bundle", type=Path)
    parser.add_argument("audio", type=Path)
    parser.add_argument("--expect", default="country")
    args = parser.parse_args()
    exe = ".exe" if sys.platform == "win32" else ""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        bundle = root / "app" / "transcriber"  # a copy: no path of the build survives
        shutil.copytree(args.bundle, bundle, symlinks=True)
        home = root / "home"
        home.mkdir()
        env = clean_env(home)
        text = subprocess.run([str(bundle / f"transcriber{exe}"), "--library", str(root / "lib"),
                               "transcribe", str(args.audio), "--language", "en"],
                              env=env, cwd=root, capture_output=True, text=True, timeout=600)
        print(text.stdout, text.stderr[-2000:], sep="\n")
        if text.returncode != 0 or args.expect not in text.stdout.lower():
            print(f"FAIL: the bundle did not transcribe the clip (exit {text.returncode})")
            return 1
        gui = subprocess.Popen([str(bundle / f"transcriber-gui{exe}"), "--library", str(root / "lib")],
                               env=env, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            shown = wait_for_window(gui)
        finally:
            gui.kill()
            output = gui.communicate(timeout=30)[0].decode(errors="replace")
        print(output[-2000:])
        if not shown:
            print(f"FAIL: the window did not open (exit {gui.returncode})")
            return 1
    print("OK: transcribed with the bundled model and opened the window")
    return 0


if __name__ == "__main__":
    sys.exit(main())
