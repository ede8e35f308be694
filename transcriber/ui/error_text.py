"""Failures told to the user in one sentence of the interface's language."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QCoreApplication

from transcriber.errors import fault_kind, fault_reason


def fault_text(exc: OSError | sqlite3.Error) -> str:
    """A fault of the machine (disk full, read-only, I/O) in one sentence of the interface's language."""
    translate = QCoreApplication.translate
    reasons = {
        "disk_full": translate("error_text", "the disk is full"),
        "read_only": translate("error_text", "the disk became read-only"),
        "io": translate("error_text", "the disk failed to read or write (I/O error)"),
        "damaged": translate("error_text", "the library database is damaged; run `transcriber library check`"),
    }
    reason = reasons.get(fault_kind(exc)) or fault_reason(exc)
    return translate("error_text", "Stopped: {reason}. Everything saved before this is kept.").format(reason=reason)
