"""The meeting's speakers: assign one to the selected bullets, rename, pick the default.

The official is the default speaker (new speech bullets get that name). Typing a
name that does not exist yet and pressing Enter creates it; the question label
(問/Question) sits in the list so it is one click away even before it is used.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from transcriber.model import Speaker
from transcriber.ui.strings import tr


class SpeakerPanel(QWidget):
    assign_requested = Signal(str)  # speaker name for the selected bullets
    rename_requested = Signal(str, str)  # old name, new name
    default_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.speaker_list = QListWidget(objectName="speaker_list")
        self.name_edit = QLineEdit(objectName="speaker_name")
        self.name_edit.setPlaceholderText(tr("editor.new_speaker"))
        assign = QPushButton(tr("editor.assign"), objectName="assign_speaker")
        self.rename_button = rename = QPushButton(tr("editor.rename_speaker"), objectName="rename_speaker")
        self.default_button = make_default = QPushButton(tr("editor.set_default"), objectName="default_speaker")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(tr("editor.speakers")))
        layout.addWidget(self.speaker_list, 1)
        layout.addWidget(self.name_edit)
        layout.addWidget(assign)
        layout.addWidget(rename)
        layout.addWidget(make_default)

        self.speaker_list.itemActivated.connect(lambda item: self.assign_requested.emit(self._name(item)))
        self.name_edit.returnPressed.connect(self._assign_typed)
        assign.clicked.connect(self._assign_typed)
        rename.clicked.connect(self._ask_rename)
        make_default.clicked.connect(lambda: self._with_current(self.default_requested))

    @staticmethod
    def _name(item: QListWidgetItem) -> str:
        return item.data(Qt.UserRole)

    def show_speakers(self, speakers: list[Speaker], question_name: str) -> None:
        current = self.current_name()
        self.speaker_list.clear()
        names = [s.name for s in speakers]
        for speaker in speakers:
            label = tr("editor.default_speaker", name=speaker.name) if speaker.is_default else speaker.name
            item = QListWidgetItem(label)
            item.setData(Qt.UserRole, speaker.name)
            self.speaker_list.addItem(item)
        if question_name not in names:
            item = QListWidgetItem(question_name)
            item.setData(Qt.UserRole, question_name)
            self.speaker_list.addItem(item)
        for row in range(self.speaker_list.count()):
            if self._name(self.speaker_list.item(row)) == current:
                self.speaker_list.setCurrentRow(row)

    def current_name(self) -> str | None:
        item = self.speaker_list.currentItem()
        return self._name(item) if item is not None else None

    def _assign_typed(self) -> None:
        name = self.name_edit.text().strip() or self.current_name() or ""
        if name:
            self.assign_requested.emit(name)
            self.name_edit.clear()

    def _ask_rename(self) -> None:
        name = self.current_name()
        if not name:
            return
        new_name, ok = QInputDialog.getText(self, tr("editor.rename_speaker"),
                                            tr("editor.rename_prompt", name=name), text=name)
        self.window().activateWindow()  # back to typing, even where the platform forgets to
        if ok and new_name.strip() and new_name.strip() != name:
            self.rename_requested.emit(name, new_name.strip())

    def _with_current(self, signal: Signal) -> None:
        name = self.current_name()
        if name:
            signal.emit(name)
