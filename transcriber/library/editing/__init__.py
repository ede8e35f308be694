"""Editing a meeting's transcript: saved at once, undoable, also after a restart.

``MeetingEditor`` (editor.py) is what the editor widgets call: a thin facade
over the persistent undo/redo history (history.py, on rows read raw by rows.py)
and the edits grouped by concern: typing (text.py), split/merge/insert/delete
(structure.py), speakers and kinds (speakers.py), redaction (redaction.py),
find and replace (find_replace.py), header and flags (header.py). The wording
of markers and labels is in wording.py (``published_text`` is the one exporters
call).

Like ``Library``, an editor is used from one thread at a time (the library
hands each thread its own connection).
"""

from transcriber.library.editing.editor import MeetingEditor
from transcriber.library.editing.errors import EditError, HistoryConflictError
from transcriber.library.editing.history import COALESCE_SECONDS, EditHistory, EditResult
from transcriber.library.editing.rows import HEADER_FIELDS
from transcriber.library.editing.wording import (
    QUESTION_NAMES,
    join_text,
    language_family,
    other_side_text,
    published_text,
    question_speaker_name,
    redaction_marker,
    redactions,
)

__all__ = [
    "COALESCE_SECONDS",
    "HEADER_FIELDS",
    "QUESTION_NAMES",
    "EditError",
    "EditHistory",
    "EditResult",
    "HistoryConflictError",
    "MeetingEditor",
    "join_text",
    "language_family",
    "other_side_text",
    "published_text",
    "question_speaker_name",
    "redaction_marker",
    "redactions",
]
