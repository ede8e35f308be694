"""A Download button with its progress bar and one line of outcome, for a hub model.

Used by Settings (the chosen model) and the first-run setup (the model recommended
for this machine). The download is ``transcriber.asr.models.download_hub_model`` on a
background task: resumable and verified, the same as ``transcriber models install``.
Offline, the app keeps the embedded model and says so in one sentence.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from transcriber.asr.models import EMBEDDED_MODEL
from transcriber.ui.tasks import BackgroundTask


class ModelDownload(QWidget):
    downloaded = Signal(str)  # the model name, installed and verified
    offline = Signal(str)  # the model name that could not be fetched: the embedded one stays

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.task: BackgroundTask | None = None
        self.button = QPushButton(self.tr("Download"), objectName="download_button")
        self.bar = QProgressBar(objectName="download_bar")
        self.bar.hide()
        self.label = QLabel(objectName="download_label", wordWrap=True)
        # The button is placed by the dialog (beside what it downloads); bar and line stay here.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.label)

    def start(self, name: str) -> BackgroundTask:
        from transcriber.asr import models

        def work(context: object) -> object:
            try:
                return models.download_hub_model(name, progress=context.progress,
                                                 should_stop=lambda: context.cancelled)
            except models.OfflineError:
                return None  # not a failure of the app: the embedded model is used meanwhile

        self.task = BackgroundTask(work, self)
        self.task.progress.connect(self._on_progress)
        self.task.succeeded.connect(lambda folder: self._on_done(name, folder))
        self.task.failed.connect(self._on_failed)
        self.button.setEnabled(False)
        self.bar.setRange(0, 0)  # busy until the size is known
        self.bar.show()
        self.label.setText(self.tr("Downloading {name}…").format(name=name))
        self.task.start()
        return self.task

    @Slot(float, float)
    def _on_progress(self, done: float, total: float) -> None:
        if total > 0:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(1000 * done / total))

    def _on_done(self, name: str, folder: object) -> None:
        self.bar.hide()
        self.button.setEnabled(True)
        if folder is None:
            self.label.setText(self.tr(
                "This computer cannot reach the model hub, so the app keeps using the embedded "
                "{embedded} model; download {name} later from Settings (what arrived is kept)."
            ).format(embedded=EMBEDDED_MODEL, name=name))
            self.offline.emit(name)
            return
        self.label.setText(self.tr("{name} is ready.").format(name=name))
        self.downloaded.emit(name)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.bar.hide()
        self.button.setEnabled(True)
        self.label.setText(message)  # already in the interface's language (tasks.py)

    def recommendation_text(self, recommendation: object) -> str:
        """Why ``recommendation`` (from ``transcriber.asr.recommend``) suits this machine."""
        text = (self.tr("This machine has an NVIDIA GPU: {model} is much more accurate than base and still fast here.")
                if recommendation.reason == "cuda"
                else self.tr("This machine has {ram} GB of memory and {cores} cores: {model} is more accurate than base and fast enough here."))
        return text.format(model=recommendation.model, ram=recommendation.ram_gib, cores=recommendation.cores)
