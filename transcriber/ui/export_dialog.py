"""Meeting → Export…: every format the CLI's ``export`` writes, to a file the user picks.

The writing is ``transcriber.exports.formats.save_export`` (the CLI's ``export --out``),
off the GUI thread: a DOCX of a three-hour meeting takes a moment. Redacted text
never reaches an export; the core sees to that.
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

from transcriber.archive.filenames import archive_filename
from transcriber.errors import TranscriberError
from transcriber.exports.formats import FORMATS
from transcriber.library.store import Library
from transcriber.ui.file_dialogs import save_file_name
from transcriber.ui.tasks import BackgroundTask

# The file name ending each format gets (Akoma Ntoso is XML).
SUFFIXES = {"md": ".md", "txt": ".txt", "srt": ".srt", "vtt": ".vtt", "json": ".json",
            "docx": ".docx", "akn": ".xml"}


class ExportDialog(QDialog):
    saved = Signal(str)  # the path written

    def __init__(self, library: Library, meeting_id: int, parent: QWidget | None = None,
                 archive: str = "") -> None:
        """``archive``: where meetings are published, whose house style Markdown follows."""
        super().__init__(parent)
        self.setObjectName("export_dialog")
        self.library = library
        self.meeting_id = meeting_id
        self.archive = archive
        self.task: BackgroundTask | None = None
        meeting = library.meeting(meeting_id)
        self.setWindowTitle(self.tr("Export “{title}”").format(title=meeting.title))
        self.format_box = QComboBox(objectName="export_format")
        format_names = {"md": self.tr("Markdown, as published (.md)"), "txt": self.tr("Plain text (.txt)"), "srt": self.tr("Subtitles, SubRip (.srt)"), "vtt": self.tr("Subtitles, WebVTT (.vtt)"), "json": self.tr("Data, JSON (.json)"), "docx": self.tr("Word document (.docx)"), "akn": self.tr("Akoma Ntoso XML (.xml)")}
        for fmt in FORMATS:
            self.format_box.addItem(format_names[fmt], fmt)
        try:
            stem = archive_filename(meeting.date, meeting.title)[:-3]
        except TranscriberError:  # a title the archive would refuse still exports
            stem = f"{meeting.date} {meeting.title}".strip()  # an imported file may have no date
        self._folder = Path.home()
        self.path_edit = QLineEdit(str(self._folder / f"{stem}.md"), objectName="export_path")
        browse = QPushButton(self.tr("Browse…"))
        self.result_label = QLabel(objectName="export_result", wordWrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.save_button = buttons.addButton(self.tr("Export…"), QDialogButtonBox.AcceptRole)
        self.save_button.setObjectName("export_button")

        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(self.tr("Format"), self.format_box)
        form.addRow(self.tr("Save as"), path_row)
        form.addRow(self.result_label)
        form.addRow(buttons)
        self.format_box.currentIndexChanged.connect(self._suffix_follows_format)
        browse.clicked.connect(self._browse)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(lambda: self.export())
        self.resize(560, 0)

    def fmt(self) -> str:
        return self.format_box.currentData()

    def _suffix_follows_format(self) -> None:
        path = Path(self.path_edit.text().strip() or "export")
        stem = path.name[: -len(path.suffix)] if path.suffix in SUFFIXES.values() else path.name
        self.path_edit.setText(str(path.with_name(stem + SUFFIXES[self.fmt()])))

    def _browse(self) -> None:
        path = save_file_name(self, self.tr("Export…"), self.path_edit.text(),
                              f"*{SUFFIXES[self.fmt()]}")
        if path:
            self.path_edit.setText(path)

    def export(self) -> BackgroundTask:
        """Write the chosen format to the chosen path; the dialog closes when it is written."""
        from transcriber.archive.profile import publishing_profile
        from transcriber.exports.formats import save_export

        path, fmt = self.path_edit.text().strip(), self.fmt()
        self.save_button.setEnabled(False)

        archive = self.archive

        def work(_context: object) -> str:
            try:
                save_export(self.library, self.meeting_id, fmt, path, publishing_profile(archive))
                return path
            finally:
                self.library.close()

        self.task = BackgroundTask(work, self)
        self.task.succeeded.connect(self._on_saved)
        self.task.failed.connect(self._on_failed)
        self.task.start()
        return self.task

    @Slot(object)
    def _on_saved(self, path: str) -> None:
        self.saved.emit(path)
        self.accept()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.result_label.setText(message)
        self.save_button.setEnabled(True)

