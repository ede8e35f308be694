"""The transcription engine: faster-whisper, streamed, normalised, guarded, cancellable.

faster-whisper decodes lazily: its segment generator does the work as it is
consumed. The engine consumes it on a worker thread and hands segments over a
queue, so the caller (CLI main thread, GUI worker) can stop waiting within a
tenth of a second of ``cancel.set()`` even while CTranslate2 is busy with a
30-second window; the worker stops at the next segment boundary.
"""

from __future__ import annotations

import functools
import logging
import queue
import threading
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from transcriber.asr.device import DeviceChoice, choose_device
from transcriber.asr.guards import flag_reason
from transcriber.asr.models import resolve_model
from transcriber.audio import SAMPLE_RATE
from transcriber.errors import ModelError
from transcriber.model import Segment, Word
from transcriber.text import has_cjk, normalise_zh

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

log = logging.getLogger(__name__)

# Steers Whisper towards Traditional characters and full-width punctuation.
ZH_INITIAL_PROMPT = "以下是臺灣華語的會議逐字稿，使用繁體中文與全形標點符號。"
LANGUAGES = ("auto", "zh", "en")
CANCEL_POLL_SECONDS = 0.1

Progress = Callable[[float, float], None]
_decode_threads: weakref.WeakSet[threading.Thread] = weakref.WeakSet()


def wait_for_decoders(timeout: float | None = None) -> bool:
    """Wait for decode threads a cancel left finishing their window; call before the
    process exits, since tearing the interpreter down under CTranslate2 crashes it."""
    for thread in list(_decode_threads):
        thread.join(timeout)
    return not any(t.is_alive() for t in _decode_threads)


@dataclass(frozen=True)
class EngineOptions:
    model: str = "whisper-base"
    device: str = "auto"
    language: str = "auto"
    batched: bool = False
    initial_prompt: str | None = None
    beam_size: int = 5
    batch_size: int = 8
    # Languages a stretch may be decoded in; "auto" detects among these only.
    languages: tuple[str, ...] = ("zh", "en")
    # faster-whisper hotwords: glossary terms the decoder should prefer.
    hotwords: str = ""
    # Glossary post-correction (wrong form, right form), applied after normalisation.
    corrections: tuple[tuple[str, str], ...] = ()
    word_timestamps: bool = True


class Engine:
    """One loaded Whisper model; ``transcribe`` may be called repeatedly."""

    def __init__(self, options: EngineOptions) -> None:
        from faster_whisper import BatchedInferencePipeline

        self.options = options
        self.model, self.device, self.model_path = load_model(options.model, options.device)
        self.batched = BatchedInferencePipeline(self.model) if options.batched else None

    def detect_language(self, audio: np.ndarray) -> str:
        """The most probable of ``options.languages`` (any language when it is empty)."""
        language, _probability, ranked = self.model.detect_language(audio)
        allowed = [code for code, _p in ranked if code in self.options.languages]
        return allowed[0] if allowed else language

    def _decode_kwargs(self, language: str | None) -> dict:
        prompt = self.options.initial_prompt
        if prompt is None and language == "zh":
            prompt = ZH_INITIAL_PROMPT
        kwargs = {
            "language": language,
            "beam_size": self.options.beam_size,
            "initial_prompt": prompt,
            "word_timestamps": self.options.word_timestamps,
            "hotwords": self.options.hotwords or None,
        }
        if self.batched is not None:
            kwargs["batch_size"] = self.options.batch_size
        return kwargs

    def transcribe(
        self,
        audio: np.ndarray,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
        offset: float = 0.0,
    ) -> Iterator[Segment]:
        """Yield normalised, guarded segments as they are decoded.

        ``progress(done_seconds, total_seconds)`` reaches the total at the end.
        ``offset`` is added to every time, for stretches cut from a longer recording.
        """
        total = len(audio) / SAMPLE_RATE
        cancel = cancel or threading.Event()
        language = None if self.options.language == "auto" else self.options.language
        if language is None and total > 0:
            # Detect once up front so a Chinese file gets the Chinese prompt.
            language = self.detect_language(audio)
        pipeline = self.batched or self.model
        handoff: queue.Queue = queue.Queue()
        stop = threading.Event()

        def decode() -> None:
            try:
                segments, _info = pipeline.transcribe(audio, **self._decode_kwargs(language))
                for raw in segments:
                    if stop.is_set():
                        break
                    handoff.put(raw)
            except BaseException as exc:  # handed to the consumer, raised there
                handoff.put(exc)
            handoff.put(None)

        worker = threading.Thread(target=decode, name="whisper-decode", daemon=True)
        _decode_threads.add(worker)
        worker.start()
        try:
            while True:
                try:
                    item = handoff.get(timeout=CANCEL_POLL_SECONDS)
                except queue.Empty:
                    if cancel.is_set():
                        return
                    continue
                if item is None:
                    break
                if isinstance(item, BaseException):
                    raise item
                if cancel.is_set():
                    return
                segment = self._finish(item, audio, language or "")
                if segment.text:
                    segment.start += offset
                    segment.end += offset
                    segment.words = [
                        Word(w.start + offset, w.end + offset, w.text, w.probability)
                        for w in segment.words
                    ]
                    yield segment
                if progress:
                    progress(min(item.end, total), total)
            if progress:
                progress(total, total)
        finally:
            stop.set()

    def _finish(self, raw: object, audio: np.ndarray, language: str) -> Segment:
        text = raw.text.strip()
        if language == "zh" or has_cjk(text):
            text = normalise_zh(text)
        text = apply_corrections(text, self.options.corrections)
        words = [
            Word(float(w.start), float(w.end), w.word.strip(), float(w.probability))
            for w in (raw.words or [])
            if w.word.strip()
        ]
        span = audio[int(raw.start * SAMPLE_RATE) : int(raw.end * SAMPLE_RATE)]
        reason = flag_reason(
            text,
            ratio=raw.compression_ratio,
            no_speech_prob=raw.no_speech_prob,
            avg_logprob=raw.avg_logprob,
            audio=span,
        )
        return Segment(
            start=float(raw.start),
            end=float(raw.end),
            text=text,
            language=language,
            flagged=bool(reason),
            flag_reason=reason,
            words=words,
        )


def apply_corrections(text: str, corrections: tuple[tuple[str, str], ...]) -> str:
    """The glossary's wrong forms replaced by its right forms, longest wrong form first."""
    for wrong, right in sorted(corrections, key=lambda pair: -len(pair[0])):
        if wrong:
            text = text.replace(wrong, right)
    return text


@functools.lru_cache(maxsize=2)
def load_model(name: str, device: str) -> tuple[WhisperModel, DeviceChoice, Path]:
    """Load a model once per process: it takes seconds and hundreds of MB."""
    from faster_whisper import WhisperModel

    choice = choose_device(device)
    path = resolve_model(name)
    try:
        model = WhisperModel(
            str(path),
            device=choice.device,
            compute_type=choice.compute_type,
            cpu_threads=choice.cpu_threads,
            local_files_only=True,
        )
    except (RuntimeError, ValueError, OSError) as exc:
        raise ModelError(
            f"The model in {path} could not be loaded (it may be corrupt or incomplete; "
            f"reinstall it): {str(exc).splitlines()[0]}"
        ) from exc
    return model, choice, path


@functools.lru_cache(maxsize=8)
def get_engine(options: EngineOptions) -> Engine:
    """A process-wide engine per options; engines with the same model share it."""
    return Engine(options)
