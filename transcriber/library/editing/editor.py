"""``MeetingEditor``: the one object the editor widgets call; each method is one edit module's function."""

from __future__ import annotations

from collections.abc import Iterable

from transcriber.library.editing import find_replace, header, redaction, speakers, structure
from transcriber.library.editing import text as typing_edits
from transcriber.library.editing.history import EditHistory
from transcriber.model import Bullet, BulletKind, Speaker


class MeetingEditor(EditHistory):
    """Edits one meeting's bullets, speakers and header, with persistent undo/redo.

    Every mutating method saves at once and sets ``last_result`` (an
    ``EditResult``) so the GUI knows which bullets to refresh. Reading, undo and
    redo come from ``EditHistory``.
    """

    def set_text(self, bullet_id: int, text: str, coalesce: bool | None = None) -> Bullet:
        return typing_edits.set_text(self, bullet_id, text, coalesce)

    def split(self, bullet_id: int, offset: int) -> tuple[Bullet, Bullet]:
        return structure.split(self, bullet_id, offset)

    def merge_with_next(self, bullet_id: int) -> Bullet:
        return structure.merge_with_next(self, bullet_id)

    def insert_bullet(
        self,
        after_bullet_id: int | None,
        kind: str = BulletKind.OTHER_SIDE,
        text: str | None = None,
        speaker: str | None = None,
    ) -> Bullet:
        return structure.insert(self, after_bullet_id, kind, text, speaker)

    def delete_bullet(self, bullet_id: int) -> None:
        structure.delete(self, bullet_id)

    def set_speaker(self, bullet_ids: Iterable[int], name: str) -> None:
        speakers.set_speaker(self, bullet_ids, name)

    def set_kind(self, bullet_ids: Iterable[int], kind: str) -> None:
        speakers.set_kind(self, bullet_ids, kind)

    def rename_speaker(self, old_name: str, new_name: str) -> Speaker:
        return speakers.rename_speaker(self, old_name, new_name)

    def default_speaker(self, name: str) -> Speaker:
        return speakers.default_speaker(self, name)

    def redact(
        self, bullet_id: int, start: int | None = None, end: int | None = None, reason: str = ""
    ) -> Bullet:
        return redaction.redact(self, bullet_id, start, end, reason)

    def find(
        self, query: str, regex: bool = False, case_sensitive: bool = False
    ) -> list[tuple[int, int, int]]:
        return find_replace.find(self, query, regex, case_sensitive)

    def replace(self, bullet_id: int, start: int, end: int, replacement: str) -> Bullet:
        return find_replace.replace(self, bullet_id, start, end, replacement)

    def replace_all(
        self, query: str, replacement: str, regex: bool = False, case_sensitive: bool = False
    ) -> int:
        return find_replace.replace_all(self, query, replacement, regex, case_sensitive)

    def set_flag(self, bullet_id: int, flagged: bool, reason: str = "") -> None:
        header.set_flag(self, bullet_id, flagged, reason)

    def next_flagged(self, after_bullet_id: int | None = None) -> Bullet | None:
        return header.next_flagged(self, after_bullet_id)

    def update_meeting_header(self, **fields: str) -> None:
        header.update_meeting_header(self, **fields)
