"""Help → About this computer: the ``transcriber doctor`` report, ready to copy.

The report is collected on a background task (asking the archive's remote can take
seconds); the text is the same the command line prints, so a bug report reads the
same whichever way it was made.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from transcriber.ui.tasks import BackgroundTask


class AboutComputerDialog(QDialog):
    def __init__(self, library_path: Path, archive: str, remote: str, model: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about_computer_dialog")
        self.setWindowTitle(self.tr("About this computer"))
        self.status = QLabel(self.tr("Looking at this computer…"), objectName="about_status")
        self.report = QPlainTextEdit(objectName="about_report", readOnly=True)
        self.report.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        self.report.setLineWrapMode(QPlainTextEdit.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.copy_button = buttons.addButton(self.tr("Copy to clipboard"), QDialogButtonBox.ActionRole)
        self.copy_button.setObjectName("about_copy")
        self.copy_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.report, 1)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_report)
        self.resize(760, 560)

        def work(_context: object) -> str:
            from transcriber.doctor import collect_report, format_report

            return format_report(collect_report(library_path, archive, remote, model))

        self.task = BackgroundTask(work, self)
        self.task.succeeded.connect(self._show_report)
        self.task.failed.connect(self.status.setText)
        self.task.start()

    @Slot(object)
    def _show_report(self, text: object) -> None:
        self.report.setPlainText(str(text))
        self.status.setText(self.tr("Paste this into a bug report:"))
        self.copy_button.setEnabled(True)

    @Slot()
    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report.toPlainText())
