"""First start: the user's name (default speaker), the archive, the licence, the interface language.

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
from transcriber.ui import language
from transcriber.ui.error_text import error_text
from transcriber.ui.file_dialogs import existing_directory
from transcriber.ui.settings_store import AppSettings


class FirstRunDialog(QDialog):
    language_changed = Signal()

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("first_run_dialog")
        self.setWindowTitle(self.tr("Welcome to Transcriber"))
        self.settings = settings
        intro = QLabel(self.tr("Four answers make the first transcripts right. All of them can be changed later in Settings."), wordWrap=True)
        self.name_edit = QLineEdit(settings.get("official_name"), objectName="setup_name")
        self.existing_radio = QRadioButton(self.tr("Use an existing archive (a git clone)"), objectName="setup_existing")
        self.new_radio = QRadioButton(self.tr("Create a new, empty archive"), objectName="setup_new")
        self.none_radio = QRadioButton(self.tr("No archive yet"), objectName="setup_none")
        group = QButtonGroup(self)
        for radio in (self.existing_radio, self.new_radio, self.none_radio):
            group.addButton(radio)
        (self.existing_radio if settings.get("archive_path") else self.none_radio).setChecked(True)
        self.archive_edit = QLineEdit(settings.get("archive_path"), objectName="setup_archive")
        browse = QPushButton(self.tr("Browse…"))
        self.licence_box = QComboBox(objectName="setup_licence")
        for licence in Licence:
            self.licence_box.addItem(licence.value, licence.value)
        self.licence_box.setCurrentIndex(max(0, self.licence_box.findData(settings.get("licence"))))
        self.language_box = QComboBox(objectName="setup_language")
        for code, label in (("auto", self.tr("Follow the system")), (language.ENGLISH, "English"),
                            (language.CHINESE, "繁體中文（台灣）")):
            self.language_box.addItem(label, code)
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(settings.get("ui_language"))))
        self.result_label = QLabel(objectName="setup_result", wordWrap=True)
        buttons = QDialogButtonBox()
        self.skip_button = buttons.addButton(self.tr("Skip"), QDialogButtonBox.RejectRole)
        self.start_button = buttons.addButton(self.tr("Start"), QDialogButtonBox.AcceptRole)

        archive_row = QHBoxLayout()
        archive_row.addWidget(self.archive_edit, 1)
        archive_row.addWidget(browse)
        choices = QVBoxLayout()
        for radio in (self.existing_radio, self.new_radio, self.none_radio):
            choices.addWidget(radio)
        choices.addLayout(archive_row)
        form = QFormLayout()
        form.addRow(self.tr("Your name (the default speaker)"), self.name_edit)
        form.addRow(self.tr("Archive folder"), choices)
        form.addRow(self.tr("Default licence"), self.licence_box)
        form.addRow(self.tr("Interface language"), self.language_box)
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
        folder = existing_directory(self, self.tr("Archive folder"), self.archive_edit.text())
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
                self.result_label.setText(error_text(exc))
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
