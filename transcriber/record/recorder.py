"""Recording one side of a meeting into the library, without ever losing it.

Threads, and why:
- PortAudio's callback thread only copies each block into a queue: anything slower
  there (disk, numpy work, a lock) would drop audio.
- The writer thread owns the WAV, the stream's shutdown and the final library
  update: it appends every block to the growing WAV and syncs it twice a second,
  measures the level for the meter, and feeds the live draft.
- The live draft (optional) transcribes on its own thread, so a slow model never
  holds up the writer.
The caller's thread (CLI main thread, GUI thread) only flips flags and reads
state; ``stop()`` waits for the writer to finish.

If the disk fills up or the device goes away, the writer stops, finalises what it
has, and sets ``error``; a process that dies leaves a row in state ``recording``
that ``recover_recordings`` makes whole at the next start.
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
import queue
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable
from enum import StrEnum

import numpy as np

from transcriber.audio import SAMPLE_RATE, sha256_file
from transcriber.errors import RecordingError, TranscriberError
from transcriber.library.jobs import lock_path
from transcriber.library.store import Library
from transcriber.messages import Message, message
from transcriber.model import Bullet, Meeting, Recording, RecordingState
from transcriber.record.devices import InputDevice, _sounddevice, find_input_device
from transcriber.record.level import Level, measure
from transcriber.record.live import LiveDraft, LiveOptions
from transcriber.record.recovery import RecordingLock
from transcriber.record.wavfile import GrowingWav

log = logging.getLogger(__name__)

# 50 ms blocks: 20 level updates a second for the meter.
BLOCK_SECONDS = 0.05
# fsync at least this often: a power cut loses at most this much audio.
SYNC_SECONDS = 0.5
# No block for this long means the device is gone even if PortAudio did not say so.
DEVICE_TIMEOUT_SECONDS = 3.0

LevelCallback = Callable[[Level], None]
StoppedCallback = Callable[["Recorder"], None]


class RecorderState(StrEnum):
    IDLE = "idle"
    RECORDING = "recording"
    PAUSED = "paused"
    STOPPED = "stopped"  # stopped by the user or by --seconds
    FAILED = "failed"  # stopped by the disk or the device; ``error`` says which


class Recorder:
    """Start, pause, resume, stop and mark one recording; see the module docstring."""

    def __init__(
        self,
        library: Library,
        device: str | int | None = None,
        *,
        title: str | None = None,
        date: str | None = None,
        sample_rate: int | None = None,
        max_seconds: float | None = None,
        live: LiveOptions | None = None,
        on_level: LevelCallback | None = None,
        on_bullets: Callable[[list[Bullet]], None] | None = None,
        on_stopped: StoppedCallback | None = None,
    ) -> None:
        """``sample_rate`` None: 16 kHz, or the device's native rate if it refuses 16 kHz.

        Callbacks run on the writer (``on_level``, ``on_stopped``) or live-draft
        (``on_bullets``) thread: a GUI must hand them over to its own thread.
        """
        self.library = library
        self.device_choice = device
        self.title = title
        self.date = date
        self.requested_rate = sample_rate
        self.max_seconds = max_seconds
        self.live_options = live
        self.on_level = on_level
        self.on_bullets = on_bullets
        self.on_stopped = on_stopped

        self.state = RecorderState.IDLE
        self.error: Message | None = None
        self.device: InputDevice | None = None
        self.meeting: Meeting | None = None
        self.recording: Recording | None = None
        self.level = Level()
        self.overflows = 0  # blocks PortAudio reported as dropped (CPU starved)
        self.live: LiveDraft | None = None

        self._blocks: queue.SimpleQueue = queue.SimpleQueue()
        self._stream = None
        self._stream_channels = 1
        self._wav: GrowingWav | None = None
        self._lock: RecordingLock | None = None
        self._paused = False
        self._stop_requested = threading.Event()
        self._stream_finished = threading.Event()
        self._done = threading.Event()
        self._writer: threading.Thread | None = None
        # False when the file was kept but its library row could not be completed.
        self.finalised = True

    # -- public API ----------------------------------------------------------------

    @property
    def elapsed(self) -> float:
        """Seconds recorded so far, paused time excluded."""
        return self._wav.seconds if self._wav else 0.0

    @property
    def sample_rate(self) -> int | None:
        return self._wav.sample_rate if self._wav else None

    def start(self) -> Meeting:
        """Open the device, then create the meeting and its recording, then capture.

        Raises RecordingError (no device, format refused) or ModelError (live draft
        with a broken model) before anything is created in the library.
        """
        if self.state is not RecorderState.IDLE:
            raise RecordingError(message("This recorder has already been started."))
        self.device = find_input_device(self.device_choice)
        rate, channels = self._choose_format(self.device)
        if self.live_options is not None:
            LiveDraft.prepare(self.live_options)
        self._open_stream(rate, channels)
        try:
            self._create_recording(rate)
        except BaseException:
            self._close_stream()
            raise
        if self.live_options is not None:
            self.live = LiveDraft(
                self.library, self.meeting.id, rate, self.live_options, self.on_bullets
            )
            self.live.start()
        self.state = RecorderState.RECORDING
        self._writer = threading.Thread(target=self._write_loop, name="recorder-writer", daemon=True)
        self._writer.start()
        return self.meeting

    def pause(self) -> None:
        """Stop keeping audio (the meter still moves); paused time is not in the file."""
        if self.state is RecorderState.RECORDING:
            self._paused = True
            self.state = RecorderState.PAUSED

    def resume(self) -> None:
        if self.state is RecorderState.PAUSED:
            self._paused = False
            self.state = RecorderState.RECORDING

    def add_marker(self, label: str = "") -> float:
        """Mark the current recording time; the draft starts a new bullet there."""
        if self.recording is None or self._done.is_set():
            raise RecordingError(message("Markers can only be added while recording."))
        at = round(self.elapsed, 3)
        self.library.add_marker(self.recording.id, at, label)
        if self.live is not None:
            self.live.mark(at, label)
        return at

    def request_stop(self) -> None:
        """Stop without waiting (for a GUI thread): ``on_stopped`` fires once the file
        and its row are final (milliseconds); the live draft then transcribes its
        tail by itself (seconds), see ``draft_finished``."""
        self._stop_requested.set()
        self._blocks.put(None)  # wakes the writer at once

    def stop(self, cancel_draft: bool = False) -> Recording | None:
        """Stop, finalise the file and the library rows, and wait for the draft's tail.

        Safe to call after the recorder stopped by itself (error, ``max_seconds``).
        """
        self.request_stop()
        if self._writer is not None:
            self._writer.join()
        if self.live is not None:
            self.live.finish(cancel=cancel_draft)
        return self.recording

    def cancel_draft(self) -> None:
        """Give up the rest of the live draft (a second Ctrl+C while it finishes)."""
        if self.live is not None:
            self.live.cancel()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the recording has stopped by itself or been stopped; True if so."""
        return self._done.wait(timeout)

    @property
    def draft_finished(self) -> bool:
        """True once the live draft (if any) has stored its last bullet."""
        return self.live is None or not self.live.running

    @property
    def done(self) -> bool:
        """True once the recording has stopped and its file is final."""
        return self._done.is_set()

    # -- opening -------------------------------------------------------------------

    def _choose_format(self, device: InputDevice) -> tuple[int, int]:
        """(rate, channels) the device accepts: mono 16 kHz, else what it can do."""
        sd = _sounddevice()
        rates = [self.requested_rate] if self.requested_rate else [SAMPLE_RATE]
        if not self.requested_rate and int(device.default_sample_rate) != SAMPLE_RATE:
            rates.append(int(device.default_sample_rate))
        # Some hardware only captures stereo; it is mixed down to mono as it is written.
        channel_options = [1] if device.channels < 2 else [1, 2]
        first_error = None
        for rate in rates:
            for channels in channel_options:
                try:
                    sd.check_input_settings(
                        device=device.index, channels=channels, dtype="int16", samplerate=rate
                    )
                    return rate, channels
                except (sd.PortAudioError, ValueError) as exc:
                    first_error = first_error or exc
        raise RecordingError(
            message("The input device '{name}' refuses to record at "
                    "{rates}: {detail}.", name=device.name, rates=' or '.join(f'{r} Hz' for r in rates), detail=_one_line(first_error))
        )

    def _open_stream(self, rate: int, channels: int) -> None:
        sd = _sounddevice()
        try:
            self._stream = sd.InputStream(
                device=self.device.index,
                samplerate=rate,
                channels=channels,
                dtype="int16",
                blocksize=int(rate * BLOCK_SECONDS),
                # 'high' latency: low latency made ALSA's pulse plugin busy-poll (30 %
                # of a core) and drop blocks; a meter does not need 10 ms.
                latency="high",
                callback=self._on_audio,
                finished_callback=self._stream_finished.set,
            )
            self._stream_channels = channels
            self._stream.start()
        except (sd.PortAudioError, ValueError) as exc:
            self._close_stream()
            raise RecordingError(
                message("The input device '{name}' cannot be opened: {detail}.", name=self.device.name, detail=_one_line(exc))
            ) from exc

    def _create_recording(self, rate: int) -> None:
        """Meeting row, recording row and WAV file, all or none."""
        started = dt.datetime.now()
        title = self.title or f"Recording {started:%Y-%m-%d %H:%M}"
        path = (
            self.library.audio_dir
            / f"recording-{started:%Y%m%d-%H%M%S}-{secrets.token_hex(3)}.wav"
        ).resolve()
        # Locked before the row exists, so a recovery pass in another process can
        # never mistake this live recording for a dead one.
        lock = RecordingLock(lock_path(path))
        if not lock.acquire():
            raise RecordingError(message("The recording file {path} is locked by another recorder.", path=path))
        try:
            with self.library.atomic():
                meeting = self.library.create_meeting(
                    title,
                    self.date or started.date().isoformat(),
                    **({"language": self.live_options.engine.language} if self.live_options else {}),
                )
                recording = self.library.add_recording(
                    meeting.id,
                    path,
                    state=RecordingState.RECORDING.value,
                    sample_rate=rate,
                    channels=1,
                )
                # Inside the transaction: if the file cannot be created (disk full,
                # permissions) the rows are rolled back and nothing is left half-made.
                try:
                    wav = GrowingWav(path, rate, 1)
                except OSError as exc:
                    raise RecordingError(
                        message("Cannot create the recording file {path}: {detail}.", path=path, detail=exc.strerror or exc)
                    ) from exc
        except BaseException:
            lock.release()
            raise
        self._lock, self._wav = lock, wav
        self.meeting, self.recording = meeting, recording

    def _close_stream(self) -> None:
        if self._stream is None:
            return
        try:
            self._stream.abort()
            self._stream.close()
        except Exception as exc:  # a vanished device may fail to close; nothing to keep
            log.debug("closing the input stream: %s", exc)
        self._stream = None

    # -- PortAudio thread ----------------------------------------------------------

    def _on_audio(self, indata: np.ndarray, _frames: int, _time: object, status: object) -> None:
        if status and status.input_overflow:
            self.overflows += 1
        self._blocks.put(indata.copy())

    # -- writer thread -------------------------------------------------------------

    def _write_loop(self) -> None:
        last_block = time.monotonic()
        synced_at = 0.0
        try:
            while True:
                try:
                    block = self._blocks.get(timeout=0.25)
                except queue.Empty:
                    block = None
                if block is not None:
                    last_block = time.monotonic()
                    self._take(block)
                    if self._wav.seconds - synced_at >= SYNC_SECONDS:
                        self._wav.sync()
                        synced_at = self._wav.seconds
                reached_limit = self.max_seconds is not None and self.elapsed >= self.max_seconds
                if self._stop_requested.is_set() or reached_limit:
                    # At the limit the blocks still queued are past it: dropped.
                    self._drain_after_stop(keep=not reached_limit)
                    self.state = RecorderState.STOPPED
                    return
                if block is None:
                    silent_for = time.monotonic() - last_block
                    if self._stream_finished.is_set() or silent_for > DEVICE_TIMEOUT_SECONDS:
                        self._fail(message(
                            "the input device stopped delivering audio (it was unplugged, "
                            "or the sound server stopped)"
                        ))
                        return
        except OSError as exc:
            self._fail(_disk_reason(exc))
        except Exception as exc:  # never lose the file to a bug: finalise, then report
            log.exception("recorder writer failed")
            self._fail(message("an unexpected error occurred ({detail})", detail=exc))
        finally:
            self._finalise()

    def _take(self, block: np.ndarray) -> None:
        """Meter every block; keep it unless paused."""
        mono = block if self._stream_channels == 1 else _downmix(block)
        self.level = measure(mono)
        if self.on_level:
            try:
                self.on_level(self.level)
            except Exception:  # a broken meter must not stop the recording
                log.exception("level callback failed")
        if self._paused:
            return
        self._wav.append(mono)
        if self.live is not None:
            self.live.feed(mono)

    def _drain_after_stop(self, keep: bool = True) -> None:
        """Stop the stream, then keep the blocks captured before it stopped."""
        stream, self._stream = self._stream, None
        try:
            stream.stop()
        except Exception as exc:
            log.debug("stopping the input stream: %s", exc)
        while True:
            try:
                block = self._blocks.get_nowait()
            except queue.Empty:
                break
            if block is not None and keep:
                self._take(block)
        try:
            stream.close()
        except Exception as exc:
            log.debug("closing the input stream: %s", exc)

    def _fail(self, reason: Message) -> None:
        self._close_stream()
        self.error = message(
            "Recording stopped: {reason}. The {seconds:.1f} s recorded so far are kept "
            "in meeting {meeting}.", reason=reason, seconds=self.elapsed, meeting=self.meeting.id
        )
        self.state = RecorderState.FAILED

    def _finalise(self) -> None:
        """Close the WAV, store duration and sha256, mark the row complete."""
        try:
            self._close_stream()
            try:
                self._wav.close()
                self.recording = self.library.update_recording(
                    self.recording.id,
                    state=RecordingState.COMPLETE.value,
                    duration=round(self._wav.seconds, 3),
                    sha256=sha256_file(self._wav.path),
                )
                self._lock.release()
            except (OSError, sqlite3.Error, TranscriberError) as exc:
                # Still `recording` in the library (the disk that stopped the audio may
                # refuse the library's write too), with the lock released when this
                # process exits: the next start recovers it from the file.
                log.warning("finalising %s failed: %s", self._wav.path, exc)
                self.finalised = False
                self.state = RecorderState.FAILED
                if self.error is None:
                    self.error = message(
                        "Recording stopped but could not be finalised ({detail}); it will be "
                        "recovered the next time the app starts.", detail=exc
                    )
                else:
                    self.error = message(
                        "{error} The library could not be updated, so the recording is recovered "
                        "the next time the app starts.", error=self.error
                    )
            self.library.close()  # this thread's connection
        finally:
            if self.live is not None:
                # The draft finishes its tail even if nobody calls stop() (a failure).
                self.live.end_of_audio()
            self._done.set()
            if self.on_stopped:
                self.on_stopped(self)


def _downmix(block: np.ndarray) -> np.ndarray:
    return block.mean(axis=1, keepdims=True).astype(np.int16)


def _disk_reason(exc: OSError) -> Message:
    if exc.errno == errno.ENOSPC:
        return message("the disk is full")
    if exc.errno == errno.EFBIG:
        return message("the recording file reached the largest size this disk allows")
    return message("the recording file cannot be written ({detail})", detail=exc.strerror or exc)


def _one_line(exc: BaseException | None) -> str:
    return str(exc).splitlines()[0].rstrip(".") if exc else "unknown error"

