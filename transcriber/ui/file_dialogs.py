"""The app's file and folder pickers, in the interface's language.

The platform's own picker (GTK, the desktop portal, Windows) speaks the system's
language; when the interface is in another one, Qt's own picker is used instead.
Qt's picker takes most of its texts from Qt's translation, but two of Qt 6's labels
("&Look in:", "Files of &type:") are missing from it, so they are set here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from transcriber.ui import language


def file_dialog(parent: QWidget | None, caption: str, start: str = "", name_filter: str = "") -> QFileDialog:
    dialog = QFileDialog(parent, caption, start, name_filter)
    dialog.setObjectName("file_dialog")
    if language.current_language() != language.system_language():
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setLabelText(QFileDialog.DialogLabel.LookIn, QCoreApplication.translate("file_dialogs", "Look in:"))
    dialog.setLabelText(QFileDialog.DialogLabel.FileType,
                        QCoreApplication.translate("file_dialogs", "Files of type:"))
    return dialog


def open_file_names(parent: QWidget | None, caption: str, name_filter: str) -> list[str]:
    """Files to open, several at once; [] when the user cancels."""
    dialog = file_dialog(parent, caption, "", name_filter)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    return dialog.selectedFiles() if dialog.exec() else []


def save_file_name(parent: QWidget | None, caption: str, start: str, name_filter: str) -> str:
    """Where to save; "" when the user cancels."""
    dialog = file_dialog(parent, caption, start, name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    return dialog.selectedFiles()[0] if dialog.exec() and dialog.selectedFiles() else ""


def existing_directory(parent: QWidget | None, caption: str, start: str = "") -> str:
    """A folder; "" when the user cancels."""
    dialog = file_dialog(parent, caption, start)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly)
    return dialog.selectedFiles()[0] if dialog.exec() and dialog.selectedFiles() else ""
