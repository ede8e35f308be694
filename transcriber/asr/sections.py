"""A recording cut into sections that separate decoders work through side by side.

On a CPU one Whisper decode barely gains from a second thread, while two decodes on
one thread each get through nearly twice the audio (``transcriber.asr.device``). So
a long recording is cut into up to one section per decoder, each streamed from its
own reader and decoded in order, with the text before it as context; only each
section's first window starts without context, as a recording's first window does.

Sections are cut in pauses, never inside a word: the cut between two sections is the
middle of the longest pause the VAD finds within ``SEARCH_SECONDS`` of the even split.
Both sections work it out on their own, from the same samples, so neither waits for
the other: the earlier one stops there, the later one starts there.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from transcriber.asr.vad import SAMPLE_RATE, WINDOW, SpeechProbabilities, Stretch, StretchCutter
from transcriber.audio import AudioReader

# A section shorter than this is not worth the context its start loses.
MIN_SECTION_SECONDS = 90.0
# The cut between sections is looked for this far either side of the even split.
SEARCH_SECONDS = 15.0
# Below this speech probability a VAD window is pause (the VAD's own lower threshold).
PAUSE_BELOW = 0.35

# Chunks of [start, end) seconds of the recording (end None: to its end).
Read = Callable[[float, float | None], Iterator[np.ndarray]]


@dataclass
class Section:
    """Where a section starts (progress counts from there; a later section's start
    moves to its cut once it is found) and its stretches, read, cut and VAD-ed lazily
    on whichever thread iterates them."""

    start: float
    stretches: Iterator[Stretch]


def section_count(seconds: float, decoders: int) -> int:
    """How many sections a recording of ``seconds`` is cut into for ``decoders``."""
    return max(1, min(decoders, int(seconds // MIN_SECTION_SECONDS)))


def sections_of(
    source: np.ndarray | AudioReader,
    decoders: int,
    markers: Sequence[tuple[float, str]] = (),
    start: float = 0.0,
    end: float | None = None,
    labels: dict[float, str] | None = None,
) -> list[Section]:
    """[start, end) of a recording (a waveform, or a file's reader) cut into sections
    for ``decoders`` decoding side by side, each read through its own reader. The last
    section reads through ``source`` itself: it reaches the file's end, so the
    reader's duration and truncation warning are right. ``labels``, if given, gets
    the marker labels stretches open with, keyed by their start (for the bullet that
    comes of each)."""
    length = len(source) / SAMPLE_RATE if isinstance(source, np.ndarray) else source.duration
    stop = length if end is None else min(end, length)
    count = section_count(stop - start, decoders)
    sources = [source if isinstance(source, np.ndarray) or k == count - 1
               else AudioReader(source.path) for k in range(count)]
    reads = [functools.partial(chunks_of, each) for each in sources]
    sections = split(reads, start, end, length, markers)
    if labels is not None:
        for section in sections:
            section.stretches = _noting_labels(section.stretches, labels)
    return sections


def split(
    reads: Sequence[Read], start: float, end: float | None, length: float,
    markers: Sequence[tuple[float, str]] = (),
) -> list[Section]:
    """[start, end) of a recording ``length`` seconds long as ``len(reads)`` sections,
    the k-th read through ``reads[k]`` (each section needs a reader of its own).
    ``markers`` (time, label) cut stretches and label the first one after them."""
    count = len(reads)
    stop = length if end is None else min(end, length)
    guesses = [start + (stop - start) * k / count for k in range(count)]
    sections = []
    for k, read in enumerate(reads):
        section = Section(guesses[k], iter(()))
        ends_at = guesses[k + 1] if k + 1 < count else None
        section.stretches = _section_stretches(section, read, k > 0, ends_at, end, markers)
        sections.append(section)
    return sections


def cut_stretches(
    chunks: Iterable[np.ndarray], origin: float, markers: Sequence[tuple[float, str]] = (),
    end: float | None = None, marker_at_origin: bool = False,
) -> Iterator[Stretch]:
    """The speech stretches of audio chunks that start at ``origin`` seconds; markers
    inside cut stretches and label the first one after them (one at ``origin`` only
    with ``marker_at_origin``: a range that starts at a marker is labelled elsewhere)."""
    cutter = StretchCutter(origin=origin)
    for at, label in markers:
        after_origin = origin <= at if marker_at_origin else origin < at
        if after_origin and (end is None or at < end):
            cutter.mark(at, label)
    for chunk in chunks:
        yield from cutter.feed(chunk)
    yield from cutter.flush()


def chunks_of(source: np.ndarray | AudioReader, start: float, end: float | None
              ) -> Iterator[np.ndarray]:
    """The audio of [start, end) seconds, in chunks."""
    first = round(start * SAMPLE_RATE)
    last = None if end is None else round(end * SAMPLE_RATE)
    if isinstance(source, np.ndarray):
        step = 30 * SAMPLE_RATE
        stop = len(source) if last is None else min(last, len(source))
        for at in range(first, stop, step):
            yield source[at : min(at + step, stop)]
        return
    at = 0
    for chunk in source.chunks():
        chunk_start, at = at, at + len(chunk)
        if at <= first:
            continue
        if last is not None and chunk_start >= last:
            return  # the reader is left unfinished: the rest is not needed
        yield chunk[max(0, first - chunk_start) : None if last is None else last - chunk_start]


def _noting_labels(stretches: Iterator[Stretch], labels: dict[float, str]
                   ) -> Iterator[Stretch]:
    for stretch in stretches:
        label = "; ".join(filter(None, stretch.markers))
        if label:
            labels[stretch.start] = label
        yield stretch


def _section_stretches(
    section: Section, read: Read, begins_at_cut: bool, cut_guess: float | None,
    end: float | None, markers: Sequence[tuple[float, str]],
) -> Iterator[Stretch]:
    begin = _cut_near(read, section.start) if begins_at_cut else section.start
    section.start = begin
    if cut_guess is None:
        chunks: Iterable[np.ndarray] = read(begin, end)
    else:
        chunks = _until_cut(read(begin, None), begin, cut_guess)
    yield from cut_stretches(chunks, begin, markers, end, marker_at_origin=begins_at_cut)


def _cut_near(read: Read, guess: float) -> float:
    """The cut between the sections on either side of ``guess``, from its own read."""
    first = round(max(guess - SEARCH_SECONDS, 0.0) * SAMPLE_RATE)
    audio = np.concatenate([np.zeros(0, np.float32),
                            *read(first / SAMPLE_RATE, (first / SAMPLE_RATE) + 2 * SEARCH_SECONDS)])
    return pause_nearest(audio, first, guess)


def _until_cut(chunks: Iterator[np.ndarray], begin: float, guess: float) -> Iterator[np.ndarray]:
    """The chunks of a section (starting at ``begin``) up to the cut near ``guess``:
    found in the same samples ``_cut_near`` reads for the section after it."""
    first = round(max(guess - SEARCH_SECONDS, 0.0) * SAMPLE_RATE)
    last = first + round(2 * SEARCH_SECONDS * SAMPLE_RATE)
    at = round(begin * SAMPLE_RATE)  # the sample the next chunk starts at
    held: list[np.ndarray] = []  # chunks not yet handed on, from ``first`` on
    held_samples = 0
    for chunk in chunks:
        if at + len(chunk) <= first:
            at += len(chunk)
            yield chunk
            continue
        held.append(chunk)
        held_samples += len(chunk)
        if at + held_samples >= last:
            break
    audio = np.concatenate([np.zeros(0, np.float32), *held])
    held_from = at
    window = audio[max(first - held_from, 0): max(last - held_from, 0)]
    cut = round(pause_nearest(window, max(first, held_from), guess) * SAMPLE_RATE)
    if cut > held_from:
        yield audio[: cut - held_from]


def pause_nearest(audio: np.ndarray, first_sample: int, guess: float) -> float:
    """The middle of the longest pause in ``audio`` (which starts at ``first_sample`` of
    the recording), the nearest to ``guess`` among equals, in seconds of the recording;
    where the VAD hears no pause at all, its least speech-like window."""
    if not len(audio):
        return max(guess, first_sample / SAMPLE_RATE)
    vad = SpeechProbabilities()
    probabilities = np.concatenate([vad.feed(audio), vad.flush()])
    quiet = probabilities < PAUSE_BELOW
    best: tuple[float, float] | None = None  # (-length, distance to guess)
    best_at = float(np.argmin(probabilities)) + 0.5
    index = 0
    while index < len(quiet):
        if not quiet[index]:
            index += 1
            continue
        run_end = index
        while run_end < len(quiet) and quiet[run_end]:
            run_end += 1
        middle = (index + run_end) / 2
        at = first_sample / SAMPLE_RATE + middle * WINDOW / SAMPLE_RATE
        key = (-(run_end - index), abs(at - guess))
        if best is None or key < best:
            best, best_at = key, middle
        index = run_end
    at = first_sample + best_at * WINDOW
    # On the VAD's grid of the whole recording, so a section's VAD windows are the ones
    # a single pass would judge.
    return round(at / WINDOW) * WINDOW / SAMPLE_RATE
