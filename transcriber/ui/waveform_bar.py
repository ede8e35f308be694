"""The seek bar: the recording's loudness overview, with flagged stretches and markers.

It only draws what it is given (peaks from ``transcriber.library.waveform``, computed off
the GUI thread by the editor view) and forwards clicks as a time to seek to. The
peaks are reduced to one value per pixel column when the width or the peaks
change, so painting a three-hour overview costs the same as a one-minute one.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QHelpEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from transcriber.library.waveform import PEAKS_PER_SECOND
from transcriber.ui.bullet_model import format_time

WAVE_COLOUR = QColor(90, 120, 160)
PLAYED_COLOUR = QColor(40, 70, 120)
GAP_COLOUR = QColor(230, 126, 34, 110)
FLAG_COLOUR = QColor(230, 126, 34)
MARKER_COLOUR = QColor(125, 60, 152)
HEAD_COLOUR = QColor(200, 30, 30)
MARKER_HIT_PIXELS = 4


class WaveformBar(QWidget):
    seek_requested = Signal(float)  # seconds

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("waveform_bar")
        self.setMinimumHeight(44)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.setMouseTracking(True)
        self.setCursor(Qt.PointingHandCursor)
        self._peaks = np.zeros(0, dtype=np.float32)
        self._duration = 0.0
        self._position = 0.0
        self._regions: list[tuple[float, float, bool]] = []  # start, end, is a gap
        self._markers: list[tuple[float, str]] = []
        self._columns: np.ndarray | None = None  # one peak per pixel column, for this width
        self._message = ""  # shown while there is nothing to draw

    # -- what to show ------------------------------------------------------------------

    def clear(self, message: str = "") -> None:
        """Another meeting: nothing of the previous recording stays; ``message`` says why it is empty."""
        self._message = message
        self._peaks = np.zeros(0, dtype=np.float32)
        self._duration, self._position = 0.0, 0.0
        self._regions, self._markers = [], []
        self._columns = None
        self.update()

    def set_message(self, message: str) -> None:
        self._message = message
        self.update()

    def set_duration(self, seconds: float) -> None:
        if seconds > 0 and abs(seconds - self._duration) > 1e-3:
            self._duration = seconds
            self._columns = None
            self.update()

    def set_peaks(self, peaks: np.ndarray) -> None:
        self._peaks = np.asarray(peaks, dtype=np.float32)
        self._columns = None
        self.update()

    def set_regions(self, regions: list[tuple[float, float, bool]]) -> None:
        self._regions = list(regions)
        self.update()

    def set_markers(self, markers: list[tuple[float, str]]) -> None:
        self._markers = sorted(markers)
        self.update()

    def set_position(self, seconds: float) -> None:
        old_x, self._position = self._x(self._position), seconds
        new_x = self._x(seconds)
        if old_x != new_x:  # repaint only the two columns the play head left and entered
            self.update(QRect(min(old_x, new_x) - 1, 0, abs(new_x - old_x) + 3, self.height()))

    @property
    def message(self) -> str:
        return self._message

    @property
    def duration(self) -> float:
        return self._duration or len(self._peaks) / PEAKS_PER_SECOND

    @property
    def peak_count(self) -> int:
        return len(self._peaks)

    # -- geometry ----------------------------------------------------------------------

    def _x(self, seconds: float) -> int:
        duration = self.duration
        return 0 if duration <= 0 else int(seconds / duration * (self.width() - 1))

    def time_at(self, x: float) -> float:
        return max(0.0, min(self.duration, x / max(1, self.width() - 1) * self.duration))

    def _column_peaks(self) -> np.ndarray:
        width = max(1, self.width())
        if self._columns is not None and len(self._columns) == width:
            return self._columns
        columns = np.zeros(width, dtype=np.float32)
        count = len(self._peaks)
        duration = self.duration
        if count and duration > 0:
            # Where each column starts in the peaks; the overview may still be growing.
            seconds = np.arange(width) / width * duration
            starts = np.minimum((seconds * PEAKS_PER_SECOND).astype(np.int64), count)
            inside = starts < count
            if inside.any():
                reduced = np.maximum.reduceat(self._peaks, starts[inside])
                columns[: len(reduced)] = reduced
        self._columns = columns
        return columns

    # -- painting and mouse ------------------------------------------------------------

    def resizeEvent(self, event: object) -> None:
        self._columns = None
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = self.rect()
        painter.fillRect(event.rect(), self.palette().base())
        duration = self.duration
        if duration <= 0:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(rect, Qt.AlignCenter, self._message)
            return
        scale = rect.width() / duration
        for start, end, gap in self._regions:
            left = int(start * scale)
            width = max(2, int((end - start) * scale))
            if gap:
                painter.fillRect(QRect(left, 0, width, rect.height()), GAP_COLOUR)
            painter.fillRect(QRect(left, 0, width, 4), FLAG_COLOUR)
        columns = self._column_peaks()
        middle = rect.height() / 2
        head = self._x(self._position)
        first, last = max(0, event.rect().left()), min(len(columns) - 1, event.rect().right())
        top = columns.max() if len(columns) else 0.0
        gain = (middle - 4) / top if top > 0 else 0.0
        for x in range(first, last + 1):
            half = max(0.5, float(columns[x]) * gain)
            painter.fillRect(QRectF(x, middle - half, 1, 2 * half), PLAYED_COLOUR if x <= head else WAVE_COLOUR)
        painter.setPen(MARKER_COLOUR)
        for at, _label in self._markers:
            x = int(at * scale)
            painter.drawLine(x, 0, x, rect.height())
            painter.fillRect(QRect(x - 3, 0, 7, 5), MARKER_COLOUR)
        painter.setPen(HEAD_COLOUR)
        painter.drawLine(head, 0, head, rect.height())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.LeftButton and self.duration > 0:
            self.seek_requested.emit(self.time_at(event.position().x()))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.LeftButton and self.duration > 0:
            self.seek_requested.emit(self.time_at(event.position().x()))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.ToolTip and self.duration > 0:
            help_event: QHelpEvent = event
            QToolTip.showText(help_event.globalPos(), self.tip_at(help_event.pos().x()), self)
            return True
        return super().event(event)

    def tip_at(self, x: int) -> str:
        """Hover text: the time under the mouse, and the marker there if there is one."""
        seconds = self.time_at(x)
        lines = [self.tr("{time} — click to play from here").format(time=format_time(seconds))]
        for at, label in self._markers:
            if abs(self._x(at) - x) <= MARKER_HIT_PIXELS:
                lines.append(self.tr("Marker: {label}").format(label=label or self.tr("marker")))
        return "\n".join(lines)
