"""Faults and odd inputs around the CLI: an interrupted backup, a site build cut off by a
full disk, a 64-channel WAV, and input errors that are not faults of the machine."""

from __future__ import annotations

import shutil
import signal
import sqlite3
from pathlib import Path

import fault_support
import numpy as np
import pytest
import soundfile
from click.testing import CliRunner

from transcriber.audio import load_audio
from transcriber.cli import cli
from transcriber.library.store import Library
from transcriber.model import Bullet


def run(library_path: Path, *args: str):
    return CliRunner().invoke(cli, ["--library", str(library_path), *args])


def _big_library(path: Path) -> Library:
    library = Library(path)
    meeting = library.create_meeting("Long hearing", "2024-05-01")
    library.bulk_append_bullets(meeting.id, [
        Bullet(None, meeting.id, 0, f"Line {n}: " + "數位發展 open government " * 20)
        for n in range(20_000)])
    return library


def test_an_interrupted_backup_leaves_no_partial_file(tmp_path) -> None:
    library = _big_library(tmp_path / "lib")

    def interrupt(_signum, _frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    interrupted = 0
    try:
        for delay in (0.001, 0.005, 0.02, 0.05, 0.1, 0.2):
            signal.setitimer(signal.ITIMER_REAL, delay)
            try:
                library.backup(tmp_path / "copy.db")
                signal.setitimer(signal.ITIMER_REAL, 0)
            except KeyboardInterrupt:  # Ctrl+C
                interrupted += 1
            (tmp_path / "copy.db").unlink(missing_ok=True)
            # was: a hidden .copy.db.partial of the library's size left behind
            assert sorted(p.name for p in tmp_path.iterdir()) == ["lib"]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        library.close()
    assert interrupted


def test_backup_replaces_an_older_backup_with_force(tmp_path) -> None:
    Library(tmp_path / "lib").close()
    (tmp_path / "copy.db").write_bytes(b"an older backup")
    refused = run(tmp_path / "lib", "library", "backup", str(tmp_path / "copy.db"))
    assert refused.exit_code == 1 and "--force" in refused.output
    forced = run(tmp_path / "lib", "library", "backup", str(tmp_path / "copy.db"), "--force")
    assert forced.exit_code == 0, forced.output  # was: "no such option: --force"
    conn = sqlite3.connect(tmp_path / "copy.db")
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    conn.close()


def test_a_site_build_cut_off_by_a_full_disk_is_finished_by_the_next(tmp_path, corpus_dir):
    archive = tmp_path / "archive"
    archive.mkdir()
    for file in sorted(corpus_dir.glob("20*.md"))[:6]:
        shutil.copyfile(file, archive / file.name)
    with fault_support.small_disk(tmp_path / "disk", "64k") as disk:
        first = run(tmp_path / "lib", "site", "build", str(archive), str(disk / "site"),
                    "--no-search")
        assert first.exit_code == 1 and "Traceback" not in first.output
        fault_support.resize(disk, "20m")
        again = run(tmp_path / "lib", "site", "build", str(archive), str(disk / "site"),
                    "--no-search")
        assert again.exit_code == 0, again.output  # was: "not empty and was not built by"
        assert (disk / "site" / "index.html").is_file()


def test_a_64_channel_wav_is_transcribed(tmp_path, audio_dir, base_model_path) -> None:
    speech = load_audio(audio_dir / "en-jfk.flac")
    channels = np.zeros((len(speech), 64), dtype=np.float32)
    channels[:, 5] = speech  # the speaker on one channel of a mixing desk's 64
    soundfile.write(tmp_path / "desk.wav", channels, 16000, subtype="PCM_16")
    result = run(tmp_path / "lib", "transcribe", str(tmp_path / "desk.wav"),
                 "--model", str(base_model_path), "--language", "en")
    assert result.exit_code == 0, result.output  # was: "not audio or video"
    assert "country" in result.stdout.lower()


@pytest.mark.parametrize("command", [
    ["transcribe", "/tmp/" + "x" * 300 + ".wav"],
    ["export", "1", "--out", "/tmp/" + "x" * 300],
])
def test_an_input_error_is_not_called_a_fault_of_the_machine(tmp_path, command) -> None:
    library = Library(tmp_path / "lib")
    library.create_meeting("Hearing", "2024-05-01")
    library.close()
    result = run(tmp_path / "lib", *command)
    assert result.exit_code in (1, 2) and "Traceback" not in result.output
    assert "Stopped:" not in result.output and "saved before this is kept" not in result.output
