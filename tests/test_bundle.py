"""The self-contained app (packaging/build.sh) runs on a machine with nothing else.

Built once per session with PyInstaller (or taken from ``TRANSCRIBER_BUNDLE``, a
folder holding ``transcriber/``, as CI does after its build step), copied to a fresh
temporary folder, and started with an empty environment (``env -i``): no virtual
environment, no checkout on any path, a fresh HOME. It must transcribe real speech
with the model it carries, exactly as the development install does, and open its
window on a real X server through Qt's xcb plugin.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import display_support
import pulse_support
import pytest
from display_support import stop_app, wait_for_window

# The private PulseAudio and Xvfb fixtures (see tests/pulse_support.py, tests/display_support.py).
pulse_session = pulse_support.pulse_session
pulse = pulse_support.pulse
x_display = display_support.x_display

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent

pytestmark = [pytest.mark.bundle,
              pytest.mark.skipif(not sys.platform.startswith("linux"),
                                 reason="the Xvfb smoke test is Linux's; CI runs packaging/smoke.py on each system")]


@pytest.fixture(scope="session")
def bundle(tmp_path_factory) -> Path:
    """A copy of the built bundle, in a folder that shares no path with the checkout."""
    built = os.environ.get("TRANSCRIBER_BUNDLE")
    if built:
        source = Path(built) / "transcriber"
    else:
        out = tmp_path_factory.mktemp("build")
        # PyInstaller's cache goes to the test's folder, not the user's ~/.cache.
        cache = tmp_path_factory.mktemp("pyinstaller-cache")
        result = subprocess.run([str(ROOT / "packaging" / "build.sh"), str(out)], cwd=ROOT,
                                env={**os.environ, "PYTHON": sys.executable,
                                     "PYINSTALLER_CONFIG_DIR": str(cache)},
                                capture_output=True, text=True, timeout=1800)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        source = out / "transcriber"
    copy = tmp_path_factory.mktemp("elsewhere") / "transcriber"
    shutil.copytree(source, copy, symlinks=True)
    return copy


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """What ``env -i`` leaves, plus a fresh HOME and a system PATH (no venv, no checkout)."""
    home.mkdir(exist_ok=True)
    return {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", **extra}


def run_clean(argv: list[str], home: Path, cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(["env", "-i", *(f"{k}={v}" for k, v in clean_env(home).items()), *argv],
                          cwd=cwd, capture_output=True, text=True, timeout=timeout)


def test_bundle_holds_no_path_of_the_build(bundle: Path) -> None:
    assert (bundle / "transcriber").is_file() and (bundle / "transcriber-gui").is_file()
    assert not any(part in {".venv", "site-packages"} for part in bundle.parts)


def test_bundle_transcribes_like_the_venv(bundle: Path, audio_dir: Path, tmp_path: Path) -> None:
    clip = tmp_path / "clip.flac"
    shutil.copyfile(audio_dir / "en-jfk.flac", clip)
    args = ["transcribe", str(clip), "--language", "en", "--format", "txt", "--device", "cpu"]
    frozen = run_clean([str(bundle / "transcriber"), "--library", str(tmp_path / "lib1"), *args],
                       tmp_path / "home", cwd=tmp_path)
    assert frozen.returncode == 0, frozen.stderr[-3000:]
    # The model came from the bundle: nothing was assembled or downloaded into the fresh HOME.
    assert not list((tmp_path / "home").rglob("model.bin"))
    venv = subprocess.run([str(VENV_BIN / "transcriber"), "--library", str(tmp_path / "lib2"), *args],
                          cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert venv.returncode == 0, venv.stderr[-3000:]
    assert "country" in frozen.stdout.lower()
    assert frozen.stdout == venv.stdout


def test_bundle_doctor_and_version(bundle: Path, tmp_path: Path) -> None:
    result = run_clean([str(bundle / "transcriber"), "--library", str(tmp_path / "lib"), "doctor",
                        "--offline"], tmp_path / "home", cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "self-contained app" in result.stdout
    assert "whisper-base (default)" in result.stdout and str(bundle) in result.stdout


def test_bundle_builds_a_searchable_site(bundle: Path, corpus_dir: Path, tmp_path: Path) -> None:
    """Pagefind's binary and the generator's worker processes work from inside the bundle."""
    result = run_clean([str(bundle / "transcriber"), "site", "build", str(corpus_dir), str(tmp_path / "site")],
                       tmp_path / "home", cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    transcripts = len(list(corpus_dir.glob("*.md")))
    assert f"{transcripts} pages indexed for search" in result.stdout
    assert (tmp_path / "site" / "pagefind" / "pagefind.js").is_file()


def test_bundle_records_from_the_sound_server_and_transcribes_it(bundle: Path, pulse, audio_dir: Path,
                                                                tmp_path: Path) -> None:
    """The bundled PortAudio reaches the sound server through the system's ALSA plugin."""
    env = ["env", "-i", *(f"{k}={v}" for k, v in clean_env(tmp_path / "home", **pulse.env).items())]
    recorder = subprocess.Popen([*env, str(bundle / "transcriber"), "--library", str(tmp_path / "lib"),
                                 "record", "--device", "pulse", "--seconds", "13"],
                                cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1)
    pulse.play(audio_dir / "en-jfk.flac")
    out, err = recorder.communicate(timeout=120)
    assert recorder.returncode == 0, err[-3000:]
    meeting_id = out.strip()
    result = subprocess.run([*env, str(bundle / "transcriber"), "--library", str(tmp_path / "lib"),
                             "meetings", "transcribe", meeting_id, "--language", "en"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    shown = subprocess.run([*env, str(bundle / "transcriber"), "--library", str(tmp_path / "lib"),
                            "meetings", "show", meeting_id], cwd=tmp_path, capture_output=True,
                           text=True, timeout=120)
    assert "country" in shown.stdout.lower(), shown.stdout + shown.stderr


def test_bundle_opens_its_window_on_a_real_x_server(bundle: Path, x_display: str, tmp_path: Path) -> None:
    env = clean_env(tmp_path / "home", DISPLAY=x_display, QT_QPA_PLATFORM="xcb")
    app = subprocess.Popen([str(bundle / "transcriber-gui"), "--library", str(tmp_path / "lib")],
                           env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True)
    try:
        wait_for_window(app, x_display, "Transcriber", 90)
        assert (tmp_path / "lib").is_dir()
    finally:
        stop_app(app)


def test_the_wheel_installs_and_transcribes_without_the_checkout(audio_dir: Path, tmp_path: Path) -> None:
    """What `pipx install transcriber-*.whl` gets: the package from the wheel alone.

    The fresh environment borrows the third-party packages of this one through a .pth
    line (no download in the test); the app itself, with its site assets, comes only
    from the wheel. CI's `pipx` job installs the same wheel with its dependencies from PyPI.
    """
    import zipfile

    wheels = tmp_path / "wheels"
    pip_env = {**os.environ, "PIP_CACHE_DIR": str(tmp_path / "pip-cache")}  # not ~/.cache
    source = tmp_path / "source"  # setuptools writes build/ and *.egg-info beside the sources
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "models", "build", "dist", "*.egg-info", "__pycache__", ".*_cache"))
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                            "-q", "-w", str(wheels), str(source)], capture_output=True, text=True,
                           timeout=600, cwd=tmp_path, env=pip_env)
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("transcriber-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assets = [n for n in names if n.startswith("transcriber/site/assets/")]
    shipped = sorted(p.name for p in (ROOT / "transcriber" / "site" / "assets").iterdir() if p.is_file())
    assert sorted(Path(n).name for n in assets) == shipped
    assert not any(n.startswith(("tests/", "models/", "packaging/")) for n in names)

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    outside = {k: v for k, v in pip_env.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    installed = subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"),
                                "install", "--no-deps", str(wheel)],
                               capture_output=True, text=True, timeout=600, env=outside)
    assert installed.returncode == 0, installed.stderr
    assert "Successfully installed transcriber" in installed.stdout, installed.stdout
    site = next((venv / "lib").glob("python3*/site-packages"))
    import sysconfig

    (site / "borrowed-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    home = tmp_path / "home"
    env = clean_env(home)
    where = subprocess.run([str(venv / "bin" / "python"), "-c",
                            "import transcriber, sys; print(transcriber.__file__)"],
                           env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert where.stdout.startswith(str(site)), where.stdout + where.stderr
    assert subprocess.run([str(venv / "bin" / "transcriber"), "--help"], env=env, cwd=tmp_path,
                          capture_output=True, timeout=120).returncode == 0
    clip = tmp_path / "clip.flac"
    shutil.copyfile(audio_dir / "en-jfk.flac", clip)
    # No apt step: without the system's PortAudio, sounddevice fails to import, as here.
    no_portaudio = tmp_path / "no-portaudio"
    no_portaudio.mkdir()
    (no_portaudio / "sounddevice.py").write_text("raise OSError('PortAudio library not found')\n")
    result = subprocess.run([str(venv / "bin" / "transcriber"), "--library", str(tmp_path / "lib"),
                             "transcribe", str(clip), "--language", "en", "--device", "cpu"],
                            env={**env, "PYTHONPATH": str(no_portaudio)}, cwd=tmp_path,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "country" in result.stdout.lower()
    # The embedded model was assembled from its PyPI packages into the user data folder.
    assert (home / ".local" / "share" / "transcriber" / "models" / "whisper-base" / "model.bin").is_file()
