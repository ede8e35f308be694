"""What the editing core raises when an edit cannot be made."""

from __future__ import annotations

from transcriber.errors import TranscriberError


class EditError(TranscriberError):
    """An edit that cannot be made as asked (bad offset, empty name, no next bullet)."""


class HistoryConflictError(EditError):
    """The meeting changed outside the editor, so older history can no longer be applied."""
