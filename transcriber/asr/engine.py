"""The transcription engine: faster-whisper over VAD windows, normalised, guarded, cancellable.

Speech is cut into stretches by Silero VAD (``transcriber.asr.vad``). Consecutive
stretches are packed, the pauses between them left out, into windows of up to
WINDOW_SECONDS, as faster-whisper's own VAD filter does; each window's language is
detected once (among the meeting's languages), its encoder pass reused for the
decode, and the previous text of the same language is the decoder's prompt, so the
decoder keeps its context across pauses (with ``batched``, consecutive windows of one
language are decoded together instead, without it). Times are mapped back to the
recording.

A window not clearly in one of the meeting's languages is halved at a stretch
boundary until each half is (a language switch mid-window), down to single
stretches: a stretch the detector finds torn between languages is cut at a pause and
each part detected on its own, so a meeting that switches between Mandarin and
English keeps both and translates neither; a phrase confidently in a third language
becomes a flagged gap (Whisper would translate it), and text decoded while the
detector doubted is flagged.

After decoding, every piece of VAD speech that got no words becomes a flagged gap
segment (text "", ``gap=True``): nothing said is dropped without the editor seeing it.

A recording long enough is cut, in pauses, into sections that CTranslate2 decoders
work through side by side, one thread each (``transcriber.asr.sections``: on a CPU
that is nearly twice the audio per minute on two cores); each section keeps its own
context, and the segments still come out in time order.

Decoding runs on worker threads that hand segments over a queue, so the caller (CLI
main thread, GUI worker) can stop waiting within a tenth of a second of
``cancel.set()`` even while CTranslate2 is busy with a 30-second window; the workers
stop at the next segment boundary.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import queue
import re
import threading
import unicodedata
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from transcriber.asr.device import DeviceChoice, choose_device
from transcriber.asr.guards import (
    flag_reason,
    hotword_echo,
    over_silence,
    overlap,
    prompt_echo,
    repeats_previous,
    wrong_script,
)
from transcriber.asr.models import resolve_model
from transcriber.asr.sections import Section, sections_of
from transcriber.asr.vad import Stretch
from transcriber.audio import SAMPLE_RATE
from transcriber.errors import ModelError, UsageError
from transcriber.messages import message
from transcriber.model import Segment, Word
from transcriber.text import has_cjk, normalise_zh, to_traditional

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

log = logging.getLogger(__name__)

# A Traditional-Chinese steering prompt. Not used by default: measured on the dev set
# and on long audio it costs accuracy (dropped sentences, "０" separators, loops, and
# its own words echoed into transcripts), and OpenCC already guarantees the script.
ZH_INITIAL_PROMPT = "以下是臺灣華語的會議逐字稿，使用繁體中文與全形標點符號。"
LANGUAGES = ("auto", "zh", "en")
CANCEL_POLL_SECONDS = 0.1
# Below this probability the language detector is torn: the stretch may hold two
# languages, so it is cut at a pause and each part detected on its own.
SPLIT_BELOW = 0.8
PART_SPLIT_BELOW = 0.98
MAX_SPLIT_DEPTH = 3
MIN_SPLIT_SECONDS = 2.0
# A stretch confidently in a language the meeting does not allow is not decoded
# (Whisper would translate it): it becomes a flagged gap naming the language.
OUTSIDE_LANGUAGE_ABOVE = 0.9
# A stretch of several phrases with this much probability outside the meeting's
# languages may hide a phrase in a third language: each phrase is heard alone.
OUTSIDE_SUSPECT = 0.02
# A stretch whose most likely language is outside the meeting's, less confidently:
# decoded (Mandarin is sometimes heard as Tibetan) but flagged for the editor.
OUTSIDE_DOUBT_ABOVE = 0.5
# Decoded in one of the meeting's languages while the detector gave another of them
# this much (a short live stretch of Mandarin heard as English): flagged.
TORN_RIVAL_ABOVE = 0.15
# Consecutive stretches are packed into one decoding window up to this length (Whisper
# hears 30 s at a time).
WINDOW_SECONDS = 29.0
# Speech a decode in one language skipped is heard in another of the meeting's
# languages when the detector gives that one this much.
SKIPPED_OTHER_ABOVE = 0.5
# A packed window is decoded in one language when the detector gives it this much.
WINDOW_LANGUAGE_ABOVE = 0.9
# A window decoded with the previous text as its prompt that leaves more than this
# share of its speech without words went astray: it is decoded again without it.
DERAILED_SHARE = 0.5
# The most tokens of previous text given to the decoder (faster-whisper's own limit).
CONTEXT_TOKENS = 223
# The first batch of windows decoded together (later ones: ``batch_size``). Measured on
# bench/long_audio.py's 4-minute file: 2 then 8 costs what 8 throughout does; 1, 2, 4, 8
# cost 10 % more.
FIRST_BATCH_WINDOWS = 2
# VAD speech of at least this length with no words is a gap the editor must see.
GAP_SECONDS = 1.0
# ... and so is longer speech with fewer words than one per this many seconds.
SPARSE_SECONDS_PER_WORD = 3.0

Progress = Callable[[float, float], None]
_decode_threads: weakref.WeakSet[threading.Thread] = weakref.WeakSet()


def wait_for_decoders(timeout: float | None = None) -> bool:
    """Wait for decode threads a cancel left finishing their window; call before the
    process exits, since tearing the interpreter down under CTranslate2 crashes it."""
    for thread in list(_decode_threads):
        thread.join(timeout)
    return not any(t.is_alive() for t in _decode_threads)


# Why a stretch's text may be a translation (flag reasons; ui/flag_reasons.py says them
# in the interface's language, so their shapes are kept here, in one place).
def outside_doubt(heard: str, probability: float) -> str:
    return (f"the language detector heard {heard} ({probability:.0%}), not one of the "
            f"meeting's languages: check this is not a translation")


def torn_doubt(language: str, chosen: float, rival: float) -> str:
    return (f"the language detector was torn ({language} {chosen:.0%}, another of the "
            f"meeting's languages {rival:.0%}): check this is not a translation")


def redone_doubt(language: str, first: str) -> str:
    return (f"decoded as {language} after {first} gave no words here: check this is not a "
            f"translation")


@dataclass(frozen=True)
class EngineOptions:
    model: str = "whisper-base"
    device: str = "auto"
    # "auto": each stretch in the most likely of ``languages``; a code forces it.
    language: str = "auto"
    # Windows decoded up to ``batch_size`` at a time (shared by a recording's sections)
    # with faster-whisper's BatchedInferencePipeline: on a CPU about 15 % faster
    # (bench/long_audio.py), but without the previous window's text as context, which
    # cost 0.2 (silent gaps) to 1.4 (faintly noisy gaps) points of token error on
    # bench/accuracy.py's joined dev clips. Single stretches (the live draft, speech
    # heard again) are always decoded alone.
    batched: bool = False
    # Given to the decoder before each Chinese stretch; None: no prompt (see above).
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


@dataclass
class _Plan:
    """A stretch, the language to decode it in, and the encoder pass already made."""

    stretch: Stretch
    language: str
    features: np.ndarray | None = None
    encoded: object = None
    outside: str = ""  # a language the meeting does not allow, heard confidently
    prompt: list[int] | None = None  # the previous text's tokens, as faster-whisper's prompt
    # For the batched pipeline: the windows (seconds of the stretch) decoded as a batch,
    # and their encoder passes, made for the language detection. No clips: the stretch
    # is decoded alone, sequentially (with faster-whisper's temperature fallback).
    clips: list[dict[str, float]] | None = None
    clip_encodings: list[object] | None = None
    doubt: str = ""  # why its text may be a translation (a flag reason), or ""


@dataclass
class DecodeHistory:
    """What the guards compare a segment with: the texts just before it."""

    texts: list[str] = dataclasses.field(default_factory=list)
    first_language: str = ""
    # The decoder's own tokens of the last unflagged text, and their language: the
    # next window of that language is decoded with them as its prompt.
    tokens: list[int] = dataclasses.field(default_factory=list)
    language: str = ""

    def remember(self, text: str) -> None:
        self.texts = [*self.texts[-2:], text]

    def carry(self, language: str, tokens: list[int], flagged: bool) -> None:
        if flagged or language != self.language:
            self.tokens = []  # a doubtful text or another language is no context
        self.language = language
        if not flagged:
            self.tokens = [*self.tokens, *tokens][-CONTEXT_TOKENS:]


class Engine:
    """One loaded Whisper model; ``transcribe`` may be called repeatedly."""

    def __init__(self, options: EngineOptions) -> None:
        self.options = options
        self.model, self.device, self.model_path = load_model(options.model, options.device)
        # Sections of a recording decoded side by side (``transcriber.asr.sections``).
        self.decoders = self.device.workers
        self._encoded_once = _EncodedOnce(self.model)
        self._transcription_options: dict[str, object] = {}

    # -- public --------------------------------------------------------------------------

    def detect_language(self, audio: np.ndarray) -> str:
        """The most probable of ``options.languages`` for (the first 30 s of) ``audio``."""
        features = self.model.feature_extractor(audio[: 30 * SAMPLE_RATE])
        ranked = self._languages(self._encode(features))
        return self._best_allowed(ranked)

    def transcribe(
        self,
        audio: np.ndarray,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
        offset: float = 0.0,
    ) -> Iterator[Segment]:
        """Yield the segments of an in-memory waveform as they are decoded.

        ``progress(done_seconds, total_seconds)`` reaches the total at the end.
        ``offset`` is added to every time, for pieces cut from a longer recording.
        """
        total = len(audio) / SAMPLE_RATE
        sections = sections_of(audio, self.decoders)
        for segment in self.transcribe_sections(sections, progress, cancel, total):
            yield _shifted(segment, offset)
        if progress and not (cancel and cancel.is_set()):
            progress(total, total)

    def transcribe_stretches(
        self,
        stretches: Iterable[Stretch],
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
        total: float = 0.0,
    ) -> Iterator[Segment]:
        """Decode stretches (from a streaming reader or a recorder) one by one.

        The iterable is consumed on the decode thread, so reading and cutting the
        audio never blocks a cancel. ``progress(end of the last stretch, total)``.
        """
        yield from self.transcribe_sections([Section(0.0, iter(stretches))], progress,
                                            cancel, total)

    def transcribe_sections(
        self,
        sections: Sequence[Section],
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
        total: float = 0.0,
    ) -> Iterator[Segment]:
        """Decode the sections of a recording (``transcriber.asr.sections``) side by
        side, each on its own thread with its own context; yield the segments in time
        order: the first section's as they come, a later one's once every section
        before it is done (held until then, so a cancel keeps an unbroken start).

        Each section's stretches are consumed on its decode thread, so reading and
        cutting the audio never blocks a cancel. ``progress(done, total)``: the
        first section's start plus the seconds every section has got through.
        """
        cancel = cancel or threading.Event()
        handoff: queue.Queue = queue.Queue(maxsize=64)
        stop = threading.Event()

        def put(item: object) -> bool:
            while not stop.is_set():
                try:
                    handoff.put(item, timeout=CANCEL_POLL_SECONDS)
                    return True
                except queue.Full:
                    continue
            return False

        def decode(index: int, stretches: Iterable[Stretch]) -> None:
            try:
                history = DecodeHistory()
                # ``batch_size`` windows in memory at once, shared by the sections.
                size = (max(1, self.options.batch_size // len(sections))
                        if self.options.batched else 1)
                for batch in _batches(_windows(stretches), size):
                    if stop.is_set():
                        return
                    for segment in self.decode_windows(batch, history, stop):
                        if not put((index, segment)):
                            return
                    if not put((index, ("progress", batch[-1][-1].end))):
                        return
            except BaseException as exc:  # handed to the consumer, raised there
                put((index, exc))
            put((index, None))

        for index, section in enumerate(sections):
            worker = threading.Thread(target=decode, args=(index, section.stretches),
                                      name=f"whisper-decode-{index}", daemon=True)
            _decode_threads.add(worker)
            worker.start()
        reached: list[float | None] = [None] * len(sections)  # end of the last stretch
        held: list[list[Segment]] = [[] for _ in sections]
        done = [False] * len(sections)
        streaming = 0  # the earliest section not done: its segments go out as they come
        try:
            while streaming < len(sections):
                try:
                    index, item = handoff.get(timeout=CANCEL_POLL_SECONDS)
                except queue.Empty:
                    if cancel.is_set():
                        return
                    continue
                if isinstance(item, BaseException):
                    raise item
                if cancel.is_set():
                    return
                if isinstance(item, tuple):
                    reached[index] = item[1]
                    if progress:
                        progress(_progress(sections, reached, total), total)
                elif item is None:
                    done[index] = True
                    while streaming < len(sections) and done[streaming]:
                        streaming += 1
                        if streaming < len(sections):
                            yield from held[streaming]
                            held[streaming] = []
                elif index == streaming:
                    yield item
                else:
                    held[index].append(item)
        finally:
            stop.set()

    def decode_windows(
        self, windows: list[list[Stretch]], history: DecodeHistory, stop: threading.Event
    ) -> list[Segment]:
        """The segments of windows of consecutive stretches (see ``_windows``), times
        mapped back to the recording.

        As faster-whisper's own VAD filter does, the pauses between stretches are left
        out and each window's speech is decoded as one, with the previous text of the
        same language as the decoder's prompt; the language is detected once per
        window. A window the detector does not hear as one clear language of the
        meeting is halved until its parts are (see ``_decode_unclear``); a single
        stretch still unclear is decoded phrase by phrase (third languages left as
        gaps), without context. With the batched pipeline, consecutive windows
        of one language are decoded in one batch.
        """
        segments: list[Segment] = []
        run: list[list[Stretch]] = []
        run_encoded: list[object] = []  # each run window's encoder pass, for the batch
        run_language = ""
        for window in windows:
            if stop.is_set():
                break
            language, features, encoded = self._window_language(window)
            if language and language == run_language and self.options.batched:
                run.append(window)
                run_encoded.append(encoded)
                continue
            if run:
                segments += self._decode_run(run, run_language, None, run_encoded, history,
                                             stop)
            run, run_encoded, run_language = [], [], ""
            if not language:
                segments += self._decode_unclear(window, features, encoded, history, stop)
            elif self.options.batched:
                run, run_encoded, run_language = [window], [encoded], language
            else:
                segments += self._decode_run([window], language, features, [encoded],
                                             history, stop)
        if run and not stop.is_set():
            segments += self._decode_run(run, run_language, None, run_encoded, history, stop)
        return segments

    def _decode_unclear(
        self, window: list[Stretch], features: np.ndarray, encoded: object,
        history: DecodeHistory, stop: threading.Event,
    ) -> list[Segment]:
        """A window the detector does not hear as one clear language of the meeting,
        halved at the stretch boundary nearest its middle and each half heard again: at
        a language switch one half, often both, is clear and decoded packed, with the
        previous text of its language as context. A single stretch is planned phrase by
        phrase, without context (see ``_plan``)."""
        if len(window) == 1:
            history.carry("", [], flagged=True)
            # Heard already as this window: not heard again.
            return self.decode_stretch(window[0], history, stop, (features, encoded))
        segments: list[Segment] = []
        cut = _middle_boundary(window)
        for half in (window[:cut], window[cut:]):
            if stop.is_set():
                break
            language, features, encoded = self._window_language(half)
            if language:
                segments += self._decode_run([half], language, features, [encoded],
                                             history, stop)
            else:
                segments += self._decode_unclear(half, features, encoded, history, stop)
        return segments

    def _window_language(self, window: list[Stretch]) -> tuple[str, np.ndarray, object]:
        """(language, features, encoder output) of a packed window; language "" when
        the window is not clearly in one of the meeting's languages."""
        features = self.model.feature_extractor(_packed(window).audio)
        encoded = self._encode(features)
        ranked = self._languages(encoded)
        language, probability = ranked[0]
        allowed = self._allowed()
        outside_share = sum(p for code, p in ranked if allowed and code not in allowed)
        if (probability < WINDOW_LANGUAGE_ABOVE or (allowed and language not in allowed)
                or outside_share >= OUTSIDE_SUSPECT):
            return "", features, encoded
        return language, features, encoded

    def _decode_run(
        self, run: list[list[Stretch]], language: str, features: np.ndarray | None,
        encoded: list[object], history: DecodeHistory, stop: threading.Event,
    ) -> list[Segment]:
        """Windows of one language decoded as one packed stretch (one window, or one
        batch of windows for the batched pipeline). ``features``: the single window's;
        ``encoded``: each window's encoder pass."""
        stretches = [stretch for window in run for stretch in window]
        packed = _packed(stretches)
        prompt = history.tokens if history.language == language and history.tokens else None
        plan = _Plan(packed, language, features, encoded[0], prompt=prompt,
                     clip_encodings=encoded)
        if self.options.batched:  # the batched pipeline takes no previous text
            plan.features, plan.encoded, plan.prompt = None, None, None
            plan.clips, at = [], 0.0
            for window in run:
                length = sum(len(s.audio) for s in window) / SAMPLE_RATE
                plan.clips.append({"start": at, "end": at + length})
                at += length
        segments = self._decode_plan(plan, history, stop, retry=True)
        return sorted((_mapped(segment, stretches) for segment in segments),
                      key=lambda s: (s.start, s.end))

    def decode_stretch(
        self, stretch: Stretch, history: DecodeHistory | None = None,
        stop: threading.Event | None = None, heard: tuple[np.ndarray, object] | None = None,
    ) -> list[Segment]:
        """The segments of one stretch, gaps included, in time order. ``heard``: its
        features and encoder output, when already computed."""
        history = history or DecodeHistory()
        stop = stop or threading.Event()
        segments: list[Segment] = []
        for plan in self._plan(stretch, 0, heard):
            if stop.is_set():
                break
            segments += self._decode_plan(plan, history, stop, retry=True)
        return sorted(segments, key=lambda s: (s.start, s.end))

    # -- language --------------------------------------------------------------------

    def _encode(self, features: np.ndarray) -> object:
        from faster_whisper.audio import pad_or_trim

        return self.model.encode(pad_or_trim(features[:, : max(1, features.shape[-1] - 1)]))

    def _languages(self, encoded: object) -> list[tuple[str, float]]:
        """(code, probability), most probable first."""
        if not self.model.model.is_multilingual:
            return [("en", 1.0)]
        results = self.model.model.detect_language(encoded)[0]
        return [(token[2:-2], probability) for token, probability in results]

    def _allowed(self) -> tuple[str, ...]:
        """The languages text may be written in: the forced one, else the meeting's.
        Speech in any other is a gap, never a translation (a forced language included:
        Whisper told to write zh over English speech writes a Chinese translation)."""
        language = self.options.language
        return (language,) if language != "auto" else tuple(self.options.languages)

    def _best_allowed(self, ranked: list[tuple[str, float]]) -> str:
        allowed = [code for code, _p in ranked if code in self._allowed()]
        return allowed[0] if allowed else ranked[0][0]

    def _plan(
        self, stretch: Stretch, depth: int, heard: tuple[np.ndarray, object] | None = None
    ) -> list[_Plan]:
        features, encoded = heard or self._heard(stretch)
        ranked = self._languages(encoded)
        top, probability = ranked[0]
        allowed = self._allowed()
        outside_share = sum(p for code, p in ranked if allowed and code not in allowed)
        if len(stretch.speech) > 1 and (
            outside_share >= OUTSIDE_SUSPECT or (probability < SPLIT_BELOW and depth < MAX_SPLIT_DEPTH)
        ):
            # A phrase in a third language hides in a stretch decoded in a meeting's
            # language: the decoder would translate it. Each phrase is heard alone.
            parts = self._outside_phrases(stretch)
            if parts is not None:
                return parts
        # A part of a torn stretch may still hold both languages (a Mandarin phrase and
        # the first English one): it is cut again unless the detector is near certain.
        torn = probability < (SPLIT_BELOW if depth == 0 else PART_SPLIT_BELOW)
        if torn and depth < MAX_SPLIT_DEPTH:
            cut = _pause_near_middle(stretch)
            if cut is not None:
                left, right = stretch.part(stretch.start, cut), stretch.part(cut, stretch.end)
                left.markers = stretch.markers
                return self._plan(left, depth + 1) + self._plan(right, depth + 1)
        if allowed and top not in allowed and probability >= OUTSIDE_LANGUAGE_ABOVE:
            return [_Plan(stretch, top, outside=top)]
        plan = _Plan(stretch, self._best_allowed(ranked), features, encoded)
        plan.doubt = self._doubt(ranked, plan.language)
        return [plan]

    def _doubt(self, ranked: list[tuple[str, float]], language: str) -> str:
        """Why the text decoded in ``language`` may be a translation, or "": the
        detector favoured a language the meeting does not allow, or was torn between
        the meeting's languages on a stretch that could not be cut apart."""
        allowed = self._allowed()
        top, probability = ranked[0]
        if allowed and top not in allowed and probability >= OUTSIDE_DOUBT_ABOVE:
            return outside_doubt(top, probability)
        chosen = dict(ranked).get(language, 0.0)
        rival = max((p for code, p in ranked if code in allowed and code != language), default=0)
        if chosen < SPLIT_BELOW and rival >= TORN_RIVAL_ABOVE:
            return torn_doubt(language, chosen, rival)
        return ""

    def _heard(self, stretch: Stretch) -> tuple[np.ndarray, object]:
        """The stretch's features and encoder output (one encoder pass)."""
        features = self.model.feature_extractor(stretch.audio)
        return features, self._encode(features)

    def _outside_phrases(self, stretch: Stretch) -> list[_Plan] | None:
        """The stretch cut around its phrases that are confidently in a language the
        meeting does not allow (each a gap), the rest planned again; None if no phrase is."""
        cuts = [stretch.start]
        cuts += [(a_end + b_start) / 2
                 for (_a, a_end), (b_start, _b) in zip(stretch.speech, stretch.speech[1:],
                                                      strict=False)]
        cuts.append(stretch.end)
        verdicts, heard = [], []
        for start, end in zip(cuts, cuts[1:], strict=False):
            heard.append(self._heard(stretch.part(start, end)))
            ranked = self._languages(heard[-1][1])
            top, probability = ranked[0]
            outside = top not in self._allowed() and probability >= OUTSIDE_LANGUAGE_ABOVE
            verdicts.append(top if outside else "")
        if not any(verdicts):
            return None
        plans: list[_Plan] = []
        run_start = 0
        for index in range(1, len(verdicts) + 1):
            if index < len(verdicts) and verdicts[index] == verdicts[run_start]:
                continue
            part = stretch.part(cuts[run_start], cuts[index])
            if run_start == 0:
                part.markers = stretch.markers
            if verdicts[run_start]:
                plans.append(_Plan(part, verdicts[run_start], outside=verdicts[run_start]))
            else:  # a run of one phrase was heard just above
                plans += self._plan(part, MAX_SPLIT_DEPTH,
                                    heard[run_start] if index - run_start == 1 else None)
            run_start = index
        return plans

    # -- decoding --------------------------------------------------------------------

    def _decode_options(self, language: str) -> object:
        """faster-whisper's TranscriptionOptions for ``language``, built by its own
        ``transcribe`` (lazily: nothing is decoded), so every default stays its own."""
        if language not in self._transcription_options:
            _segments, info = self.model.transcribe(
                np.zeros(SAMPLE_RATE, dtype=np.float32), **self._decode_kwargs(language)
            )
            self._transcription_options[language] = info.transcription_options
        return dataclasses.replace(self._transcription_options[language], clip_timestamps="0")

    def _prompt(self, language: str) -> str | None:
        return self.options.initial_prompt if language == "zh" else None

    def _decode_kwargs(self, language: str, batched: bool = False) -> dict:
        kwargs = {
            "language": language,
            "beam_size": self.options.beam_size,
            "initial_prompt": self._prompt(language),
            "word_timestamps": self.options.word_timestamps,
            "hotwords": self.options.hotwords or None,
        }
        if batched:
            kwargs["batch_size"] = self.options.batch_size
            kwargs["vad_filter"] = False
            # Its default is one segment per window: a 29-second bullet nobody can edit.
            kwargs["without_timestamps"] = False
        return kwargs

    def _raw_segments(self, plan: _Plan) -> Iterable[object]:
        if plan.clips is not None:
            from faster_whisper import BatchedInferencePipeline

            self._encoded_once.hand(plan.clip_encodings or [])
            # One per call: it keeps the last word's time between its batches, and
            # sections decode at once on other threads.
            pipeline = BatchedInferencePipeline(self._encoded_once)
            segments, _info = pipeline.transcribe(
                plan.stretch.audio, clip_timestamps=plan.clips,
                **self._decode_kwargs(plan.language, batched=True)
            )
            return segments
        from faster_whisper.tokenizer import Tokenizer

        features = plan.features
        if features is None:
            features = self.model.feature_extractor(plan.stretch.audio)
        tokenizer = Tokenizer(
            self.model.hf_tokenizer,
            self.model.model.is_multilingual,
            task="transcribe",
            language=plan.language,
        )
        options = self._decode_options(plan.language)
        if plan.prompt and options.initial_prompt is None:
            options = dataclasses.replace(options, initial_prompt=list(plan.prompt))
        return self.model.generate_segments(features, tokenizer, options, False, plan.encoded)

    def _decode_plan(
        self, plan: _Plan, history: DecodeHistory, stop: threading.Event, retry: bool
    ) -> list[Segment]:
        stretch = plan.stretch
        if plan.outside:
            return [_gap(stretch.start, stretch.end, plan.outside,
                         f"speech in another language ({plan.outside}) than the meeting's "
                         f"({', '.join(self._allowed())}); not transcribed, so not "
                         f"translated: listen and type it")]
        before = dataclasses.replace(history, texts=list(history.texts),
                                     tokens=list(history.tokens))
        segments: list[Segment] = []
        for raw in self._raw_segments(plan):
            if stop.is_set():
                break
            segment = self._finish(raw, plan, history)
            if segment is not None:
                segments.append(segment)
                history.carry(plan.language, list(getattr(raw, "tokens", []) or []),
                              segment.flagged)
        if stop.is_set():
            return segments
        missing = [stretch.part(start, end) for start, end in _uncovered(stretch.speech, segments)]
        if (retry and plan.prompt and plan.clips is None and stretch.speech_seconds
                and sum(p.speech_seconds for p in missing)
                > DERAILED_SHARE * stretch.speech_seconds):
            # Prompted with the previous text, Whisper sometimes jumps ahead: one phrase
            # stamped seconds from where it was said and the rest of the window left
            # out. That text is no record of the window: it is heard again unprompted.
            history.__dict__.update(before.__dict__)
            return self._decode_plan(dataclasses.replace(plan, prompt=None), history, stop,
                                     retry=True)
        if missing and retry:
            return segments + self._recover(missing, plan.language, history, stop)
        return segments + [_no_text_gap(part, plan.language) for part in missing]

    def _recover(
        self, parts: list[Stretch], language: str, history: DecodeHistory, stop: threading.Event
    ) -> list[Segment]:
        """Speech a decode skipped, heard again: all its parts packed into one window
        of the same language first (one encoder pass, not one per part), then each
        part still without text alone, then, maybe it is another language. The
        detector often mishears a second of speech (换一首歌 as English: "Why is it so
        cold?"), so text in another language found this way is flagged.

        Speech is often skipped because it is in the meeting's other language (a
        Mandarin sentence after an English one in a stretch heard as English): told to
        write it in the first language, Whisper writes a translation. So when the
        detector hears the skipped speech in another of the meeting's languages, each
        part is planned on its own language instead; text in a language other than the
        decode's is flagged there only where the part is too short for the detector to
        be trusted or the detector was torn."""
        packed = _packed(parts)
        features, encoded = self._heard(packed)
        elsewhere = self._skipped_in_other_language(encoded, language)
        if elsewhere:
            together: list[Segment] = []
        else:
            together = [_mapped(segment, parts) for segment in self._decode_plan(
                _Plan(packed, language, features, encoded), history, stop, retry=False)]
        segments: list[Segment] = []
        for index, part in enumerate(parts):
            redone = [s for s in together if _part_of(s, parts) == index]
            if any(s.text and s.start < part.end and part.start < s.end for s in together):
                # Text over the part, maybe in a segment begun in the part before it
                # (packed parts are heard as one): hearing it again would say it twice.
                segments += redone
                continue
            # The part's features and encoder pass, made once for its decode and its
            # language detection (a 2-second part costs a full 30-second pass).
            heard = (features, encoded) if len(parts) == 1 else None
            if not elsewhere and len(parts) > 1 and not stop.is_set():
                heard = self._heard(part)
                redone = self._decode_plan(_Plan(part, language, *heard), history, stop,
                                           retry=False)
            if not any(s.text for s in redone) and self.options.language == "auto" \
                    and len(self.options.languages) > 1 and not stop.is_set():
                redone = []
                for other in self._plan(part, MAX_SPLIT_DEPTH, heard):
                    # Heard first in the decode's language, or too short for the
                    # detector to be trusted: text in another language may be a
                    # translation. A longer part the detector heard clearly in the
                    # other language (not torn: ``_plan`` flags that) is not.
                    trusted = elsewhere and other.stretch.speech_seconds >= MIN_SPLIT_SECONDS
                    if other.language != language and not other.outside and not other.doubt \
                            and not trusted:
                        other.doubt = redone_doubt(other.language, language)
                    redone += self._decode_plan(other, history, stop, retry=False)
            segments += redone if any(s.text for s in redone) else [_no_text_gap(part, language)]
        return segments

    def _skipped_in_other_language(self, encoded: object, language: str) -> bool:
        """Whether the detector hears skipped speech in another of the meeting's
        languages than ``language``, the one its decode was told to write."""
        if self.options.language != "auto" or len(self.options.languages) < 2:
            return False
        ranked = self._languages(encoded)
        other = self._best_allowed(ranked)
        return other != language and dict(ranked).get(other, 0.0) >= SKIPPED_OTHER_ABOVE

    def _finish(self, raw: object, plan: _Plan, history: DecodeHistory) -> Segment | None:
        stretch = plan.stretch
        language = plan.language
        text = raw.text.strip()
        if not text:
            return None
        if language == "zh" or has_cjk(text):
            text = normalise_zh(text)
        text = apply_corrections(text, self.options.corrections)
        start = stretch.start + min(max(float(raw.start), 0.0), stretch.end - stretch.start)
        end = stretch.start + min(max(float(raw.end), 0.0), stretch.end - stretch.start)
        end = max(end, start)
        words = []
        for w in raw.words or []:
            word = w.word.strip()
            if not word:
                continue
            if language == "zh" or has_cjk(word):
                word = to_traditional(word)
            w_start = min(max(stretch.start + float(w.start), start), end)
            w_end = min(max(stretch.start + float(w.end), w_start), end)
            words.append(Word(round(w_start, 3), round(w_end, 3), word, float(w.probability)))
        span = stretch.audio[
            int((start - stretch.start) * SAMPLE_RATE) : int((end - stretch.start) * SAMPLE_RATE)
        ]
        reason = (
            flag_reason(
                text,
                ratio=raw.compression_ratio,
                no_speech_prob=raw.no_speech_prob,
                avg_logprob=raw.avg_logprob,
                audio=span,
            )
            or prompt_echo(text, self._prompt(language))
            or hotword_echo(text, self.options.hotwords, history.texts)
            or wrong_script(text, language)
            or repeats_previous(text, history.texts)
            or over_silence(start, end, stretch.speech)
            or plan.doubt
        )
        history.remember(text)
        return Segment(
            start=start,
            end=end,
            text=text,
            language=language,
            flagged=bool(reason),
            flag_reason=reason,
            words=words,
        )


class _EncodedOnce:
    """The WhisperModel as faster-whisper's batched pipeline sees it: its encoder
    passes are the ones the engine already made to detect each window's language,
    handed over per thread, so a batch is not encoded a second time (on a CPU that
    is a third of the batched decode's time). Anything not handed over, or not of
    the batch's size, is encoded as usual; so is every batch on a GPU, where the
    engine's outputs stay on the device and the pass costs little."""

    def __init__(self, model: WhisperModel) -> None:
        self._model = model
        self._handed = threading.local()

    def __getattr__(self, name: str) -> object:
        return getattr(self._model, name)

    def hand(self, encoded: list[object]) -> None:
        """The encoder passes of the next batch, in clip order ([] for none)."""
        self._handed.passes = [] if self._model.model.device == "cuda" else list(encoded)

    def encode(self, features: np.ndarray) -> object:
        import ctranslate2

        passes, self._handed.passes = getattr(self._handed, "passes", []), []
        batch = 1 if features.ndim == 2 else features.shape[0]
        if len(passes) != batch or any(p is None for p in passes):
            return self._model.encode(features)
        # CTranslate2 reads this array in place: it is kept until the next batch.
        self._handed.array = np.ascontiguousarray(
            np.concatenate([np.asarray(p) for p in passes]))
        return ctranslate2.StorageView.from_array(self._handed.array)


def _progress(sections: Sequence[Section], reached: list[float | None], total: float) -> float:
    """How far decoding has got, as a point of the recording: the first section's
    start plus the seconds each section has got through (its start is its cut)."""
    done = sections[0].start + sum(at - section.start for at, section
                                   in zip(reached, sections, strict=True) if at is not None)
    return min(done, total) if total else done


def _shifted(segment: Segment, offset: float) -> Segment:
    if not offset:
        return segment
    return dataclasses.replace(
        segment,
        start=segment.start + offset,
        end=segment.end + offset,
        words=[Word(w.start + offset, w.end + offset, w.text, w.probability) for w in segment.words],
    )


def _windows(stretches: Iterable[Stretch]) -> Iterator[list[Stretch]]:
    """Consecutive stretches, packed while their audio fits one decoding window; a
    stretch that opens with a marker opens a window (markers are bullet boundaries).

    A stretch is never cut to fill the room left: tried, that put the window's end
    inside a speaker's sentence and cost 3 points of token error on the joined dev
    clips (bench/accuracy.py) to save one window in ten on bench/long_audio.py."""
    pending: list[Stretch] = []
    seconds = 0.0
    for stretch in stretches:
        length = len(stretch.audio) / SAMPLE_RATE
        if pending and (seconds + length > WINDOW_SECONDS or stretch.markers):
            yield pending
            pending, seconds = [], 0.0
        pending.append(stretch)
        seconds += length
    if pending:
        yield pending


def _middle_boundary(window: list[Stretch]) -> int:
    """The index of the stretch boundary nearest the middle of a window's audio."""
    lengths = [len(stretch.audio) for stretch in window]
    half, at, best, best_distance = sum(lengths) / 2, 0, 1, float("inf")
    for index, length in enumerate(lengths[:-1], start=1):
        at += length
        if abs(at - half) < best_distance:
            best, best_distance = index, abs(at - half)
    return best


def _batches(windows: Iterable[list[Stretch]], size: int) -> Iterator[list[list[Stretch]]]:
    """The windows in batches of up to ``size``, the first of up to
    ``FIRST_BATCH_WINDOWS``: a long recording's first bullets come after two windows'
    decode, not after a full batch's (on a CPU, about 20 s for 8 windows)."""
    batch: list[list[Stretch]] = []
    room = min(FIRST_BATCH_WINDOWS, size)
    for window in windows:
        batch.append(window)
        if len(batch) >= room:
            yield batch
            batch, room = [], size
    if batch:
        yield batch


def _packed(stretches: list[Stretch]) -> Stretch:
    """The stretches' audio end to end, as one stretch starting at 0 s (window time)."""
    if len(stretches) == 1:
        return stretches[0]
    speech, at = [], 0.0
    for stretch in stretches:
        speech += [(at + s - stretch.start, at + e - stretch.start) for s, e in stretch.speech]
        at += len(stretch.audio) / SAMPLE_RATE
    return Stretch(0.0, np.concatenate([s.audio for s in stretches]), speech)


def _recording_time(at: float, stretches: list[Stretch], end: bool) -> float:
    """A time of a packed window (see ``_packed``) as a time of the recording: in the
    stretch it falls into (an end on a boundary belongs to the stretch before it)."""
    offset = 0.0
    for index, stretch in enumerate(stretches):
        length = len(stretch.audio) / SAMPLE_RATE
        last = index == len(stretches) - 1
        if at < offset + length or (end and at <= offset + length) or last:
            return stretch.start + min(max(at - offset, 0.0), length)
        offset += length
    return stretches[-1].end


def _mapped(segment: Segment, stretches: list[Stretch]) -> Segment:
    if len(stretches) == 1:
        return segment  # decoded in the stretch's own times
    start = _recording_time(segment.start, stretches, end=False)
    end = max(start, _recording_time(segment.end, stretches, end=True))
    words = []
    for w in segment.words:
        w_start = min(max(_recording_time(w.start, stretches, end=False), start), end)
        w_end = min(max(_recording_time(w.end, stretches, end=True), w_start), end)
        words.append(Word(round(w_start, 3), round(w_end, 3), w.text, w.probability))
    return dataclasses.replace(segment, start=start, end=end, words=words)


def _part_of(segment: Segment, parts: list[Stretch]) -> int:
    """The index of the part (consecutive, in time order) a mapped segment starts in."""
    return next((i for i, part in enumerate(parts) if segment.start < part.end), len(parts) - 1)


def _no_text_gap(part: Stretch, language: str) -> Segment:
    return _gap(part.start, part.end, language, "speech with no text: listen and type what was said")


def _gap(start: float, end: float, language: str, reason: str) -> Segment:
    return Segment(start=start, end=end, text="", language=language, flagged=True,
                   flag_reason=reason, gap=True)


def _pause_near_middle(stretch: Stretch) -> float | None:
    """The middle of the pause closest to the stretch's middle, if both sides are long enough."""
    middle = (stretch.start + stretch.end) / 2
    pauses = [
        (a_end + b_start) / 2
        for (_a, a_end), (b_start, _b) in zip(stretch.speech, stretch.speech[1:], strict=False)
    ]
    pauses = [
        at for at in pauses
        if at - stretch.start >= MIN_SPLIT_SECONDS and stretch.end - at >= MIN_SPLIT_SECONDS
    ]
    return min(pauses, key=lambda at: abs(at - middle)) if pauses else None


def _uncovered(
    speech: list[tuple[float, float]], segments: list[Segment]
) -> list[tuple[float, float]]:
    """Runs of VAD speech the decoded words leave (nearly) empty, long enough to matter."""
    words = [(w.start, w.end) for s in segments for w in s.words]
    if not words:  # no word timings: whole segments stand for their words
        words = [(s.start, s.end) for s in segments if s.text]
    runs: list[tuple[float, float]] = []
    for start, end in speech:
        length = end - start
        said = sum(1 for w_start, w_end in words if overlap(w_start - 0.1, w_end + 0.1, [(start, end)]))
        empty = said == 0 or (length >= 2 * SPARSE_SECONDS_PER_WORD
                              and said < length / SPARSE_SECONDS_PER_WORD)
        if not empty:
            continue
        if runs and start - runs[-1][1] < 0.5:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    return [(start, end) for start, end in runs if end - start >= GAP_SECONDS]


def parse_languages(text: str) -> tuple[str, ...]:
    """"zh,en" -> ("zh", "en"); an unknown code is a UsageError with one sentence."""
    from faster_whisper.tokenizer import _LANGUAGE_CODES

    codes = tuple(dict.fromkeys(c.strip().lower() for c in text.split(",") if c.strip()))
    unknown = [c for c in codes if c not in _LANGUAGE_CODES]
    if unknown or not codes:
        raise UsageError(
            message("{unknown} is not a language Whisper knows; "
                    "use codes such as zh, en, ja, fr, separated by commas.", unknown=', '.join(unknown) or repr(text))
        )
    return codes


# A letter or digit of an alphabetic script (not CJK, which has no spaces between words).
_ALPHABETIC = r"[^\W_\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"


def apply_corrections(text: str, corrections: tuple[tuple[str, str], ...]) -> str:
    """The glossary's wrong forms replaced by its right forms.

    One pass, longest wrong form first, so a right form just written is never
    corrected again. ASCII letters match in either case; every other character
    matches only itself (Unicode case folding would let ``ſ`` or ``ı`` rewrite every
    s and i, and ``İ`` folds to two characters). A wrong form that starts or ends
    with a letter or digit matches only whole words there: "ai" must not change
    "said". A match followed by a combining mark is part of a longer letter and is
    left alone. Each wrong form is its own group, so a match is looked up by
    position, never by its text.
    """
    right_for: dict[str, str] = {}
    for wrong, right in corrections:
        if wrong:
            right_for.setdefault(wrong.lower() if wrong.isascii() else wrong, right)
    if not right_for:
        return text
    wrongs = sorted(right_for, key=len, reverse=True)
    alphabetic = re.compile(_ALPHABETIC)
    alternatives = []
    for wrong in wrongs:
        body = "".join(
            f"[{c.lower()}{c.upper()}]" if c.isascii() and c.isalpha() else re.escape(c)
            for c in wrong
        )
        before = f"(?<!{_ALPHABETIC})" if alphabetic.match(wrong[0]) else ""
        after = f"(?!{_ALPHABETIC})" if alphabetic.match(wrong[-1]) else ""
        alternatives.append(f"({before}{body}{after})")
    pattern = re.compile("|".join(alternatives))

    def replace(match: re.Match[str]) -> str:
        if match.end() < len(text) and unicodedata.combining(text[match.end()]):
            return match.group(0)
        return right_for[wrongs[(match.lastindex or 1) - 1]]

    return pattern.sub(replace, text)


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
            num_workers=choice.workers,
            local_files_only=True,
        )
    except Exception as exc:  # tokenizers raises a bare Exception for a corrupt tokenizer.json
        raise ModelError(
            message("The model in {path} could not be loaded (it may be corrupt or incomplete; "
                    "reinstall it): {detail}", path=path, detail=str(exc).splitlines()[0])
        ) from exc
    return model, choice, path


@functools.lru_cache(maxsize=8)
def get_engine(options: EngineOptions) -> Engine:
    """A process-wide engine per options; engines with the same model share it."""
    return Engine(options)
