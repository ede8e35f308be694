"""Title, date, language, licence and style of the open meeting, above its bullets.

Emits the changed fields only when a field is finished (Enter, focus out, a new
combo choice), so one header change is one undo step; the editing core checks
the values and the editor view shows its message when one is refused.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from transcriber.model import ARCHIVE_LICENCE, Licence, Meeting, Style
from transcriber.ui.choice_names import language_names, style_names

LANGUAGES = ("auto", "zh", "en")


class MeetingHeader(QWidget):
    changed = Signal(dict)  # field name -> new value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._meeting: Meeting | None = None
        self._loading = False
        self.title_edit = QLineEdit(objectName="header_title")
        self.date_edit = QLineEdit(objectName="header_date")
        self.date_edit.setInputMask("9999-99-99")
        self.date_edit.setMaximumWidth(110)
        # Never narrower than a whole date: a cut-off year reads as another date.
        self.date_edit.setMinimumWidth(self.date_edit.fontMetrics().horizontalAdvance("0000-00-00") + 16)
        self.language_box = self._combo("header_language",
                                         [(code, language_names()[code]) for code in LANGUAGES])
        # First, a meeting nobody chose a licence for: it is published under its archive's.
        self.licence_box = self._combo("header_licence", [(ARCHIVE_LICENCE, ""),
                                                          *((m.value, m.value) for m in Licence)])
        # Its first item's text ("the archive's: CC0-1.0") is known only once a meeting
        # is shown: the box follows it instead of cutting it off.
        self.licence_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.style_box = self._combo("header_style",
                                     [(m.value, style_names()[m]) for m in Style])

        # The title on a row of its own: one row of all five is wider than a small screen.
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Title")), 0, 0)
        layout.addWidget(self.title_edit, 0, 1, 1, 8)
        for column, (label, widget) in enumerate((
            (self.tr("Date"), self.date_edit),
            (self.tr("Language"), self.language_box),
            (self.tr("Licence"), self.licence_box),
            (self.tr("Style"), self.style_box),
        )):
            layout.addWidget(QLabel(label), 1, 2 * column)
            layout.addWidget(widget, 1, 2 * column + 1)
        layout.setColumnStretch(8, 1)  # the fields keep their size; the space is left after them

        self.title_edit.editingFinished.connect(lambda: self._emit("title", self.title_edit.text()))
        self.date_edit.editingFinished.connect(lambda: self._emit("date", self.date_edit.text()))
        for name, box in (("language", self.language_box), ("licence", self.licence_box),
                          ("style", self.style_box)):
            box.currentIndexChanged.connect(lambda _i, n=name, b=box: self._emit(n, b.currentData()))

    @staticmethod
    def _combo(name: str, items: list[tuple[str, str]]) -> QComboBox:
        box = QComboBox(objectName=name)
        for value, label in items:
            box.addItem(label, value)
        return box

    def show_meeting(self, meeting: Meeting, archive_licence: str = "") -> None:
        """Fill the fields from the library without emitting changes.

        ``archive_licence``: the licence of the archive it will be published to, shown
        for a meeting nobody chose a licence for ("" when unknown)."""
        self._meeting = meeting
        self._loading = True
        try:
            self.licence_box.setItemText(0, self.tr("The archive’s: {licence}").format(
                licence=archive_licence) if archive_licence else self.tr("The archive’s"))
            self.title_edit.setText(meeting.title)
            self.title_edit.setCursorPosition(0)  # a long title shows its start, not its tail
            self.title_edit.setToolTip(meeting.title)
            self.date_edit.setText(meeting.date)
            for box, value in ((self.language_box, meeting.language),
                               (self.licence_box, meeting.licence),
                               (self.style_box, meeting.style)):
                index = box.findData(value)
                if index < 0:  # a language the engine detected, such as "ja"
                    box.addItem(value, value)
                    index = box.count() - 1
                box.setCurrentIndex(index)
        finally:
            self._loading = False

    def _emit(self, name: str, value: str) -> None:
        if self._loading or self._meeting is None:
            return
        if str(getattr(self._meeting, name)) == value:
            return  # focus left without a change: no undo step
        self.changed.emit({name: value})
