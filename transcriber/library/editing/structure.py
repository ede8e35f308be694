"""Edits that change which bullets there are: split, merge, insert, delete."""

from __future__ import annotations

import dataclasses

import sqlite_utils

from transcriber.library.editing.errors import EditError
from transcriber.library.editing.history import EditHistory, Tracker, one_transaction
from transcriber.library.editing.rows import bullet_kind, insert_bullet, make_room, set_bullet
from transcriber.library.editing.speakers import speaker_id_for
from transcriber.library.editing.wording import (
    join_text,
    other_side_text,
    question_speaker_name,
    redactions,
)
from transcriber.library.store import _row_to
from transcriber.library.word_timings import realign, split_words
from transcriber.messages import message
from transcriber.model import Bullet, BulletKind


@one_transaction
def split(history: EditHistory, bullet_id: int, offset: int) -> tuple[Bullet, Bullet]:
    """Split at a character offset; the times are divided in proportion to the text."""
    bullet = history.bullet(bullet_id)
    if not 0 <= offset <= len(bullet.text):
        raise EditError(message("Cannot split at character {offset}: the bullet is shorter.", offset=offset))
    left, right = bullet.text[:offset].rstrip(), bullet.text[offset:].lstrip()
    left_words, right_words = split_words(bullet.words, bullet.text, offset)
    middle = None
    if bullet.start is not None and bullet.end is not None:
        share = len(left) / (len(left) + len(right)) if left or right else 0.5
        middle = round(bullet.start + (bullet.end - bullet.start) * share, 3)
        if left_words and right_words:  # where the second half's first word is heard
            middle = round(min(max(right_words[0].start, bullet.start), bullet.end), 3)

    def change(db: sqlite_utils.Database, tracker: Tracker) -> int:
        tracker.bullets(bullet_id)
        tracker.positions()
        make_room(db, history.meeting_id, bullet.position + 1)
        # The verbatim source described the whole bullet; neither half matches it.
        set_bullet(db, bullet_id, text=left, end=middle if middle is not None else bullet.end,
                   source=None, words=realign(left_words, bullet.text, left))  # fmt: skip
        second = dataclasses.replace(
            bullet, id=None, position=bullet.position + 1, text=right, source=None,
            start=middle if middle is not None else bullet.start, extra=_second_half_extra(bullet.extra),
            words=realign(right_words, bullet.text, right),
        )  # fmt: skip
        new_id = insert_bullet(db, second)
        tracker.created(new_id)
        return new_id

    new_id = history.edit("split", change)
    return history.bullet(bullet_id), history.bullet(new_id)


def _second_half_extra(extra: dict) -> dict:
    """What the second half of a split keeps: a recording marker labels where the bullet
    starts, so it stays on the first half only."""
    return {name: value for name, value in extra.items() if name != "marker"}


def next_bullet(history: EditHistory, bullet: Bullet) -> Bullet | None:
    rows = list(
        history.library.db.query(
            "SELECT * FROM bullets WHERE meeting_id = ? AND "
            "(position > ? OR (position = ? AND id > ?)) ORDER BY position, id LIMIT 1",
            [history.meeting_id, bullet.position, bullet.position, bullet.id],
        )
    )
    return _row_to(Bullet, rows[0]) if rows else None


@one_transaction
def merge_with_next(history: EditHistory, bullet_id: int) -> Bullet:
    """Join the bullet with the one after it; the time span covers both."""
    first = history.bullet(bullet_id)
    second = next_bullet(history, first)
    if second is None:
        raise EditError(message("This is the last bullet; there is no next bullet to merge with."))
    starts = [t for t in (first.start, second.start) if t is not None]
    ends = [t for t in (first.end, second.end) if t is not None]
    extra = {**second.extra, **first.extra}
    labels = [b.extra["marker"] for b in (first, second) if "marker" in b.extra]
    if len(labels) == 2:  # both markers stay named on the one bullet
        extra["marker"] = "; ".join(dict.fromkeys(str(label) for label in labels if label)) or labels[0]
    if first.extra.get("redactions") or second.extra.get("redactions"):
        extra["redactions"] = redactions(first) + redactions(second)
    reasons = [r for r in (first.flag_reason, second.flag_reason) if r]

    def change(db: sqlite_utils.Database, tracker: Tracker) -> None:
        tracker.bullets(first.id, second.id)
        db.execute("DELETE FROM bullets WHERE id = ?", [second.id])
        set_bullet(
            db, first.id, text=join_text(first.text, second.text),
            start=min(starts) if starts else None, end=max(ends) if ends else None,
            flagged=first.flagged or second.flagged, flag_reason="; ".join(reasons),
            redacted=first.redacted or second.redacted,
            redaction_reason="; ".join(
                r for r in (first.redaction_reason, second.redaction_reason) if r
            ),
            source=None, extra=extra, words=[*first.words, *second.words],
        )  # fmt: skip

    history.edit("merge", change)
    return history.bullet(bullet_id)


@one_transaction
def insert(
    history: EditHistory,
    after_bullet_id: int | None,
    kind: str = BulletKind.OTHER_SIDE,
    text: str | None = None,
    speaker: str | None = None,
) -> Bullet:
    """Insert a bullet after ``after_bullet_id`` (``None``: at the top).

    An other-side marker gets ``(interviewer speaks)``/``（對方發言）`` by
    default; a speech bullet without a speaker gets the default speaker and a
    question the question label.
    """
    kind = bullet_kind(kind)
    language = history.language()
    if text is None:
        text = other_side_text(language) if kind == BulletKind.OTHER_SIDE else ""
    if speaker is None and kind == BulletKind.QUESTION:
        speaker = question_speaker_name(language)
    if after_bullet_id is None:
        first = history.library.db.execute(
            "SELECT MIN(position) FROM bullets WHERE meeting_id = ?", [history.meeting_id]
        ).fetchone()[0]
        position = 0 if first is None else first
    else:
        position = history.bullet(after_bullet_id).position + 1

    def change(db: sqlite_utils.Database, tracker: Tracker) -> int:
        tracker.positions()
        tracker.speakers()
        if speaker is not None:
            speaker_id = speaker_id_for(history, db, speaker)
        elif kind == BulletKind.SPEECH:
            speaker_id = history.default_speaker_id()
        else:
            speaker_id = None
        make_room(db, history.meeting_id, position)
        new = Bullet(None, history.meeting_id, position, text, kind=kind.value,
                     speaker_id=speaker_id)  # fmt: skip
        new_id = insert_bullet(db, new)
        tracker.created(new_id)
        return new_id

    return history.bullet(history.edit("insert", change))


@one_transaction
def delete(history: EditHistory, bullet_id: int) -> None:
    history.bullet(bullet_id)

    def change(db: sqlite_utils.Database, tracker: Tracker) -> None:
        tracker.bullets(bullet_id)
        db.execute("DELETE FROM bullets WHERE id = ?", [bullet_id])

    history.edit("delete", change)
