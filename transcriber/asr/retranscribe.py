"""Re-transcribing a meeting, or a time range of it, with another model or language.

The range is decoded first, into memory; nothing in the meeting changes until
the decode has finished (a cancel leaves the meeting as it was). Then, in ONE
step of the meeting's editing history (so one undo, also the GUI's Ctrl+Z, puts
everything back):

- bullets in the range that the editor never changed are replaced by the new
  text;
- bullets the editor changed are kept. New text overlapping one is decided by
  ``decide`` (the CLI asks on a terminal): ``KEEP`` drops the new text there,
  ``NEW`` replaces the edited bullet after all, ``BOTH`` keeps both and flags
  the new bullet so the editor picks one. Without ``decide`` it is ``BOTH``.
  New text overlapping a redacted bullet is always dropped: it would bring the
  redacted words back; so is a new flagged gap (speech without text) over a kept
  bullet.

Which bullets the editor changed (``edited_bullet_ids``): a bullet is edited
when it is redacted, is not plain speech (a question, narrative, other-side
marker: the decoder only writes speech), was created by an edit (inserted, or
the second half of a split), or differs from its state before its first edit
in the history in text, speaker, kind, times, flag or redaction. An edit that
was undone does not count, nor does one the editor reverted by hand. Bullets a
re-transcription wrote count as decoded, so re-transcribing twice works the same.
The rule rests on the editing history, which every edit writes in the same
transaction as the change itself.

A range is widened to the bullets it cuts through, so no bullet is half
replaced; times are absolute seconds in the meeting's recording.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import sqlite_utils

from transcriber.asr.engine import EngineOptions, Progress, get_engine
from transcriber.asr.pipeline import _label_for, _labelled, bullet_from_segment, stretches_of
from transcriber.audio import MIN_SECONDS, AudioReader
from transcriber.errors import NotFoundError, TranscriberError
from transcriber.library.editing.history import EditHistory, Tracker, bullet_changes
from transcriber.library.editing.rows import insert_bullet
from transcriber.library.glossary import with_glossary
from transcriber.library.jobs import (
    TranscriptionLock,
    TranscriptionRunningError,
    recording_in_progress,
)
from transcriber.library.store import Library
from transcriber.model import Bullet, BulletKind, Segment, TranscriptState

ACTION = "retranscribe"
# Content a bullet's editor may change; positions move with every insert and do not count.
EDITABLE_FIELDS = ("text", "speaker_id", "kind", "start", "end", "redacted", "flagged",
                   "flag_reason", "extra")  # fmt: skip
# New text overlaps a kept bullet when they share this much of the shorter one's time,
# or this many seconds (a word or so: decoders rarely agree on where a segment ends).
OVERLAP_SHARE = 0.3
OVERLAP_SECONDS = 0.25
OVERLAP_FLAG = "Re-transcribed text over a bullet you edited: keep one of the two."


class Choice(StrEnum):
    KEEP = "keep"  # keep the edited bullet, drop the new text over it
    NEW = "new"  # take the new text, drop the edited bullet
    BOTH = "both"  # keep both, the new text flagged


Decide = Callable[[Bullet, list[Segment]], Choice]


@dataclass
class RetranscribeResult:
    state: str  # "complete", or "cancelled" (the meeting is unchanged)
    start: float  # the range decoded, widened to whole bullets
    end: float
    removed: int = 0
    added_ids: list[int] = field(default_factory=list)
    kept_edited_ids: list[int] = field(default_factory=list)
    flagged_ids: list[int] = field(default_factory=list)


def edited_bullet_ids(library: Library, meeting_id: int) -> set[int]:
    """The meeting's bullets the editor changed (the rule is in the module docstring)."""
    baseline: dict[int, dict | None] = {}
    for action, bullet_id, before, after in bullet_changes(library.db, meeting_id):
        if action == ACTION:
            baseline[bullet_id] = after  # what the decoder wrote
        else:
            baseline.setdefault(bullet_id, before)
    edited = set()
    for row in library.db.query("SELECT * FROM bullets WHERE meeting_id = ?", [meeting_id]):
        extra = json.loads(row["extra"] or "{}")
        if row["redacted"] or extra.get("redactions") or row["kind"] != BulletKind.SPEECH:
            edited.add(row["id"])
        elif row["id"] in baseline:
            base = baseline[row["id"]]
            if base is None or any(base[name] != row[name] for name in EDITABLE_FIELDS):
                edited.add(row["id"])
    return edited


def _shares_time(bullet: Bullet, start: float, end: float) -> bool:
    """Whether a timed bullet's span reaches into ``start``–``end`` (touching is not enough)."""
    if bullet.start is None or bullet.end is None:
        return False
    return min(bullet.end, end) - max(bullet.start, start) > 0.05


def _overlap(a_start: float, a_end: float, b_start: float, b_end: float) -> bool:
    shared = min(a_end, b_end) - max(a_start, b_start)
    shorter = max(min(a_end - a_start, b_end - b_start), 0.1)
    return shared >= min(OVERLAP_SECONDS, OVERLAP_SHARE * shorter)


def _decode(
    reader: AudioReader, options: EngineOptions, start: float, end: float,
    markers: Sequence[tuple[float, str]], progress: Progress | None, cancel: threading.Event,
) -> list[tuple[Segment, str]]:  # fmt: skip
    """The range's segments (gaps included) with the marker label each opens with,
    decoded as the pipeline decodes: streamed, stretch by stretch."""
    labels: dict[float, str] = {}
    stretches = _labelled(stretches_of(reader, markers, start, end), labels)

    def range_progress(done: float, _total: float) -> None:
        if progress:
            progress(min(max(done - start, 0.0), end - start), end - start)

    range_progress(start, end)  # at once: the first stretch takes seconds
    decoded = []
    for segment in get_engine(options).transcribe_stretches(stretches, range_progress, cancel,
                                                            end):  # fmt: skip
        decoded.append((segment, _label_for(labels, segment.start)))
    return decoded


def retranscribe(
    library: Library,
    meeting_id: int,
    options: EngineOptions,
    start: float | None = None,
    end: float | None = None,
    decide: Decide | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> RetranscribeResult:
    """Decode the meeting's recording (or ``start``–``end`` seconds of it) again and
    replace the unedited bullets there, as one undoable step.

    ``progress(done, total)`` counts seconds of the range; ``cancel`` stops within
    a second and changes nothing. Refused with one sentence when the meeting has
    no recording, the range is empty, or the meeting is being transcribed already.
    """
    cancel = cancel or threading.Event()
    meeting = library.meeting(meeting_id)
    recordings = library.recordings(meeting_id)
    if not recordings:
        raise NotFoundError(f"Meeting {meeting_id} has no recording to transcribe.")
    recording = recordings[-1]
    if recording_in_progress(library, meeting_id):
        raise TranscriptionRunningError(
            f"Meeting {meeting_id} is being recorded; stop the recording before "
            "transcribing it again."
        )
    with TranscriptionLock(library, meeting_id):
        reader = AudioReader(library.verified_audio(recording))
        duration = reader.duration or recording.duration
        range_start = 0.0 if start is None else max(0.0, start)
        range_end = duration if end is None else min(duration, end)
        if range_end - range_start < MIN_SECONDS:
            raise TranscriberError(
                f"The range {range_start:.1f}–{range_end:.1f} s holds no audio: the recording "
                f"of meeting {meeting_id} is {duration:.1f} s long."
            )
        options = with_glossary(options, library)
        get_engine(options)  # a broken model fails before anything changes
        widened = True
        while widened:  # to the bullets the range cuts through
            widened = False
            for bullet in library.bullets(meeting_id):
                if _shares_time(bullet, range_start, range_end):
                    wider = (max(0.0, min(range_start, bullet.start)),
                             min(duration, max(range_end, bullet.end)))  # fmt: skip
                    widened |= wider != (range_start, range_end)
                    range_start, range_end = wider
        whole = range_start <= 0.0 and range_end >= duration

        previous_state = meeting.transcript_state
        library.update_meeting(meeting_id, transcript_state=TranscriptState.RUNNING.value)
        result = RetranscribeResult("cancelled", range_start, range_end)
        try:
            markers = [(m["at"], m["label"]) for m in library.markers(recording.id)]
            decoded = _decode(reader, options, range_start, range_end, markers, progress, cancel)
            if not cancel.is_set():
                _replace(library, meeting_id, decoded, result, decide)
                result.state = "complete"
        finally:
            state = previous_state
            if result.state == "complete" and whole:
                state = TranscriptState.COMPLETE.value
            elif state in (TranscriptState.NONE, TranscriptState.RUNNING):
                state = TranscriptState.INCOMPLETE.value
            library.update_meeting(meeting_id, transcript_state=state)
    return result


def _changed_meanwhile() -> TranscriberError:
    return TranscriberError(
        "The meeting was edited while it was being re-transcribed; nothing was replaced, "
        "so run it again."
    )


def _replace(
    library: Library,
    meeting_id: int,
    decoded: list[tuple[Segment, str]],
    result: RetranscribeResult,
    decide: Decide | None,
) -> None:
    bullets = library.bullets(meeting_id)  # now, not before the decode: the editor may type
    edited = edited_bullet_ids(library, meeting_id)
    in_range = [b for b in bullets if _shares_time(b, result.start, result.end)]
    removed = {b.id for b in in_range if b.id not in edited}
    dropped: set[int] = set()  # indexes into decoded
    flagged: set[int] = set()
    for bullet in (b for b in in_range if b.id in edited):
        over = [i for i, (s, _l) in enumerate(decoded)
                if _overlap(s.start, s.end, bullet.start, bullet.end)]  # fmt: skip
        if not over:
            result.kept_edited_ids.append(bullet.id)
            continue
        # A gap only says "speech without text here": over a kept bullet it adds nothing.
        dropped.update(i for i in over if decoded[i][0].gap)
        over = [i for i in over if not decoded[i][0].gap]
        if not over:
            result.kept_edited_ids.append(bullet.id)
            continue
        if bullet.redacted or bullet.extra.get("redactions"):
            choice = Choice.KEEP
        elif decide is None:
            choice = Choice.BOTH
        else:
            choice = Choice(decide(bullet, [decoded[i][0] for i in over]))
        if choice == Choice.NEW:
            removed.add(bullet.id)
            continue
        result.kept_edited_ids.append(bullet.id)
        (dropped if choice == Choice.KEEP else flagged).update(over)
    flagged -= dropped

    default = next((s for s in library.speakers(meeting_id) if s.is_default), None)
    new_bullets: list[Bullet] = []
    for index, (segment, label) in enumerate(decoded):
        if index in dropped:
            continue
        bullet = bullet_from_segment(meeting_id, segment, default.id if default else None)
        if index in flagged:
            bullet.flagged = True
            bullet.flag_reason = "; ".join(r for r in (bullet.flag_reason, OVERLAP_FLAG) if r)
        if label:
            bullet.extra = {**bullet.extra, "marker": label}
        new_bullets.append(bullet)

    # Reading order: the bullets that stay, with each new one before the first that
    # starts after it (an untimed bullet goes by the time of the one before it).
    staying = [b for b in bullets if b.id not in removed]
    order: list[Bullet] = []
    pending = sorted(new_bullets, key=lambda b: b.start)
    key = float("-inf")
    for bullet in staying:
        if bullet.start is not None:
            key = max(key, bullet.start)
        while pending and pending[0].start < key:
            order.append(pending.pop(0))
        order.append(bullet)
    order.extend(pending)

    planned = {b.id for b in bullets}
    replaced_unedited = removed - {b.id for b in in_range if b.id in edited}

    def change(db: sqlite_utils.Database, tracker: Tracker) -> None:
        # Checked in the transaction: an edit made while ``decide`` asked would be lost.
        now = {row[0] for row in db.execute(
            "SELECT id FROM bullets WHERE meeting_id = ?", [meeting_id])}  # fmt: skip
        if now != planned or edited_bullet_ids(library, meeting_id) & replaced_unedited:
            raise _changed_meanwhile()
        tracker.positions()
        tracker.bullets(*removed)
        for bullet_id in removed:
            db.execute("DELETE FROM bullets WHERE id = ?", [bullet_id])
        # Positions are unique per meeting, checked row by row: bullets that move are
        # parked at negative positions (one per bullet) before the new ones go in.
        current = dict(db.execute(
            "SELECT id, position FROM bullets WHERE meeting_id = ?", [meeting_id]).fetchall())
        moving = [(position, b.id) for position, b in enumerate(order)
                  if b.id is not None and current[b.id] != position]  # fmt: skip
        for _position, bullet_id in moving:
            db.execute("UPDATE bullets SET position = ? WHERE id = ?", [-1 - bullet_id, bullet_id])
        for position, bullet in enumerate(order):
            if bullet.id is None:
                bullet.position = position
                bullet.id = insert_bullet(db, bullet)
                tracker.created(bullet.id)
                result.added_ids.append(bullet.id)
                if bullet.flagged and OVERLAP_FLAG in bullet.flag_reason:
                    result.flagged_ids.append(bullet.id)
        for position, bullet_id in moving:
            db.execute("UPDATE bullets SET position = ? WHERE id = ?", [position, bullet_id])

    EditHistory(library, meeting_id).edit(ACTION, change)
    result.removed = len(removed)

