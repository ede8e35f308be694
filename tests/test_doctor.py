"""`transcriber doctor`: one screen a user pastes into a bug report."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import ctranslate2
import pytest
from publish_support import remote_and_clones
from test_library_integrity import _damage, _stocked

from transcriber.asr import models
from transcriber.library.store import Library

VENV_BIN = Path(sys.executable).parent


def doctor(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(VENV_BIN / "transcriber"), *args], capture_output=True, text=True,
                          timeout=300, env={**os.environ, **(env or {})})


def line(report: str, label: str) -> str:
    for row in report.splitlines():
        if row.startswith(label + " ") or row == label:
            return row[len(label):].strip()
    raise AssertionError(f"no line {label!r} in:\n{report}")


@pytest.fixture
def models_folder(tmp_path: Path, base_model_path: Path) -> Path:
    folder = tmp_path / "models"
    shutil.copytree(base_model_path, folder / "whisper-base")
    (folder / "whisper-base" / ".verified-sha256").write_text(
        (base_model_path / ".verified-sha256").read_text())
    return folder


def test_report_covers_the_machine_the_models_and_a_sound_library(tmp_path, models_folder):
    Library(tmp_path / "lib").close()
    result = doctor("--library", str(tmp_path / "lib"), "doctor", "--offline",
                    env={models.MODELS_ENV: str(models_folder)})
    assert result.returncode == 0, result.stderr
    report = result.stdout
    for title in ("Transcriber", "System", "GPU", "Models", "Audio", "Fonts", "Library", "Archive"):
        assert f"## {title}" in report
    assert line(report, "Version") == "0.1.0"
    assert line(report, "CUDA devices (CTranslate2)") == str(ctranslate2.get_cuda_device_count())
    assert "int8" in line(report, "CTranslate2 on CPU")
    size_mb = sum(p.stat().st_size for p in (models_folder / "whisper-base").iterdir()) / 1e6
    assert line(report, "whisper-base (default)").startswith(f"{size_mb:.1f} MB")
    assert line(report, "Library") == str(tmp_path / "lib")
    assert line(report, "Library health").startswith("sound")
    assert line(report, "Archive") == "none chosen"


def test_cuda_lines_say_what_ctranslate2_can_use():
    from transcriber.doctor import Section, _cuda

    section = Section("GPU")
    _cuda(section)
    lines = dict(section.lines)
    if ctranslate2.get_cuda_device_count() == 0:
        assert re.fullmatch(r"the CPU \(int8\), [1-4] decoder\(s\) side by side, "
                            r"[0-9]+ thread\(s\) each", lines["Transcription runs on"])
    else:  # a machine with a GPU: the compute types are CTranslate2's own answer
        types = ctranslate2.get_supported_compute_types("cuda")
        assert lines["float16 on the GPU"] == ("yes" if "float16" in types else "no")
        assert lines["Transcription runs on"].startswith("the GPU")


def test_damaged_library_is_reported_not_raised(tmp_path):
    _stocked(tmp_path / "lib").close()
    database = tmp_path / "lib" / "library.db"
    _damage(database)
    damaged = database.read_bytes()
    result = doctor("--library", str(tmp_path / "lib"), "doctor", "--offline")
    assert result.returncode == 0, result.stderr
    assert line(result.stdout, "Library health").startswith("DAMAGED")
    assert database.read_bytes() == damaged  # looking never changes it


def test_archive_remote_reachability_from_the_settings(tmp_path):
    _remote, archive, _colleague = remote_and_clones(tmp_path)
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "gui-settings.ini").write_text(
        f"[General]\narchive_path={archive}\nremote=origin\n", encoding="utf-8")
    report = doctor("--library", str(tmp_path / "lib"), "doctor").stdout
    assert line(report, "Archive") == str(archive)
    assert line(report, "Remote 'origin'").startswith("reachable")

    subprocess.run(["git", "-C", str(archive), "remote", "set-url", "origin",
                    str(tmp_path / "gone.git")], check=True)
    report = doctor("--library", str(tmp_path / "lib"), "doctor").stdout
    assert line(report, "Remote 'origin'").startswith("NOT reachable")
    assert line(doctor("--library", str(tmp_path / "lib"), "doctor", "--offline").stdout,
                "Remote 'origin'") == "not checked (--offline)"
