"""Recording a meeting: microphone, level meter, timer, record/pause/stop, markers, live draft.

``transcriber.record.Recorder`` does the work (the CLI's ``record`` uses it too).
Its callbacks arrive on its writer and live-draft threads, so they only emit
signals of a small bridge object; Qt queues those onto the GUI thread. Starting
(device and model loading) and stopping (the draft's tail) take seconds, so both
run in background tasks.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from transcriber.errors import TranscriberError
from transcriber.library.store import Library
from transcriber.record import LiveOptions, Recorder, RecorderState, list_input_devices
from transcriber.ui.bullet_model import format_time
from transcriber.ui.settings_store import AppSettings
from transcriber.ui.strings import tr
from transcriber.ui.tasks import BackgroundTask


class _Bridge(QObject):
    """Emitted from the recorder's threads; received on the GUI thread."""

    level = Signal(object)
    bullets = Signal(list)
    stopped = Signal()


class RecorderPanel(QWidget):
    recording_saved = Signal(int)  # meeting id, once the file and the draft are final

    def __init__(self, library: Library, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recorder_panel")
        self.library = library
        self.settings = settings
        self.recorder: Recorder | None = None
        self.last_error: str | None = None
        self._bridge = _Bridge(self)
        self._bridge.level.connect(self._on_level)
        self._bridge.bullets.connect(self._on_bullets)
        self._bridge.stopped.connect(self._on_stopped_by_itself)

        self.device_box = QComboBox(objectName="device_box")
        self.title_edit = QLineEdit(objectName="recording_title")
        self.live_box = QCheckBox(tr("recorder.draft"), objectName="live_box", checked=True)
        self.meter = QProgressBar(objectName="level_meter", textVisible=False)
        self.meter.setRange(0, 1000)
        self.timer_label = QLabel("00:00", objectName="timer_label")
        self.timer_label.setStyleSheet("font-size: 28px;")
        self.record_button = QPushButton(tr("recorder.record"), objectName="record_button")
        self.pause_button = QPushButton(tr("recorder.pause"), objectName="pause_button")
        self.stop_button = QPushButton(tr("recorder.stop"), objectName="stop_button")
        self.marker_button = QPushButton(tr("recorder.marker"), objectName="marker_button")
        self.status_label = QLabel(objectName="recorder_status", wordWrap=True)
        self.draft_view = QPlainTextEdit(objectName="draft_view", readOnly=True)

        form = QFormLayout()
        form.addRow(tr("recorder.device"), self.device_box)
        form.addRow(tr("recorder.title"), self.title_edit)
        form.addRow("", self.live_box)
        buttons = QHBoxLayout()
        for button in (self.record_button, self.pause_button, self.stop_button, self.marker_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.meter)
        layout.addWidget(self.timer_label, 0, Qt.AlignHCenter)
        layout.addLayout(buttons)
        layout.addWidget(self.status_label)
        layout.addWidget(QLabel(tr("recorder.draft")))
        layout.addWidget(self.draft_view, 1)

        self._clock = QTimer(self, interval=200)
        self._clock.timeout.connect(self._show_time)
        self.record_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button.clicked.connect(self.stop)
        self.marker_button.clicked.connect(self.add_marker)
        self.refresh_devices()
        self._show_state()

    # -- devices -----------------------------------------------------------------------

    def refresh_devices(self) -> None:
        self.device_box.clear()
        try:
            devices = list_input_devices()
        except TranscriberError as exc:
            self._say(tr("recorder.unavailable", detail=exc.message))
            return
        if not devices:
            self._say(tr("recorder.no_device"))
        chosen = self.settings.get("input_device")
        for device in devices:
            self.device_box.addItem(f"{device.name} ({device.host_api})", device.name)
            if device.name == chosen or (not chosen and device.is_default):
                self.device_box.setCurrentIndex(self.device_box.count() - 1)

    # -- transport ---------------------------------------------------------------------

    def start(self) -> BackgroundTask | None:
        if self.recorder is not None and not self.recorder.done:
            return None
        device = self.device_box.currentData()
        self.settings.set("input_device", device or "")
        live = LiveOptions(engine=self.settings.engine_options()) if self.live_box.isChecked() else None
        self.recorder = Recorder(
            self.library, device, title=self.title_edit.text().strip() or None, live=live,
            on_level=self._bridge.level.emit, on_bullets=self._bridge.bullets.emit,
            on_stopped=lambda _recorder: self._bridge.stopped.emit(),
        )  # fmt: skip
        self.draft_view.clear()
        self.record_button.setEnabled(False)
        self._say(tr("transcribe.starting") if live else "")
        task = BackgroundTask(lambda _ctx: self.recorder.start(), self)
        task.succeeded.connect(lambda _meeting: (self._say(""), self._clock.start(), self._show_state()))
        task.failed.connect(self._on_failed)
        task.start()
        return task

    def toggle_pause(self) -> None:
        if self.recorder is None:
            return
        if self.recorder.state is RecorderState.RECORDING:
            self.recorder.pause()
        else:
            self.recorder.resume()
        self._show_state()

    def add_marker(self) -> None:
        if self.recorder is None:
            return
        try:
            at = self.recorder.add_marker(tr("recorder.marker_label"))
        except TranscriberError as exc:
            self._say(exc.message)
            return
        self.draft_view.appendPlainText(f"— {format_time(at)} {tr('recorder.marker_label')} —")

    def stop(self) -> BackgroundTask | None:
        """Finalise the file and the draft's tail off the GUI thread, then hand the meeting over."""
        recorder = self.recorder
        if recorder is None or recorder.state in (RecorderState.IDLE,):
            return None
        self.stop_button.setEnabled(False)
        self.pause_button.setEnabled(False)
        task = BackgroundTask(lambda _ctx: recorder.stop(), self)
        task.succeeded.connect(lambda _recording: self._finished(recorder))
        task.failed.connect(self._on_failed)
        task.start()
        return task

    @Slot()
    def _on_stopped_by_itself(self) -> None:
        # The disk filled up or the device went away: the recorder kept what it had.
        if self.recorder is not None and self.recorder.state is RecorderState.FAILED:
            self.stop()

    def _finished(self, recorder: Recorder) -> None:
        self._clock.stop()
        self._show_time()
        if recorder.error:
            self._on_failed(recorder.error)
        else:
            self._say(tr("recorder.saved", title=recorder.meeting.title))
        self._show_state()
        if recorder.meeting is not None:
            self.recording_saved.emit(recorder.meeting.id)

    # -- display -----------------------------------------------------------------------

    @Slot(object)
    def _on_level(self, level: object) -> None:
        self.meter.setValue(int(1000 * level.rms))

    @Slot(list)
    def _on_bullets(self, bullets: list) -> None:
        for bullet in bullets:
            self.draft_view.appendPlainText(f"{format_time(bullet.start)}  {bullet.text}")

    def _show_time(self) -> None:
        self.timer_label.setText(format_time(self.recorder.elapsed if self.recorder else 0))

    def _show_state(self) -> None:
        state = self.recorder.state if self.recorder else RecorderState.IDLE
        active = state in (RecorderState.RECORDING, RecorderState.PAUSED)
        self.record_button.setEnabled(not active)
        self.pause_button.setEnabled(active)
        self.pause_button.setText(tr("recorder.resume" if state is RecorderState.PAUSED else "recorder.pause"))
        self.stop_button.setEnabled(active)
        self.marker_button.setEnabled(state is RecorderState.RECORDING)
        self.device_box.setEnabled(not active)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.last_error = message
        self._say(message)
        self._show_state()

    def _say(self, text: str) -> None:
        self.status_label.setText(text)

    def shutdown(self) -> None:
        """Closing the window while recording: stop and keep everything recorded."""
        if self.recorder is not None and not self.recorder.done and self.recorder.state is not RecorderState.IDLE:
            self.recorder.stop()
