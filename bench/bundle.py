"""The self-contained app against the development install, in the same run.

Prints the bundle's size on disk, the cold start to a visible window on a private
Xvfb (xcb, as a desktop) for the bundle and for ``.venv``, and the wall time to
transcribe ``../shared/audio/en-jfk.flac`` (CPU, whole process, model load included)
from each, with the ratios bundle / venv. Target: transcription ratio <= 1.10.
Each measurement is the median of ``--runs`` runs, alternating the two so that load
from other work on the machine falls on both alike. The bundle runs with an empty
environment and a fresh HOME, as the tests start it.

Usage: .venv/bin/python bench/bundle.py [--bundle OUT/transcriber] [--runs 3]
       (without --bundle it is built first with packaging/build.sh into a temporary folder)
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AUDIO = ROOT.parent / "shared" / "audio" / "en-jfk.flac"
VENV_BIN = Path(sys.executable).parent


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    home.mkdir(parents=True, exist_ok=True)
    return {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", **extra}


def start_xvfb() -> tuple[subprocess.Popen, str]:
    read_end, write_end = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24",
                               "-nolisten", "tcp"], pass_fds=[write_end],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        return server, ":" + pipe.readline().strip()


def time_to_window(argv: list[str], env: dict[str, str], display: str, cwd: Path) -> float:
    start = time.perf_counter()
    app = subprocess.Popen(argv, env={**env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}, cwd=cwd,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while app.poll() is None:
            tree = subprocess.run(["xwininfo", "-root", "-tree", "-display", display],
                                  capture_output=True, text=True, timeout=10).stdout
            if '"Transcriber"' in tree:
                return time.perf_counter() - start
            time.sleep(0.05)
        raise SystemExit(f"{argv[0]} exited with {app.returncode} before its window showed")
    finally:
        app.kill()
        app.wait()


def time_to_transcribe(argv: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        raise SystemExit(f"{argv[0]} failed: {done.stderr[-2000:]}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, help="a built OUT/transcriber folder")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-bundle-"))
    try:
        bundle = args.bundle
        if bundle is None:
            subprocess.run([str(ROOT / "packaging" / "build.sh"), str(work / "build")], check=True,
                           env={**os.environ, "PYTHON": sys.executable}, stdout=subprocess.DEVNULL)
            bundle = work / "build" / "transcriber"
        size = folder_size(bundle)
        model = folder_size(bundle / "_internal" / "models")
        print(f"bundle size: {size / 1e6:.0f} MB ({model / 1e6:.0f} MB of it the embedded model)")

        clip = work / "clip.flac"
        shutil.copyfile(AUDIO, clip)
        venv_env = {**os.environ}
        frozen_env = clean_env(work / "home")
        cli_args = ["transcribe", str(clip), "--language", "en", "--device", "cpu"]
        server, display = start_xvfb()
        starts: dict[str, list[float]] = {"bundle": [], "venv": []}
        decodes: dict[str, list[float]] = {"bundle": [], "venv": []}
        try:
            for run in range(args.runs):
                lib = work / f"lib{run}"
                starts["bundle"].append(time_to_window(
                    [str(bundle / "transcriber-gui"), "--library", str(lib / "b")], frozen_env, display, work))
                starts["venv"].append(time_to_window(
                    [str(VENV_BIN / "transcriber"), "gui", "--library", str(lib / "v")], venv_env, display, work))
                decodes["bundle"].append(time_to_transcribe(
                    [str(bundle / "transcriber"), "--library", str(lib / "b"), *cli_args], frozen_env, work))
                decodes["venv"].append(time_to_transcribe(
                    [str(VENV_BIN / "transcriber"), "--library", str(lib / "v"), *cli_args], venv_env, work))
        finally:
            server.terminate()
            server.wait()
        for label, times in (("cold start to window", starts), ("transcribe en-jfk.flac", decodes)):
            frozen, venv = statistics.median(times["bundle"]), statistics.median(times["venv"])
            print(f"{label}: bundle {frozen:.2f} s, .venv {venv:.2f} s, ratio {frozen / venv:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
