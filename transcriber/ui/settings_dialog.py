"""Settings: model (with a recommendation and a download bar), device, languages, defaults.

The recommendation comes from ``transcriber.asr.recommend`` (RAM, cores, CUDA); the
download is ``transcriber.asr.models.download_hub_model`` in a background task,
the same as ``transcriber models install``. Values are saved on OK.
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
    QProgressBar,
    QPushButton,
    QWidget,
)

from transcriber.asr.models import EMBEDDED_MODEL, list_models
from transcriber.asr.recommend import recommend_model
from transcriber.model import Licence, Style
from transcriber.ui import language
from transcriber.ui.choice_names import language_names, style_names
from transcriber.ui.file_dialogs import existing_directory
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
        self.download: BackgroundTask | None = None

        self.ui_language = self._combo("ui_language", [("auto", self.tr("Follow the system")),
                                                       (language.ENGLISH, "English"),
                                                       (language.CHINESE, "繁體中文（台灣）")])
        self.model = self._combo("model", [(name, name) for name in model_choices()])
        self.model.setEditable(True)  # a model folder or any CTranslate2 repo id
        self.download_button = QPushButton(self.tr("Download"), objectName="download_button")
        self.download_bar = QProgressBar(objectName="download_bar")
        self.download_bar.hide()
        self.download_label = QLabel(objectName="download_label", wordWrap=True)
        self.recommend_label = QLabel(objectName="recommend_label", wordWrap=True)
        self.device = self._combo("device", [("auto", self.tr("Automatic")), ("cpu", self.tr("CPU")), ("cuda", self.tr("NVIDIA GPU (CUDA)"))])
        self.asr_language = self._combo("asr_language", [(c, language_names()[c]) for c in ("auto", "zh", "en")])
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
        form.addRow("", self.download_bar)
        form.addRow("", self.download_label)
        form.addRow(self.tr("Compute device"), self.device)
        form.addRow(self.tr("Spoken language"), self.asr_language)
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
        text = (self.tr("This machine has an NVIDIA GPU: {model} is much more accurate than base and still fast here.") if recommendation.reason == "cuda"
                else self.tr("This machine has {ram} GB of memory and {cores} cores: {model} is more accurate than base and fast enough here."))
        self.recommend_label.setText(text.format(model=recommendation.model, ram=recommendation.ram_gib,
                                        cores=recommendation.cores))
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
        from transcriber.asr import models

        name = self.model_name()
        if Path(name).expanduser().is_dir() or name == EMBEDDED_MODEL:
            return None  # already on this machine

        def work(context: object) -> object:
            return models.download_hub_model(name, progress=context.progress)

        self.download = BackgroundTask(work, self)
        self.download.progress.connect(self._on_download_progress)
        self.download.succeeded.connect(lambda _path: self._download_done(self.tr("{name} is ready.").format(name=name)))
        self.download.failed.connect(self._download_done)
        self.download_button.setEnabled(False)
        self.download_bar.setRange(0, 0)  # busy until the size is known
        self.download_bar.show()
        self.download_label.setText(self.tr("Downloading {name}…").format(name=name))
        self.download.start()
        return self.download

    @Slot(float, float)
    def _on_download_progress(self, done: float, total: float) -> None:
        if total > 0:
            self.download_bar.setRange(0, 1000)
            self.download_bar.setValue(int(1000 * done / total))

    @Slot(str)
    def _download_done(self, message: str) -> None:
        self.download_bar.hide()
        self.download_button.setEnabled(True)
        self.download_label.setText(message)

    def accept(self) -> None:
        old_language = self.settings.get("ui_language")
        for name, box in (("ui_language", self.ui_language), ("device", self.device),
                          ("asr_language", self.asr_language), ("licence", self.licence),
                          ("style", self.style)):
            self.settings.set(name, box.currentData())
        self.settings.set("model", self.model_name())
        for name, field in (("initial_prompt", self.prompt), ("archive_path", self.archive),
                            ("remote", self.remote), ("official_name", self.official)):
            self.settings.set(name, field.text().strip())
        super().accept()
        if self.settings.get("ui_language") != old_language:
            self.language_changed.emit()
