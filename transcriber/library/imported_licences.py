"""The licence of meetings imported before the import read their archive's licence.

Until then, a file without a licence notice was stored as CC BY 4.0 whatever its archive
said, so every meeting imported from a CC0 archive said CC BY 4.0 in its exports, review
copies and Akoma Ntoso. A migration (``transcriber.library.store.MIGRATIONS``) runs
``repair_imported_licences`` once, inside its own locked transaction, and gives such a
meeting its archive's licence only where that is certain:

- the meeting was imported from a file that had no notice of its own (its
  ``archive_layout`` says ``imported`` and ``notice`` null), and that file is still in
  the archive without one;
- it still has the licence the import gave it (the layout's ``licence``, CC BY 4.0), and
  no edit in its history ever set its licence: an editor's choice is never overridden;
- its archive folder is still there and states its licence in its LICENSE, README or
  settings file (a licence guessed from recent files' notices is not certain).

Nothing in the archive is written. The layout's ``licence`` moves with the meeting's, so
publishing the meeting again adds no notice to its file, and its ``synced`` fingerprint
moves too when it was current, so the meeting is not taken for an edited one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from transcriber.library.licence_choice import licence_edited
from transcriber.model import Licence

if TYPE_CHECKING:
    from transcriber.library.store import Library


def repair_imported_licences(library: Library) -> list[int]:
    """Give wrongly CC BY 4.0 imported meetings their archive's licence; return their ids.

    Runs inside the caller's transaction (the migration's), so it writes with plain
    statements, never ``library.atomic()``.
    """
    # Imported lazily: the archive format is only needed by this one-time repair.
    from transcriber.archive.convert import content_fingerprints
    from transcriber.archive.document import parse
    from transcriber.archive.profile import load_profile

    db = library.db
    candidates: dict[int, tuple[str, str, dict]] = {}
    for row in db.query(
        "SELECT id, licence, archive_root, archive_file, archive_layout FROM meetings "
        "WHERE archive_root IS NOT NULL AND archive_file IS NOT NULL AND licence = ?",
        [Licence.CC_BY_4.value],
    ):
        try:
            layout = json.loads(row["archive_layout"] or "{}")
        except ValueError:
            continue
        if (isinstance(layout, dict) and layout.get("imported") and "notice" in layout
                and layout["notice"] is None
                and layout.get("licence") == row["licence"]):
            candidates[row["id"]] = (row["archive_root"], row["archive_file"], layout)
    if not candidates:
        return []
    chosen = licence_edited(library, list(candidates))
    declared: dict[str, str | None] = {}  # archive root -> the licence it states, if any
    repaired: dict[int, tuple[str, dict]] = {}
    for meeting_id, (root, name, layout) in candidates.items():
        if meeting_id in chosen:
            continue
        if root not in declared:
            declared[root] = None
            if Path(root).is_dir():
                try:
                    profile = load_profile(root)
                except Exception:  # noqa: BLE001 - whatever it is, the licence is then unknown
                    # An archive that cannot be read leaves its meetings as they are: a
                    # repair must never keep the library from opening.
                    profile = None
                if profile is not None and profile.declares_licence():
                    declared[root] = profile.licence.value
        licence = declared[root]
        if licence is None or licence == Licence.CC_BY_4.value:
            continue
        path = Path(root) / name
        if path.is_symlink() or not path.is_file():
            continue  # gone from the archive (or a link): its licence there is unknown
        try:
            if parse(path.read_text(encoding="utf-8")).licence is not None:
                continue  # the file has a notice of its own now: not the archive's to say
        except Exception:  # noqa: BLE001 - unreadable now: the licence is unknown
            continue
        repaired[meeting_id] = (licence, layout)
    if not repaired:
        return []
    before = content_fingerprints(library, list(repaired))
    for meeting_id, (licence, layout) in repaired.items():
        layout["licence"] = licence
        db.execute("UPDATE meetings SET licence = ?, archive_layout = ? WHERE id = ?",
                   [licence, json.dumps(layout, ensure_ascii=False), meeting_id])
    after = content_fingerprints(library, list(repaired))
    for meeting_id, (_, layout) in repaired.items():
        if layout.get("synced") and layout["synced"] == before.get(meeting_id):
            layout["synced"] = after[meeting_id]
            db.execute("UPDATE meetings SET archive_layout = ? WHERE id = ?",
                       [json.dumps(layout, ensure_ascii=False), meeting_id])
    return list(repaired)

