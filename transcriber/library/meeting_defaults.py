"""The user's defaults for a new meeting: licence, style, and the official as default speaker.

Applied once, when a transcription or a recording creates the meeting, and not as
an edit: there is nothing for the user to undo, the meeting simply starts this way.
"""

from __future__ import annotations

from transcriber.library.store import Library
from transcriber.model import Licence, Style


def apply_meeting_defaults(
    library: Library, meeting_id: int, licence: str = "", style: str = "", official: str = ""
) -> None:
    fields = {}
    # The settings always hold some licence, CC BY 4.0 until the user picks another: only
    # another one is a choice; otherwise the meeting follows its archive's licence, as a
    # meeting nobody chose a licence for does (transcriber.model.ARCHIVE_LICENCE).
    if licence in {m.value for m in Licence} and licence != Licence.CC_BY_4:
        fields["licence"] = licence
    if style in {m.value for m in Style}:
        fields["style"] = style
    # Two short writes, not one transaction: the transcription thread is appending
    # bullets meanwhile, and a read-then-write transaction in WAL mode fails with
    # "database is locked" when another connection commits in between.
    if fields:
        library.update_meeting(meeting_id, **fields)
    official = official.strip()
    if official and not any(s.is_default for s in library.speakers(meeting_id)):
        # Bullets without a speaker are published under the default speaker's name.
        library.speaker(meeting_id, official, is_default=True)
