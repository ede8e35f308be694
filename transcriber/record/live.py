"""The live draft: transcribe each finished stretch of speech while recording goes on.

The recorder's writer thread hands audio over with ``feed`` (never blocking: the
recording must not wait for Whisper). One worker thread cuts the audio into
stretches and transcribes them one after the other, appending their bullets to
the meeting. ``finish`` transcribes only the open tail, so the draft is final a
few seconds after the recording stops instead of a whole re-transcription later.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np

from transcriber.asr.engine import DecodeHistory, EngineOptions, get_engine
from transcriber.asr.pipeline import bullet_from_segment
from transcriber.audio import SAMPLE_RATE
from transcriber.library.jobs import TranscriptionLock
from transcriber.library.store import Library
from transcriber.messages import message
from transcriber.model import Bullet, TranscriptState
from transcriber.record.vad import LIVE_VAD, Stretch, StretchCutter, VadSettings

log = logging.getLogger(__name__)

BulletsCallback = Callable[[list[Bullet]], None]


@dataclass(frozen=True)
class LiveOptions:
    engine: EngineOptions = field(default_factory=EngineOptions)
    vad: VadSettings = LIVE_VAD


def to_whisper_audio(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    """int16 (or float32) mono at any rate -> float32 at 16 kHz (linear resampling is
    enough for a draft)."""
    audio = samples.reshape(-1).astype(np.float32)
    if samples.dtype == np.int16:
        audio /= 32768.0
    if sample_rate == SAMPLE_RATE or len(audio) == 0:
        return audio
    count = round(len(audio) * SAMPLE_RATE / sample_rate)
    positions = np.arange(count) * (sample_rate / SAMPLE_RATE)
    return np.interp(positions, np.arange(len(audio)), audio).astype(np.float32)


class LiveDraft:
    """Background transcription of one meeting's recording as it is captured."""

    def __init__(
        self,
        library: Library,
        meeting_id: int,
        sample_rate: int,
        options: LiveOptions | None = None,
        on_bullets: BulletsCallback | None = None,
    ) -> None:
        self.library = library
        self.meeting_id = meeting_id
        self.sample_rate = sample_rate
        self.options = options or LiveOptions()
        self.on_bullets = on_bullets
        self.error: str | None = None
        self._inbox: queue.SimpleQueue = queue.SimpleQueue()
        self._cancel = threading.Event()
        self._segmenter = StretchCutter(self.options.vad)
        self._engine_options = self.options.engine
        self._history = DecodeHistory()
        self._language_known = self._engine_options.language != "auto"
        # A marker whose stretch held no words opens the next bullet instead.
        self._marker_label = ""
        self._thread = threading.Thread(target=self._run, name="live-draft", daemon=True)
        self._lock = TranscriptionLock(library, meeting_id)

    @staticmethod
    def prepare(options: LiveOptions) -> None:
        """Load the model now (seconds), so a broken model fails before recording starts."""
        get_engine(options.engine)

    def start(self) -> None:
        # The job lock, as a file transcription holds it, until the draft's last bullet:
        # the recording's own lock ends with the file, but the draft's tail goes on, and
        # meanwhile the start-up pass of another process (or of the GUI after another
        # job failed) must leave this meeting running, not mark it incomplete.
        self._lock.acquire()
        try:
            self.library.update_meeting(
                self.meeting_id, transcript_state=TranscriptState.RUNNING.value
            )
        except BaseException:
            self._lock.release()
            raise
        self._thread.start()

    def feed(self, samples: np.ndarray) -> None:
        """Recorded int16 (or float32) mono samples at ``sample_rate``; returns at once."""
        if self._thread.is_alive():  # a failed draft must not hoard the meeting's audio
            self._inbox.put(("audio", samples))

    def mark(self, at: float, label: str) -> None:
        """A marker: the draft starts a new bullet there, carrying the label."""
        self._inbox.put(("marker", at, label))

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def end_of_audio(self) -> None:
        """No more audio will come: transcribe the tail, without waiting for it."""
        self._inbox.put(("stop",))

    def cancel(self) -> None:
        """Stop transcribing within a second; what is drafted stays, marked incomplete."""
        self._cancel.set()

    def finish(self, cancel: bool = False, timeout: float | None = None) -> None:
        """Transcribe the tail and wait; ``cancel`` stops within a second, draft incomplete."""
        if cancel:
            self._cancel.set()
        self._inbox.put(("stop",))
        if self._thread.is_alive():
            self._thread.join(timeout)

    # -- worker ------------------------------------------------------------------------

    def _run(self) -> None:
        state = TranscriptState.INCOMPLETE
        try:
            while True:
                item = self._inbox.get()
                if item[0] == "audio":
                    stretches = self._segmenter.feed(to_whisper_audio(item[1], self.sample_rate))
                elif item[0] == "marker":
                    self._segmenter.mark(item[1], item[2])
                    continue
                else:
                    stretches = self._segmenter.flush()
                for stretch in stretches:
                    if self._cancel.is_set():
                        break
                    self._transcribe(stretch)
                if item[0] == "stop":
                    if not self._cancel.is_set():
                        state = TranscriptState.COMPLETE
                    return
        except Exception as exc:  # the recording goes on; the draft says why it stopped
            log.exception("live draft failed")
            self.error = message("The live draft stopped: {detail}", detail=exc)
        finally:
            try:
                self.library.update_meeting(self.meeting_id, transcript_state=state.value)
            finally:
                self._lock.release()
                self.library.close()  # this thread's connection

    def _transcribe(self, stretch: Stretch) -> None:
        """Decode one stretch in its own language (never the first stretch's: a
        meeting may switch, and decoding in the wrong language translates)."""
        engine = get_engine(self._engine_options)
        label = "; ".join(filter(None, [self._marker_label, *stretch.markers]))
        self._marker_label = ""
        for segment in engine.decode_stretch(stretch, self._history, self._cancel):
            if self._cancel.is_set():
                break
            if not self._language_known and segment.text and segment.language:
                self._language_known = True  # the meeting is labelled by its first words
                self.library.update_meeting(self.meeting_id, language=segment.language)
            bullet = bullet_from_segment(self.meeting_id, segment)
            if label:
                # The first bullet after a marker opens with it (DESIGN: markers are
                # bullet boundaries); the label is kept for the editor.
                bullet = replace(bullet, extra={**bullet.extra, "marker": label})
                label = ""
            added = self.library.append_bullets(self.meeting_id, [bullet])
            if self.on_bullets:
                try:
                    self.on_bullets(added)
                except Exception:  # a broken view must not stop the draft
                    log.exception("bullets callback failed")
        self._marker_label = label
