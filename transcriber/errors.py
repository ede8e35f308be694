"""Errors a user sees: each carries one clear sentence and a process exit code."""

from __future__ import annotations

import errno
import sqlite3

from transcriber.messages import Message, message


class TranscriberError(Exception):
    """Base class for failures the user must be told about in plain words."""

    exit_code = 1

    def __init__(self, message: Message) -> None:
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


# -- faults of the machine (disk full, read-only, I/O), not of the input ----------------------

FAULT_KINDS = ("disk_full", "read_only", "io", "damaged", "other")


def fault_kind(exc: OSError | sqlite3.Error) -> str:
    """Which of ``FAULT_KINDS`` a failed write or read is, for a message in any language."""
    text = str(exc).lower()
    code = getattr(exc, "errno", None)
    if code in (errno.ENOSPC, errno.EDQUOT) or "disk is full" in text:
        return "disk_full"
    if code == errno.EROFS or "readonly database" in text or "read-only" in text:
        return "read_only"
    if code == errno.EIO or "disk i/o error" in text:
        return "io"
    if "malformed" in text or "not a database" in text:
        return "damaged"
    return "other"


def fault_reason(exc: OSError | sqlite3.Error) -> Message:
    """What went wrong with the machine, as a clause: "the disk is full"."""
    kind = fault_kind(exc)
    if kind == "disk_full":
        return message("the disk is full")
    if kind == "read_only":
        return message("the disk became read-only")
    if kind == "io":
        return message("the disk failed to read or write (I/O error)")
    if kind == "damaged":
        return message("the library database is damaged; run `transcriber library check`")
    if isinstance(exc, OSError):
        detail = (exc.strerror or str(exc)).rstrip(".")
        if exc.filename:
            return message("{detail} ({filename})", detail=detail, filename=exc.filename)
        return message("{detail}", detail=detail)
    return message("the library database failed ({detail})", detail=str(exc).rstrip("."))


def fault_sentence(exc: OSError | sqlite3.Error) -> Message:
    """One sentence for a fault of the machine, not of the input."""
    return message("Stopped: {reason}. Everything saved before this is kept.", reason=fault_reason(exc))


def failure_sentence(exc: OSError | sqlite3.Error) -> Message:
    """One sentence for an error no command turned into a message of its own: a fault of
    the machine says that work stopped and what was kept; anything else (a name too
    long, a missing file, no permission) is about the input, and says which file."""
    if fault_kind(exc) != "other":
        return fault_sentence(exc)
    if isinstance(exc, OSError):
        detail = (exc.strerror or str(exc)).rstrip(".")
        if exc.filename:
            return message("Cannot use {filename}: {detail}.", filename=exc.filename, detail=detail)
        return message("Cannot use a file: {detail}.", detail=detail)
    return message("The library database failed ({detail}).", detail=str(exc).rstrip("."))
