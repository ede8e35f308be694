"""Transcribe a file into the library: the one function the CLI and the GUI both call.

Audio is streamed: read chunk by chunk (``transcriber.audio.AudioReader``), cut into
stretches by the VAD as it arrives, decoded window by window. Memory stays flat
whatever the length of the meeting, and the first bullets appear after seconds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from transcriber.asr.engine import EngineOptions, Progress, get_engine
from transcriber.asr.sections import sections_of
from transcriber.audio import SAMPLE_RATE, AudioReader
from transcriber.errors import Cancelled, LibraryError
from transcriber.library.audio_copy import copying_into
from transcriber.library.jobs import TranscriptionLock
from transcriber.library.store import Library
from transcriber.messages import message
from transcriber.model import Bullet, Meeting, RecordingState, Segment, TranscriptState

SegmentCallback = Callable[[Bullet], None]
COPY_BLOCK = 1 << 20

AudioSource = np.ndarray | AudioReader | str | os.PathLike[str]


def store_audio(
    library: Library, path: Path, cancel: threading.Event | None = None
) -> tuple[Path, str]:
    """Copy the source into the library's audio folder, so the meeting never depends on
    a file the user may move or delete; returns (stored path, sha256).

    One pass hashes and copies, block by block; a cancel stops within a block and, like
    any failure, leaves no partial file behind; a kill leaves one to the next start-up
    pass (``library.audio_copy``). A file already there is used as it is.
    """
    path = path.resolve()
    digest = hashlib.sha256()
    if path.parent == library.audio_dir.resolve():
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(COPY_BLOCK), b""):
                if cancel is not None and cancel.is_set():
                    raise Cancelled(message("Stopped before anything was stored."))
                digest.update(block)
        return path, digest.hexdigest()
    try:
        with copying_into(library, path.name) as partial:
            with open(path, "rb") as source, open(partial, "wb") as target:
                for block in iter(lambda: source.read(COPY_BLOCK), b""):
                    if cancel is not None and cancel.is_set():
                        raise Cancelled(message("Stopped before anything was stored."))
                    digest.update(block)
                    target.write(block)
                target.flush()
                os.fsync(target.fileno())
            sha256 = digest.hexdigest()
            stored = library.audio_dir / f"{sha256[:12]}-{path.name}"
            if not stored.exists():
                partial.rename(stored)
    except OSError as exc:
        raise LibraryError(
            message("Cannot copy {name} into the library: {detail}.", name=path.name, detail=exc.strerror or exc)
        ) from exc
    return stored, sha256


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
    broken model leaves the library exactly as it was; so does a cancel before the
    audio is copied (raises Cancelled). A truncated file is transcribed as far as it
    goes, and the meeting keeps a warning saying so.
    """
    path = Path(path)
    reader = AudioReader(path)
    get_engine(options)
    cancel = cancel or threading.Event()
    if progress:
        progress(0.0, reader.duration)
    stored, sha256 = store_audio(library, path, cancel)
    if cancel.is_set():
        raise Cancelled(message("Stopped before anything was stored."))
    # Created with its job lock held, so no start-up pass elsewhere marks it incomplete.
    meeting, job = library.create_meeting_for_job(
        title or path.stem,
        date or dt.date.today().isoformat(),
        language=options.language,
    )
    with job:
        recording = library.add_recording(
            meeting.id,
            stored,
            sha256=sha256,
            duration=reader.duration,
            state=RecordingState.COMPLETE.value,
        )
        if speaker:
            library.speaker(meeting.id, speaker, is_default=True)
        stored_reader = AudioReader(stored)
        stored_reader.name = path.name
        transcribe_into(library, meeting.id, stored_reader, options, progress, cancel,
                        on_segment)
        if stored_reader.finished:
            library.update_recording(recording.id, duration=stored_reader.decoded_seconds)
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
        extra={"gap": True} if segment.gap else {},
        words=list(segment.words),
    )


def transcribe_into(
    library: Library,
    meeting_id: int,
    audio: AudioSource,
    options: EngineOptions,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    on_segment: SegmentCallback | None = None,
    markers: Sequence[tuple[float, str]] = (),
    start: float | None = None,
    end: float | None = None,
) -> str:
    """Append the bullets of ``audio`` to a meeting as they are decoded.

    ``audio`` is a waveform (float32, 16 kHz mono), an AudioReader or a file path
    (streamed). ``start``/``end`` (seconds) decode only that range of the recording,
    for re-transcribing part of a meeting; times stay absolute. Each bullet is
    committed on its own, so a crash or a cancel keeps everything decoded so far;
    the meeting ends ``complete`` or ``incomplete``. ``markers`` (time, label) are
    bullet boundaries: the first bullet after a marker carries its label in
    ``extra``. Speech left without text becomes a flagged gap bullet
    (``extra={"gap": True}``, no text). A file that turns out truncated leaves a
    warning on the meeting.

    The meeting's job lock (transcriber.library.jobs) is held throughout: another
    process starting up leaves the meeting ``running``, and a second transcription
    of it is refused (TranscriptionRunningError).
    """
    with TranscriptionLock(library, meeting_id):
        return _decode_into(library, meeting_id, audio, options, progress, cancel, on_segment,
                            markers, start, end)


def _decode_into(
    library: Library,
    meeting_id: int,
    audio: AudioSource,
    options: EngineOptions,
    progress: Progress | None,
    cancel: threading.Event | None,
    on_segment: SegmentCallback | None,
    markers: Sequence[tuple[float, str]],
    start: float | None,
    end: float | None,
) -> str:
    cancel = cancel or threading.Event()
    source = audio if isinstance(audio, np.ndarray | AudioReader) else AudioReader(audio)
    library.update_meeting(meeting_id, transcript_state=TranscriptState.RUNNING.value)
    default = next((s for s in library.speakers(meeting_id) if s.is_default), None)
    speaker_id = default.id if default else None
    total = len(source) / SAMPLE_RATE if isinstance(source, np.ndarray) else source.duration
    range_start = max(0.0, start or 0.0)
    range_end = total if end is None else min(end, total) if total else end
    state = TranscriptState.INCOMPLETE
    language_known = options.language != "auto"
    engine = get_engine(options)
    labels: dict[float, str] = {}
    try:
        if progress:
            progress(range_start, range_end or 0.0)
        sections = sections_of(source, engine.decoders, markers, range_start, end, labels)
        for segment in engine.transcribe_sections(sections, progress, cancel, range_end or 0.0):
            if not language_known and segment.text and segment.language:
                language_known = True
                library.update_meeting(meeting_id, language=segment.language)
            bullet = bullet_from_segment(meeting_id, segment, speaker_id)
            label = _label_for(labels, segment.start)
            if label:
                bullet.extra = {**bullet.extra, "marker": label}
            (bullet,) = library.append_bullets(meeting_id, [bullet])
            if on_segment:
                on_segment(bullet)
        if not cancel.is_set():
            state = TranscriptState.COMPLETE
            if progress:
                done = source.decoded_seconds if isinstance(source, AudioReader) else total
                progress(done if end is None else range_end, done if end is None else range_end)
    finally:
        library.update_meeting(meeting_id, transcript_state=state.value)
    if isinstance(source, AudioReader) and source.warning:
        library.add_meeting_warning(meeting_id, source.warning)
    return state.value


def _label_for(labels: dict[float, str], at: float) -> str:
    """The label of the earliest marked stretch starting at or before ``at``, once
    (``labels`` as ``sections_of`` notes them)."""
    # A snapshot: later sections' threads add labels while this one reads them.
    due = [start for start in list(labels) if start <= at + 1e-6]
    if not due:
        return ""
    return "; ".join(labels.pop(start) for start in sorted(due))


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
    reader = AudioReader(library.verified_audio(recording))
    get_engine(options)
    with TranscriptionLock(library, recording.meeting_id):  # before any bullet goes
        library.delete_bullets(recording.meeting_id)
        markers = [(m["at"], m["label"]) for m in library.markers(recording_id)]
        return transcribe_into(library, recording.meeting_id, reader, options, progress,
                               cancel, on_segment, markers)
