"""Settings: model (with a recommendation and a download bar), device, languages, defaults.

The recommendation comes from ``transcriber.asr.recommend`` (RAM, cores, CUDA); the
download is ``ui.model_download.ModelDownload`` (resumable, verified; offline the
embedded model stays chosen). Values are saved on OK.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from transcriber.asr.models import EMBEDDED_MODEL, list_models
from transcriber.asr.recommend import recommend_model
from transcriber.model import Licence, Style
from transcriber.ui import language
from transcriber.ui.choice_names import language_names, style_names
from transcriber.ui.file_dialogs import existing_directory
from transcriber.ui.model_download import ModelDownload
from transcriber.ui.settings_store import AppSettings
from transcriber.ui.tasks import BackgroundTask

# Offered besides what is installed: sizes worth the download for meeting speech.
HUB_MODELS = ("small", "medium", "large-v3-turbo", "large-v3")


def model_choices(current: str | None = None) -> list[str]:
    """The models to offer: the embedded one, those installed, those worth downloading."""
    installed = [m.name for m in list_models()]
    return list(dict.fromkeys(filter(None, [EMBEDDED_MODEL, *installed, *HUB_MODELS, current])))


class SettingsDialog(QDialog):
    language_changed = Signal()

    def __init__(self, settings: AppSettings, parent: QWidget | None = None,
                 recommendation: object = ...) -> None:
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.setWindowTitle(self.tr("Settings"))
        self.settings = settings

        self.ui_language = self._combo("ui_language", [("auto", self.tr("Follow the system")),
                                                       (language.ENGLISH, "English"),
                                                       (language.CHINESE, "繁體中文（台灣）")])
        self.model = self._combo("model", [(name, name) for name in model_choices()])
        self.model.setEditable(True)  # a model folder or any CTranslate2 repo id
        self.download = ModelDownload(self)
        self.download_button, self.download_bar = self.download.button, self.download.bar
        self.download_label = self.download.label
        self.recommend_label = QLabel(objectName="recommend_label", wordWrap=True)
        self.device = self._combo("device", [("auto", self.tr("Automatic")), ("cpu", self.tr("CPU")), ("cuda", self.tr("NVIDIA GPU (CUDA)"))])
        self.asr_language = self._combo("asr_language", [(c, language_names()[c]) for c in ("auto", "zh", "en")])
        # The trade bench/long_audio.py and bench/accuracy.py measure (EngineOptions.batched).
        self.decoding = self._combo("decoding", [
            ("sequential", self.tr("One window at a time, with the text before it (more accurate)")),
            ("batched", self.tr("Eight windows at a time (a little faster, a little less accurate)"))])
        self.prompt = QLineEdit(settings.get("initial_prompt"), objectName="initial_prompt")
        # Not a prompt text: none is used unless typed (a prompt cost accuracy on the dev set).
        self.prompt.setPlaceholderText(self.tr("None (most accurate when measured); text here is given before each Chinese stretch"))
        self.licence = self._combo("licence", [(m.value, m.value) for m in Licence])
        self.style = self._combo("style", [(m.value, style_names()[m]) for m in Style])
        self.archive = QLineEdit(settings.get("archive_path"), objectName="archive_path")
        browse = QPushButton(self.tr("Browse…"))
        self.remote = QLineEdit(settings.get("remote"), objectName="remote")
        self.official = QLineEdit(settings.get("official_name"), objectName="official_name")

        model_row = QHBoxLayout()
        model_row.addWidget(self.model, 1)
        model_row.addWidget(self.download_button)
        archive_row = QHBoxLayout()
        archive_row.addWidget(self.archive, 1)
        archive_row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(self.tr("Interface language"), self.ui_language)
        form.addRow(self.tr("Speech model"), model_row)
        form.addRow("", self.recommend_label)
        form.addRow("", self.download)
        form.addRow(self.tr("Compute device"), self.device)
        form.addRow(self.tr("Spoken language"), self.asr_language)
        form.addRow(self.tr("Decoding"), self.decoding)
        form.addRow(self.tr("Initial prompt"), self.prompt)
        form.addRow(self.tr("Your name (default speaker)"), self.official)
        form.addRow(self.tr("Default licence"), self.licence)
        form.addRow(self.tr("Default style"), self.style)
        form.addRow(self.tr("Archive folder"), archive_row)
        form.addRow(self.tr("Archive remote"), self.remote)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        form.addRow(buttons)

        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        browse.clicked.connect(self._browse)
        self.download_button.clicked.connect(self.start_download)
        self.download.offline.connect(self._keep_embedded_model)
        self.show_recommendation(recommend_model(settings.get("model"))
                                 if recommendation is ... else recommendation)
        self.resize(640, 0)

    def _combo(self, name: str, items: list[tuple[str, str]]) -> QComboBox:
        box = QComboBox(objectName=name)
        for value, label in items:
            box.addItem(label, value)
        current = self.settings.get(name)
        index = box.findData(current)
        if index < 0:
            box.addItem(current, current)
            index = box.count() - 1
        box.setCurrentIndex(index)
        return box

    def show_recommendation(self, recommendation: object) -> None:
        if recommendation is None:
            self.recommend_label.hide()
            return
        self.recommend_label.setText(self.download.recommendation_text(recommendation))
        self.recommend_label.show()

    def model_name(self) -> str:
        text = self.model.currentText().strip()
        index = self.model.findText(text)
        return self.model.itemData(index) if index >= 0 else text

    def _browse(self) -> None:
        folder = existing_directory(self, self.tr("Archive folder"), self.archive.text())
        if folder:
            self.archive.setText(folder)

    def start_download(self) -> BackgroundTask | None:
        """Fetch the chosen hub model with a progress bar; the dialog stays usable meanwhile."""
        name = self.model_name()
        if Path(name).expanduser().is_dir() or name == EMBEDDED_MODEL:
            return None  # already on this machine
        return self.download.start(name)

    @Slot(str)
    def _keep_embedded_model(self, _name: str) -> None:
        self.model.setCurrentIndex(self.model.findData(EMBEDDED_MODEL))

    def accept(self) -> None:
        old_language = self.settings.get("ui_language")
        for name, box in (("ui_language", self.ui_language), ("device", self.device),
                          ("asr_language", self.asr_language), ("decoding", self.decoding),
                          ("licence", self.licence),
                          ("style", self.style)):
            self.settings.set(name, box.currentData())
        self.settings.set("model", self.model_name())
        for name, field in (("initial_prompt", self.prompt), ("archive_path", self.archive),
                            ("remote", self.remote), ("official_name", self.official)):
            self.settings.set(name, field.text().strip())
        super().accept()
        if self.settings.get("ui_language") != old_language:
            self.language_changed.emit()
