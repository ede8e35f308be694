"""Names shown for the choices several widgets offer: transcription language, layout style."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from transcriber.model import Style


def language_names() -> dict[str, str]:
    """Transcription language codes (``auto`` = detect) with their names in the interface language."""
    return {"auto": QCoreApplication.translate("choice_names", "Detect"),
            "zh": QCoreApplication.translate("choice_names", "Chinese"),
            "en": QCoreApplication.translate("choice_names", "English")}


def style_names() -> dict[Style, str]:
    return {Style.BULLETS: QCoreApplication.translate("choice_names", "Bullets"),
            Style.PARAGRAPHS: QCoreApplication.translate("choice_names", "Paragraphs")}


def spoken_language_name(code: str) -> str:
    """Any language the decoder may name (``ja``, ``fr``…) in the interface language.

    The common ones are translated; another is written in its own language (QLocale's
    native name), and a code QLocale does not know is shown as it is.
    """
    translate = QCoreApplication.translate
    names = {
        "zh": translate("choice_names", "Chinese"),
        "en": translate("choice_names", "English"),
        "yue": translate("choice_names", "Cantonese"),
        "ja": translate("choice_names", "Japanese"),
        "ko": translate("choice_names", "Korean"),
        "fr": translate("choice_names", "French"),
        "de": translate("choice_names", "German"),
        "es": translate("choice_names", "Spanish"),
        "vi": translate("choice_names", "Vietnamese"),
        "id": translate("choice_names", "Indonesian"),
        "th": translate("choice_names", "Thai"),
        "ru": translate("choice_names", "Russian"),
    }
    if code in names:
        return names[code]
    locale = QLocale(code)
    return locale.nativeLanguageName() if locale.language() != QLocale.Language.C else code
