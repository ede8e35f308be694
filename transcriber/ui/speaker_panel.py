"""The meeting's speakers: assign one to the selected bullets, rename, pick the default.

People and roles are apart: the list holds the people, numbered, so Alt+1…9
gives the current bullet to that person in one step; the question label
(問/Question) and other labels that are no person (``profile.NOT_SPEAKERS``) are
role buttons below it. The list follows the current bullet, so it always shows
who is speaking there. Typing a new name and pressing Enter creates that speaker.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from transcriber.archive.profile import NOT_SPEAKERS
from transcriber.model import Speaker

NUMBERED = 9  # Alt+1 … Alt+9


class SpeakerPanel(QWidget):
    assign_requested = Signal(str)  # speaker name for the selected bullets
    rename_requested = Signal(str, str)  # old name, new name
    default_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.speaker_list = QListWidget(objectName="speaker_list")
        self.name_edit = QLineEdit(objectName="speaker_name")
        self.name_edit.setPlaceholderText(self.tr("Speaker name:"))
        assign = QPushButton(self.tr("Assign to selected bullets"), objectName="assign_speaker")
        self.rename_button = rename = QPushButton(self.tr("Rename speaker…"), objectName="rename_speaker")
        self.default_button = make_default = QPushButton(self.tr("Make default speaker"), objectName="default_speaker")
        self.role_row = QHBoxLayout()
        self.role_buttons: list[QPushButton] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Speakers")))
        layout.addWidget(self.speaker_list, 1)
        layout.addWidget(QLabel(self.tr("Roles")))
        layout.addLayout(self.role_row)
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

    @staticmethod
    def is_role(name: str) -> bool:
        return name in NOT_SPEAKERS

    def show_speakers(self, speakers: list[Speaker], question_name: str) -> None:
        current = self.current_name()
        self.speaker_list.clear()
        people = [s for s in speakers if not self.is_role(s.name)]
        for number, speaker in enumerate(people, start=1):
            label = self.tr("{name} (default)").format(name=speaker.name) if speaker.is_default else speaker.name
            if number <= NUMBERED:
                label = f"{number}  {label}"
            item = QListWidgetItem(label)
            item.setData(Qt.UserRole, speaker.name)
            if number <= NUMBERED:
                item.setToolTip(f"Alt+{number}")
            self.speaker_list.addItem(item)
        roles = [question_name, *sorted({s.name for s in speakers if self.is_role(s.name)} - {question_name})]
        self._show_roles(roles)
        self.select(current)

    def _show_roles(self, roles: list[str]) -> None:
        if self.roles() == roles:
            return
        for button in self.role_buttons:
            self.role_row.removeWidget(button)
            button.deleteLater()
        self.role_buttons = []
        for role in roles:
            button = QPushButton(self.role_label(role), objectName="role_button", focusPolicy=Qt.NoFocus,
                                 checkable=True)
            button.setProperty("role", role)
            if button.text() != role:
                button.setToolTip(self.tr("Published as “{label}”").format(label=role))
            button.clicked.connect(lambda _checked=False, name=role: self.assign_requested.emit(name))
            self.role_row.addWidget(button)
            self.role_buttons.append(button)

    def people(self) -> list[str]:
        """Names in the list, in the order Alt+1…9 reaches them."""
        return [self._name(self.speaker_list.item(row)) for row in range(self.speaker_list.count())]

    def roles(self) -> list[str]:
        """The role labels offered, as they are published (``Question`` in an English meeting)."""
        return [button.property("role") for button in self.role_buttons]

    def role_label(self, role: str) -> str:
        """A role as its button says it: the English meeting's labels in the interface language."""
        return {"Question": self.tr("Question"), "Answer": self.tr("Answer")}.get(role, role)

    def select(self, name: str | None) -> None:
        """Show ``name`` as the current speaker (the current bullet's), without assigning."""
        blocked = self.speaker_list.blockSignals(True)
        try:
            self.speaker_list.setCurrentRow(-1)
            for row, person in enumerate(self.people()):
                if person == name:
                    self.speaker_list.setCurrentRow(row)
        finally:
            self.speaker_list.blockSignals(blocked)
        for button in self.role_buttons:
            button.setChecked(button.property("role") == name)

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
        new_name, ok = QInputDialog.getText(self, self.tr("Rename speaker…"),
                                            self.tr("New name for {name}:").format(name=name), text=name)
        self.window().activateWindow()  # back to typing, even where the platform forgets to
        if ok and new_name.strip() and new_name.strip() != name:
            self.rename_requested.emit(name, new_name.strip())

    def _with_current(self, signal: Signal) -> None:
        name = self.current_name()
        if name:
            signal.emit(name)
