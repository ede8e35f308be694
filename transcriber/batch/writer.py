"""The coordinator's side of a decoded file: audio into the library, then the meeting,
its recording, speaker and bullets in one transaction.

A meeting appears whole and ``complete`` or not at all: a coordinator killed while
writing leaves no meeting ``running`` and no half transcript, and the rerun finds the
file not done. The copied audio, if the kill came after it, is found again by its
hash and reused; a kill during the copy leaves a partial file that the rerun's
start-up pass removes (``library.audio_copy``), never one a meeting refers to.
"""

from __future__ import annotations

import datetime as dt

from transcriber.asr.engine import EngineOptions
from transcriber.asr.pipeline import bullet_from_segment, store_audio
from transcriber.batch.decode import DecodedFile
from transcriber.batch.worklist import WorkItem, meeting_with_audio
from transcriber.errors import TranscriberError
from transcriber.library.store import Library
from transcriber.messages import message
from transcriber.model import RecordingState, TranscriptState


class ChangedFileError(TranscriberError):
    """The file is not what was decoded (changed or replaced meanwhile)."""


def write_meeting(library: Library, item: WorkItem, decoded: DecodedFile,
                  options: EngineOptions, speaker: str | None = None,
                  date: str | None = None) -> tuple[int, bool]:
    """Store a decoded file as a new meeting: (its id, True); or (the meeting already
    holding this audio, False) when another window of the app stored it meanwhile.
    ``date`` overrides the file's own."""
    existing = meeting_with_audio(library, item.sha256)
    if existing:
        return existing[0], False
    stored, sha256 = store_audio(library, item.path)
    if sha256 != item.sha256:
        raise ChangedFileError(message("The file {path} changed while it was being transcribed; "
                                       "run the batch again to transcribe its new content.", path=item.path))
    language = options.language
    if language == "auto":
        language = next((s.language for s in decoded.segments if s.text and s.language), "auto")
    with library.atomic():
        existing = meeting_with_audio(library, sha256)
        if existing:
            return existing[0], False
        meeting = library.create_meeting(
            item.title, date or item.date or dt.date.today().isoformat(), language=language,
            transcript_state=TranscriptState.COMPLETE.value,
        )
        library.add_recording(meeting.id, stored, sha256=sha256,
                              duration=decoded.decoded_seconds or item.duration,
                              state=RecordingState.COMPLETE.value)
        speaker_id = library.speaker(meeting.id, speaker, is_default=True).id if speaker else None
        library.append_bullets(meeting.id, [bullet_from_segment(meeting.id, segment, speaker_id)
                                            for segment in decoded.segments])
        if decoded.warning:
            library.add_meeting_warning(meeting.id, decoded.warning)
    # This file's job is over: its meeting goes into the database file now, so a kill
    # and a lost WAL later cost nothing (as at the end of any transcription).
    library.checkpoint()
    return meeting.id, True
