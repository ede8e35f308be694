"""The per-meeting job lock: another process's start-up pass leaves a running
transcription alone, and a second transcription of the same meeting is refused."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time

import pytest
from click.testing import CliRunner

from transcriber.asr.engine import EngineOptions
from transcriber.asr.retranscribe import retranscribe
from transcriber.cli import cli
from transcriber.library.jobs import (
    TranscriptionLock,
    TranscriptionRunningError,
    transcription_running,
)
from transcriber.library.store import Library
from transcriber.model import TranscriptState

HOLDER = """
import sys
from transcriber.asr.retranscribe import retranscribe
from transcriber.library.store import Library
from transcriber.library.jobs import TranscriptionLock
library = Library(sys.argv[1])
with TranscriptionLock(library, int(sys.argv[2])):
    print("holding", flush=True)
    sys.stdin.readline()
"""


@pytest.fixture
def holder(library: Library):
    """A real second process transcribing (holding the lock of) a running meeting."""
    meeting = library.create_meeting("long meeting", "2024-05-01",
                                     transcript_state=TranscriptState.RUNNING.value)
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(library.path), str(meeting.id)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    assert process.stdout.readline().strip() == "holding"
    yield meeting, process
    if process.poll() is None:
        process.kill()
    process.wait(10)


def test_startup_pass_leaves_a_live_job_running_and_closes_a_dead_one(library, holder) -> None:
    meeting, process = holder
    crashed = library.create_meeting("crashed", "2024-05-01",
                                     transcript_state=TranscriptState.RUNNING.value)
    assert transcription_running(library, meeting.id)
    assert library.mark_interrupted() == [crashed.id]
    assert library.meeting(meeting.id).transcript_state == TranscriptState.RUNNING

    process.kill()  # dies holding the lock: the OS drops it
    process.wait(10)
    assert not transcription_running(library, meeting.id)
    assert library.mark_interrupted() == [meeting.id]
    assert library.meeting(meeting.id).transcript_state == TranscriptState.INCOMPLETE


def test_second_transcription_of_a_meeting_is_refused(library, holder) -> None:
    meeting, process = holder
    with pytest.raises(TranscriptionRunningError, match="being transcribed already"):
        TranscriptionLock(library, meeting.id).acquire()
    process.stdin.write("done\n")
    process.stdin.flush()
    process.wait(10)
    with TranscriptionLock(library, meeting.id):  # free again once the first job ends
        assert transcription_running(library, meeting.id)
    assert not transcription_running(library, meeting.id)


def test_lock_is_reentrant_for_its_thread_only(library: Library) -> None:
    meeting = library.create_meeting("one job", "2024-05-01")
    refused: list[BaseException] = []

    def second_job() -> None:
        try:
            TranscriptionLock(library, meeting.id).acquire()
        except TranscriptionRunningError as exc:
            refused.append(exc)

    with TranscriptionLock(library, meeting.id), TranscriptionLock(library, meeting.id):
        thread = threading.Thread(target=second_job)
        thread.start()
        thread.join(10)
    assert len(refused) == 1
    other = library.create_meeting("another meeting", "2024-05-01")
    with TranscriptionLock(library, meeting.id), TranscriptionLock(library, other.id):
        assert transcription_running(library, other.id)
    assert not transcription_running(library, meeting.id)


def test_a_real_transcription_survives_another_process_starting(
    tmp_path, audio_dir, base_model_path
) -> None:
    """`transcriber transcribe` runs in one process; another CLI command starts (and runs
    the crash pass) meanwhile: the running transcription is not marked incomplete."""
    lib_path = tmp_path / "library"
    job = subprocess.Popen(
        [sys.executable, "-m", "transcriber", "--library", str(lib_path), "transcribe",
         str(audio_dir / "multilingual-60s.mp3"), "--model", str(base_model_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        library = None
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and job.poll() is None:
            if (lib_path / "library.db").exists():
                library = library or Library(lib_path)
                meetings = library.meetings()
                if meetings and library.bullets(meetings[0].id):
                    break
            time.sleep(0.2)
        assert job.poll() is None, job.stderr.read()
        meeting = library.meetings()[0]
        listed = CliRunner().invoke(cli, ["--library", str(lib_path), "meetings", "list"])
        assert listed.exit_code == 0
        assert library.meeting(meeting.id).transcript_state == TranscriptState.RUNNING
        assert "running" in listed.output
    finally:
        job.send_signal(signal.SIGINT)  # stops within a second, keeping what it decoded
        job.wait(60)
    assert library.meeting(meeting.id).transcript_state in (
        TranscriptState.INCOMPLETE, TranscriptState.COMPLETE)
    library.close()


RECORDER = """
import sys
from pathlib import Path
from transcriber.library.jobs import lock_path
from transcriber.record.recovery import RecordingLock
lock = RecordingLock(lock_path(sys.argv[1]))
assert lock.acquire()
print("recording", flush=True)
sys.stdin.readline()
"""


def test_a_live_draft_being_recorded_elsewhere_stays_running(library, tmp_path) -> None:
    """The live draft writes bullets while the recorder (another process) holds its WAV."""
    meeting = library.create_meeting("live", "2024-05-01",
                                     transcript_state=TranscriptState.RUNNING.value)
    wav = tmp_path / "live.wav"
    wav.write_bytes(b"")
    library.add_recording(meeting.id, wav, state="recording")
    recorder = subprocess.Popen([sys.executable, "-c", RECORDER, str(wav)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert recorder.stdout.readline().strip() == "recording"
        assert library.mark_interrupted() == []
        with pytest.raises(TranscriptionRunningError, match="being recorded"):
            retranscribe(library, meeting.id, EngineOptions())
    finally:
        recorder.kill()
        recorder.wait(10)
    assert library.mark_interrupted() == [meeting.id]


def test_a_live_draft_holds_the_lock_while_it_runs(library, base_model_path) -> None:
    """Another process's start-up pass (any CLI command) must not mark a meeting
    incomplete while its live draft is still writing it, including the draft's tail after
    the recording itself is final (its own lock released)."""
    from transcriber.record.live import LiveDraft, LiveOptions

    meeting = library.create_meeting("recording now", "2024-05-01")
    draft = LiveDraft(library, meeting.id, 16000, LiveOptions(EngineOptions(model=str(base_model_path))))
    draft.start()
    try:
        assert library.meeting(meeting.id).transcript_state == TranscriptState.RUNNING
        other = subprocess.run(
            [sys.executable, "-m", "transcriber", "--library", str(library.path), "meetings", "list"],
            capture_output=True, text=True, timeout=120, check=True)
        assert "\trunning\t" in other.stdout, other.stdout
        assert library.meeting(meeting.id).transcript_state == TranscriptState.RUNNING
    finally:
        draft.finish(timeout=60)
    assert library.meeting(meeting.id).transcript_state == TranscriptState.COMPLETE
    assert not transcription_running(library, meeting.id)  # released when the draft ends


STARTUP_PASS = """
import sys
from transcriber.library.store import Library
print(Library(sys.argv[1]).mark_interrupted())
"""


def test_a_meeting_is_created_with_its_job_lock_already_held(library: Library) -> None:
    """Was: a start-up pass in another process, between the new meeting's row and its
    lock, marked a brand-new transcription incomplete (14 of 15 in a targeted race)."""
    meeting, job = library.create_meeting_for_job("Fresh", "2024-05-01")
    with job:
        # The very first moment another process can see the meeting, its lock is held.
        result = subprocess.run([sys.executable, "-c", STARTUP_PASS, str(library.path)],
                                capture_output=True, text=True, timeout=120)
        assert result.stdout.strip() == "[]", result.stderr
        assert library.meeting(meeting.id).transcript_state == TranscriptState.RUNNING
        assert transcription_running(library, meeting.id)
    assert not transcription_running(library, meeting.id)
    assert library.mark_interrupted() == [meeting.id]  # a job that ended without finishing


def test_a_meeting_whose_lock_cannot_be_taken_is_not_created(library: Library) -> None:
    holder = TranscriptionLock(library, 1)  # the id the new meeting will get
    held, done = threading.Event(), threading.Event()

    def hold() -> None:
        with holder:
            held.set()
            done.wait(30)

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        assert held.wait(30)
        with pytest.raises(TranscriptionRunningError):
            library.create_meeting_for_job("Fresh", "2024-05-01")
        assert library.meetings() == []  # rolled back with the lock refused
    finally:
        done.set()
        thread.join()
