"""The transcription keyboard: one table that the editor binds and the help overlay lists.

Each action has several keys on purpose: Ctrl+Space is the habit of transcription
tools, Esc is one key for a touch typist, and Alt+Left avoids Ctrl+R where a
screen reader or a browser habit owns it. All keys must work while the cursor is in
a bullet, so the bullet text editor hands them over (see ``bullet_editor``).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class ShortcutSpec:
    action: str  # the editor slot name and the strings key "shortcut.<action>"
    keys: tuple[str, ...]


SHORTCUTS: tuple[ShortcutSpec, ...] = (
    ShortcutSpec("play_pause", ("Ctrl+Space", "Esc")),
    ShortcutSpec("back", ("Ctrl+R", "Alt+Left")),
    ShortcutSpec("slower", ("Ctrl+[",)),
    ShortcutSpec("faster", ("Ctrl+]",)),
    ShortcutSpec("next_flagged", ("F3", "Ctrl+J")),
    ShortcutSpec("split", ("Ctrl+Return", "Ctrl+Enter")),
    # Not Ctrl+Backspace: every text box uses it to delete a word. Backspace at the
    # start of a bullet (or Delete at its end) also joins, see ``bullet_editor``.
    ShortcutSpec("merge", ("Ctrl+M",)),
    ShortcutSpec("question", ("Ctrl+Q", "Alt+Q")),
    ShortcutSpec("default_speaker", ("Ctrl+D",)),
    ShortcutSpec("other_side", ("Ctrl+I",)),
    ShortcutSpec("note", ("Ctrl+N",)),
    ShortcutSpec("redact", ("Ctrl+H",)),
    ShortcutSpec("flag", ("Ctrl+G",)),
    ShortcutSpec("undo", ("Ctrl+Z",)),
    ShortcutSpec("redo", ("Ctrl+Shift+Z", "Ctrl+Y")),
    ShortcutSpec("find", ("Ctrl+F",)),
    ShortcutSpec("previous", ("Alt+Up", "Ctrl+Up")),
    ShortcutSpec("next", ("Alt+Down", "Ctrl+Down")),
    ShortcutSpec("help", ("F1",)),
)


def key_sequences(spec: ShortcutSpec) -> list[QKeySequence]:
    return [QKeySequence(key) for key in spec.keys]


def all_key_sequences() -> set[str]:
    """Every bound key in portable text, for the text editor to hand over."""
    return {QKeySequence(key).toString() for spec in SHORTCUTS for key in spec.keys}


def install(owner: QWidget, handler: object) -> dict[str, QAction]:
    """Bind every shortcut on ``owner`` to ``handler.<action>()``.

    WidgetWithChildrenShortcut: active wherever focus is inside the editor view (the
    bullet text editor included) and nowhere else, so the library's search box keeps
    its own Ctrl+F and Esc.
    """
    actions = {}
    for spec in SHORTCUTS:
        action = QAction(owner)
        action.setObjectName(f"shortcut_{spec.action}")
        action.setShortcuts(key_sequences(spec))
        action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        action.triggered.connect(getattr(handler, spec.action))
        owner.addAction(action)
        actions[spec.action] = action
    return actions
