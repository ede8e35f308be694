"""Domain model shared by the store, the engine, the publisher and the UI.

Plain dataclasses: no Qt, no SQLite. The store maps them to rows; the archive
writer maps them to Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class MeetingStatus(StrEnum):
    DRAFT = "draft"
    REVIEW = "review"
    PUBLISHED = "published"


class TranscriptState(StrEnum):
    """How far the transcript of a meeting's recording got."""

    NONE = "none"
    RUNNING = "running"
    COMPLETE = "complete"
    # Stopped by the user (Ctrl+C, Cancel) or by a crash: what was decoded is kept.
    INCOMPLETE = "incomplete"


class RecordingState(StrEnum):
    RECORDING = "recording"
    COMPLETE = "complete"
    RECOVERED = "recovered"


class BulletKind(StrEnum):
    SPEECH = "speech"
    QUESTION = "question"
    NARRATIVE = "narrative"
    OTHER_SIDE = "other_side"


class Licence(StrEnum):
    CC_BY_4 = "CC-BY-4.0"
    CC0 = "CC0-1.0"


# A meeting's licence when nobody chose one: it is published under its archive's licence
# (the archive profile's; CC BY 4.0 without an archive). Any ``Licence`` value stored
# instead is a choice, and the one that is published.
ARCHIVE_LICENCE = ""


class Style(StrEnum):
    BULLETS = "bullets"
    PARAGRAPHS = "paragraphs"


@dataclass(frozen=True)
class Word:
    """One decoded word (or CJK character run) with its time, for click-a-word playback."""

    start: float
    end: float
    text: str
    probability: float = 1.0


@dataclass
class Segment:
    """One stretch of decoded speech, as the engine emits it."""

    start: float
    end: float
    text: str
    language: str = ""
    flagged: bool = False
    flag_reason: str = ""
    words: list[Word] = field(default_factory=list)
    # Speech the decoder gave no (or far too little) text: a flagged gap, text "".
    gap: bool = False


@dataclass
class Meeting:
    id: int | None
    title: str
    date: str  # YYYY-MM-DD
    language: str = "auto"
    licence: str = ARCHIVE_LICENCE
    status: str = MeetingStatus.DRAFT
    style: str = Style.BULLETS
    transcript_state: str = TranscriptState.NONE
    review_deadline: str | None = None
    slug: str | None = None
    created_at: str = ""
    updated_at: str = ""


@dataclass
class Recording:
    id: int | None
    meeting_id: int
    path: str
    sha256: str = ""
    duration: float = 0.0
    state: str = RecordingState.COMPLETE
    sample_rate: int = 16000
    channels: int = 1
    created_at: str = ""


@dataclass
class Speaker:
    id: int | None
    meeting_id: int
    name: str
    is_default: bool = False


@dataclass
class Bullet:
    id: int | None
    meeting_id: int
    position: int
    text: str
    kind: str = BulletKind.SPEECH
    speaker_id: int | None = None
    start: float | None = None
    end: float | None = None
    redacted: bool = False
    redaction_reason: str = ""
    flagged: bool = False
    flag_reason: str = ""
    # Verbatim Markdown the bullet was read from when imported from an archive;
    # the writer reuses it while the text is unchanged, so diffs stay minimal.
    source: str | None = None
    extra: dict = field(default_factory=dict)
    # Word timings from the decoder, kept through edits as far as the words survive.
    words: list[Word] = field(default_factory=list)
