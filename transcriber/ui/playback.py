"""Playing a meeting's recording for the editor: play/pause, seek, back 3 s, speed.

Audio goes out through sounddevice (PortAudio), not QtMultimedia (see DESIGN.md).
PortAudio's callback thread only reads the sample array and advances a read
position; a 20 Hz QTimer on the GUI thread turns that position into signals, so no
Qt object is touched from the audio thread. Without an output device (a server, CI)
playback still advances on the clock, silently, so the editor behaves the same.
Speed changes resample on the fly: pitch moves with speed, which keeps the callback
cheap and is what most transcription pedals do at 0.75-1.25x. (Keeping the pitch
needs a phase vocoder such as Rubber Band; its Python bindings, pedalboard and
pylibrb, are GPL-3.0 and offline-only in Python, so they were not taken.)

A meeting runs for hours, so a WAV (what the recorder writes) is not decoded at
all: its samples are memory-mapped and read where the play head is, and Play
works at once. Other formats are decoded off the GUI thread into 16-bit samples
(a three-hour file: 345 MB instead of 690 MB as float).
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

from transcriber.audio import SAMPLE_RATE
from transcriber.library.waveform import map_wav
from transcriber.ui.tasks import BackgroundTask

SPEEDS = (0.5, 0.6, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0)
BACK_SECONDS = 3.0


class Player(QObject):
    position_changed = Signal(float)  # seconds into the recording
    playing_changed = Signal(bool)
    speed_changed = Signal(float)
    message = Signal(str)  # something the user should know, in plain words
    loaded = Signal(float)  # duration in seconds
    # Whether Play can do anything, and if not why, in words: a meeting without a
    # recording, or one whose file cannot be read, must say so instead of playing silence.
    availability_changed = Signal(bool, str)

    def __init__(self, parent: QObject | None = None, use_device: bool = True) -> None:
        super().__init__(parent)
        self._use_device = use_device
        self._samples: np.ndarray | None = None  # int16 (scaled on output) or float32
        self._rate = SAMPLE_RATE
        self._frame = 0.0  # read position in samples; advanced by the audio callback
        self._speed = 1.0
        self._playing = False
        self._stream = None
        self._clock_origin: tuple[float, float] | None = None  # (monotonic, frame) when silent
        self._pending_start: float | None = None  # Play pressed before the samples were there
        self._pending_seek = 0.0  # where a seek before then asked the play head to be
        self._load_task: BackgroundTask | None = None
        self._unavailable_reason = ""
        self._timer = QTimer(self)
        self._timer.setInterval(50)
        self._timer.timeout.connect(self._tick)

    # -- loading -----------------------------------------------------------------------

    def load(self, path: str | Path) -> None:
        """Map a WAV at once; decode anything else off the GUI thread (a three-hour file takes seconds)."""
        self.unload()
        mapped = map_wav(path)
        if mapped is not None:
            self._set_available(True, "")
            self._on_loaded(mapped)
            return
        task = BackgroundTask(lambda _ctx: decode_int16(path), self)
        task.succeeded.connect(self._on_loaded)
        task.failed.connect(self._on_load_failed)
        self._load_task = task
        self._set_available(True, "")
        task.start()

    def unload(self, reason: str = "") -> None:
        """Forget the recording; ``reason`` says why nothing can be played now."""
        self.stop()
        self._samples = None
        self._frame = 0.0
        self._pending_seek = 0.0
        if self._load_task is not None:
            # A decode still running for the previous meeting must not land here later.
            self._load_task.succeeded.disconnect(self._on_loaded)
            self._load_task.failed.disconnect(self._on_load_failed)
            self._load_task = None
        self.loaded.emit(0.0)
        self.position_changed.emit(0.0)
        self._set_available(False, reason)

    @property
    def unavailable_reason(self) -> str:
        return self._unavailable_reason

    def _set_available(self, available: bool, reason: str) -> None:
        self._unavailable_reason = "" if available else reason
        self.availability_changed.emit(available, self._unavailable_reason)

    @Slot(str)
    def _on_load_failed(self, message: str) -> None:
        self._pending_start = None
        self._set_available(False, _unavailable_message(message))
        self.message.emit(_unavailable_message(message))

    def set_samples(self, samples: np.ndarray) -> None:
        """Float samples at 16 kHz (tests, generated audio)."""
        self._on_loaded((np.asarray(samples, dtype=np.float32), SAMPLE_RATE))

    @Slot(object)
    def _on_loaded(self, loaded: object) -> None:
        self._samples, self._rate = loaded
        self._frame = max(0.0, min(self._pending_seek, self.duration)) * self._rate
        self._pending_seek = 0.0
        self._set_available(True, "")
        self.loaded.emit(self.duration)
        if self._pending_start is not None:
            start, self._pending_start = self._pending_start, None
            self.play(start)

    @property
    def duration(self) -> float:
        return 0.0 if self._samples is None else len(self._samples) / self._rate

    @property
    def is_loaded(self) -> bool:
        return self._samples is not None

    # -- transport ---------------------------------------------------------------------

    @property
    def position(self) -> float:
        if self._clock_origin is not None:
            started, frame = self._clock_origin
            self._frame = frame + (time.monotonic() - started) * self._rate * self._speed
        return self._frame / self._rate

    @property
    def playing(self) -> bool:
        return self._playing

    @property
    def has_output(self) -> bool:
        """Whether sound is going to a device right now (False: silent clock)."""
        return self._stream is not None

    @property
    def speed(self) -> float:
        return self._speed

    def play(self, start: float | None = None) -> None:
        if self._unavailable_reason:
            self.message.emit(self._unavailable_reason)
            return
        if self._samples is None:
            # Clicked before the decode finished: start as soon as it has.
            self._pending_start = start if start is not None else 0.0
            return
        if start is not None:
            self._frame = max(0.0, min(start, self.duration)) * self._rate
        self._stop_output()
        self._playing = True
        if not self._open_stream():
            self._clock_origin = (time.monotonic(), self._frame)
        self._timer.start()
        self.playing_changed.emit(True)
        self.position_changed.emit(self.position)

    def pause(self) -> None:
        if not self._playing:
            return
        self.position  # noqa: B018 - freezes the silent clock at the current frame
        self._stop_output()
        self._playing = False
        self._timer.stop()
        self.playing_changed.emit(False)
        self.position_changed.emit(self.position)

    def stop(self) -> None:
        self.pause()
        self._pending_start = None

    def toggle(self) -> None:
        if self._playing:
            self.pause()
        else:
            self.play()

    def seek(self, seconds: float) -> None:
        """Move the play head (playing on if it was); before the samples are there, remember it."""
        if self._samples is None:
            if self._pending_start is not None:
                self._pending_start = max(0.0, seconds)
            else:
                self._pending_seek = max(0.0, seconds)
            return
        was_playing = self._playing
        if was_playing:
            self.play(seconds)
        else:
            self._frame = max(0.0, min(seconds, self.duration)) * self._rate
            self.position_changed.emit(self.position)

    def back(self, seconds: float = BACK_SECONDS) -> None:
        self.seek(self.position - seconds)

    def set_speed(self, speed: float) -> None:
        position = self.position
        self._speed = speed
        if self._clock_origin is not None:
            self._clock_origin = (time.monotonic(), position * self._rate)
        self.speed_changed.emit(speed)

    def slower(self) -> None:
        lower = [s for s in SPEEDS if s < self._speed - 1e-6]
        self.set_speed(lower[-1] if lower else SPEEDS[0])

    def faster(self) -> None:
        higher = [s for s in SPEEDS if s > self._speed + 1e-6]
        self.set_speed(higher[0] if higher else SPEEDS[-1])

    def shutdown(self) -> None:
        self.stop()
        if self._load_task is not None:
            self._load_task.wait()

    # -- output ------------------------------------------------------------------------

    def _open_stream(self) -> bool:
        if not self._use_device:
            return False
        try:
            import sounddevice as sd

            self._stream = sd.OutputStream(
                samplerate=self._rate, channels=1, dtype="float32", callback=self._fill
            )
            self._stream.start()
            return True
        except Exception:  # noqa: BLE001 - PortAudio raises several types; all mean "no output"
            self._stream = None
            self._use_device = False  # do not retry (and re-warn) on every click
            self.message.emit(_silent_message())
            return False

    def _stop_output(self) -> None:
        self._clock_origin = None
        if self._stream is not None:
            try:
                self._stream.stop()
                self._stream.close()
            finally:
                self._stream = None

    def _fill(self, outdata: np.ndarray, frames: int, _time: object, _status: object) -> None:
        """PortAudio thread: copy the next ``frames`` samples at the current speed."""
        samples = self._samples
        positions = self._frame + np.arange(frames) * self._speed
        inside = positions < len(samples) - 1
        outdata[:, 0] = 0.0
        if inside.any():
            # Linear interpolation between neighbouring samples, on this block only.
            where = positions[inside]
            index = where.astype(np.int64)
            frac = (where - index).astype(np.float32)
            scale = np.float32(1 / 32768) if samples.dtype == np.int16 else np.float32(1)
            left = samples[index].astype(np.float32) * scale
            right = samples[index + 1].astype(np.float32) * scale
            outdata[inside, 0] = left * (1 - frac) + right * frac
        self._frame = min(self._frame + frames * self._speed, float(len(samples)))

    @Slot()
    def _tick(self) -> None:
        position = self.position
        if position >= self.duration:
            self._frame = self.duration * self._rate
            self.pause()
            return
        self.position_changed.emit(position)


def decode_int16(path: str | Path) -> tuple[np.ndarray, int]:
    """Any file ffmpeg reads, decoded to 16-bit mono at 16 kHz, chunk by chunk."""
    from transcriber.audio import AudioReader

    chunks = [(np.clip(chunk, -1, 1) * 32767).astype(np.int16) for chunk in AudioReader(path).chunks()]
    return (np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int16)), SAMPLE_RATE


def _unavailable_message(detail: str) -> str:
    return QCoreApplication.translate("playback", "The recording cannot be played: {detail}").format(detail=detail)


def _silent_message() -> str:
    return QCoreApplication.translate("playback", "No audio output device; playback advances silently.")
