"""The transcription keyboard: one table that the editor binds and the help overlay lists.

Each action has several keys on purpose: Ctrl+Space is the habit of transcription
tools, Esc (one key for a touch typist) pauses but never starts playback, and Alt+Left avoids Ctrl+R where a
screen reader or a browser habit owns it. All keys must work while the cursor is in
a bullet, so the bullet text editor hands them over (see ``bullet_editor``).
An action whose keys are numbered (Alt+1…9) calls its slot with the number.
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
    numbered: bool = False  # key i (from 1) calls ``action(i)``

    def shown_keys(self) -> list[str]:
        """The keys as the help lists them: a numbered range as its first and last."""
        keys = [self.keys[0], self.keys[-1]] if self.numbered else list(self.keys)
        return [QKeySequence(key).toString(QKeySequence.NativeText) for key in keys]


SHORTCUTS: tuple[ShortcutSpec, ...] = (
    ShortcutSpec("play_pause", ("Ctrl+Space",)),
    # Esc only stops: a key people press to get out of something must never start sound.
    ShortcutSpec("pause", ("Esc",)),
    ShortcutSpec("play_word", ("Ctrl+Shift+Space",)),
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
    ShortcutSpec("speaker_by_number", tuple(f"Alt+{n}" for n in range(1, 10)), numbered=True),
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
        slot = getattr(handler, spec.action)
        bindings = (
            [(f"{spec.action}_{n}", [QKeySequence(key)], lambda _c=False, n=n, slot=slot: slot(n))
             for n, key in enumerate(spec.keys, start=1)]
            if spec.numbered else [(spec.action, key_sequences(spec), lambda _c=False, slot=slot: slot())]
        )  # fmt: skip
        for name, keys, call in bindings:
            action = QAction(owner)
            action.setObjectName(f"shortcut_{name}")
            action.setShortcuts(keys)
            action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
            action.triggered.connect(call)
            owner.addAction(action)
            actions[name] = action
    return actions
