"""``transcriber record`` / ``devices`` as a user runs them: real processes, real signals,
a real (private) PulseAudio, and a real write limit for the full-disk case."""

from __future__ import annotations

import os
import queue
import re
import resource
import signal
import subprocess
import sys
import threading
from pathlib import Path

import fault_support
import pulse_support
import pytest
import soundfile
from click.testing import CliRunner

from transcriber.asr.engine import EngineOptions, get_engine
from transcriber.audio import load_audio, sha256_file
from transcriber.cli import cli
from transcriber.library.store import Library
from transcriber.model import RecordingState

# The private PulseAudio fixtures (see tests/pulse_support.py).
pulse_session = pulse_support.pulse_session
pulse = pulse_support.pulse

STATUS = re.compile(r"recording (\d+):(\d+\.\d)")


class RecordProcess:
    """``python -m transcriber record`` in a subprocess, its stderr read line by line."""

    def __init__(self, library_path: Path, *args: str, **popen: object) -> None:
        self.lines: queue.SimpleQueue = queue.SimpleQueue()
        self.stderr: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "transcriber", "--library", str(library_path), "record", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            **popen,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._result: tuple[int, str, str] | None = None

    def _read(self) -> None:
        for line in self.process.stderr:
            self.stderr.append(line)
            self.lines.put(line)
        self.lines.put(None)

    def wait_for_elapsed(self, seconds: float, timeout: float = 60) -> float:
        """Block until the recorder reports at least ``seconds`` recorded; return the report."""
        while True:
            line = self.lines.get(timeout=timeout)
            if line is None:
                raise AssertionError(f"recorder ended early:\n{''.join(self.stderr)}")
            match = STATUS.search(line)
            if match and int(match[1]) * 60 + float(match[2]) >= seconds:
                return int(match[1]) * 60 + float(match[2])

    def finish(self, timeout: float = 120) -> tuple[int, str, str]:
        """Wait for the exit; (exit code, stdout, stderr). Safe to call twice."""
        if self._result is None:
            stdout = self.process.stdout.read()
            code = self.process.wait(timeout=timeout)
            self._reader.join(timeout=10)
            self.process.stdout.close()
            self.process.stderr.close()
            self._result = (code, stdout, "".join(self.stderr))
        return self._result

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.finish()


@pytest.fixture
def record_processes():
    """Every recorder process a test starts is gone after it, whatever happened."""
    started: list[RecordProcess] = []
    yield started
    for process in started:
        process.kill()


def test_devices_lists_the_inputs_and_marks_the_default(pulse) -> None:
    result = CliRunner().invoke(cli, ["devices"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any("\tpulse\t" in line for line in lines)
    assert sum(line.startswith("*") for line in lines) == 1


def test_record_for_n_seconds_from_a_named_device(pulse, tmp_path) -> None:
    result = CliRunner().invoke(
        cli,
        ["--library", str(tmp_path / "lib"), "record", "--device", "pulse", "--seconds", "2",
         "--title", "Budget hearing"],
    )
    assert result.exit_code == 0, result.output
    meeting_id = int(result.stdout.strip())
    library = Library(tmp_path / "lib")
    assert library.meeting(meeting_id).title == "Budget hearing"
    (recording,) = library.recordings(meeting_id)
    assert recording.state == RecordingState.COMPLETE
    assert recording.duration == pytest.approx(2.0, abs=0.1)
    assert soundfile.info(recording.path).duration == pytest.approx(recording.duration, abs=0.01)
    library.close()


def test_ctrl_c_stops_cleanly_and_the_meeting_is_stored(pulse, tmp_path, record_processes) -> None:
    recorder = RecordProcess(tmp_path / "lib", "--title", "Stopped by hand")
    record_processes.append(recorder)
    reported = recorder.wait_for_elapsed(2.0)
    recorder.process.send_signal(signal.SIGINT)
    code, stdout, stderr = recorder.finish()

    assert code == 0, stderr
    library = Library(tmp_path / "lib")
    (recording,) = library.recordings(int(stdout.strip()))
    assert recording.state == RecordingState.COMPLETE
    assert recording.sha256 == sha256_file(recording.path)
    assert recording.duration == pytest.approx(reported, abs=1.0)
    library.close()


@pytest.mark.slow
def test_a_killed_recorder_is_recovered_on_the_next_start(
    pulse, tmp_path, audio_dir, base_model_path, record_processes
) -> None:
    recorder = RecordProcess(tmp_path / "lib", "--title", "Killed")
    record_processes.append(recorder)
    pulse.play(audio_dir / "en-jfk.flac", wait=False)
    reported = recorder.wait_for_elapsed(5.0)
    recorder.process.send_signal(signal.SIGKILL)
    recorder.finish()

    # The next start recovers it before recording anything new.
    again = RecordProcess(tmp_path / "lib", "--seconds", "0.5")
    record_processes.append(again)
    code, _stdout, stderr = again.finish()
    assert code == 0, stderr
    assert "Recovered an interrupted recording: meeting 1" in stderr

    library = Library(tmp_path / "lib")
    (recording,) = library.recordings(1)
    assert recording.state == RecordingState.RECOVERED
    assert soundfile.info(recording.path).duration == pytest.approx(recording.duration, abs=0.01)
    assert recording.duration == pytest.approx(reported, abs=1.0)
    assert recording.sha256 == sha256_file(recording.path)
    # The words spoken before the kill are in the recovered file.
    engine = get_engine(EngineOptions(model=str(base_model_path), language="en"))
    text = " ".join(s.text for s in engine.transcribe(load_audio(recording.path))).lower()
    assert "fellow americans" in text
    library.close()


def _limit_file_size(limit: int):
    def apply() -> None:
        # Python ignores SIGXFSZ, so a write past the limit fails with OSError (EFBIG),
        # as a write to a full disk fails with ENOSPC: the same path in the recorder.
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_full_disk_stops_the_recording_and_keeps_what_was_written(
    pulse, tmp_path, record_processes
) -> None:
    Library(tmp_path / "lib").close()  # created without the limit
    limit = 400_000  # bytes: about 4 s at 48 kHz
    recorder = RecordProcess(
        tmp_path / "lib", "--sample-rate", "48000", "--title", "Full disk",
        preexec_fn=_limit_file_size(limit),
    )
    record_processes.append(recorder)
    code, stdout, stderr = recorder.finish(timeout=60)

    assert code == 1
    assert "Error: Recording stopped: the recording file reached the largest size" in stderr
    library = Library(tmp_path / "lib")
    (recording,) = library.recordings(int(stdout.strip()))
    assert recording.state == RecordingState.COMPLETE
    info = soundfile.info(recording.path)
    assert info.samplerate == 48000
    assert recording.duration == pytest.approx(info.duration, abs=0.01)
    assert recording.duration == pytest.approx((limit - 44) / 96_000, abs=0.05)
    assert recording.sha256 == sha256_file(recording.path)
    library.close()


def test_no_input_device_is_a_clear_error_and_creates_no_meeting(tmp_path) -> None:
    if Path("/proc/asound/cards").exists() and "no soundcards" not in Path(
        "/proc/asound/cards"
    ).read_text():
        pytest.skip("this machine has a sound card, so it always has an input device")
    env = {**os.environ, "PULSE_SERVER": f"unix:{tmp_path}/no-server"}
    result = subprocess.run(
        [sys.executable, "-m", "transcriber", "--library", str(tmp_path / "lib"), "record"],
        env=env, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("Error: No audio input device was found")
    library = Library(tmp_path / "lib")
    assert library.meetings() == []
    library.close()


def test_a_disk_that_fills_up_stops_the_recording_and_says_what_was_kept(
    pulse, tmp_path, record_processes
) -> None:
    # A real full disk: the WAV and the library database on one small tmpfs, so the
    # library's own write fails too once the audio has filled it.
    with fault_support.small_disk(tmp_path / "disk", "1m") as disk:
        recorder = RecordProcess(disk / "lib", "--sample-rate", "48000", "--title", "Full")
        record_processes.append(recorder)
        code, stdout, stderr = recorder.finish(timeout=60)

        assert code == 1
        assert "Traceback" not in stderr
        (error,) = [line for line in stderr.splitlines() if line.startswith("Error:")]
        assert "the disk is full" in error
        kept = float(re.search(r"The ([\d.]+) s recorded so far are kept", error)[1])
        assert "Stored" not in stderr  # no second, contradicting account of what was kept

        fault_support.resize(disk, "4m")  # the user frees space; the next start recovers
        library = Library(disk / "lib")
        from transcriber.record import recover_recordings

        recover_recordings(library)
        (recording,) = library.recordings(int(stdout.strip()))
        assert recording.state in (RecordingState.COMPLETE, RecordingState.RECOVERED)
        assert recording.duration == pytest.approx(kept, abs=0.1)
        assert soundfile.info(recording.path).duration == pytest.approx(kept, abs=0.1)
        library.close()


@pytest.mark.parametrize("seconds", ["nan", "inf", "-inf", "0", "-3", "1e400"])
def test_seconds_must_be_a_finite_positive_number(tmp_path, seconds) -> None:
    # Was: --seconds nan recorded forever.
    result = CliRunner().invoke(cli, ["--library", str(tmp_path / "lib"), "record",
                                      "--seconds", seconds])
    assert result.exit_code == 2
    assert "finite number" in result.output
    assert not (tmp_path / "lib").exists()  # refused before the library is touched
