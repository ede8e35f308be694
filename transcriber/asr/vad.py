"""Cutting audio into stretches of speech with Silero VAD, streamed chunk by chunk.

faster-whisper ships the Silero VAD model; its ``get_speech_timestamps`` wants the
whole waveform at once. Here the same network runs on audio as it arrives (its
recurrent state and 64-sample context carried from one chunk to the next, so the
probabilities are the ones a single pass would give), which keeps memory flat for
meetings of any length and serves the live draft as well as files.

Speech probabilities (one per 32 ms window) become *phrases* (speech between pauses
of at least ``min_silence_seconds``), and phrases are packed into *stretches* (the
engine packs consecutive stretches, pauses left out, into its decoding windows). A
phrase starts at the run of windows above the lower threshold just before it, as it
ends at one: a soft first syllable is not cut off. A stretch closes at a long pause,
at a shorter one once it is long enough, at a marker, or before it would outgrow
Whisper's 30-second window. A stretch keeps its phrases, so the decoder can tell which speech got no
words and flag it instead of dropping it silently.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

SAMPLE_RATE = 16000
WINDOW = 512  # Silero's window at 16 kHz: 32 ms
CONTEXT = 64
WINDOW_SECONDS = WINDOW / SAMPLE_RATE
# A phrase reaches back over at most this many windows just before it that are above
# the lower threshold: a soft first syllable (好, "so") under the threshold is kept.
LOOKBACK_WINDOWS = 16


@dataclass(frozen=True)
class VadSettings:
    # Silero speech probability: speech starts above threshold, ends below neg_threshold.
    threshold: float = 0.5
    neg_threshold: float = 0.35
    # A pause at least this long ends a phrase.
    min_silence_seconds: float = 0.3
    # A phrase with less speech than this is a click or a breath.
    min_speech_seconds: float = 0.25
    # Kept around each phrase so word onsets and tails are not clipped.
    pad_seconds: float = 0.4
    # A pause this long ends a stretch that is at least min_stretch_seconds long ...
    pause_seconds: float = 1.0
    min_stretch_seconds: float = 10.0
    # ... and a pause this long ends any stretch.
    long_pause_seconds: float = 2.0
    # Whisper decodes 30-second windows; a stretch never outgrows one.
    max_stretch_seconds: float = 28.0


@dataclass
class Stretch:
    """Audio (float32, 16 kHz mono) from ``start`` seconds of the recording."""

    start: float
    audio: np.ndarray
    # (start, end) in seconds of the recording: the speech the VAD found in it.
    speech: list[tuple[float, float]] = field(default_factory=list)
    # Labels of the markers this stretch begins at (they open its first bullet).
    markers: list[str] = field(default_factory=list)

    @property
    def end(self) -> float:
        return self.start + len(self.audio) / SAMPLE_RATE

    @property
    def speech_seconds(self) -> float:
        return sum(end - start for start, end in self.speech)

    def part(self, start: float, end: float) -> Stretch:
        """The stretch cut to [start, end) seconds of the recording, with its speech."""
        start, end = max(start, self.start), min(end, self.end)
        first = round((start - self.start) * SAMPLE_RATE)
        last = round((end - self.start) * SAMPLE_RATE)
        speech = [(max(s, start), min(e, end)) for s, e in self.speech if e > start and s < end]
        return Stretch(start, self.audio[first:last], speech)


class SpeechProbabilities:
    """Silero VAD run on a stream: feed audio, get one speech probability per window."""

    def __init__(self) -> None:
        from faster_whisper.vad import get_vad_model

        self._session = get_vad_model().session
        self._h = np.zeros((1, 1, 128), dtype=np.float32)
        self._c = np.zeros((1, 1, 128), dtype=np.float32)
        self._context = np.zeros(CONTEXT, dtype=np.float32)
        self._pending = np.zeros(0, dtype=np.float32)

    def feed(self, audio: np.ndarray) -> np.ndarray:
        audio = np.concatenate([self._pending, audio.astype(np.float32, copy=False)])
        whole = len(audio) // WINDOW * WINDOW
        self._pending = audio[whole:].copy()
        if not whole:
            return np.zeros(0, dtype=np.float32)
        windows = audio[:whole].reshape(-1, WINDOW)
        contexts = np.concatenate([self._context[None, :], windows[:-1, -CONTEXT:]])
        self._context = windows[-1, -CONTEXT:].copy()
        batch = np.concatenate([contexts, windows], axis=1)
        output, self._h, self._c = self._session.run(
            None, {"input": batch, "h": self._h, "c": self._c}
        )
        return np.asarray(output, dtype=np.float32).reshape(-1)

    def flush(self) -> np.ndarray:
        """The last partial window, padded with silence."""
        if not len(self._pending):
            return np.zeros(0, dtype=np.float32)
        padded = np.zeros(WINDOW, dtype=np.float32)
        padded[: len(self._pending)] = self._pending
        self._pending = np.zeros(0, dtype=np.float32)
        return self.feed(padded)


class StretchCutter:
    """Feed 16 kHz float32 mono audio in chunks of any size; collect finished stretches.

    Only the audio of the open stretch (at most ``max_stretch_seconds`` plus a chunk)
    is held, so memory does not grow with the recording's length.
    """

    def __init__(self, settings: VadSettings | None = None, origin: float = 0.0) -> None:
        self.settings = settings or VadSettings()
        self.origin = origin  # seconds of the recording where the first sample fed lies
        self._vad = SpeechProbabilities()
        self._windows = 0  # windows judged since the start
        self._samples = 0  # samples received since the start
        self._buffer = np.zeros(0, dtype=np.float32)
        self._buffer_start = 0  # sample index of _buffer[0]
        # The phrase being heard: window indices of its start and of its last speech.
        self._phrase_start: int | None = None
        self._phrase_last = 0
        self._phrase_speech = 0
        self._phrase_probs: list[float] = []
        # Phrases (start, end) in samples of the open stretch, not yet padded.
        self._phrases: list[tuple[int, int]] = []
        self._closed_until = 0  # sample where the last stretch ended
        self._recent: list[float] = []  # probabilities of the windows before a phrase
        self._cuts: list[tuple[float, str]] = []  # markers not yet reached
        self._labels: list[str] = []  # markers reached, for the next stretch
        self.finished: list[Stretch] = []

    @property
    def seconds(self) -> float:
        """Seconds fed so far (from ``origin``)."""
        return self._samples / SAMPLE_RATE

    def mark(self, at: float, label: str) -> None:
        """A marker at ``at`` seconds of the recording: speech on either side goes to
        different stretches."""
        self._cuts.append((at - self.origin, label))
        self._cuts.sort()

    def feed(self, audio: np.ndarray) -> list[Stretch]:
        """Judge the new audio; return (and clear) the stretches that finished."""
        audio = audio.astype(np.float32, copy=False).reshape(-1)
        self._buffer = np.concatenate([self._buffer, audio])
        self._samples += len(audio)
        for probability in self._vad.feed(audio):
            self._judge(float(probability))
        self._trim()
        return self._take()

    def flush(self) -> list[Stretch]:
        """The audio ended: the open phrase and stretch are finished as they are."""
        for probability in self._vad.flush():
            self._judge(float(probability))
        self._end_phrase(self._phrase_last + 1)
        self._apply_cuts(math.inf)
        self._close_stretch()
        self._trim()
        return self._take()

    # -- window by window --------------------------------------------------------------

    def _take(self) -> list[Stretch]:
        finished, self.finished = self.finished, []
        return finished

    def _apply_cuts(self, until: float) -> None:
        while self._cuts and self._cuts[0][0] <= until:
            at, label = self._cuts.pop(0)
            # Nothing of either side crosses the marker, padding included.
            cut = min(max(round(at * SAMPLE_RATE), 0), self._samples)
            if self._phrase_start is not None and self._phrase_start * WINDOW < cut:
                self._end_phrase(-(-cut // WINDOW))
            self._phrase_start = None
            self._close_stretch(end_sample=cut)
            self._closed_until = max(self._closed_until, cut)
            self._labels.append(label)

    def _judge(self, probability: float) -> None:
        s = self.settings
        index = self._windows
        self._windows += 1
        self._apply_cuts(index * WINDOW_SECONDS)
        if self._phrase_start is None:
            if self._phrases:
                # Closed as soon as the pause is long enough, not when speech resumes:
                # the live draft must not wait for the next speaker.
                pause = (index * WINDOW - self._phrases[-1][1]) / SAMPLE_RATE
                length = (self._phrases[-1][1] - self._phrases[0][0]) / SAMPLE_RATE
                if pause >= s.long_pause_seconds or (
                    pause >= s.pause_seconds and length >= s.min_stretch_seconds
                ):
                    self._close_stretch()
            if probability >= s.threshold:
                self._start_phrase(index)
                self._reach_back()
                self._phrase_probs.append(probability)
                self._phrase_speech += 1
            else:
                self._recent = [*self._recent[-(LOOKBACK_WINDOWS - 1):], probability]
            return
        self._phrase_probs.append(probability)
        if probability >= s.neg_threshold:
            if probability >= s.threshold or index == self._phrase_last + 1:
                self._phrase_last = index
                self._phrase_speech += 1
        elif (index - self._phrase_last) * WINDOW_SECONDS >= s.min_silence_seconds:
            self._end_phrase(self._phrase_last + 1)
            return
        open_start = self._phrases[0][0] // WINDOW if self._phrases else self._phrase_start
        if (index + 1 - open_start) * WINDOW >= self._max_samples():
            if self._phrases:
                self._close_stretch()  # the open phrase begins the next stretch
            else:
                self._split_long_phrase(index)

    def _start_phrase(self, index: int) -> None:
        self._phrase_start = index
        self._phrase_last = index
        self._phrase_speech = 0
        self._phrase_probs = []

    def _reach_back(self) -> None:
        """Start the new phrase at the run of windows above ``neg_threshold`` just before
        it (as its end already does), never before earlier speech or a cut."""
        assert self._phrase_start is not None
        floor = max(self._closed_until, self._buffer_start,
                    self._phrases[-1][1] if self._phrases else 0)
        earlier = []
        for probability in reversed(self._recent):
            start = (self._phrase_start - len(earlier) - 1) * WINDOW
            if probability < self.settings.neg_threshold or start < floor:
                break
            earlier.append(probability)
        self._phrase_start -= len(earlier)
        self._phrase_probs = earlier[::-1]
        self._recent = []

    def _end_phrase(self, end_window: int) -> None:
        if self._phrase_start is None:
            return
        start = self._phrase_start * WINDOW
        end = min(end_window * WINDOW, self._samples)
        if self._phrase_speech * WINDOW_SECONDS >= self.settings.min_speech_seconds and end > start:
            if self._phrases and end - self._phrases[0][0] > self._max_samples():
                self._close_stretch()
            self._phrases.append((start, end))
        self._phrase_start = None
        self._phrase_probs = []

    def _max_samples(self) -> int:
        s = self.settings
        return int((s.max_stretch_seconds - 2 * s.pad_seconds) * SAMPLE_RATE)

    def _split_long_phrase(self, index: int) -> None:
        """Speech with no pause fills a whole stretch: cut it where it is quietest."""
        start = self._phrase_start
        assert start is not None
        probs = self._phrase_probs
        look_from = len(probs) * 2 // 3  # the last third: stretches stay long
        cut = start + look_from + int(np.argmin(probs[look_from:]))
        cut = min(max(cut, start + 1), index + 1)
        self._phrases.append((start * WINDOW, cut * WINDOW))
        self._close_stretch(end_sample=cut * WINDOW)
        rest = probs[cut - start :]
        self._phrase_start = cut
        self._phrase_last = index
        self._phrase_speech = len(rest)
        self._phrase_probs = list(rest)

    def _close_stretch(self, end_sample: int | None = None) -> None:
        if not self._phrases:
            return
        pad = round(self.settings.pad_seconds * SAMPLE_RATE)
        start = max(self._phrases[0][0] - pad, self._closed_until, self._buffer_start)
        end = self._phrases[-1][1] + pad
        if end_sample is not None:
            end = min(end, end_sample)
        end = min(end, self._samples)
        self._phrases = [(max(s, start), min(e, end)) for s, e in self._phrases if e > start]
        first, last = start - self._buffer_start, end - self._buffer_start
        self.finished.append(
            Stretch(
                start=self.origin + start / SAMPLE_RATE,
                audio=self._buffer[first:last].copy(),
                speech=[
                    (self.origin + s / SAMPLE_RATE, self.origin + e / SAMPLE_RATE)
                    for s, e in self._phrases
                ],
                markers=self._labels,
            )
        )
        self._labels = []
        self._phrases = []
        self._closed_until = end

    def _trim(self) -> None:
        """Drop audio no stretch can need any more."""
        pad = round(self.settings.pad_seconds * SAMPLE_RATE)
        keep_from = self._samples - pad - (LOOKBACK_WINDOWS + 1) * WINDOW
        if self._phrases:
            keep_from = min(keep_from, self._phrases[0][0] - pad)
        if self._phrase_start is not None:
            keep_from = min(keep_from, self._phrase_start * WINDOW - pad)
        keep_from = max(keep_from, self._buffer_start)
        if keep_from > self._buffer_start:
            self._buffer = self._buffer[keep_from - self._buffer_start :].copy()
            self._buffer_start = keep_from


def find_stretches(audio: np.ndarray, settings: VadSettings | None = None) -> list[Stretch]:
    """All stretches of an in-memory waveform (a clip, a test)."""
    cutter = StretchCutter(settings)
    stretches = []
    step = 30 * SAMPLE_RATE
    for at in range(0, len(audio), step):
        stretches += cutter.feed(audio[at : at + step])
    return stretches + cutter.flush()
