"""Failures told to the user in one sentence of the interface's language."""

from __future__ import annotations

import re
import sqlite3
import sys

from PySide6.QtCore import QCoreApplication

from transcriber.asr.models import EMBEDDED_MODEL
from transcriber.errors import ModelError, TranscriberError, fault_kind, fault_reason


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


def error_text(exc: TranscriberError) -> str:
    """A failure the core explained, in the interface's language where it is one we know.

    A model download that failed carries the hub library's own English error (with
    URLs) as its cause: the user gets one translated sentence, the detail goes to stderr.
    """
    if isinstance(exc, ModelError) and exc.__cause__ is not None:
        print(f"model download: {exc.__cause__!r}", file=sys.stderr)
        named = re.match(r"Model '([^']+)'", exc.message)
        name = named.group(1) if named else ""
        translate = QCoreApplication.translate
        if type(exc.__cause__).__name__ == "RepositoryNotFoundError":
            return translate("error_text", "There is no model “{name}” on the model hub: check its name.").format(
                name=name)
        return translate("error_text", "“{name}” could not be downloaded: this computer cannot reach the model "
                         "hub. Connect to the internet and try again; until then the built-in model “{embedded}” "
                         "works.").format(name=name, embedded=EMBEDDED_MODEL)
    return exc.message
