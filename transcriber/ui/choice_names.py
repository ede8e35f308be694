"""Names shown for the choices several widgets offer: transcription language, layout style."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from transcriber.model import Style


def language_names() -> dict[str, str]:
    """Transcription language codes (``auto`` = detect) with their names in the interface language."""
    return {"auto": QCoreApplication.translate("choice_names", "Detect"),
            "zh": QCoreApplication.translate("choice_names", "Chinese"),
            "en": QCoreApplication.translate("choice_names", "English")}


def style_names() -> dict[Style, str]:
    return {Style.BULLETS: QCoreApplication.translate("choice_names", "Bullets"),
            Style.PARAGRAPHS: QCoreApplication.translate("choice_names", "Paragraphs")}
