"""Recording a meeting: microphone, level meter, timer, record/pause/stop, markers, live draft.

``transcriber.record.Recorder`` does the work (the CLI's ``record`` uses it too).
Its callbacks arrive on its writer and live-draft threads, so they only emit
signals of a small bridge object; Qt queues those onto the GUI thread. Starting
(device and model loading) and stopping (the draft's tail) take seconds, so both
run in background tasks. After Stop the panel says that it is finishing (the file
is saved; the draft transcribes its last part) with a bar, and the draft can be
cut short there.
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
    QProgressBar,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from transcriber.errors import TranscriberError
from transcriber.library.glossary import with_glossary
from transcriber.library.store import Library
from transcriber.record import LiveOptions, Recorder, RecorderState, list_input_devices
from transcriber.ui.bullet_model import format_time
from transcriber.ui.error_text import core_sentence, error_text
from transcriber.ui.live_draft import LiveDraft
from transcriber.ui.settings_store import AppSettings
from transcriber.ui.tasks import BackgroundTask


class _Bridge(QObject):
    """Emitted from the recorder's threads; received on the GUI thread."""

    level = Signal(object)
    bullets = Signal(list)
    stopped = Signal()


class RecorderPanel(QWidget):
    recording_started = Signal(int)  # meeting id, as soon as the meeting exists
    recording_saved = Signal(int)  # meeting id, once the file and the draft are final
    failed = Signal(str)  # one sentence: the recording could not start or go on

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
        self.live_box = QCheckBox(self.tr("Live draft"), objectName="live_box", checked=True)
        self.meter = QProgressBar(objectName="level_meter", textVisible=False)
        self.meter.setRange(0, 1000)
        self.timer_label = QLabel("00:00", objectName="timer_label")
        self.timer_label.setStyleSheet("font-size: 28px;")
        self.record_button = QPushButton(self.tr("Record"), objectName="record_button")
        self.pause_button = QPushButton(self.tr("Pause"), objectName="pause_button")
        self.stop_button = QPushButton(self.tr("Stop"), objectName="stop_button")
        self.marker_button = QPushButton(self.tr("Marker"), objectName="marker_button")
        # Standard icons from the style: a font without the media glyphs shows boxes.
        for button, icon in ((self.record_button, QStyle.SP_DialogYesButton),
                             (self.stop_button, QStyle.SP_MediaStop),
                             (self.marker_button, QStyle.SP_FileDialogInfoView)):
            button.setIcon(self.style().standardIcon(icon))
        self.marker_box = QComboBox(objectName="marker_label")
        self.marker_box.setEditable(True)  # any label; the usual one and the last used are offered
        self.marker_box.setToolTip(self.tr("Marker label"))
        for label in dict.fromkeys(filter(None, [settings.get("marker_label"), self.tr("question restated here")])):
            self.marker_box.addItem(label)
        self.status_label = QLabel(objectName="recorder_status", wordWrap=True)
        self.finish_bar = QProgressBar(objectName="finish_bar")
        self.finish_bar.setRange(0, 1000)
        self.finish_bar.hide()
        self.skip_button = QPushButton(self.tr("Stop the draft here"), objectName="finish_skip")
        self.skip_button.hide()
        self._drafted_until = 0.0  # the end of the last drafted bullet, for the finishing bar
        self._finishing: Recorder | None = None
        self.draft_view = LiveDraft()  # bullets and markers in recording-time order

        form = QFormLayout()
        form.addRow(self.tr("Microphone"), self.device_box)
        form.addRow(self.tr("Meeting title"), self.title_edit)
        form.addRow("", self.live_box)
        buttons = QHBoxLayout()
        for button in (self.record_button, self.pause_button, self.stop_button, self.marker_button):
            buttons.addWidget(button)
        buttons.addWidget(self.marker_box, 1)
        finishing = QHBoxLayout()
        finishing.addWidget(self.finish_bar, 1)
        finishing.addWidget(self.skip_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.meter)
        layout.addWidget(self.timer_label, 0, Qt.AlignHCenter)
        layout.addLayout(buttons)
        layout.addWidget(self.status_label)
        layout.addLayout(finishing)
        self.draft_label = QLabel(self.tr("Live draft"), objectName="draft_label")
        layout.addWidget(self.draft_label)
        layout.addWidget(self.draft_view, 1)

        self._clock = QTimer(self, interval=200)
        self._clock.timeout.connect(self._show_time)
        self.record_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button.clicked.connect(self.stop)
        self.marker_button.clicked.connect(self.add_marker)
        self.skip_button.clicked.connect(self.skip_draft)
        self.refresh_devices()
        self._show_state()

    # -- devices -----------------------------------------------------------------------

    def refresh_devices(self) -> None:
        self.device_box.clear()
        try:
            devices = list_input_devices()
        except TranscriberError as exc:
            self._say(self.tr("Recording is not available: {detail}").format(detail=error_text(exc)))
            return
        if not devices:
            self._say(self.tr("No microphone found."))
        chosen = self.settings.get("input_device")
        for device in devices:
            self.device_box.addItem(self.device_label(device.name, device.host_api), device.name)
            if device.name == chosen or (not chosen and device.is_default):
                self.device_box.setCurrentIndex(self.device_box.count() - 1)

    def device_label(self, name: str, host_api: str) -> str:
        """A device as listed: the system's generic devices by what they are, in the
        interface language; a sound card by its own name."""
        generic = {
            "default": self.tr("System default"),
            "sysdefault": self.tr("System default (sound card setting)"),
            "pulse": "PulseAudio",
            "pipewire": "PipeWire",
        }
        return self.tr("{device} ({host_api})").format(device=generic.get(name, name), host_api=host_api)

    # -- transport ---------------------------------------------------------------------

    def start(self) -> BackgroundTask | None:
        if self.recorder is not None and not self.recorder.done:
            return None
        device = self.device_box.currentData()
        self.settings.set("input_device", device or "")
        live = None
        if self.live_box.isChecked():  # the library glossary's corrections apply to the draft too
            live = LiveOptions(engine=with_glossary(self.settings.engine_options(), self.library))
        self.recorder = Recorder(
            self.library, device, title=self.title_edit.text().strip() or None, live=live,
            on_level=self._bridge.level.emit, on_bullets=self._bridge.bullets.emit,
            on_stopped=lambda _recorder: self._bridge.stopped.emit(),
        )  # fmt: skip
        self.draft_view.clear()
        self._drafted_until = 0.0
        self.record_button.setEnabled(False)
        self._say(self.tr("Loading the speech model (the first time can take a minute)…") if live else "")
        task = BackgroundTask(lambda _ctx: self.recorder.start(), self)
        task.succeeded.connect(self._on_started)
        task.failed.connect(self._on_failed)
        task.start()
        return task

    @Slot(object)
    def _on_started(self, meeting: object) -> None:
        self._say("")
        self._clock.start()
        self._show_state()
        self.recording_started.emit(meeting.id)  # listed in the library at once

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
        label = self.marker_box.currentText().strip()
        try:
            at = self.recorder.add_marker(label)
        except TranscriberError as exc:
            self._say(error_text(exc))
            return
        self.settings.set("marker_label", label)
        self.draft_view.add_marker(at, label)

    def stop(self) -> BackgroundTask | None:
        """Finalise the file and the draft's tail off the GUI thread, then hand the meeting over."""
        recorder = self.recorder
        if recorder is None or recorder.state in (RecorderState.IDLE,):
            return None
        self.stop_button.setEnabled(False)
        self.pause_button.setEnabled(False)
        self.marker_button.setEnabled(False)
        self._clock.stop()
        self._show_time()
        if recorder.live is not None:
            # Saving the file takes milliseconds; the draft's tail takes seconds: say so.
            self._finishing = recorder
            self.finish_bar.show()
            self.skip_button.show()
            self.skip_button.setEnabled(True)
            self._show_finishing()
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

    def skip_draft(self) -> None:
        """Keep the draft as it is now; the rest of the recording can be transcribed later."""
        if self._finishing is not None:
            self._finishing.cancel_draft()
            self.skip_button.setEnabled(False)

    def _show_finishing(self) -> None:
        total = self._finishing.elapsed if self._finishing else 0.0
        done = min(self._drafted_until, total)
        self.finish_bar.setValue(int(1000 * done / total) if total > 0 else 0)
        self._say(self.tr("Finishing: the recording is saved; transcribing its last part ({done} of {total})…").format(done=format_time(done), total=format_time(total)))

    def _finished(self, recorder: Recorder) -> None:
        self._clock.stop()
        self._show_time()
        self._finishing = None
        self.finish_bar.hide()
        self.skip_button.hide()
        if recorder.error:
            self._on_failed(core_sentence(recorder.error))
        else:
            self._say(self.tr("Recording saved to meeting “{title}”.").format(title=recorder.meeting.title))
        self._show_state()
        if recorder.meeting is not None:
            self.recording_saved.emit(recorder.meeting.id)

    # -- display -----------------------------------------------------------------------

    @Slot(object)
    def _on_level(self, level: object) -> None:
        self.meter.setValue(int(1000 * level.rms))

    @Slot(list)
    def _on_bullets(self, bullets: list) -> None:
        self.draft_view.add_bullets(bullets)
        for bullet in bullets:
            self._drafted_until = max(self._drafted_until, bullet.end or 0.0)
        if self._finishing is not None:
            self._show_finishing()

    def _show_time(self) -> None:
        elapsed = self.recorder.elapsed if self.recorder else 0
        self.timer_label.setText(format_time(elapsed))
        # The draft decodes whole stretches of speech after they end, and a slow machine
        # falls further behind: say how far, so a short draft is not taken for lost words.
        if self.recorder is not None and self.recorder.live is not None and elapsed > 0:
            self.draft_label.setText(self.tr("Live draft: up to {drafted}, {behind} behind the recording").format(
                drafted=format_time(min(self._drafted_until, elapsed)),
                behind=format_time(max(0.0, elapsed - self._drafted_until))))
        else:
            self.draft_label.setText(self.tr("Live draft"))

    def _show_state(self) -> None:
        state = self.recorder.state if self.recorder else RecorderState.IDLE
        active = state in (RecorderState.RECORDING, RecorderState.PAUSED)
        self.record_button.setEnabled(not active and self._finishing is None)
        self.pause_button.setEnabled(active)
        paused = state is RecorderState.PAUSED
        self.pause_button.setText(self.tr("Resume") if paused else self.tr("Pause"))
        self.pause_button.setIcon(self.style().standardIcon(QStyle.SP_MediaPlay if paused else QStyle.SP_MediaPause))
        self.stop_button.setEnabled(active)
        self.marker_button.setEnabled(state is RecorderState.RECORDING)
        self.marker_box.setEnabled(active)
        self.device_box.setEnabled(not active)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.last_error = message
        self._say(message)
        self._show_state()
        self.failed.emit(message)

    def _say(self, text: str) -> None:
        self.status_label.setText(text)

    def is_recording(self) -> bool:
        """A recording is running or paused: closing would cut it."""
        return self.recorder is not None and self.recorder.state in (RecorderState.RECORDING,
                                                                     RecorderState.PAUSED)

    def shutdown(self, cancel_draft: bool = False) -> None:
        """Closing the window while recording: stop and keep everything recorded.
        ``cancel_draft``: do not wait for the live draft's tail (the session is ending;
        the rest can be transcribed at the next start)."""
        if self.recorder is not None and not self.recorder.done and self.recorder.state is not RecorderState.IDLE:
            self.recorder.stop(cancel_draft=cancel_draft)
