"""The app's preferences, kept in an INI file inside the library folder.

Beside the library rather than in the platform's QSettings location so that two
libraries (or a test's temporary one) never share an archive path or a model
choice, and so that backing up the library folder backs up the preferences too.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from transcriber.model import Licence, Style

SETTINGS_FILE = "gui-settings.ini"

# name: default. Everything is a string so the INI file stays readable and editable.
DEFAULTS: dict[str, str] = {
    "ui_language": "auto",
    "model": "whisper-base",
    "device": "auto",
    "asr_language": "auto",
    "decoding": "sequential",  # or "batched": EngineOptions.batched
    "initial_prompt": "",
    "licence": Licence.CC_BY_4.value,
    "style": Style.BULLETS.value,
    "archive_path": "",
    "remote": "origin",
    "official_name": "",
    "input_device": "",
    "marker_label": "",  # the recorder's last marker label
    "retranscribe_language": "",  # the language last chosen to re-transcribe in
    "import_speaker": "",  # whose recordings imported files are, last answered
    "recovered_seen": "",  # ids of recovered recordings whose start-up banner was dismissed
    # the window as the user left it (base64 of Qt's saveGeometry/saveState)
    "window_geometry": "",
    "splitter_state": "",
    "setup_done": "",  # "1" once the first-run setup was completed or skipped
}


class AppSettings:
    """Typed access to the preferences; unknown names are a programming error."""

    def __init__(self, library_path: Path) -> None:
        self._qsettings = QSettings(str(Path(library_path) / SETTINGS_FILE), QSettings.IniFormat)

    def get(self, name: str) -> str:
        value = self._qsettings.value(name, DEFAULTS[name])
        return "" if value is None else str(value)

    def set(self, name: str, value: str) -> None:
        if name not in DEFAULTS:
            raise KeyError(name)
        self._qsettings.setValue(name, value)
        # Written now, not at exit, so a crash does not forget a changed archive path.
        self._qsettings.sync()

    def engine_options(self):  # -> EngineOptions; imported lazily to keep start-up light
        from transcriber.asr.engine import EngineOptions

        return EngineOptions(
            model=self.get("model"),
            device=self.get("device"),
            language=self.get("asr_language"),
            batched=self.get("decoding") == "batched",
            initial_prompt=self.get("initial_prompt") or None,
        )
