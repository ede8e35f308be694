"""Edits of who said what: a bullet's speaker and kind, renaming, the meeting's default speaker."""

from __future__ import annotations

from collections.abc import Iterable

import sqlite_utils

from transcriber.errors import NotFoundError
from transcriber.library.editing.errors import EditError
from transcriber.library.editing.history import EditHistory, Tracker, one_transaction
from transcriber.library.editing.rows import bullet_kind, set_bullet
from transcriber.library.editing.wording import QUESTION_NAMES
from transcriber.messages import message
from transcriber.model import BulletKind, Speaker


def speaker_id_for(history: EditHistory, db: sqlite_utils.Database, name: str) -> int:
    """The id of this meeting's speaker called ``name``, created if new (inside an edit)."""
    name = name.strip()
    if not name:
        raise EditError(message("A speaker needs a name."))
    row = db.execute(
        "SELECT id FROM speakers WHERE meeting_id = ? AND name = ?", [history.meeting_id, name]
    ).fetchone()
    if row:
        return row[0]
    return (
        db["speakers"]
        .insert({"meeting_id": history.meeting_id, "name": name, "is_default": 0})
        .last_pk
    )


@one_transaction
def set_speaker(history: EditHistory, bullet_ids: Iterable[int], name: str) -> None:
    """Attribute bullets to ``name`` (created for this meeting if new).

    The question label (``問``/``Question``) also makes a speech bullet a
    question, and any other name makes a question bullet speech again, so
    the label and the kind never disagree.
    """
    bullets = [history.bullet(i) for i in bullet_ids]
    is_question = name.strip() in QUESTION_NAMES

    def change(db: sqlite_utils.Database, tracker: Tracker) -> None:
        tracker.speakers()
        tracker.bullets(*(b.id for b in bullets))
        speaker_id = speaker_id_for(history, db, name)
        for bullet in bullets:
            kind = bullet.kind
            if is_question and kind == BulletKind.SPEECH:
                kind = BulletKind.QUESTION
            elif not is_question and kind == BulletKind.QUESTION:
                kind = BulletKind.SPEECH
            set_bullet(db, bullet.id, speaker_id=speaker_id, kind=str(kind))

    history.edit("set_speaker", change)


@one_transaction
def set_kind(history: EditHistory, bullet_ids: Iterable[int], kind: str) -> None:
    kind = bullet_kind(kind)
    ids = [history.bullet(i).id for i in bullet_ids]

    def change(db: sqlite_utils.Database, tracker: Tracker) -> None:
        tracker.bullets(*ids)
        for bullet_id in ids:
            set_bullet(db, bullet_id, kind=kind.value)

    history.edit("set_kind", change)


@one_transaction
def rename_speaker(history: EditHistory, old_name: str, new_name: str) -> Speaker:
    """Rename everywhere in the meeting; merges into ``new_name`` if that speaker exists."""
    new_name = new_name.strip()
    if not new_name:
        raise EditError(message("A speaker needs a name."))
    speakers = {s.name: s for s in history.speakers()}
    if old_name not in speakers:
        raise NotFoundError(message("There is no speaker called {old_name!r} in this meeting.", old_name=old_name))
    old = speakers[old_name]
    target = speakers.get(new_name)
    if target is old:
        return old

    def change(db: sqlite_utils.Database, tracker: Tracker) -> None:
        tracker.speakers()
        if target is None:
            db.execute("UPDATE speakers SET name = ? WHERE id = ?", [new_name, old.id])
            return
        ids = [
            row[0] for row in db.execute("SELECT id FROM bullets WHERE speaker_id = ?", [old.id])
        ]
        tracker.bullets(*ids)
        db.execute("UPDATE bullets SET speaker_id = ? WHERE speaker_id = ?", [target.id, old.id])
        if old.is_default:
            db.execute("UPDATE speakers SET is_default = 1 WHERE id = ?", [target.id])
        db.execute("DELETE FROM speakers WHERE id = ?", [old.id])

    history.edit("rename_speaker", change)
    return next(s for s in history.speakers() if s.name == new_name)


@one_transaction
def default_speaker(history: EditHistory, name: str) -> Speaker:
    """Make ``name`` (created if new) the official: new speech bullets get this speaker."""

    def change(db: sqlite_utils.Database, tracker: Tracker) -> None:
        tracker.speakers()
        speaker_id = speaker_id_for(history, db, name)
        db.execute(
            "UPDATE speakers SET is_default = (id = ?) WHERE meeting_id = ?",
            [speaker_id, history.meeting_id],
        )

    history.edit("default_speaker", change)
    return next(s for s in history.speakers() if s.name == name.strip())
