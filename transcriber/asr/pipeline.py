"""Transcribe a file into the library: the one function the CLI and the GUI both call."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from transcriber.asr.engine import EngineOptions, Progress, get_engine
from transcriber.audio import MIN_SECONDS, SAMPLE_RATE, duration_seconds, load_audio, sha256_file
from transcriber.errors import LibraryError
from transcriber.library.store import Library
from transcriber.model import Bullet, Meeting, RecordingState, Segment, TranscriptState

SegmentCallback = Callable[[Bullet], None]


def store_audio(library: Library, path: Path, sha256: str) -> Path:
    """Copy the source into the library's audio folder, so the meeting never depends
    on a file the user may move or delete. A file already there is used as it is."""
    path = path.resolve()
    if path.parent == library.audio_dir.resolve():
        return path
    target = library.audio_dir / f"{sha256[:12]}-{path.name}"
    if not target.exists():
        partial = target.with_name(target.name + ".partial")
        try:
            shutil.copyfile(path, partial)
            with open(partial, "rb") as f:
                os.fsync(f.fileno())
            partial.rename(target)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise LibraryError(
                f"Cannot copy {path.name} into the library: {exc.strerror or exc}."
            ) from exc
    return target


def transcribe_file(
    library: Library,
    path: str | os.PathLike[str],
    options: EngineOptions,
    title: str | None = None,
    date: str | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    on_segment: SegmentCallback | None = None,
    speaker: str | None = None,
) -> Meeting:
    """Decode ``path``, store it as a new meeting and stream its bullets into the library.

    ``speaker`` names the official who recorded it: the meeting's default speaker,
    to whom every bullet is attributed until the editor says otherwise.

    Audio and model are checked before anything is written, so a bad file or a
    broken model leaves the library exactly as it was.
    """
    path = Path(path)
    audio = load_audio(path)
    get_engine(options)
    sha256 = sha256_file(path)
    stored = store_audio(library, path, sha256)
    meeting = library.create_meeting(
        title or path.stem,
        date or dt.date.today().isoformat(),
        language=options.language,
        transcript_state=TranscriptState.RUNNING.value,
    )
    library.add_recording(
        meeting.id,
        stored,
        sha256=sha256,
        duration=duration_seconds(audio),
        state=RecordingState.COMPLETE.value,
    )
    if speaker:
        library.speaker(meeting.id, speaker, is_default=True)
    transcribe_into(library, meeting.id, audio, options, progress, cancel, on_segment)
    return library.meeting(meeting.id)


def bullet_from_segment(
    meeting_id: int, segment: Segment, speaker_id: int | None = None
) -> Bullet:
    return Bullet(
        id=None,
        meeting_id=meeting_id,
        position=0,
        speaker_id=speaker_id,
        text=segment.text,
        start=round(segment.start, 3),
        end=round(segment.end, 3),
        flagged=segment.flagged,
        flag_reason=segment.flag_reason,
        words=list(segment.words),
    )


def _pieces(duration: float, markers: Sequence[tuple[float, str]]) -> list[tuple[float, float, str]]:
    """(start, end, label of the marker opening it): the audio cut at each marker."""
    cuts = sorted((at, label) for at, label in markers if 0 < at < duration)
    starts = [(0.0, ""), *cuts]
    ends = [at for at, _label in cuts] + [duration]
    return [(start, end, label) for (start, label), end in zip(starts, ends, strict=True)]


def transcribe_into(
    library: Library,
    meeting_id: int,
    audio: np.ndarray,
    options: EngineOptions,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    on_segment: SegmentCallback | None = None,
    markers: Sequence[tuple[float, str]] = (),
    start: float | None = None,
    end: float | None = None,
) -> str:
    """Append the bullets of ``audio`` to a meeting as they are decoded.

    ``start``/``end`` (seconds) decode only that range of ``audio`` (the whole
    recording): re-transcribing part of a meeting. Times stay absolute.

    Each segment is committed on its own, so a crash or a cancel keeps everything
    decoded so far; the meeting ends ``complete`` or ``incomplete``. ``markers``
    (time, label) are bullet boundaries: the audio is decoded piece by piece between
    them, and the first bullet after a marker carries its label in ``extra``.
    """
    cancel = cancel or threading.Event()
    library.update_meeting(meeting_id, transcript_state=TranscriptState.RUNNING.value)
    default = next((s for s in library.speakers(meeting_id) if s.is_default), None)
    speaker_id = default.id if default else None
    total = len(audio) / SAMPLE_RATE
    range_start = max(0.0, start or 0.0)
    range_end = min(total, total if end is None else end)
    state = TranscriptState.INCOMPLETE
    try:
        for piece_start, piece_end, marker_label in _pieces(total, markers):
            start, end = max(piece_start, range_start), min(piece_end, range_end)
            if end <= start:
                continue
            # A marker before the range opens no bullet of it.
            label = marker_label if start == piece_start else ""
            piece = audio[int(start * SAMPLE_RATE) : int(end * SAMPLE_RATE)]
            if len(piece) < MIN_SECONDS * SAMPLE_RATE:
                continue
            piece_progress = None
            if progress:
                def piece_progress(done: float, _total: float, start: float = start) -> None:
                    progress(start + done, total)
            for segment in get_engine(options).transcribe(piece, piece_progress, cancel, start):
                if options.language == "auto" and segment.language:
                    # Detected once; later pieces keep it (and the model is shared).
                    options = dataclasses.replace(options, language=segment.language)
                    library.update_meeting(meeting_id, language=segment.language)
                bullet = bullet_from_segment(meeting_id, segment, speaker_id)
                if label:
                    bullet.extra = {"marker": label}
                    label = ""
                (bullet,) = library.append_bullets(meeting_id, [bullet])
                if on_segment:
                    on_segment(bullet)
            if cancel.is_set():
                break
        if not cancel.is_set():
            state = TranscriptState.COMPLETE
    finally:
        library.update_meeting(meeting_id, transcript_state=state.value)
    return state.value


def transcribe_recording(
    library: Library,
    recording_id: int,
    options: EngineOptions,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    on_segment: SegmentCallback | None = None,
) -> str:
    """Transcribe a stored recording again, replacing its meeting's bullets.

    For a recording made without the live draft, or recovered after a crash with a
    partial draft. Its markers are bullet boundaries. Callers ask the user first
    when the meeting already has bullets: they are replaced.
    """
    recording = library.recording(recording_id)
    audio = load_audio(recording.path)
    get_engine(options)
    library.delete_bullets(recording.meeting_id)
    markers = [(m["at"], m["label"]) for m in library.markers(recording_id)]
    return transcribe_into(library, recording.meeting_id, audio, options, progress, cancel,
                           on_segment, markers)
