"""Redaction: the words leave the bullet text; only a visible marker stays in what is published.

A span is replaced by a visible marker, a whole bullet becomes the marker (and
gets ``redacted``); the words and the reason are kept only in
``extra["redactions"]`` (and ``redaction_reason``), so no exporter, search
snippet or archive writer can leak them by reading ``bullet.text``.
"""

from __future__ import annotations

import sqlite_utils

from transcriber.library.editing.errors import EditError
from transcriber.library.editing.history import EditHistory, Tracker, one_transaction
from transcriber.library.editing.rows import set_bullet
from transcriber.library.editing.wording import language_family, redaction_marker, redactions
from transcriber.library.store import now_iso
from transcriber.messages import message
from transcriber.model import Bullet
from transcriber.text import has_cjk


@one_transaction
def redact(
    history: EditHistory,
    bullet_id: int,
    start: int | None = None,
    end: int | None = None,
    reason: str = "",
) -> Bullet:
    """Redact ``text[start:end]``, or the whole bullet when no span is given.

    The span is replaced in the text by a visible marker; the original words
    and the reason are kept only in ``extra["redactions"]`` (private to the
    library). A whole bullet gets ``redacted`` set, its reason in
    ``redaction_reason``, and publishes as the marker alone.
    """
    bullet = history.bullet(bullet_id)
    # Inside a sentence the marker matches the sentence's script; a whole bullet's
    # marker stands alone, so it follows the meeting (the file's locale).
    marker = redaction_marker("zh" if has_cjk(bullet.text) else "en")
    record = {"reason": reason, "at": now_iso()}
    if start is None and end is None:
        meeting_language = history.library.meeting(history.meeting_id).language
        marker = redaction_marker(language_family(meeting_language, bullet.text))
        start, end = 0, len(bullet.text)
        # No word timing survives: each word's text would be the redacted words.
        fields: dict = {"text": marker, "redacted": True, "redaction_reason": reason, "words": []}
    else:
        if start is None or end is None or not 0 <= start < end <= len(bullet.text):
            raise EditError(
                message("Cannot redact characters {start} to {end}: "
                        "the bullet has {length} characters.", start=start, end=end, length=len(bullet.text))
            )
        fields = {"text": bullet.text[:start] + marker + bullet.text[end:]}
    record.update(start=start, end=start + len(marker), original=bullet.text[start:end])
    # The verbatim source still holds the original words, so it must go too.
    fields.update(source=None, extra={**bullet.extra, "redactions": [*redactions(bullet), record]})

    def change(db: sqlite_utils.Database, tracker: Tracker) -> None:
        tracker.bullets(bullet_id)
        set_bullet(db, bullet_id, **fields)

    history.edit("redact", change)
    return history.bullet(bullet_id)
