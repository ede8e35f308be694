"""Asked on every import: whose recording is this?

The answer becomes the new meeting's default speaker, under whom every bullet is
published until the editor says otherwise, so it is asked, not assumed: an
imported file is often someone else's recording. The last answer (else the
official's own name) is offered first, so the usual case is one Enter.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from transcriber.ui.settings_store import AppSettings


class WhoseRecordingDialog(QDialog):
    answered = Signal(str)  # the name given ("" : nobody named; the bullets say "No speaker")

    def __init__(self, settings: AppSettings, file_names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("whose_recording")
        self.setWindowTitle(self.tr("Whose recording is this?"))
        self.settings = settings
        names = [settings.get("import_speaker"), settings.get("official_name")]
        self.name_box = QComboBox(objectName="whose_recording_name")
        self.name_box.setEditable(True)
        for name in dict.fromkeys(n.strip() for n in names if n.strip()):
            self.name_box.addItem(name)
        question = QLabel(self.tr(
            "Whose voice is recorded in {files}? Their name is given to every bullet until you say otherwise, and published with it.").format(files=", ".join(file_names)), wordWrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.name_box)
        layout.addWidget(buttons)

    def accept(self) -> None:
        name = self.name_box.currentText().strip()
        self.settings.set("import_speaker", name)  # offered first next time
        super().accept()
        self.answered.emit(name)
