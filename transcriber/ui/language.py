"""The interface language: Qt translators for our texts and Qt's own, and a few helpers.

Texts are written in English in the code (``self.tr("…")`` in QObject subclasses,
``QCoreApplication.translate("context", "…")`` elsewhere) with ``{name}`` fields
filled by ``.format()`` after translation. ``i18n/transcriber_zh_TW.ts`` holds the
Traditional Chinese; ``pyside6-lupdate`` keeps it in step with the code and
``pyside6-lrelease`` compiles it to the ``.qm`` loaded here (committed, so an install
needs no build step; tests/ui/test_translations.py fails when either is stale).
A text missing from the ``.qm`` shows in English, never as a key.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

ENGLISH = "en"
CHINESE = "zh_TW"
LANGUAGES = (ENGLISH, CHINESE)
I18N_DIR = Path(__file__).parent / "i18n"
TS_FILE = I18N_DIR / "transcriber_zh_TW.ts"
QM_FILE = I18N_DIR / "transcriber_zh_TW.qm"

_current = ENGLISH
_installed: list[QTranslator] = []


def system_language() -> str:
    """Traditional Chinese for any Chinese system locale, English otherwise."""
    return CHINESE if QLocale.system().language() == QLocale.Language.Chinese else ENGLISH


def set_language(code: str | None) -> str:
    """Switch the interface language; ``None``/``"auto"`` follows the system. Returns the code used.

    Widgets built afterwards speak the new language (the window is rebuilt on a switch).
    """
    global _current
    _current = code if code in LANGUAGES else system_language()
    app = QCoreApplication.instance()
    if app is not None:
        for translator in _installed:
            app.removeTranslator(translator)
        _installed.clear()
        if _current == CHINESE:
            if not _install(app, QM_FILE.stem, str(I18N_DIR)):
                raise FileNotFoundError(f"The interface translation {QM_FILE} is missing: reinstall transcriber.")
            # Qt's own texts: file dialogs, OK/Cancel, context menus of text fields. A Qt
            # built without its translations leaves those in English rather than failing.
            _install(app, "qtbase_zh_TW", QLibraryInfo.path(QLibraryInfo.TranslationsPath))
    return _current


def _install(app: QCoreApplication, name: str, folder: str) -> bool:
    translator = QTranslator(app)
    if not translator.load(name, folder):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True


def current_language() -> str:
    return _current


def plural(count: int, one: str, other: str) -> str:
    """``one`` for a single thing, ``other`` otherwise (both already translated; format after)."""
    return one if count == 1 else other
