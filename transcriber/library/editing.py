"""Editing a meeting's transcript: saved at once, undoable, also after a restart.

``MeetingEditor`` is what the editor widgets call. Every method writes to the
library inside one ``library.atomic()`` transaction and, in the same
transaction, records an ``edits`` row whose payload holds the before and after
state of exactly the rows it touched (full bullet and speaker rows, shifted
positions, meeting header fields). Undo writes the "before" side back, redo the
"after" side; because the history lives in the library, a new editor on the
same meeting (after the app was closed or killed) continues it.

Rows are stored raw (as SQLite returns them) so that undo restores them
byte-for-byte. Before undoing, the editor checks that the touched rows still
look the way the edit left them; if something outside the editor changed them
(a re-transcription, say), it raises ``HistoryConflictError`` and drops the
stale history rather than write old rows over newer data.

SQLite hands a deleted row's id to the next insert, so a bullet or speaker that
undo brings back may find its id taken by a newer row (of any meeting); it then
comes back under a fresh id and the meeting's history is renumbered to match.

Redaction removes the original words from the bullet text itself: a span is
replaced by a visible marker, a whole bullet becomes the marker (and gets
``redacted``); the words and the reason are kept only in ``extra["redactions"]``
(and ``redaction_reason``), so no exporter, search snippet or archive writer can
leak them by reading ``bullet.text``. ``published_text`` is the one to call.

Like ``Library``, an editor is used from one thread at a time (the library
hands each thread its own connection).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import sqlite_utils

from transcriber.errors import NotFoundError, TranscriberError
from transcriber.library.store import Library, _row_to, now_iso
from transcriber.model import Bullet, BulletKind, Licence, Speaker, Style
from transcriber.text import FULLWIDTH_PUNCT, has_cjk, text_language
from transcriber.vocabulary import OTHER_SIDE_TEXT, QUESTION_LABEL, REDACTION_MARKER

# Keystrokes in the same bullet closer together than this are one undo step.
COALESCE_SECONDS = 2.0

QUESTION_NAMES = frozenset(QUESTION_LABEL.values())
HEADER_FIELDS = ("title", "date", "language", "licence", "style")

# CJK ideographs plus full-width punctuation: no space is needed next to these when joining.
_NO_SPACE_CHARS = re.compile(
    rf"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
    rf"\U00020000-\U0002ffff{FULLWIDTH_PUNCT}]"
)


class EditError(TranscriberError):
    """An edit that cannot be made as asked (bad offset, empty name, no next bullet)."""


class HistoryConflictError(EditError):
    """The meeting changed outside the editor, so older history can no longer be applied."""


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


# -- language helpers (pure, also used by the archive writer) -------------------------------


def language_family(language: str | None, sample_text: str = "") -> str:
    """``"zh"`` or ``"en"``: which wording markers and labels take for ``language``.

    ``auto`` (or empty) decides by whether ``sample_text`` contains Chinese.
    """
    language = (language or "auto").lower()
    if language.startswith("zh"):
        return "zh"
    if language == "auto":
        return "zh" if has_cjk(sample_text) else "en"
    return "en"


def question_speaker_name(language: str) -> str:
    """The speaker label for restated questions: ``問`` in Chinese, ``Question`` otherwise."""
    return QUESTION_LABEL[language_family(language)]


def other_side_text(language: str) -> str:
    """Default text of a marker for the other side's unrecorded turn."""
    return OTHER_SIDE_TEXT[language_family(language)]


def redaction_marker(language: str) -> str:
    """The visible marker that stands in the published text where words were redacted."""
    return REDACTION_MARKER[language_family(language)]


def published_text(bullet: Bullet, language: str = "auto") -> str:
    """The text of ``bullet`` as it may be published.

    A span redaction already removed the words from ``bullet.text`` (they live
    only in ``extra``), so the text is safe as it is. A whole-bullet redaction
    publishes only the marker, never the text or the reason.
    """
    if bullet.redacted:
        if (language or "auto").lower() == "auto":
            # Keep the marker chosen when the bullet was redacted.
            markers = REDACTION_MARKER.values()
            return bullet.text if bullet.text in markers else REDACTION_MARKER["en"]
        return redaction_marker(language)
    return bullet.text


def redactions(bullet: Bullet) -> list[dict]:
    """The private record of span redactions: ``{start, end, original, reason, at}`` each.

    ``start``/``end`` locate the marker when it was inserted; later edits may move it.
    """
    return list(bullet.extra.get("redactions", []))


def join_text(left: str, right: str) -> str:
    """Join two pieces of transcript: nothing between Chinese, one space between words."""
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left + right
    if _NO_SPACE_CHARS.match(left[-1]) and _NO_SPACE_CHARS.match(right[0]):
        return left + right
    if left[-1] in FULLWIDTH_PUNCT or right[0] in FULLWIDTH_PUNCT:
        return left + right
    return f"{left} {right}"


# -- raw row access ---------------------------------------------------------------------------


def _raw_bullet(db: sqlite_utils.Database, bullet_id: int) -> dict | None:
    rows = list(db.query("SELECT * FROM bullets WHERE id = ?", [bullet_id]))
    return rows[0] if rows else None


def _raw_bullets(db: sqlite_utils.Database, ids: list[int]) -> dict[int, dict]:
    """Rows by id, read in batches (a replace-all may touch every bullet of a meeting)."""
    rows: dict[int, dict] = {}
    for first in range(0, len(ids), 500):
        batch = ids[first : first + 500]
        marks = ", ".join("?" for _ in batch)
        for row in db.query(f"SELECT * FROM bullets WHERE id IN ({marks})", batch):
            rows[row["id"]] = row
    return rows


def _speaker_rows(db: sqlite_utils.Database, meeting_id: int) -> dict[int, dict]:
    rows = db.query("SELECT * FROM speakers WHERE meeting_id = ?", [meeting_id])
    return {row["id"]: row for row in rows}


def _positions(db: sqlite_utils.Database, meeting_id: int) -> dict[int, int]:
    rows = db.execute("SELECT id, position FROM bullets WHERE meeting_id = ?", [meeting_id])
    return dict(rows.fetchall())


def _meeting_fields(db: sqlite_utils.Database, meeting_id: int) -> dict:
    rows = list(db.query("SELECT * FROM meetings WHERE id = ?", [meeting_id]))
    if not rows:
        raise NotFoundError(f"There is no meeting {meeting_id} in the library.")
    return {name: rows[0][name] for name in HEADER_FIELDS}


def _stale() -> HistoryConflictError:
    return HistoryConflictError(
        "The meeting was changed outside the editor since this edit, "
        "so it can no longer be undone or redone."
    )


def _kind(kind: str) -> BulletKind:
    try:
        return BulletKind(kind)
    except ValueError:
        names = ", ".join(k.value for k in BulletKind)
        raise EditError(f"Unknown bullet kind {kind!r}; use one of {names}.") from None


def _stamp() -> str:
    """When an edit was made, to the millisecond (keystrokes come faster than seconds)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def _stored_payload(db: sqlite_utils.Database, edit_id: int) -> dict:
    return json.loads(db.execute("SELECT payload FROM edits WHERE id = ?", [edit_id]).fetchone()[0])


def _put_row(db: sqlite_utils.Database, table: str, row: dict) -> None:
    """Write a stored raw ``row`` back as it is, keeping its id (an upsert).

    Not ``INSERT OR REPLACE``: that deletes first, which the full-text index
    triggers would not see; an upsert's update fires them like any UPDATE.
    """
    quoted = [f'"{c}"' for c in row]
    sets = ", ".join(f"{q} = excluded.{q}" for q in quoted if q != '"id"')
    db.execute(
        f"INSERT INTO {table} ({', '.join(quoted)}) VALUES ({', '.join('?' for _ in row)}) "
        f"ON CONFLICT(id) DO UPDATE SET {sets}",
        list(row.values()),
    )


def _set_bullet(db: sqlite_utils.Database, bullet_id: int, **fields: object) -> None:
    if "extra" in fields:
        fields["extra"] = json.dumps(fields["extra"], ensure_ascii=False)
    for key in ("redacted", "flagged"):
        if key in fields:
            fields[key] = int(bool(fields[key]))
    sets = ", ".join(f'"{name}" = ?' for name in fields)
    db.execute(f"UPDATE bullets SET {sets} WHERE id = ?", [*fields.values(), bullet_id])


def _insert_bullet(db: sqlite_utils.Database, bullet: Bullet) -> int:
    row = Library._bullet_row(bullet)
    columns = list(row)
    cursor = db.execute(
        f"INSERT INTO bullets ({', '.join(f'[{c}]' for c in columns)}) "
        f"VALUES ({', '.join('?' for _ in columns)})",
        [row[c] for c in columns],
    )
    return cursor.lastrowid


# -- recording what an edit changed ---------------------------------------------------------


class _Tracker:
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
        rows = _raw_bullets(self.db, new)
        self._bullets.update({i: rows.get(i) for i in new})

    def created(self, bullet_id: int) -> None:
        self._bullets.setdefault(bullet_id, None)

    def positions(self) -> None:
        if self._positions is None:
            self._positions = _positions(self.db, self.meeting_id)

    def speakers(self) -> None:
        if self._speakers is None:
            self._speakers = _speaker_rows(self.db, self.meeting_id)

    def meeting(self) -> None:
        if self._meeting is None:
            self._meeting = _meeting_fields(self.db, self.meeting_id)

    def payload(self) -> dict:
        payload: dict = {"bullets": [], "positions": [], "speakers": []}
        after_rows = _raw_bullets(self.db, list(self._bullets))
        for bullet_id, before in self._bullets.items():
            after = after_rows.get(bullet_id)
            if before != after:
                payload["bullets"].append([before, after])
        if self._positions is not None:
            in_rows = set(self._bullets)
            after_positions = _positions(self.db, self.meeting_id)
            for bullet_id, before in self._positions.items():
                after = after_positions.get(bullet_id)
                if bullet_id not in in_rows and after is not None and after != before:
                    payload["positions"].append([bullet_id, before, after])
        if self._speakers is not None:
            after_speakers = _speaker_rows(self.db, self.meeting_id)
            for speaker_id in sorted(set(self._speakers) | set(after_speakers)):
                before, after = self._speakers.get(speaker_id), after_speakers.get(speaker_id)
                if before != after:
                    payload["speakers"].append([before, after])
        if self._meeting is not None:
            after = _meeting_fields(self.db, self.meeting_id)
            changed = [k for k in HEADER_FIELDS if after[k] != self._meeting[k]]
            if changed:
                payload["meeting"] = [
                    {k: self._meeting[k] for k in changed},
                    {k: after[k] for k in changed},
                ]
        return payload


def _is_empty(payload: dict) -> bool:
    return not (
        payload["bullets"] or payload["positions"] or payload["speakers"] or payload.get("meeting")
    )


def _combine(first: dict, second: dict) -> dict:
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


def _result(action: str, payload: dict, undo: bool = False) -> EditResult:
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


def _without_position(row: dict | None) -> dict | None:
    return None if row is None else {k: v for k, v in row.items() if k != "position"}


# -- the editor -------------------------------------------------------------------------------


class MeetingEditor:
    """Edits one meeting's bullets, speakers and header, with persistent undo/redo.

    Every mutating method saves at once and sets ``last_result`` (an
    ``EditResult``) so the GUI knows which bullets to refresh.
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
        row = _raw_bullet(self.library.db, bullet_id)
        if row is None or row["meeting_id"] != self.meeting_id:
            raise NotFoundError(f"There is no bullet {bullet_id} in this meeting.")
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

    def _edit(self, action: str, change: Callable[[sqlite_utils.Database, _Tracker], object]):
        """Run ``change`` and record what it did, all in one transaction."""
        with self.library.atomic() as db:
            tracker = _Tracker(db, self.meeting_id)
            value = change(db, tracker)
            payload = tracker.payload()
            if not _is_empty(payload):
                payload["t"] = self._clock()
                self._record(db, action, payload)
                db.execute(
                    "UPDATE meetings SET updated_at = ? WHERE id = ?", [now_iso(), self.meeting_id]
                )
        self.last_result = _result(action, payload)
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
        edit = self._top(undone=not undo)
        if edit is None:
            return None
        source, target = (1, 0) if undo else (0, 1)
        try:
            with self.library.atomic() as db:
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
        self.last_result = _result(edit["action"], payload, undo=undo)
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
        current = _raw_bullets(db, [(pair[0] or pair[1])["id"] for pair in payload["bullets"]])
        for pair in payload["bullets"]:
            row = current.get((pair[0] or pair[1])["id"])
            if _without_position(row) != _without_position(pair[side]):
                raise stale
        for pair in payload["speakers"]:
            # By id across the library: the id may belong to another meeting's speaker now.
            rows = list(
                db.query("SELECT * FROM speakers WHERE id = ?", [(pair[0] or pair[1])["id"]])
            )
            if (rows[0] if rows else None) != pair[side]:
                raise stale
        if payload.get("meeting"):
            header = _meeting_fields(db, self.meeting_id)
            if any(header[k] != v for k, v in payload["meeting"][side].items()):
                raise stale

    def _apply(self, db: sqlite_utils.Database, payload: dict, side: int) -> None:
        # Order matters for the foreign keys: speakers a bullet needs exist before
        # the bullet is written, and speakers go away only after no bullet uses them.
        for pair in payload["speakers"]:
            if pair[side] is not None:
                _put_row(db, "speakers", pair[side])
        for pair in payload["bullets"]:
            if pair[side] is None:
                db.execute("DELETE FROM bullets WHERE id = ?", [pair[1 - side]["id"]])
            else:
                _put_row(db, "bullets", pair[side])
        for bullet_id, *positions in payload["positions"]:
            db.execute("UPDATE bullets SET position = ? WHERE id = ?", [positions[side], bullet_id])
        for pair in payload["speakers"]:
            if pair[side] is None:
                db.execute("DELETE FROM speakers WHERE id = ?", [pair[1 - side]["id"]])
        if payload.get("meeting"):
            fields = payload["meeting"][side]
            sets = ", ".join(f"{k} = ?" for k in fields)
            db.execute(
                f"UPDATE meetings SET {sets} WHERE id = ?", [*fields.values(), self.meeting_id]
            )

    # -- text ------------------------------------------------------------------------------

    def set_text(self, bullet_id: int, text: str, coalesce: bool | None = None) -> Bullet:
        """Save the bullet's whole text (the GUI calls this on every keystroke).

        ``coalesce=None`` merges this change into the previous undo step when that
        step was also typing in this bullet less than ``COALESCE_SECONDS`` ago;
        ``True`` merges whenever the previous step typed in this bullet;
        ``False`` always starts a new step.

        Refuses (``EditError``) text that brings back words redacted from this
        bullet: that is what a widget still showing the text from before a
        redaction would send, and it must not undo the redaction silently.
        """
        bullet = self.bullet(bullet_id)
        if bullet.text == text:
            return bullet
        for record in redactions(bullet):
            original = record.get("original", "")
            if len(original.strip()) >= 2 and original in text and original not in bullet.text:
                raise EditError(
                    "This text brings back words that were redacted; "
                    "reload the bullet, or undo the redaction instead."
                )
        now = self._clock()
        with self.library.atomic() as db:
            tracker = _Tracker(db, self.meeting_id)
            tracker.bullets(bullet_id)
            _set_bullet(db, bullet_id, text=text)
            payload = {**tracker.payload(), "bullet_id": bullet_id, "t": now}
            previous = self._coalescable(bullet_id, now, coalesce)
            if previous is None:
                self._record(db, "set_text", payload)
            else:
                combined = _combine(json.loads(previous["payload"]), payload)
                if _is_empty(combined):  # typed back to what it was: no step at all
                    db.execute("DELETE FROM edits WHERE id = ?", [previous["id"]])
                else:
                    db.execute(
                        "UPDATE edits SET payload = ?, at = ? WHERE id = ?",
                        [json.dumps(combined, ensure_ascii=False), _stamp(), previous["id"]],
                    )
            db.execute(
                "UPDATE meetings SET updated_at = ? WHERE id = ?", [now_iso(), self.meeting_id]
            )
        self.last_result = _result("set_text", payload)
        return self.bullet(bullet_id)

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

    def split(self, bullet_id: int, offset: int) -> tuple[Bullet, Bullet]:
        """Split at a character offset; the times are divided in proportion to the text."""
        bullet = self.bullet(bullet_id)
        if not 0 <= offset <= len(bullet.text):
            raise EditError(f"Cannot split at character {offset}: the bullet is shorter.")
        left, right = bullet.text[:offset].rstrip(), bullet.text[offset:].lstrip()
        middle = None
        if bullet.start is not None and bullet.end is not None:
            share = len(left) / (len(left) + len(right)) if left or right else 0.5
            middle = round(bullet.start + (bullet.end - bullet.start) * share, 3)

        def change(db: sqlite_utils.Database, tracker: _Tracker) -> int:
            tracker.bullets(bullet_id)
            tracker.positions()
            self._make_room(db, bullet.position + 1)
            # The verbatim source described the whole bullet; neither half matches it.
            _set_bullet(db, bullet_id, text=left, end=middle if middle is not None else bullet.end,
                        source=None)  # fmt: skip
            second = dataclasses.replace(
                bullet, id=None, position=bullet.position + 1, text=right, source=None,
                start=middle if middle is not None else bullet.start, extra=dict(bullet.extra),
            )  # fmt: skip
            new_id = _insert_bullet(db, second)
            tracker.created(new_id)
            return new_id

        new_id = self._edit("split", change)
        return self.bullet(bullet_id), self.bullet(new_id)

    def _make_room(self, db: sqlite_utils.Database, position: int) -> None:
        """Free ``position`` by moving that bullet and the ones after it down by one."""
        db.execute(
            "UPDATE bullets SET position = position + 1 WHERE meeting_id = ? AND position >= ?",
            [self.meeting_id, position],
        )

    def _next(self, bullet: Bullet) -> Bullet | None:
        rows = list(
            self.library.db.query(
                "SELECT * FROM bullets WHERE meeting_id = ? AND "
                "(position > ? OR (position = ? AND id > ?)) ORDER BY position, id LIMIT 1",
                [self.meeting_id, bullet.position, bullet.position, bullet.id],
            )
        )
        return _row_to(Bullet, rows[0]) if rows else None

    def merge_with_next(self, bullet_id: int) -> Bullet:
        """Join the bullet with the one after it; the time span covers both."""
        first = self.bullet(bullet_id)
        second = self._next(first)
        if second is None:
            raise EditError("This is the last bullet; there is no next bullet to merge with.")
        starts = [t for t in (first.start, second.start) if t is not None]
        ends = [t for t in (first.end, second.end) if t is not None]
        extra = {**second.extra, **first.extra}
        if first.extra.get("redactions") or second.extra.get("redactions"):
            extra["redactions"] = redactions(first) + redactions(second)
        reasons = [r for r in (first.flag_reason, second.flag_reason) if r]

        def change(db: sqlite_utils.Database, tracker: _Tracker) -> None:
            tracker.bullets(first.id, second.id)
            db.execute("DELETE FROM bullets WHERE id = ?", [second.id])
            _set_bullet(
                db, first.id, text=join_text(first.text, second.text),
                start=min(starts) if starts else None, end=max(ends) if ends else None,
                flagged=first.flagged or second.flagged, flag_reason="; ".join(reasons),
                redacted=first.redacted or second.redacted,
                redaction_reason="; ".join(
                    r for r in (first.redaction_reason, second.redaction_reason) if r
                ),
                source=None, extra=extra,
            )  # fmt: skip

        self._edit("merge", change)
        return self.bullet(bullet_id)

    # -- speakers and kinds ----------------------------------------------------------------

    def _speaker_id(self, db: sqlite_utils.Database, name: str) -> int:
        name = name.strip()
        if not name:
            raise EditError("A speaker needs a name.")
        row = db.execute(
            "SELECT id FROM speakers WHERE meeting_id = ? AND name = ?", [self.meeting_id, name]
        ).fetchone()
        if row:
            return row[0]
        return (
            db["speakers"]
            .insert({"meeting_id": self.meeting_id, "name": name, "is_default": 0})
            .last_pk
        )

    def set_speaker(self, bullet_ids: Iterable[int], name: str) -> None:
        """Attribute bullets to ``name`` (created for this meeting if new).

        The question label (``問``/``Question``) also makes a speech bullet a
        question, and any other name makes a question bullet speech again, so
        the label and the kind never disagree.
        """
        bullets = [self.bullet(i) for i in bullet_ids]
        is_question = name.strip() in QUESTION_NAMES

        def change(db: sqlite_utils.Database, tracker: _Tracker) -> None:
            tracker.speakers()
            tracker.bullets(*(b.id for b in bullets))
            speaker_id = self._speaker_id(db, name)
            for bullet in bullets:
                kind = bullet.kind
                if is_question and kind == BulletKind.SPEECH:
                    kind = BulletKind.QUESTION
                elif not is_question and kind == BulletKind.QUESTION:
                    kind = BulletKind.SPEECH
                _set_bullet(db, bullet.id, speaker_id=speaker_id, kind=str(kind))

        self._edit("set_speaker", change)

    def set_kind(self, bullet_ids: Iterable[int], kind: str) -> None:
        kind = _kind(kind)
        ids = [self.bullet(i).id for i in bullet_ids]

        def change(db: sqlite_utils.Database, tracker: _Tracker) -> None:
            tracker.bullets(*ids)
            for bullet_id in ids:
                _set_bullet(db, bullet_id, kind=kind.value)

        self._edit("set_kind", change)

    def rename_speaker(self, old_name: str, new_name: str) -> Speaker:
        """Rename everywhere in the meeting; merges into ``new_name`` if that speaker exists."""
        new_name = new_name.strip()
        if not new_name:
            raise EditError("A speaker needs a name.")
        speakers = {s.name: s for s in self.speakers()}
        if old_name not in speakers:
            raise NotFoundError(f"There is no speaker called {old_name!r} in this meeting.")
        old = speakers[old_name]
        target = speakers.get(new_name)
        if target is old:
            return old

        def change(db: sqlite_utils.Database, tracker: _Tracker) -> None:
            tracker.speakers()
            if target is None:
                db.execute("UPDATE speakers SET name = ? WHERE id = ?", [new_name, old.id])
                return
            ids = [
                row[0]
                for row in db.execute("SELECT id FROM bullets WHERE speaker_id = ?", [old.id])
            ]
            tracker.bullets(*ids)
            db.execute(
                "UPDATE bullets SET speaker_id = ? WHERE speaker_id = ?", [target.id, old.id]
            )
            if old.is_default:
                db.execute("UPDATE speakers SET is_default = 1 WHERE id = ?", [target.id])
            db.execute("DELETE FROM speakers WHERE id = ?", [old.id])

        self._edit("rename_speaker", change)
        return next(s for s in self.speakers() if s.name == new_name)

    def default_speaker(self, name: str) -> Speaker:
        """Make ``name`` (created if new) the official: new speech bullets get this speaker."""

        def change(db: sqlite_utils.Database, tracker: _Tracker) -> None:
            tracker.speakers()
            speaker_id = self._speaker_id(db, name)
            db.execute(
                "UPDATE speakers SET is_default = (id = ?) WHERE meeting_id = ?",
                [speaker_id, self.meeting_id],
            )

        self._edit("default_speaker", change)
        return next(s for s in self.speakers() if s.name == name.strip())

    # -- inserting and deleting --------------------------------------------------------------

    def insert_bullet(
        self,
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
        kind = _kind(kind)
        language = self.language()
        if text is None:
            text = other_side_text(language) if kind == BulletKind.OTHER_SIDE else ""
        if speaker is None and kind == BulletKind.QUESTION:
            speaker = question_speaker_name(language)
        if after_bullet_id is None:
            first = self.library.db.execute(
                "SELECT MIN(position) FROM bullets WHERE meeting_id = ?", [self.meeting_id]
            ).fetchone()[0]
            position = 0 if first is None else first
        else:
            position = self.bullet(after_bullet_id).position + 1

        def change(db: sqlite_utils.Database, tracker: _Tracker) -> int:
            tracker.positions()
            tracker.speakers()
            if speaker is not None:
                speaker_id = self._speaker_id(db, speaker)
            elif kind == BulletKind.SPEECH:
                speaker_id = self.default_speaker_id()
            else:
                speaker_id = None
            self._make_room(db, position)
            new = Bullet(None, self.meeting_id, position, text, kind=kind.value,
                         speaker_id=speaker_id)  # fmt: skip
            new_id = _insert_bullet(db, new)
            tracker.created(new_id)
            return new_id

        return self.bullet(self._edit("insert", change))

    def delete_bullet(self, bullet_id: int) -> None:
        self.bullet(bullet_id)

        def change(db: sqlite_utils.Database, tracker: _Tracker) -> None:
            tracker.bullets(bullet_id)
            db.execute("DELETE FROM bullets WHERE id = ?", [bullet_id])

        self._edit("delete", change)

    # -- redaction -------------------------------------------------------------------------

    def redact(
        self, bullet_id: int, start: int | None = None, end: int | None = None, reason: str = ""
    ) -> Bullet:
        """Redact ``text[start:end]``, or the whole bullet when no span is given.

        The span is replaced in the text by a visible marker; the original words
        and the reason are kept only in ``extra["redactions"]`` (private to the
        library). A whole bullet gets ``redacted`` set, its reason in
        ``redaction_reason``, and publishes as the marker alone.
        """
        bullet = self.bullet(bullet_id)
        # Inside a sentence the marker matches the sentence's script; a whole bullet's
        # marker stands alone, so it follows the meeting (the file's locale).
        marker = redaction_marker("zh" if has_cjk(bullet.text) else "en")
        record = {"reason": reason, "at": now_iso()}
        if start is None and end is None:
            meeting_language = self.library.meeting(self.meeting_id).language
            marker = redaction_marker(language_family(meeting_language, bullet.text))
            start, end = 0, len(bullet.text)
            fields: dict = {"text": marker, "redacted": True, "redaction_reason": reason}
        else:
            if start is None or end is None or not 0 <= start < end <= len(bullet.text):
                raise EditError(
                    f"Cannot redact characters {start} to {end}: "
                    f"the bullet has {len(bullet.text)} characters."
                )
            fields = {"text": bullet.text[:start] + marker + bullet.text[end:]}
        record.update(start=start, end=start + len(marker), original=bullet.text[start:end])
        # The verbatim source still holds the original words, so it must go too.
        fields.update(
            source=None, extra={**bullet.extra, "redactions": [*redactions(bullet), record]}
        )

        def change(db: sqlite_utils.Database, tracker: _Tracker) -> None:
            tracker.bullets(bullet_id)
            _set_bullet(db, bullet_id, **fields)

        self._edit("redact", change)
        return self.bullet(bullet_id)

    # -- find and replace --------------------------------------------------------------------

    def _pattern(self, query: str, regex: bool, case_sensitive: bool) -> re.Pattern:
        flags = 0 if case_sensitive else re.IGNORECASE
        try:
            return re.compile(query if regex else re.escape(query), flags)
        except re.error as exc:
            raise EditError(f"The search pattern {query!r} is not a valid regular expression: "
                            f"{exc.msg}.") from None  # fmt: skip

    def _texts(self) -> list[tuple[int, str]]:
        """(id, text) in reading order: all find and replace-all need, cheaper than bullets()."""
        return self.library.db.execute(
            "SELECT id, text FROM bullets WHERE meeting_id = ? ORDER BY position, id",
            [self.meeting_id],
        ).fetchall()

    def find(
        self, query: str, regex: bool = False, case_sensitive: bool = False
    ) -> list[tuple[int, int, int]]:
        """Every match in the meeting as ``(bullet_id, start, end)``, in reading order."""
        if not query:
            return []
        pattern = self._pattern(query, regex, case_sensitive)
        return [
            (bullet_id, m.start(), m.end())
            for bullet_id, text in self._texts()
            for m in pattern.finditer(text)
            if m.end() > m.start()  # a regex that matches empty strings finds nothing to replace
        ]

    def replace(self, bullet_id: int, start: int, end: int, replacement: str) -> Bullet:
        text = self.bullet(bullet_id).text
        if not 0 <= start <= end <= len(text):
            raise EditError(
                f"Cannot replace characters {start} to {end}: the bullet has {len(text)}."
            )

        def change(db: sqlite_utils.Database, tracker: _Tracker) -> None:
            tracker.bullets(bullet_id)
            _set_bullet(db, bullet_id, text=text[:start] + replacement + text[end:])

        self._edit("replace", change)
        return self.bullet(bullet_id)

    def replace_all(
        self, query: str, replacement: str, regex: bool = False, case_sensitive: bool = False
    ) -> int:
        """Replace every match in the meeting as one undo step; returns the number replaced.

        With ``regex=True`` the replacement may use group references (``\\1``).
        """
        if not query:
            return 0
        pattern = self._pattern(query, regex, case_sensitive)
        count = 0

        def substitute(m: re.Match) -> str:
            nonlocal count
            if m.end() == m.start():  # as in find(): empty matches are not replaced
                return ""
            count += 1
            return m.expand(replacement) if regex else replacement

        new_texts: dict[int, str] = {}
        try:
            for bullet_id, text in self._texts():
                new_text = pattern.sub(substitute, text)
                if new_text != text:
                    new_texts[bullet_id] = new_text
        except re.error as exc:
            raise EditError(f"The replacement {replacement!r} is not valid: {exc.msg}.") from None

        def change(db: sqlite_utils.Database, tracker: _Tracker) -> None:
            tracker.bullets(*new_texts)
            for bullet_id, text in new_texts.items():
                _set_bullet(db, bullet_id, text=text)

        if new_texts:
            self._edit("replace_all", change)
        return count

    # -- flags -----------------------------------------------------------------------------

    def set_flag(self, bullet_id: int, flagged: bool, reason: str = "") -> None:
        self.bullet(bullet_id)

        def change(db: sqlite_utils.Database, tracker: _Tracker) -> None:
            tracker.bullets(bullet_id)
            _set_bullet(db, bullet_id, flagged=flagged, flag_reason=reason if flagged else "")

        self._edit("set_flag", change)

    def next_flagged(self, after_bullet_id: int | None = None) -> Bullet | None:
        """The next flagged bullet after the given one, wrapping to the top; ``None`` if none."""
        flagged = [b for b in self.bullets() if b.flagged]
        if not flagged:
            return None
        if after_bullet_id is None:
            return flagged[0]
        after = self.bullet(after_bullet_id)
        for bullet in flagged:
            if (bullet.position, bullet.id) > (after.position, after.id):
                return bullet
        return flagged[0]

    # -- header ----------------------------------------------------------------------------

    def update_meeting_header(self, **fields: str) -> None:
        """Change title, date (YYYY-MM-DD), language, licence or style, as one undo step."""
        unknown = set(fields) - set(HEADER_FIELDS)
        if unknown:
            raise EditError(f"The meeting header has no field {sorted(unknown)[0]!r}.")
        if "title" in fields and not str(fields["title"]).strip():
            raise EditError("A meeting needs a title.")
        if "date" in fields:
            try:
                dt.date.fromisoformat(str(fields["date"]))
            except ValueError:
                raise EditError(
                    f"{fields['date']!r} is not a date; write it as YYYY-MM-DD."
                ) from None
        for name, allowed in (("licence", Licence), ("style", Style)):
            if name in fields and fields[name] not in {m.value for m in allowed}:
                options = ", ".join(m.value for m in allowed)
                raise EditError(f"Unknown {name} {fields[name]!r}; use one of {options}.")
        if "language" in fields and not str(fields["language"]).strip():
            raise EditError("A meeting needs a language (or auto).")

        def change(db: sqlite_utils.Database, tracker: _Tracker) -> None:
            tracker.meeting()
            sets = ", ".join(f"{k} = ?" for k in fields)
            db.execute(
                f"UPDATE meetings SET {sets} WHERE id = ?", [*fields.values(), self.meeting_id]
            )

        if fields:
            self._edit("header", change)
