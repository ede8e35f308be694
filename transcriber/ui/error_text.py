"""Failures told to the user in one sentence of the interface's language.

The core (no Qt) says each failure, warning or reason for stopping as a ``Message``
(``transcriber/messages.py``): an English sentence that remembers its template and
values. Here it is said again from the template's translation (context ``core``, found
for the translator by ``python -m transcriber.ui.i18n.update``); a value that is itself
a ``Message`` is translated the same way. A library's own English (an OS error, git's
or PortAudio's words) is the value ``detail``, which translations leave out: it goes to
stderr for whoever debugs it, not into the sentence.
"""

from __future__ import annotations

import sqlite3
import sys

from PySide6.QtCore import QCoreApplication

from transcriber.asr.models import EMBEDDED_MODEL
from transcriber.errors import ModelError, TranscriberError, fault_sentence
from transcriber.messages import DETAIL, Message


def fault_text(exc: OSError | sqlite3.Error) -> str:
    """A fault of the machine (disk full, read-only, I/O) in one sentence of the interface's language."""
    return core_sentence(fault_sentence(exc))


def error_text(exc: TranscriberError) -> str:
    """``exc`` as the user is told it, in the interface's language."""
    if isinstance(exc, ModelError) and exc.__cause__ is not None:
        # A model download that failed: the cause is the hub library's English (with URLs).
        print(f"model download: {exc.__cause__!r}", file=sys.stderr)
        params = getattr(exc.message, "params", {})
        name = params.get("name") or params.get("repo_id", "")
        translate = QCoreApplication.translate
        if type(exc.__cause__).__name__ == "RepositoryNotFoundError":
            return translate("error_text", "There is no model “{name}” on the model hub: check its name.").format(
                name=name)
        return translate("error_text", "“{name}” could not be downloaded: this computer cannot reach the model "
                         "hub. Connect to the internet and try again; until then the built-in model “{embedded}” "
                         "works.").format(name=name, embedded=EMBEDDED_MODEL)
    return core_sentence(exc.message)


def core_sentence(text: str) -> str:
    """A sentence the core wrote (an error, a warning, a recorder's reason for stopping), in
    the interface's language; text that is not a ``Message`` (a name, a user's words) as it is."""
    if not isinstance(text, Message):
        return text
    if _has_detail(text):
        print(text, file=sys.stderr)  # the library's own words, for whoever debugs it
    return _translated(text)


def _has_detail(text: Message) -> bool:
    return DETAIL in text.params or any(
        _has_detail(value) for value in text.params.values() if isinstance(value, Message))


def _translated(text: Message) -> str:
    params = {name: _translated(value) if isinstance(value, Message) else value
              for name, value in text.params.items()}
    try:
        return QCoreApplication.translate("core", text.template).format(**params)
    except (KeyError, IndexError, ValueError):
        # A translation naming a value the template has not: the English is still true.
        print(f"bad translation of: {text.template}", file=sys.stderr)
        return str(text)
