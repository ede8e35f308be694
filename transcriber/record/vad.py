"""Cutting a live recording into finished stretches of speech, with an energy VAD.

The live draft transcribes each stretch as soon as its speaker pauses. An energy
detector is enough here: the recording is one close microphone, it costs
microseconds per block (the recorder must stay under 5 % of a core), and a
stretch only has to *contain* the speech; Whisper finds the words inside it.

The noise floor is a low percentile of the last few seconds' frame energies, so
a fan, room tone or tape hiss does not count as speech. A pause closes a stretch
only once the stretch is a few seconds long: Whisper needs context, and two words
alone are often misheard. Markers force a cut: speech after a marker always
starts a new stretch, and so a new bullet.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

SAMPLE_RATE = 16000
FRAME = 480  # 30 ms
DIGITAL_SILENCE_DBFS = -90.0


@dataclass
class Stretch:
    """Audio (float32, 16 kHz mono) from ``start`` seconds of the recording."""

    start: float
    audio: np.ndarray
    # Labels of the markers this stretch begins at (they open its first bullet).
    markers: list[str] = field(default_factory=list)

    @property
    def end(self) -> float:
        return self.start + len(self.audio) / SAMPLE_RATE


@dataclass(frozen=True)
class VadSettings:
    # Speech is this far above the adaptive noise floor, and never below the minimum.
    margin_db: float = 10.0
    min_speech_dbfs: float = -60.0
    # The noise floor: this percentile of the frame energies over this window.
    floor_window_seconds: float = 8.0
    floor_percentile: float = 10.0
    # A pause this long ends a stretch that is at least min_stretch_seconds long.
    pause_seconds: float = 0.6
    min_stretch_seconds: float = 3.0
    # A pause this long ends any stretch (a short remark followed by silence).
    long_pause_seconds: float = 1.5
    # Kept around the speech so word onsets and tails are not clipped.
    pre_roll_seconds: float = 0.3
    post_roll_seconds: float = 0.3
    # Less speech than this is a click or a cough, not a stretch.
    min_speech_seconds: float = 0.25
    # Whisper decodes 30 s windows; a live draft should not wait that long either.
    max_stretch_seconds: float = 15.0


class SpeechSegmenter:
    """Feed 16 kHz float32 mono audio; collect finished ``Stretch``es."""

    def __init__(self, settings: VadSettings | None = None) -> None:
        self.settings = settings or VadSettings()
        s = self.settings
        self._energies = np.zeros(max(1, round(s.floor_window_seconds * SAMPLE_RATE / FRAME)))
        self._energy_count = 0
        self._pending = np.zeros(0, dtype=np.float32)  # less than a frame, not yet judged
        self._frames_done = 0  # frames judged since the start of the recording
        # Frames of the current stretch (or of the pre-roll while in silence).
        self._buffer: list[np.ndarray] = []
        self._buffer_start = 0  # frame index of _buffer[0]
        self._in_speech = False
        self._speech_frames = 0
        self._silent_run = 0
        self._cuts: list[tuple[float, str]] = []  # markers not yet reached
        self._labels: list[str] = []  # markers reached, waiting for the next stretch
        self.finished: list[Stretch] = []

    @property
    def seconds(self) -> float:
        return self._frames_done * FRAME / SAMPLE_RATE

    def mark(self, at: float, label: str) -> None:
        """A marker at ``at`` seconds: speech on either side goes to different stretches."""
        self._cuts.append((at, label))
        self._cuts.sort()

    def feed(self, audio: np.ndarray) -> list[Stretch]:
        """Judge the new audio; return (and clear) the stretches that finished."""
        audio = np.concatenate([self._pending, audio.astype(np.float32, copy=False)])
        whole = len(audio) // FRAME * FRAME
        self._pending = audio[whole:].copy()
        for frame in audio[:whole].reshape(-1, FRAME):
            self._judge(frame)
        return self._take()

    def flush(self) -> list[Stretch]:
        """Recording stopped: the open stretch is finished as it is."""
        if len(self._pending):
            padded = np.zeros(FRAME, dtype=np.float32)
            padded[: len(self._pending)] = self._pending
            self._pending = np.zeros(0, dtype=np.float32)
            self._judge(padded)
        self._apply_cuts(math.inf)
        self._close()
        return self._take()

    # -- frame by frame ----------------------------------------------------------------

    def _take(self) -> list[Stretch]:
        finished, self.finished = self.finished, []
        return finished

    def _apply_cuts(self, until: float) -> None:
        while self._cuts and self._cuts[0][0] <= until:
            _at, label = self._cuts.pop(0)
            self._close()
            self._labels.append(label)

    def _judge(self, frame: np.ndarray) -> None:
        s = self.settings
        self._apply_cuts(self.seconds)
        rms = float(np.sqrt(np.mean(frame * frame)))
        db = 20 * math.log10(rms) if rms > 1e-9 else -180.0
        if db > DIGITAL_SILENCE_DBFS:
            # Digital zeros (a muted input, a virtual device) say nothing about the
            # room's noise; counting them would pull the floor to -180 dB.
            self._energies[self._energy_count % len(self._energies)] = db
            self._energy_count += 1
        threshold = s.min_speech_dbfs
        if self._energy_count:
            window = self._energies[: min(self._energy_count, len(self._energies))]
            threshold = max(threshold, float(np.percentile(window, s.floor_percentile)) + s.margin_db)
        is_speech = db > threshold
        self._buffer.append(frame)
        self._frames_done += 1
        if is_speech:
            self._in_speech = True
            self._speech_frames += 1
            self._silent_run = 0
        elif self._in_speech:
            self._silent_run += 1
            pause = self._silent_run * FRAME / SAMPLE_RATE
            long_enough = len(self._buffer) * FRAME >= s.min_stretch_seconds * SAMPLE_RATE
            if pause >= s.long_pause_seconds or (pause >= s.pause_seconds and long_enough):
                self._close()
        if not self._in_speech:
            # In silence keep only the pre-roll.
            keep = max(1, round(s.pre_roll_seconds * SAMPLE_RATE / FRAME))
            if len(self._buffer) > keep:
                drop = len(self._buffer) - keep
                del self._buffer[:drop]
                self._buffer_start += drop
        elif len(self._buffer) * FRAME >= s.max_stretch_seconds * SAMPLE_RATE:
            self._close()

    def _close(self) -> None:
        """End the current stretch at the current frame (keeping the post-roll only)."""
        s = self.settings
        if self._in_speech and self._speech_frames * FRAME >= s.min_speech_seconds * SAMPLE_RATE:
            post_roll = round(s.post_roll_seconds * SAMPLE_RATE / FRAME)
            trailing_silence = max(0, self._silent_run - post_roll)
            frames = self._buffer[: len(self._buffer) - trailing_silence]
            self.finished.append(
                Stretch(
                    start=self._buffer_start * FRAME / SAMPLE_RATE,
                    audio=np.concatenate(frames),
                    markers=self._labels,
                )
            )
            self._labels = []
        self._buffer_start += len(self._buffer)
        self._buffer = []
        self._in_speech = False
        self._speech_frames = 0
        self._silent_run = 0
