"""Meeting → Re-transcribe…: decode the meeting (or the selected bullets' time) again.

Another model or language, the whole recording or only the selected stretch;
what happens to bullets the editor changed is the user's choice (keep them by
default). The decode and the plan (``transcriber.asr.retranscribe``, as the
CLI's ``meetings transcribe``) run in a background task with a bar and Cancel; a
cancel changes nothing. Then the dialog lists what will change (kept, replaced,
new, gap) and only Apply changes the meeting, in one undoable step. The
language chosen is remembered for the next time.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from transcriber.library.store import Library
from transcriber.ui.bullet_model import format_time
from transcriber.ui.choice_names import language_names
from transcriber.ui.error_text import error_text
from transcriber.ui.settings_dialog import model_choices
from transcriber.ui.settings_store import AppSettings
from transcriber.ui.tasks import BackgroundTask

EDITED_CHOICES = ("keep", "both", "new")  # transcriber.asr.retranscribe.Choice values


class RetranscribeDialog(QDialog):
    finished_task = Signal(int)  # meeting id, once the new text is in the library

    def __init__(self, library: Library, meeting_id: int, settings: AppSettings,
                 selected_bullet_ids: list[int] | None = None, parent: QWidget | None = None,
                 time_range: tuple[float, float] | None = None) -> None:
        """``time_range`` (seconds) instead of the selected bullets' time: what a crash
        left without draft text, for example."""
        super().__init__(parent)
        self.setObjectName("retranscribe_dialog")
        self.library = library
        self.meeting_id = meeting_id
        self.settings = settings
        self.task: BackgroundTask | None = None
        meeting = library.meeting(meeting_id)
        self.setWindowTitle(self.tr("Re-transcribe “{title}”").format(title=meeting.title))

        self.model_box = QComboBox(objectName="retranscribe_model")
        self.model_box.setEditable(True)
        for name in model_choices(settings.get("model")):
            self.model_box.addItem(name)
        self.model_box.setCurrentText(settings.get("model"))
        self.language_box = QComboBox(objectName="retranscribe_language")
        for code in ("auto", "zh", "en"):
            self.language_box.addItem(language_names()[code], code)
        # The last language re-transcribed in: re-transcribing is mostly to force one.
        remembered = settings.get("retranscribe_language") or settings.get("asr_language")
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(remembered)))
        self.whole_radio = QRadioButton(self.tr("The whole meeting"), objectName="retranscribe_whole")
        self.range = time_range or self._selected_range(selected_bullet_ids or [])
        start, end = self.range or (0.0, 0.0)
        self.range_radio = QRadioButton(self.tr("Only {start}–{end} (the selected bullets)").format(start=format_time(start), end=format_time(end)),
                                        objectName="retranscribe_range")
        group = QButtonGroup(self)
        group.addButton(self.whole_radio)
        group.addButton(self.range_radio)
        self.range_radio.setEnabled(self.range is not None)
        chosen = time_range is not None or (self.range is not None and len(selected_bullet_ids) > 1)
        (self.range_radio if chosen else self.whole_radio).setChecked(True)
        self.edited_box = QComboBox(objectName="retranscribe_edited")
        edited_names = {"keep": self.tr("Keep mine"), "both": self.tr("Keep both, flag the new text"), "new": self.tr("Replace them too")}
        for choice in EDITED_CHOICES:
            self.edited_box.addItem(edited_names[choice], choice)
        self.bar = QProgressBar(objectName="retranscribe_bar")
        self.bar.hide()
        self.status_label = QLabel(objectName="retranscribe_status", wordWrap=True)
        self.plan = None  # what Apply will do, once decoded
        self.preview = QListWidget(objectName="retranscribe_preview")
        self.preview.setWordWrap(True)
        self.preview.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.start_button = self.buttons.addButton(self.tr("Re-transcribe"), QDialogButtonBox.AcceptRole)
        self.start_button.setObjectName("retranscribe_start")
        self.apply_button = self.buttons.addButton(self.tr("Apply these changes"), QDialogButtonBox.ApplyRole)
        self.apply_button.setObjectName("retranscribe_apply")
        self.apply_button.hide()
        self.apply_button.clicked.connect(lambda: self.apply())

        form = QFormLayout()
        form.addRow(self.tr("Speech model"), self.model_box)
        form.addRow(self.tr("Spoken language"), self.language_box)
        form.addRow("", self.whole_radio)
        form.addRow("", self.range_radio)
        form.addRow(self.tr("Bullets I edited"), self.edited_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.bar)
        layout.addWidget(self.status_label)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.buttons)
        self.start_button.clicked.connect(lambda: self.start())
        self.buttons.rejected.connect(self.cancel_or_close)
        self.resize(520, 0)

    def _selected_range(self, bullet_ids: list[int]) -> tuple[float, float] | None:
        chosen = set(bullet_ids)
        timed = [b for b in self.library.bullets(self.meeting_id)
                 if b.id in chosen and b.start is not None and b.end is not None]  # fmt: skip
        if not timed:
            return None
        return min(b.start for b in timed), max(b.end for b in timed)

    def options(self) -> object:
        return dataclasses.replace(self.settings.engine_options(), model=self.model_box.currentText().strip(),
                                   language=self.language_box.currentData())

    def start(self) -> BackgroundTask:
        """Decode and plan in the background; nothing changes until Apply."""
        from transcriber.asr.retranscribe import Choice, decode_range, plan_replacement

        options = self.options()
        self.settings.set("retranscribe_language", options.language)
        start, end = self.range if self.range_radio.isChecked() and self.range else (None, None)
        choice = Choice(self.edited_box.currentData())

        def work(context: object) -> object:
            try:
                decoded = decode_range(self.library, self.meeting_id, options, start=start, end=end,
                                       progress=context.progress, cancel=context.cancel_event)
                if decoded is None:
                    return None
                return plan_replacement(self.library, decoded, lambda _bullet, _segments: choice)
            finally:
                self.library.close()  # this thread's connection only

        self.plan = None
        self.preview.clear()
        self.preview.hide()
        self.apply_button.hide()
        self.start_button.setEnabled(False)
        self.bar.setRange(0, 0)  # busy while the model loads and the audio is read
        self.bar.show()
        self.status_label.setText(self.tr("Loading the speech model (the first time can take a minute)…"))
        self.task = BackgroundTask(work, self)
        self.task.progress.connect(self._on_progress)
        self.task.succeeded.connect(self._on_done)
        self.task.failed.connect(self._on_failed)
        self.task.start()
        return self.task

    def show_plan(self, plan: object) -> None:
        """List what Apply will change, in time order; Apply only when something does."""
        self.plan = plan
        rows = [(b.start or 0.0, "kept", b) for b in plan.kept]
        rows += [(b.start or 0.0, "replaced", b) for b in plan.replaced]
        rows += [(b.start or 0.0, "new", b) for b in plan.new]
        rows += [(b.start or 0.0, "gap", b) for b in plan.gaps]
        names = {"kept": self.tr("Kept"), "replaced": self.tr("Replaced"), "new": self.tr("New"),
                 "gap": self.tr("Gap")}
        self.preview.clear()
        for _at, what, bullet in sorted(rows, key=lambda row: row[0]):
            text = bullet.text or self.tr("(speech without text)")
            if what == "kept":
                why = (self.tr("you edited it") if bullet.id in plan.kept_edited_ids
                       else self.tr("the new pass has no text for all of it"))
                text = f"{text}  ({why})"
            elif what == "new" and bullet.flagged:
                flagged = self.tr("flagged: keep one of the two")
                text = f"{text}  ({flagged})"
            item = QListWidgetItem(f"{names[what]}  {format_time(bullet.start or 0.0)}  {text}")
            item.setData(256, what)  # Qt.UserRole: what the row says, for tests and screen readers
            item.setToolTip(bullet.text)
            self.preview.addItem(item)
        self.preview.show()
        changes = plan.changes_anything
        self.status_label.setText(
            self.tr("Nothing has changed yet. This is what applying the new text would do:") if changes
            else self.tr("The new pass matches no bullet that may be replaced: nothing would change."))
        self.apply_button.setVisible(changes)
        self.apply_button.setEnabled(changes)
        self.start_button.setEnabled(True)
        if changes:
            self.apply_button.setDefault(True)
            self.apply_button.setFocus()

    def apply(self) -> None:
        """Make the change shown, as one undoable step; a meeting edited meanwhile is refused."""
        from transcriber.asr.retranscribe import apply_plan
        from transcriber.errors import TranscriberError

        if self.plan is None:
            return
        try:
            apply_plan(self.library, self.plan)
        except TranscriberError as exc:
            self.plan = None
            self.apply_button.setEnabled(False)
            self.status_label.setText(error_text(exc))
            return
        self.finished_task.emit(self.meeting_id)
        self.accept()

    @Slot(float, float)
    def _on_progress(self, done: float, total: float) -> None:
        if total > 0:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(1000 * min(done, total) / total))
            self.status_label.setText(f"{format_time(done)} / {format_time(total)}")

    def cancel_or_close(self) -> None:
        """Cancel stops a running decode (nothing changes); with nothing running it closes."""
        if self.task is not None and self.task.is_running():
            self.task.cancel()
            self.status_label.setText(self.tr("Stopping; what was decoded is kept…"))
            return
        self.reject()

    @Slot(object)
    def _on_done(self, plan: object) -> None:
        self.bar.hide()
        if plan is None:
            self.status_label.setText(self.tr("Stopped; the meeting is as it was."))
            self.start_button.setEnabled(True)
            return
        self.show_plan(plan)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.bar.hide()
        self.status_label.setText(message)
        self.start_button.setEnabled(True)
