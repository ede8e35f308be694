"""Re-transcribing a meeting, or a time range of it, with another model or language.

Three steps, so a person sees what will change before anything does:

1. ``decode_range``: the range is decoded into memory; nothing in the meeting
   changes (a cancel leaves it as it was).
2. ``plan_replacement``: what the new text would do, bullet by bullet (``Plan``):
   which bullets stay (``kept``), which go (``replaced``), what comes in
   (``new``) and where the new pass heard speech but wrote no text (``gaps``).
3. ``apply_plan``: the plan, in ONE step of the meeting's editing history (so
   one undo, also the GUI's Ctrl+Z, puts everything back).

``retranscribe`` runs the three, asking ``confirm(plan)`` between 2 and 3.

The rule: re-transcribing never removes text the user did not choose to replace.

- A bullet the editor never changed is replaced only when the new pass MATCHES
  it: new text (not a gap, not flagged as suspect) accounts for every word of it.
  With word timings on both sides, a new word lies at each of its words; without
  them, new text covers nearly all of its time. Either way the new text over it
  says at least about half as much (``spoken_length``): a long new segment reading
  "嗯" over a sentence does not match it, however well it covers its time.
  Otherwise the bullet stays as it is: a forced language the new pass could not
  decode, a gap, or new text that was dropped beside a kept bullet never takes a
  sentence away. New text over a bullet that stays is added beside it, flagged,
  so the editor picks one.
- A bullet the editor changed is kept. New text overlapping one is decided by
  ``decide`` (the CLI asks on a terminal): ``KEEP`` drops the new text there,
  ``NEW`` replaces the edited bullet after all, ``BOTH`` keeps both and flags the
  new bullet. Without ``decide`` it is ``BOTH``. New text overlapping a redacted
  bullet is always dropped: it would bring the redacted words back.
- A gap (speech the new pass gave no text) is added only where no bullet stays:
  over a kept bullet it adds nothing.
- A marker's label stays on exactly one bullet: a replaced bullet's label goes to
  the new bullet that takes its place, and a label the decoder gives a new bullet
  is left out where a kept bullet carries that marker already.

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

import dataclasses
import json
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import sqlite_utils

from transcriber.asr.engine import EngineOptions, Progress, get_engine
from transcriber.asr.pipeline import _label_for, bullet_from_segment
from transcriber.asr.sections import sections_of
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
from transcriber.messages import message
from transcriber.model import Bullet, BulletKind, Segment, TranscriptState, Word

ACTION = "retranscribe"
# Content a bullet's editor may change; positions move with every insert and do not count.
EDITABLE_FIELDS = ("text", "speaker_id", "kind", "start", "end", "redacted", "flagged",
                   "flag_reason", "extra")  # fmt: skip
# New text overlaps a kept bullet when they share this much of the shorter one's time,
# or this many seconds (a word or so: decoders rarely agree on where a segment ends).
OVERLAP_SHARE = 0.3
OVERLAP_SECONDS = 0.25
OVERLAP_FLAG = "Re-transcribed text over a bullet you edited: keep one of the two."
UNMATCHED_FLAG = ("Re-transcribed text over a bullet the new pass did not fully match: "
                  "keep one of the two.")  # fmt: skip
# A new segment covers a word whose middle lies within it, give or take this much
# (decoders rarely agree to the tenth of a second on where a segment ends) ...
MATCH_SLACK = 0.3
# ... and, for a bullet without word timings, this share of its time ...
MATCH_SHARE = 0.9
# ... and the new text over it says at least this share of what it says: another
# language or a better model writes a sentence with more or fewer words, never
# with a fraction of them.
MATCH_LENGTH_SHARE = 0.5
# How long a text takes to say, in syllables: a CJK character (or kana, or hangul
# block) is one, a word in an alphabet about one and a half. So a sentence and its
# re-transcription in another script compare.
SYLLABIC = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
SYLLABLES_PER_WORD = 1.5


class Choice(StrEnum):
    KEEP = "keep"  # keep the edited bullet, drop the new text over it
    NEW = "new"  # take the new text, drop the edited bullet
    BOTH = "both"  # keep both, the new text flagged


Decide = Callable[[Bullet, list[Segment]], Choice]


@dataclass
class Plan:
    """What applying a re-transcription would change, for a person to see first."""

    meeting_id: int
    start: float  # the range decoded, widened to whole bullets
    end: float
    whole: bool  # the range is the whole recording
    kept: list[Bullet] = field(default_factory=list)  # in the range, staying as they are
    kept_edited_ids: list[int] = field(default_factory=list)  # ... because the editor changed them
    replaced: list[Bullet] = field(default_factory=list)  # in the range, going
    new: list[Bullet] = field(default_factory=list)  # coming in with text (flagged beside a kept one)
    gaps: list[Bullet] = field(default_factory=list)  # coming in as flagged speech without text
    order: list[Bullet] = field(default_factory=list)  # the meeting's bullets afterwards
    planned_ids: set[int] = field(default_factory=set)  # the meeting's bullets when planned
    # Each replaced bullet's EDITABLE_FIELDS when planned, as stored: an edit made to one
    # while the plan is shown (the GUI open beside a CLI prompt) must not be deleted.
    replaced_fields: dict[int, dict] = field(default_factory=dict)

    @property
    def changes_anything(self) -> bool:
        return bool(self.replaced or self.new or self.gaps)


@dataclass
class RetranscribeResult:
    # "complete"; "cancelled" (the meeting is unchanged); "declined" (the plan was not applied)
    state: str
    start: float  # the range decoded, widened to whole bullets
    end: float
    removed: int = 0
    added_ids: list[int] = field(default_factory=list)
    kept_edited_ids: list[int] = field(default_factory=list)
    # Bullets the editor never changed, kept because the new pass did not match them.
    kept_unmatched_ids: list[int] = field(default_factory=list)
    flagged_ids: list[int] = field(default_factory=list)
    gap_ids: list[int] = field(default_factory=list)
    plan: Plan | None = None


@dataclass
class Decoded:
    """A range decoded again, not yet applied."""

    meeting_id: int
    start: float
    end: float
    whole: bool
    segments: list[tuple[Segment, str]]  # with the marker label each opens with
    previous_state: str


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
    decoded as the pipeline decodes: streamed, window by window."""
    labels: dict[float, str] = {}
    engine = get_engine(options)
    sections = sections_of(reader, engine.decoders, markers, start, end, labels)

    def range_progress(done: float, _total: float) -> None:
        if progress:
            progress(min(max(done - start, 0.0), end - start), end - start)

    range_progress(start, end)  # at once: the first stretch takes seconds
    decoded = []
    for segment in engine.transcribe_sections(sections, range_progress, cancel, end):
        decoded.append((segment, _label_for(labels, segment.start)))
    return decoded


def spoken_length(text: str) -> float:
    """About how many syllables ``text`` takes to say (see ``SYLLABIC``)."""
    syllabic = len(SYLLABIC.findall(text))
    words = len(re.findall(r"[^\W_]+", SYLLABIC.sub(" ", text)))
    return syllabic + SYLLABLES_PER_WORD * words


def _middle(item: Word | Segment) -> float:
    return (item.start + item.end) / 2


def _matched(bullet: Bullet, segments: Sequence[Segment]) -> bool:
    """Whether ``segments`` (new text) account for every word of the bullet (the rule is
    in the module docstring)."""
    if not segments or bullet.start is None or bullet.end is None:
        return False
    lo, hi = bullet.start - MATCH_SLACK, bullet.end + MATCH_SLACK
    if bullet.words and all(s.words for s in segments):
        new_words = [w for s in segments for w in s.words]
        if not all(any(n.start - MATCH_SLACK <= _middle(w) <= n.end + MATCH_SLACK for n in new_words)
                   for w in bullet.words):  # fmt: skip
            return False
        said = sum(spoken_length(w.text) for w in new_words if lo <= _middle(w) <= hi)
    else:
        covered, reach = 0.0, bullet.start
        for segment in sorted(segments, key=lambda s: s.start):
            start, end = max(segment.start - MATCH_SLACK, reach), min(segment.end + MATCH_SLACK, bullet.end)
            if end > start:
                covered += end - start
                reach = end
        if covered < MATCH_SHARE * (bullet.end - bullet.start):
            return False
        # A segment reaching past the bullet says its share of its text here.
        said = sum(spoken_length(s.text) * (min(s.end, hi) - max(s.start, lo))
                   / max(s.end - s.start, 0.1) for s in segments if min(s.end, hi) > max(s.start, lo))  # fmt: skip
    return said >= MATCH_LENGTH_SHARE * spoken_length(bullet.text)


def _widened_range(library: Library, meeting_id: int, start: float, end: float,
                   duration: float) -> tuple[float, float]:  # fmt: skip
    widened = True
    while widened:  # to the bullets the range cuts through
        widened = False
        for bullet in library.bullets(meeting_id):
            if _shares_time(bullet, start, end):
                wider = (max(0.0, min(start, bullet.start)), min(duration, max(end, bullet.end)))
                widened |= wider != (start, end)
                start, end = wider
    return start, end


def decode_range(
    library: Library,
    meeting_id: int,
    options: EngineOptions,
    start: float | None = None,
    end: float | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> Decoded | None:
    """Decode the meeting's recording (or ``start``–``end`` seconds of it) again, into
    memory; ``None`` when cancelled. The meeting's bullets do not change.

    ``progress(done, total)`` counts seconds of the range; ``cancel`` stops within
    a second. Refused with one sentence when the meeting has no recording, the
    range is empty, or the meeting is being transcribed or recorded.
    """
    cancel = cancel or threading.Event()
    meeting = library.meeting(meeting_id)
    recordings = library.recordings(meeting_id)
    if not recordings:
        raise NotFoundError(message("Meeting {meeting_id} has no recording to transcribe.", meeting_id=meeting_id))
    recording = recordings[-1]
    if recording_in_progress(library, meeting_id):
        raise TranscriptionRunningError(
            message("Meeting {meeting_id} is being recorded; stop the recording before "
                    "transcribing it again.", meeting_id=meeting_id)
        )
    with TranscriptionLock(library, meeting_id):
        reader = AudioReader(library.verified_audio(recording))
        duration = reader.duration or recording.duration
        range_start = 0.0 if start is None else max(0.0, start)
        range_end = duration if end is None else min(duration, end)
        if range_end - range_start < MIN_SECONDS:
            raise TranscriberError(
                message("The range {range_start:.1f}–{range_end:.1f} s holds no audio: the recording "
                        "of meeting {meeting_id} is {duration:.1f} s long.", range_start=range_start, range_end=range_end, meeting_id=meeting_id, duration=duration)
            )
        options = with_glossary(options, library)
        get_engine(options)  # a broken model fails before anything changes
        range_start, range_end = _widened_range(library, meeting_id, range_start, range_end,
                                                duration)  # fmt: skip
        previous_state = meeting.transcript_state
        library.update_meeting(meeting_id, transcript_state=TranscriptState.RUNNING.value)
        try:
            # A marker at or just before the range's start is not decoded again: the
            # bullet it labels carries it (``_carry_markers``).
            markers = [(m["at"], m["label"]) for m in library.markers(recording.id)]
            segments = _decode(reader, options, range_start, range_end, markers, progress, cancel)
        finally:
            state = previous_state
            if state in (TranscriptState.NONE, TranscriptState.RUNNING):
                state = TranscriptState.INCOMPLETE.value
            library.update_meeting(meeting_id, transcript_state=state)
    if cancel.is_set():
        return None
    return Decoded(meeting_id, range_start, range_end,
                   range_start <= 0.0 and range_end >= duration, segments, previous_state)  # fmt: skip


def plan_replacement(library: Library, decoded: Decoded, decide: Decide | None = None) -> Plan:
    """What applying ``decoded`` would change (the rule is in the module docstring)."""
    meeting_id = decoded.meeting_id
    plan = Plan(meeting_id, decoded.start, decoded.end, decoded.whole)
    bullets = library.bullets(meeting_id)  # now, not before the decode: the editor may type
    plan.planned_ids = {b.id for b in bullets}
    edited = edited_bullet_ids(library, meeting_id)
    in_range = [b for b in bullets if _shares_time(b, plan.start, plan.end)]
    segments = [segment for segment, _label in decoded.segments]
    removed: set[int] = set()
    staying: set[int] = set()
    dropped: set[int] = set()  # indexes into segments
    flagged: dict[int, str] = {}  # index: the reason

    def over(bullet: Bullet) -> list[int]:
        return [i for i, s in enumerate(segments) if i not in dropped
                and _overlap(s.start, s.end, bullet.start, bullet.end)]  # fmt: skip

    for bullet in (b for b in in_range if b.id in edited):
        overlapping = over(bullet)
        # A gap only says "speech without text here": over a kept bullet it adds nothing.
        dropped.update(i for i in overlapping if segments[i].gap)
        overlapping = [i for i in overlapping if not segments[i].gap]
        if not overlapping:
            choice = Choice.KEEP
        elif bullet.redacted or bullet.extra.get("redactions"):
            choice = Choice.KEEP
        elif decide is None:
            choice = Choice.BOTH
        else:
            choice = Choice(decide(bullet, [segments[i] for i in overlapping]))
        if choice == Choice.NEW:
            removed.add(bullet.id)
            continue
        staying.add(bullet.id)
        plan.kept_edited_ids.append(bullet.id)
        if choice == Choice.KEEP:
            dropped.update(overlapping)
        else:
            flagged.update((i, OVERLAP_FLAG) for i in overlapping)

    for bullet in (b for b in in_range if b.id not in edited):
        overlapping = over(bullet)
        text = [segments[i] for i in overlapping if not segments[i].gap and not segments[i].flagged
                and segments[i].text.strip()]  # fmt: skip
        if _matched(bullet, text):
            removed.add(bullet.id)
            continue
        staying.add(bullet.id)  # the new pass has no text for some of it: it stays
        dropped.update(i for i in overlapping if segments[i].gap)
        for i in overlapping:
            if not segments[i].gap:
                flagged.setdefault(i, UNMATCHED_FLAG)

    default = next((s for s in library.speakers(meeting_id) if s.is_default), None)
    new_bullets: list[Bullet] = []
    for index, (segment, label) in enumerate(decoded.segments):
        if index in dropped:
            continue
        bullet = bullet_from_segment(meeting_id, segment, default.id if default else None)
        if index in flagged:
            bullet.flagged = True
            bullet.flag_reason = "; ".join(r for r in (bullet.flag_reason, flagged[index]) if r)
        if label:
            bullet.extra = {**bullet.extra, "marker": label}
        new_bullets.append(bullet)
    _carry_markers([b for b in in_range if b.id in removed],
                   [b for b in in_range if b.id in staying], new_bullets)  # fmt: skip

    plan.kept = [b for b in in_range if b.id in staying]
    plan.replaced = [b for b in in_range if b.id in removed]
    plan.new = [b for b in new_bullets if not b.extra.get("gap")]
    plan.gaps = [b for b in new_bullets if b.extra.get("gap")]
    plan.replaced_fields = _stored_fields(library.db, [b.id for b in plan.replaced])

    # Reading order: the bullets that stay, with each new one before the first that
    # starts after it (an untimed bullet goes by the time of the one before it).
    pending = sorted(new_bullets, key=lambda b: b.start)
    key = float("-inf")
    for bullet in (b for b in bullets if b.id not in removed):
        if bullet.start is not None:
            key = max(key, bullet.start)
        while pending and pending[0].start < key:
            plan.order.append(pending.pop(0))
        plan.order.append(bullet)
    plan.order.extend(pending)
    return plan


MARKER_SLACK = 1.0  # seconds between a marker's bullet and the new bullet opening at the marker


def _carry_markers(replaced: list[Bullet], kept: list[Bullet], new: list[Bullet]) -> None:
    """Each marker label on one bullet: a replaced bullet's label moves to the new
    bullet taking its place; a label the decoder gave a new bullet is left out where a
    kept bullet already carries a marker there."""
    for bullet in new:
        if "marker" in bullet.extra and any(
            "marker" in k.extra and k.start is not None
            and abs(k.start - bullet.start) <= MARKER_SLACK for k in kept
        ):  # fmt: skip
            bullet.extra = {k: v for k, v in bullet.extra.items() if k != "marker"}
    ordered = sorted(new, key=lambda b: b.start)
    for old in replaced:
        if "marker" not in old.extra:
            continue
        label = str(old.extra["marker"] or "")
        heir = next((b for b in ordered if b.end > old.start), None)
        if heir is None:
            continue
        labels = [x for x in str(heir.extra.get("marker") or "").split("; ") if x]
        if "marker" in heir.extra and (label in labels or abs(heir.start - old.start) <= MARKER_SLACK):
            continue  # the decoder gave it this marker already
        heir.extra = {**heir.extra, "marker": "; ".join([*labels, label]) if labels else label}


def _stored_fields(db: sqlite_utils.Database, bullet_ids: Sequence[int]) -> dict[int, dict]:
    """The bullets' EDITABLE_FIELDS as stored now, by id."""
    if not bullet_ids:
        return {}
    marks = ", ".join("?" * len(bullet_ids))
    columns = ", ".join(EDITABLE_FIELDS)
    rows = db.execute(f"SELECT id, {columns} FROM bullets WHERE id IN ({marks})", list(bullet_ids))
    return {row[0]: dict(zip(EDITABLE_FIELDS, row[1:], strict=True)) for row in rows}


def apply_plan(library: Library, plan: Plan) -> RetranscribeResult:
    """Make the change ``plan`` shows, as one undoable step; refused with one sentence
    (nothing changed) when bullets were added or removed since it was planned, or a
    bullet it replaces was changed."""
    meeting_id = plan.meeting_id
    result = RetranscribeResult("complete", plan.start, plan.end, plan=plan)
    result.kept_edited_ids = list(plan.kept_edited_ids)
    result.kept_unmatched_ids = [b.id for b in plan.kept if b.id not in plan.kept_edited_ids]
    removed = {b.id for b in plan.replaced}
    order = [b if b.id is not None else dataclasses.replace(b) for b in plan.order]

    def change(db: sqlite_utils.Database, tracker: Tracker) -> None:
        # Checked in the transaction: an edit made while the plan was shown would be lost.
        now = {row[0] for row in db.execute(
            "SELECT id FROM bullets WHERE meeting_id = ?", [meeting_id])}  # fmt: skip
        if now != plan.planned_ids or _stored_fields(db, list(removed)) != plan.replaced_fields:
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
                if bullet.extra.get("gap"):
                    result.gap_ids.append(bullet.id)
                elif bullet.flagged and (OVERLAP_FLAG in bullet.flag_reason
                                         or UNMATCHED_FLAG in bullet.flag_reason):  # fmt: skip
                    result.flagged_ids.append(bullet.id)
        for position, bullet_id in moving:
            db.execute("UPDATE bullets SET position = ? WHERE id = ?", [position, bullet_id])

    EditHistory(library, meeting_id).edit(ACTION, change)
    result.removed = len(removed)
    if plan.whole:
        library.update_meeting(meeting_id, transcript_state=TranscriptState.COMPLETE.value)
    return result


def retranscribe(
    library: Library,
    meeting_id: int,
    options: EngineOptions,
    start: float | None = None,
    end: float | None = None,
    decide: Decide | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    confirm: Callable[[Plan], bool] | None = None,
) -> RetranscribeResult:
    """Decode the meeting's recording (or ``start``–``end`` seconds of it) again and
    replace the bullets there the new pass matches, as one undoable step.

    ``confirm(plan)`` sees what will change first; ``False`` changes nothing
    (state "declined"). ``progress``, ``cancel`` and refusals as in ``decode_range``.
    """
    decoded = decode_range(library, meeting_id, options, start, end, progress, cancel)
    if decoded is None:
        range_start = 0.0 if start is None else start
        return RetranscribeResult("cancelled", range_start, end if end is not None else range_start)
    plan = plan_replacement(library, decoded, decide)
    if confirm is not None and not confirm(plan):
        return RetranscribeResult("declined", plan.start, plan.end, plan=plan)
    return apply_plan(library, plan)


def _changed_meanwhile() -> TranscriberError:
    return TranscriberError(
        message("The meeting was edited while it was being re-transcribed; nothing was replaced, "
                "so run it again.")
    )
