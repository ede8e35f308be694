"""Whether anyone chose a meeting's licence, for libraries written before that was stored.

A meeting's ``licence`` is either a licence someone chose (the editor in its header, the
user's default licence in the settings, the file it was imported from) or
``ARCHIVE_LICENCE``: nobody chose, and it is published under its archive's licence.
Earlier versions stored CC BY 4.0 for "nobody chose", so an editor who chose CC BY 4.0
for a new meeting of a CC0 archive saw it published as CC0. A migration
(``transcriber.library.store.MIGRATIONS``) runs ``follow_the_archive_where_unchosen``
once: a new meeting still at CC BY 4.0 whose edit history never set its licence gets
``ARCHIVE_LICENCE`` (it was following its archive already, and still does); one whose
history set it keeps CC BY 4.0, now published as chosen.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from transcriber.model import ARCHIVE_LICENCE, Licence

if TYPE_CHECKING:
    from transcriber.library.store import Library


def follow_the_archive_where_unchosen(library: Library) -> list[int]:
    """Give never-published CC BY 4.0 meetings nobody chose a licence for
    ``ARCHIVE_LICENCE``; return their ids.

    Runs inside the migration's transaction, so it writes with plain statements. An
    imported or published meeting keeps its licence: its archive file already says it.
    """
    db = library.db
    ids = [row[0] for row in db.execute(
        "SELECT id FROM meetings WHERE licence = ? AND archive_root IS NULL "
        "AND archive_file IS NULL", [Licence.CC_BY_4.value])]
    if not ids:
        return []
    chosen = licence_edited(library, ids)
    unchosen = [meeting_id for meeting_id in ids if meeting_id not in chosen]
    for meeting_id in unchosen:
        db.execute("UPDATE meetings SET licence = ? WHERE id = ?", [ARCHIVE_LICENCE, meeting_id])
    return unchosen


def licence_edited(library: Library, meeting_ids: list[int]) -> set[int]:
    """Meetings whose edit history ever changed the licence (done or undone)."""
    edited: set[int] = set()
    for first in range(0, len(meeting_ids), 500):  # SQLite's limit on bound parameters
        chunk = meeting_ids[first:first + 500]
        marks = ",".join("?" * len(chunk))
        for meeting_id, payload in library.db.execute(
            f"SELECT meeting_id, payload FROM edits WHERE meeting_id IN ({marks}) "
            "AND payload LIKE '%licence%'", chunk,
        ):
            try:
                change = json.loads(payload).get("meeting") or []
            except (ValueError, AttributeError):
                edited.add(meeting_id)  # unreadable: assume the editor chose
                continue
            if any(isinstance(side, dict) and "licence" in side for side in change):
                edited.add(meeting_id)
    return edited
