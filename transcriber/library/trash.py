"""Deleting a meeting moves it to the trash, from which it can be restored.

Nothing is erased: the meeting's rows, its edit history and its audio stay as they
are, and the meeting is only listed in the ``trash`` table, which hides it from the
library's list and search. Restoring takes it off the list, exactly as it was.
A published meeting's archive file is the public record: the trash never touches
the archive (withdrawing a published transcript is a commit the editor makes).
"""

from __future__ import annotations

from transcriber.errors import TranscriberError
from transcriber.library.jobs import recording_in_progress, transcription_running
from transcriber.library.store import Library, now_iso
from transcriber.messages import message
from transcriber.model import Meeting


class TrashError(TranscriberError):
    """A meeting that cannot be moved to or from the trash now."""


def in_trash(library: Library, meeting_id: int) -> bool:
    return library.db.execute("SELECT 1 FROM trash WHERE meeting_id = ?", [meeting_id]).fetchone() is not None


def move_to_trash(library: Library, meeting_id: int) -> Meeting:
    """Delete the meeting from the library's list, restorably. Refused while it is
    being recorded or transcribed (that work would go on writing into the trash)."""
    meeting = library.meeting(meeting_id)
    if in_trash(library, meeting_id):
        raise TrashError(message("Meeting {meeting_id} is in the trash already.", meeting_id=meeting_id))
    if recording_in_progress(library, meeting_id) or transcription_running(library, meeting_id):
        raise TrashError(message("Meeting {meeting_id} is being recorded or transcribed; stop that "
                                 "before deleting it.", meeting_id=meeting_id))  # fmt: skip
    with library.atomic() as db:
        db["trash"].insert({"meeting_id": meeting_id, "deleted_at": now_iso()})
    return meeting


def restore_from_trash(library: Library, meeting_id: int) -> Meeting:
    """Bring a deleted meeting back, as it was."""
    meeting = library.meeting(meeting_id)
    if not in_trash(library, meeting_id):
        raise TrashError(message("Meeting {meeting_id} is not in the trash.", meeting_id=meeting_id))
    with library.atomic() as db:
        db.execute("DELETE FROM trash WHERE meeting_id = ?", [meeting_id])
    return meeting


def trashed_meetings(library: Library) -> list[tuple[Meeting, str]]:
    """The meetings in the trash with when each was deleted, most recent first."""
    rows = library.db.execute(
        "SELECT meeting_id, deleted_at FROM trash ORDER BY deleted_at DESC, meeting_id DESC"
    ).fetchall()
    return [(library.meeting(meeting_id), deleted_at) for meeting_id, deleted_at in rows]
