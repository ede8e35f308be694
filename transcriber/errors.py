"""Errors a user sees: each carries one clear sentence and a process exit code."""

from __future__ import annotations


class TranscriberError(Exception):
    """Base class for failures the user must be told about in plain words."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class AudioError(TranscriberError):
    """The audio or video file cannot be used."""


class Cancelled(TranscriberError):
    """The user stopped a job before it had stored anything."""

    exit_code = 130


class UsageError(TranscriberError):
    """An option value that cannot be used (an unknown language code)."""

    exit_code = 2


class ModelError(TranscriberError):
    """The model is missing, corrupt or cannot be fetched."""

    exit_code = 2


class LibraryError(TranscriberError):
    """The library folder or database cannot be used."""


class NotFoundError(TranscriberError):
    """A meeting, recording or bullet id that is not in the library."""


class TitleError(TranscriberError):
    """A meeting title or date that cannot become an archive file name."""


class RecordingError(TranscriberError):
    """No usable input device, a device that refuses the format, or capture that failed."""
