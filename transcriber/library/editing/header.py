"""Edits of the meeting's header (title, date, language, licence, style) and of review flags."""

from __future__ import annotations

import sqlite_utils

from transcriber.errors import TitleError
from transcriber.library.editing.errors import EditError
from transcriber.library.editing.history import EditHistory, Tracker, one_transaction
from transcriber.library.editing.rows import HEADER_FIELDS, set_bullet
from transcriber.library.store import check_meeting_date, clean_title
from transcriber.messages import message
from transcriber.model import ARCHIVE_LICENCE, Bullet, Licence, Style


@one_transaction
def update_meeting_header(history: EditHistory, **fields: str) -> None:
    """Change title, date (YYYY-MM-DD), language, licence or style, as one undo step."""
    unknown = set(fields) - set(HEADER_FIELDS)
    if unknown:
        raise EditError(message("The meeting header has no field {field!r}.", field=sorted(unknown)[0]))
    if "title" in fields:
        fields["title"] = clean_title(fields["title"])
        if not fields["title"]:
            raise EditError(message("A meeting needs a title."))
    if "date" in fields:
        try:
            fields["date"] = check_meeting_date(fields["date"])
        except TitleError as exc:
            raise EditError(exc.message) from None
    # The licence can also go back to none chosen: the archive's (ARCHIVE_LICENCE).
    for name, allowed in (("licence", [ARCHIVE_LICENCE, *Licence]), ("style", list(Style))):
        if name in fields and fields[name] not in allowed:
            options = ", ".join(value for value in allowed if value)
            what = message("licence") if name == "licence" else message("style")
            raise EditError(message("Unknown {name} {value!r}; use one of {options}.",
                                    name=what, value=fields[name], options=options))
    if "language" in fields and not str(fields["language"]).strip():
        raise EditError(message("A meeting needs a language (or auto)."))

    def change(db: sqlite_utils.Database, tracker: Tracker) -> None:
        tracker.meeting()
        sets = ", ".join(f"{k} = ?" for k in fields)
        db.execute(
            f"UPDATE meetings SET {sets} WHERE id = ?", [*fields.values(), history.meeting_id]
        )

    if fields:
        history.edit("header", change)


@one_transaction
def set_flag(history: EditHistory, bullet_id: int, flagged: bool, reason: str = "") -> None:
    history.bullet(bullet_id)

    def change(db: sqlite_utils.Database, tracker: Tracker) -> None:
        tracker.bullets(bullet_id)
        set_bullet(db, bullet_id, flagged=flagged, flag_reason=reason if flagged else "")

    history.edit("set_flag", change)


def next_flagged(history: EditHistory, after_bullet_id: int | None = None) -> Bullet | None:
    """The next flagged bullet after the given one, wrapping to the top; ``None`` if none."""
    flagged = [b for b in history.bullets() if b.flagged]
    if not flagged:
        return None
    if after_bullet_id is None:
        return flagged[0]
    after = history.bullet(after_bullet_id)
    for bullet in flagged:
        if (bullet.position, bullet.id) > (after.position, after.id):
            return bullet
    return flagged[0]
