"""Helpers for the GUI tests."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QInputDialog, QWidget


def shown_window(qtbot, library, **settings: str):
    """The main window on ``library``, without an audio device, with ``settings`` set
    (``model``, ``asr_language``, ...), shown."""
    from transcriber.ui.main_window import MainWindow

    window = MainWindow(library, use_audio_device=False)
    qtbot.addWidget(window)
    for name, value in settings.items():
        window.settings.set(name, value)
    window.show()
    return window


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` one character at a time, as an input method commits Chinese.

    QTest.keyClicks only knows ASCII keys (it aborts on 唐), so each character is
    sent as a key press and release carrying that text.
    """
    for char in text:
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key_unknown, Qt.NoModifier, char))


def answer_input_dialog(text: str) -> None:
    """Fill in and accept the QInputDialog the next action opens (it runs its own loop)."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(20, answer)
            return
        dialog.setTextValue(text)
        dialog.accept()

    QTimer.singleShot(20, answer)


def bullet_texts(library, meeting_id: int) -> list[str]:
    return [b.text for b in library.bullets(meeting_id)]
