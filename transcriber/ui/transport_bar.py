"""Play/pause, back 3 s, position and speed of the recording under the editor."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from transcriber.ui.bullet_model import format_time
from transcriber.ui.playback import Player
from transcriber.ui.strings import tr


class TransportBar(QWidget):
    def __init__(self, player: Player, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.player = player
        # No focus: clicking a button must leave the text cursor in the bullet.
        self.back_button = QPushButton("⟲ 3 s", objectName="back_button", focusPolicy=Qt.NoFocus)
        self.play_button = QPushButton("▶", objectName="play_button", focusPolicy=Qt.NoFocus)
        self.slower_button = QPushButton("−", objectName="slower_button", focusPolicy=Qt.NoFocus)
        self.faster_button = QPushButton("+", objectName="faster_button", focusPolicy=Qt.NoFocus)
        self.position_label = QLabel("00:00 / 00:00", objectName="position_label")
        self.speed_label = QLabel(tr("playback.speed", speed=1.0), objectName="speed_label")

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.back_button, self.play_button, self.position_label):
            layout.addWidget(widget)
        layout.addStretch(1)
        for widget in (self.slower_button, self.speed_label, self.faster_button):
            layout.addWidget(widget)

        self.back_button.clicked.connect(lambda: player.back())
        self.play_button.clicked.connect(player.toggle)
        self.slower_button.clicked.connect(player.slower)
        self.faster_button.clicked.connect(player.faster)
        player.playing_changed.connect(lambda playing: self.play_button.setText("⏸" if playing else "▶"))
        player.position_changed.connect(self._show_position)
        player.loaded.connect(lambda _duration: self._show_position(player.position))
        player.speed_changed.connect(lambda speed: self.speed_label.setText(tr("playback.speed", speed=speed)))

    def _show_position(self, seconds: float) -> None:
        self.position_label.setText(f"{format_time(seconds)} / {format_time(self.player.duration)}")
