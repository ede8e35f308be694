"""Persistent undo/redo: each edit's before and after rows, kept in the library's ``edits`` table.

Every edit runs inside one ``library.atomic()`` transaction through
``EditHistory.edit`` and, in the same transaction, records an ``edits`` row
whose payload holds the before and after state of exactly the rows it touched
(full bullet and speaker rows, shifted positions, meeting header fields). Undo
writes the "before" side back, redo the "after" side; because the history lives
in the library, a new editor on the same meeting (after the app was closed or
killed) continues it.

Rows are stored raw (as SQLite returns them) so that undo restores them
byte-for-byte. Before undoing, the history checks that the touched rows still
look the way the edit left them; if something outside the editor changed them
(a re-transcription, say), it raises ``HistoryConflictError`` and drops the
stale history rather than write old rows over newer data.

SQLite hands a deleted row's id to the next insert, so a bullet or speaker that
undo brings back may find its id taken by a newer row (of any meeting); it then
comes back under a fresh id and the meeting's history is renumbered to match.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

import sqlite_utils

from transcriber.errors import NotFoundError
from transcriber.library.editing.errors import HistoryConflictError
from transcriber.library.editing.rows import (
    HEADER_FIELDS,
    meeting_fields,
    parked,
    place,
    positions,
    put_row,
    raw_bullet,
    raw_bullets,
    set_bullet,
    speaker_rows,
)
from transcriber.library.editing.wording import language_family, question_speaker_name
from transcriber.library.store import Library, _row_to, now_iso
from transcriber.messages import message
from transcriber.model import Bullet, Speaker
from transcriber.text import text_language

T = TypeVar("T")

# Keystrokes in the same bullet closer together than this are one undo step.
COALESCE_SECONDS = 2.0


@dataclass
class EditResult:
    """What an edit, undo or redo changed, so the GUI refreshes only that.

    ``added_ids`` are bullets that now exist and did not before (new, or brought
    back by undo); ``removed_ids`` no longer exist; ``changed_ids`` exist on both
    sides with different content. ``order_changed`` means positions moved (reload
    the list); ``speakers_changed`` and ``meeting_changed`` cover the speaker list
    and the header.
    """

    action: str
    changed_ids: list[int] = field(default_factory=list)
    added_ids: list[int] = field(default_factory=list)
    removed_ids: list[int] = field(default_factory=list)
    order_changed: bool = False
    speakers_changed: bool = False
    meeting_changed: bool = False


def _stale() -> HistoryConflictError:
    return HistoryConflictError(
        message("The meeting was changed outside the editor since this edit, "
                "so it can no longer be undone or redone.")
    )


def _stamp() -> str:
    """When an edit was made, to the millisecond (keystrokes come faster than seconds)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def _stored_payload(db: sqlite_utils.Database, edit_id: int) -> dict:
    return json.loads(db.execute("SELECT payload FROM edits WHERE id = ?", [edit_id]).fetchone()[0])


# -- recording what an edit changed ---------------------------------------------------------


class Tracker:
    """Snapshots rows before an edit touches them and diffs them afterwards.

    Operations call ``bullets()``/``positions()``/``speakers()``/``meeting()``
    BEFORE they write; ``payload()`` then reads the after state and keeps only
    what differs.
    """

    def __init__(self, db: sqlite_utils.Database, meeting_id: int) -> None:
        self.db = db
        self.meeting_id = meeting_id
        self._bullets: dict[int, dict | None] = {}
        self._positions: dict[int, int] | None = None
        self._speakers: dict[int, dict] | None = None
        self._meeting: dict | None = None

    def bullets(self, *ids: int) -> None:
        new = [i for i in dict.fromkeys(ids) if i not in self._bullets]
        rows = raw_bullets(self.db, new)
        self._bullets.update({i: rows.get(i) for i in new})

    def created(self, bullet_id: int) -> None:
        self._bullets.setdefault(bullet_id, None)

    def positions(self) -> None:
        if self._positions is None:
            self._positions = positions(self.db, self.meeting_id)

    def speakers(self) -> None:
        if self._speakers is None:
            self._speakers = speaker_rows(self.db, self.meeting_id)

    def meeting(self) -> None:
        if self._meeting is None:
            self._meeting = meeting_fields(self.db, self.meeting_id)

    def payload(self) -> dict:
        payload: dict = {"bullets": [], "positions": [], "speakers": []}
        after_rows = raw_bullets(self.db, list(self._bullets))
        for bullet_id, before in self._bullets.items():
            after = after_rows.get(bullet_id)
            if before != after:
                payload["bullets"].append([before, after])
        if self._positions is not None:
            in_rows = set(self._bullets)
            after_positions = positions(self.db, self.meeting_id)
            for bullet_id, before in self._positions.items():
                after = after_positions.get(bullet_id)
                if bullet_id not in in_rows and after is not None and after != before:
                    payload["positions"].append([bullet_id, before, after])
        if self._speakers is not None:
            after_speakers = speaker_rows(self.db, self.meeting_id)
            for speaker_id in sorted(set(self._speakers) | set(after_speakers)):
                before, after = self._speakers.get(speaker_id), after_speakers.get(speaker_id)
                if before != after:
                    payload["speakers"].append([before, after])
        if self._meeting is not None:
            after = meeting_fields(self.db, self.meeting_id)
            changed = [k for k in HEADER_FIELDS if after[k] != self._meeting[k]]
            if changed:
                payload["meeting"] = [
                    {k: self._meeting[k] for k in changed},
                    {k: after[k] for k in changed},
                ]
        return payload


def is_empty(payload: dict) -> bool:
    return not (
        payload["bullets"] or payload["positions"] or payload["speakers"] or payload.get("meeting")
    )


def combine(first: dict, second: dict) -> dict:
    """One payload with the before state of ``first`` and the after state of ``second``."""

    def rows(key: str) -> list:
        merged: dict[int, list] = {}
        for before, after in first[key] + second[key]:
            row_id = (before or after)["id"]
            if row_id in merged:
                merged[row_id][1] = after
            else:
                merged[row_id] = [before, after]
        return [pair for pair in merged.values() if pair[0] != pair[1]]

    positions: dict[int, list] = {}
    for bullet_id, before, after in first["positions"] + second["positions"]:
        positions.setdefault(bullet_id, [bullet_id, before, after])[2] = after
    combined = {**second, "bullets": rows("bullets"), "speakers": rows("speakers")}
    combined["positions"] = [p for p in positions.values() if p[1] != p[2]]
    if first.get("meeting") or second.get("meeting"):
        old = first.get("meeting") or [{}, {}]
        new = second.get("meeting") or [{}, {}]
        before, after = {**new[0], **old[0]}, {**old[1], **new[1]}
        keys = [k for k in before if before[k] != after[k]]
        combined["meeting"] = [{k: before[k] for k in keys}, {k: after[k] for k in keys}]
        if not keys:
            combined.pop("meeting")
    return combined


def edit_result(action: str, payload: dict, undo: bool = False) -> EditResult:
    result = EditResult(action)
    source, target = (1, 0) if undo else (0, 1)
    for pair in payload["bullets"]:
        row_id = (pair[0] or pair[1])["id"]
        if pair[target] is None:
            result.removed_ids.append(row_id)
        elif pair[source] is None:
            result.added_ids.append(row_id)
        else:
            result.changed_ids.append(row_id)
            if pair[0]["position"] != pair[1]["position"]:
                result.order_changed = True
    result.order_changed |= bool(payload["positions"] or result.added_ids or result.removed_ids)
    result.speakers_changed = bool(payload["speakers"])
    result.meeting_changed = bool(payload.get("meeting"))
    return result


def bullet_changes(db: sqlite_utils.Database, meeting_id: int) -> Iterator[tuple[str, int, dict | None, dict | None]]:
    """Every bullet change of the meeting's edits still in effect (not undone), oldest
    first: (action, bullet id, row before, row after); None before an insert or after
    a delete."""
    rows = db.execute(
        "SELECT action, payload FROM edits WHERE meeting_id = ? AND undone = 0 ORDER BY id",
        [meeting_id],
    ).fetchall()
    for action, payload in rows:
        for before, after in json.loads(payload)["bullets"]:
            yield action, (before or after)["id"], before, after


def without_position(row: dict | None) -> dict | None:
    return None if row is None else {k: v for k, v in row.items() if k != "position"}


def one_transaction(edit: Callable[..., T]) -> Callable[..., T]:
    """Run an edit function inside one write transaction, the reads it starts with included.

    Edits read the bullets they change (positions, texts) before they write;
    without the write lock taken first, another editor or a live transcription
    could move those bullets in between, and the edit would put its rows in
    stale places.
    """

    @functools.wraps(edit)
    def run(history: EditHistory, *args: object, **kwargs: object) -> T:
        with history.library.atomic():
            return edit(history, *args, **kwargs)

    return run


# -- one meeting's history ---------------------------------------------------------------


class EditHistory:
    """One meeting in the library with its persistent undo/redo history.

    The edit functions (``text``, ``structure``, ``speakers``, ...) read the
    meeting through it and make every change through ``edit``. Like ``Library``,
    it is used from one thread at a time (the library hands each thread its own
    connection).
    """

    def __init__(
        self, library: Library, meeting_id: int, clock: Callable[[], float] = time.time
    ) -> None:
        self.library = library
        self.meeting_id = meeting_id
        # Injected so tests can step time without sleeping; seconds since the epoch.
        self._clock = clock
        self.last_result: EditResult | None = None
        library.meeting(meeting_id)  # raises NotFoundError for an unknown meeting

    # -- reading ---------------------------------------------------------------------------

    def bullets(self) -> list[Bullet]:
        return self.library.bullets(self.meeting_id)

    def speakers(self) -> list[Speaker]:
        return self.library.speakers(self.meeting_id)

    def bullet(self, bullet_id: int) -> Bullet:
        row = raw_bullet(self.library.db, bullet_id)
        if row is None or row["meeting_id"] != self.meeting_id:
            raise NotFoundError(message("There is no bullet {bullet_id} in this meeting.", bullet_id=bullet_id))
        return _row_to(Bullet, row)

    def language(self) -> str:
        """``zh`` or ``en``: the meeting's language, guessed from its text when ``auto``."""
        language = self.library.meeting(self.meeting_id).language
        if (language or "auto").lower() != "auto":
            return language_family(language)
        texts = [
            row[0]
            for row in self.library.db.execute(
                "SELECT text FROM bullets WHERE meeting_id = ? ORDER BY position LIMIT 50",
                [self.meeting_id],
            )
        ]
        return text_language("\n".join(texts))

    def question_speaker_name(self, language: str | None = None) -> str:
        return question_speaker_name(language or self.language())

    def default_speaker_id(self) -> int | None:
        for speaker in self.speakers():
            if speaker.is_default:
                return speaker.id
        return None

    # -- history ---------------------------------------------------------------------------

    def edit(self, action: str, change: Callable[[sqlite_utils.Database, Tracker], object]):
        """Run ``change`` and record what it did, all in one transaction."""
        with self.library.atomic() as db:
            tracker = Tracker(db, self.meeting_id)
            value = change(db, tracker)
            payload = tracker.payload()
            if not is_empty(payload):
                payload["t"] = self._clock()
                self._record(db, action, payload)
                db.execute(
                    "UPDATE meetings SET updated_at = ? WHERE id = ?", [now_iso(), self.meeting_id]
                )
        self.last_result = edit_result(action, payload)
        return value

    def _record(self, db: sqlite_utils.Database, action: str, payload: dict) -> None:
        # A new edit after an undo drops the redo branch, as in every editor.
        db.execute("DELETE FROM edits WHERE meeting_id = ? AND undone = 1", [self.meeting_id])
        db["edits"].insert(
            {
                "meeting_id": self.meeting_id,
                "action": action,
                "payload": json.dumps(payload, ensure_ascii=False),
                "undone": 0,
                "at": _stamp(),
            }
        )

    def _top(self, undone: bool) -> dict | None:
        order = "ASC" if undone else "DESC"
        rows = list(
            self.library.db.query(
                f"SELECT * FROM edits WHERE meeting_id = ? AND undone = ? ORDER BY id {order} "
                "LIMIT 1",
                [self.meeting_id, int(undone)],
            )
        )
        return rows[0] if rows else None

    def can_undo(self) -> bool:
        return self._top(undone=False) is not None

    def can_redo(self) -> bool:
        return self._top(undone=True) is not None

    def undo(self) -> EditResult | None:
        """Undo the latest edit; ``None`` when there is nothing to undo."""
        return self._step(undo=True)

    def redo(self) -> EditResult | None:
        """Redo the latest undone edit; ``None`` when there is nothing to redo."""
        return self._step(undo=False)

    def _step(self, undo: bool) -> EditResult | None:
        source, target = (1, 0) if undo else (0, 1)
        try:
            with self.library.atomic() as db:
                # Read inside the write transaction: another editor of this meeting may
                # have undone, redone or replaced this step since we last looked.
                edit = self._top(undone=not undo)
                if edit is None:
                    return None
                payload = self._reclaim_ids(db, edit["id"], source, target)
                self._check(db, payload, source)
                try:
                    self._apply(db, payload, target)
                except sqlite3.IntegrityError:
                    # e.g. a speaker of the same name was added outside the editor since.
                    raise _stale() from None
                db.execute("UPDATE edits SET undone = ? WHERE id = ?", [int(undo), edit["id"]])
                db.execute(
                    "UPDATE meetings SET updated_at = ? WHERE id = ?", [now_iso(), self.meeting_id]
                )
        except HistoryConflictError:
            # Drop the stale side of the history (in its own transaction: the one
            # above rolled back) so the next undo/redo is not stuck on it.
            with self.library.atomic() as db:
                if undo:
                    db.execute(
                        "DELETE FROM edits WHERE meeting_id = ? AND undone = 0 AND id <= ?",
                        [self.meeting_id, edit["id"]],
                    )
                else:
                    db.execute(
                        "DELETE FROM edits WHERE meeting_id = ? AND undone = 1", [self.meeting_id]
                    )
            raise
        self.last_result = edit_result(edit["action"], payload, undo=undo)
        return self.last_result

    def _reclaim_ids(
        self, db: sqlite_utils.Database, edit_id: int, source: int, target: int
    ) -> dict:
        """The edit's payload, with rows it brings back moved to a free id if needed.

        SQLite reuses the highest rowid once that row is deleted, so a bullet or
        speaker this step re-creates may find its id taken by one added since
        (another import, a live transcription). It then comes back under a new
        id, and this meeting's whole history is renumbered to match.
        """
        payload = _stored_payload(db, edit_id)

        def taken(table: str, key: str) -> list[int]:
            return [
                pair[target]["id"]
                for pair in payload[key]
                if pair[source] is None
                and pair[target] is not None
                and db.execute(
                    f"SELECT 1 FROM {table} WHERE id = ?", [pair[target]["id"]]
                ).fetchone()
            ]

        taken_bullets, taken_speakers = taken("bullets", "bullets"), taken("speakers", "speakers")
        if not taken_bullets and not taken_speakers:
            return payload
        history = {
            row_id: json.loads(text)
            for row_id, text in db.execute(
                "SELECT id, payload FROM edits WHERE meeting_id = ?", [self.meeting_id]
            ).fetchall()
        }

        def renumbering(table: str, key: str, ids: list[int]) -> dict[int, int]:
            # Above every id in the table and in this history, so no two rows share one.
            in_history = [
                row["id"] for p in history.values() for pair in p[key] for row in pair if row
            ]
            in_table = db.execute(f"SELECT MAX(id) FROM {table}").fetchone()[0] or 0
            free = 1 + max([in_table, *in_history])
            return {old_id: free + n for n, old_id in enumerate(ids)}

        bullet_ids = renumbering("bullets", "bullets", taken_bullets)
        speaker_ids = renumbering("speakers", "speakers", taken_speakers)
        for row_id, old in history.items():
            for before, after in old["bullets"]:
                for row in (before, after):
                    if row is not None:
                        row["id"] = bullet_ids.get(row["id"], row["id"])
                        row["speaker_id"] = speaker_ids.get(row["speaker_id"], row["speaker_id"])
            for before, after in old["speakers"]:
                for row in (before, after):
                    if row is not None:
                        row["id"] = speaker_ids.get(row["id"], row["id"])
            for entry in old["positions"]:
                entry[0] = bullet_ids.get(entry[0], entry[0])
            if "bullet_id" in old:
                old["bullet_id"] = bullet_ids.get(old["bullet_id"], old["bullet_id"])
            db.execute(
                "UPDATE edits SET payload = ? WHERE id = ?",
                [json.dumps(old, ensure_ascii=False), row_id],
            )
        return history[edit_id]

    def _check(self, db: sqlite_utils.Database, payload: dict, side: int) -> None:
        """Refuse to apply history over rows that changed since (positions may drift)."""
        stale = _stale()
        current = raw_bullets(db, [(pair[0] or pair[1])["id"] for pair in payload["bullets"]])
        for pair in payload["bullets"]:
            row = current.get((pair[0] or pair[1])["id"])
            if without_position(row) != without_position(pair[side]):
                raise stale
        for pair in payload["speakers"]:
            # By id across the library: the id may belong to another meeting's speaker now.
            rows = list(
                db.query("SELECT * FROM speakers WHERE id = ?", [(pair[0] or pair[1])["id"]])
            )
            if (rows[0] if rows else None) != pair[side]:
                raise stale
        if payload.get("meeting"):
            header = meeting_fields(db, self.meeting_id)
            if any(header[k] != v for k, v in payload["meeting"][side].items()):
                raise stale

    def _apply(self, db: sqlite_utils.Database, payload: dict, side: int) -> None:
        # Order matters for the foreign keys: speakers a bullet needs exist before
        # the bullet is written, and speakers go away only after no bullet uses them.
        for pair in payload["speakers"]:
            if pair[side] is not None:
                put_row(db, "speakers", pair[side])
        # Bullets are parked first and placed afterwards, in reading order, so no two
        # share a position on the way; a position taken meanwhile (a bullet appended by
        # a live transcription) is freed by moving that bullet down.
        targets: dict[int, int] = {}
        for pair in payload["bullets"]:
            if pair[side] is None:
                db.execute("DELETE FROM bullets WHERE id = ?", [pair[1 - side]["id"]])
            else:
                row = dict(pair[side])
                targets[row["id"]] = row["position"]
                put_row(db, "bullets", {**row, "position": parked(row["id"])})
        for bullet_id, *moved in payload["positions"]:
            targets[bullet_id] = moved[side]
            db.execute(
                "UPDATE bullets SET position = ? WHERE id = ? AND meeting_id = ?",
                [parked(bullet_id), bullet_id, self.meeting_id],
            )
        for bullet_id, position in sorted(targets.items(), key=lambda item: item[1]):
            place(db, self.meeting_id, bullet_id, position)
        for pair in payload["speakers"]:
            if pair[side] is None:
                db.execute("DELETE FROM speakers WHERE id = ?", [pair[1 - side]["id"]])
        if payload.get("meeting"):
            fields = payload["meeting"][side]
            sets = ", ".join(f"{k} = ?" for k in fields)
            db.execute(
                f"UPDATE meetings SET {sets} WHERE id = ?", [*fields.values(), self.meeting_id]
            )

    def record_typing(self, bullet_id: int, text: str, coalesce: bool | None, **fields: object) -> None:
        """Save ``text`` as the bullet's text, folded into the previous typing step if it may be.

        ``coalesce=None`` merges this change into the previous undo step when that
        step was also typing in this bullet less than ``COALESCE_SECONDS`` ago;
        ``True`` merges whenever the previous step typed in this bullet;
        ``False`` always starts a new step. ``fields``: other columns the typing changes
        with the text (a filled gap's flag), in the same step.
        """
        now = self._clock()
        with self.library.atomic() as db:
            tracker = Tracker(db, self.meeting_id)
            tracker.bullets(bullet_id)
            set_bullet(db, bullet_id, text=text, **fields)
            payload = {**tracker.payload(), "bullet_id": bullet_id, "t": now}
            previous = self._coalescable(bullet_id, now, coalesce)
            if previous is None:
                self._record(db, "set_text", payload)
            else:
                combined = combine(json.loads(previous["payload"]), payload)
                if is_empty(combined):  # typed back to what it was: no step at all
                    db.execute("DELETE FROM edits WHERE id = ?", [previous["id"]])
                else:
                    db.execute(
                        "UPDATE edits SET payload = ?, at = ? WHERE id = ?",
                        [json.dumps(combined, ensure_ascii=False), _stamp(), previous["id"]],
                    )
            db.execute(
                "UPDATE meetings SET updated_at = ? WHERE id = ?", [now_iso(), self.meeting_id]
            )
        self.last_result = edit_result("set_text", payload)

    def _coalescable(self, bullet_id: int, now: float, coalesce: bool | None) -> dict | None:
        if coalesce is False or self.can_redo():
            return None
        previous = self._top(undone=False)
        if previous is None or previous["action"] != "set_text":
            return None
        payload = json.loads(previous["payload"])
        if payload.get("bullet_id") != bullet_id:
            return None
        if coalesce or now - payload.get("t", 0) < COALESCE_SECONDS:
            return previous
        return None
