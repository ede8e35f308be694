"""First start: the user's name (default speaker), the archive, the licence, the interface
language, and a model suited to this machine to download (``asr.recommend``).

Skippable; everything it asks is in Settings too. Skipping or finishing marks the
setup done so it is not asked again (Help → First-run setup… opens it later). A
new archive is made by ``transcriber.publish.new_archive.create_archive``.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from transcriber.errors import TranscriberError
from transcriber.model import Licence
from transcriber.ui import strings
from transcriber.ui.model_download import ModelDownload
from transcriber.ui.settings_store import AppSettings
from transcriber.ui.strings import tr


class FirstRunDialog(QDialog):
    language_changed = Signal()

    def __init__(self, settings: AppSettings, parent: QWidget | None = None,
                 recommendation: object = ...) -> None:
        super().__init__(parent)
        self.setObjectName("first_run_dialog")
        self.setWindowTitle(tr("setup.title"))
        self.settings = settings
        intro = QLabel(tr("setup.intro"), wordWrap=True)
        self.name_edit = QLineEdit(settings.get("official_name"), objectName="setup_name")
        self.existing_radio = QRadioButton(tr("setup.existing"), objectName="setup_existing")
        self.new_radio = QRadioButton(tr("setup.new"), objectName="setup_new")
        self.none_radio = QRadioButton(tr("setup.no_archive"), objectName="setup_none")
        group = QButtonGroup(self)
        for radio in (self.existing_radio, self.new_radio, self.none_radio):
            group.addButton(radio)
        (self.existing_radio if settings.get("archive_path") else self.none_radio).setChecked(True)
        self.archive_edit = QLineEdit(settings.get("archive_path"), objectName="setup_archive")
        browse = QPushButton(tr("publish.browse"))
        self.licence_box = QComboBox(objectName="setup_licence")
        for licence in Licence:
            self.licence_box.addItem(licence.value, licence.value)
        self.licence_box.setCurrentIndex(max(0, self.licence_box.findData(settings.get("licence"))))
        self.language_box = QComboBox(objectName="setup_language")
        for code, label in (("auto", tr("settings.ui_auto")), (strings.ENGLISH, "English"),
                            (strings.CHINESE, "繁體中文（台灣）")):
            self.language_box.addItem(label, code)
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(settings.get("ui_language"))))
        self.result_label = QLabel(objectName="setup_result", wordWrap=True)
        if recommendation is ...:
            from transcriber.asr.recommend import recommend_model

            recommendation = recommend_model(settings.get("model"))
        self.recommendation = recommendation
        self.download = ModelDownload(self)
        self.download.downloaded.connect(lambda name: self.settings.set("model", name))
        self.download.button.clicked.connect(lambda: self.download.start(recommendation.model))
        self.model_offer = QLabel(objectName="setup_model_offer", wordWrap=True)
        if recommendation is not None:
            key = "settings.recommend_cuda" if recommendation.reason == "cuda" else "settings.recommend_cpu"
            self.model_offer.setText(tr(key, model=recommendation.model, ram=recommendation.ram_gib,
                                        cores=recommendation.cores))
        buttons = QDialogButtonBox()
        self.skip_button = buttons.addButton(tr("setup.skip"), QDialogButtonBox.RejectRole)
        self.start_button = buttons.addButton(tr("setup.start"), QDialogButtonBox.AcceptRole)

        archive_row = QHBoxLayout()
        archive_row.addWidget(self.archive_edit, 1)
        archive_row.addWidget(browse)
        choices = QVBoxLayout()
        for radio in (self.existing_radio, self.new_radio, self.none_radio):
            choices.addWidget(radio)
        choices.addLayout(archive_row)
        form = QFormLayout()
        form.addRow(tr("setup.name"), self.name_edit)
        form.addRow(tr("settings.archive"), choices)
        form.addRow(tr("settings.licence"), self.licence_box)
        form.addRow(tr("settings.ui_language"), self.language_box)
        if recommendation is not None:
            offer = QHBoxLayout()
            offer.addWidget(self.model_offer, 1)
            offer.addWidget(self.download.button)
            form.addRow(tr("settings.model"), offer)
            form.addRow("", self.download)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.result_label)
        layout.addWidget(buttons)

        browse.clicked.connect(self._browse)
        self.none_radio.toggled.connect(lambda none: self.archive_edit.setEnabled(not none))
        self.archive_edit.setEnabled(not self.none_radio.isChecked())
        self.skip_button.clicked.connect(self.reject)
        self.start_button.clicked.connect(self.accept)
        self.resize(560, 0)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("settings.archive"), self.archive_edit.text())
        if folder:
            self.archive_edit.setText(folder)

    def reject(self) -> None:
        self.settings.set("setup_done", "1")  # skipped is answered: not asked at every start
        super().reject()

    def accept(self) -> None:
        archive = self.archive_edit.text().strip()
        licence = self.licence_box.currentData()
        if self.new_radio.isChecked():
            from transcriber.publish.new_archive import create_archive

            try:
                archive = str(create_archive(archive, licence))
            except TranscriberError as exc:
                self.result_label.setText(exc.message)
                return  # the dialog stays open with what was typed
        elif self.none_radio.isChecked():
            archive = ""
        old_language = self.settings.get("ui_language")
        self.settings.set("official_name", self.name_edit.text().strip())
        self.settings.set("licence", licence)
        self.settings.set("archive_path", archive)
        self.settings.set("ui_language", self.language_box.currentData())
        self.settings.set("setup_done", "1")
        super().accept()
        if self.settings.get("ui_language") != old_language:
            self.language_changed.emit()
