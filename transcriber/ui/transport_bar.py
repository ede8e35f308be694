"""Play/pause, back 3 s, position and speed of the recording under the editor.

Icons come from the platform style (QStyle), not from text glyphs that a font may
lack. Without a playable recording the buttons are disabled and say why on hover,
and no time from a previous meeting stays on screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStyle, QWidget

from transcriber.ui.bullet_model import format_time
from transcriber.ui.playback import Player


class TransportBar(QWidget):
    def __init__(self, player: Player, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.player = player
        style = self.style()
        self._play_icon = style.standardIcon(QStyle.SP_MediaPlay)
        self._pause_icon = style.standardIcon(QStyle.SP_MediaPause)
        # No focus: clicking a button must leave the text cursor in the bullet.
        self.back_button = QPushButton(style.standardIcon(QStyle.SP_MediaSeekBackward), self.tr("3 s"),
                                       objectName="back_button", focusPolicy=Qt.NoFocus)
        self.play_button = QPushButton(self._play_icon, "", objectName="play_button", focusPolicy=Qt.NoFocus)
        self.play_button.setAccessibleName(self.tr("Play or pause"))
        self.slower_button = QPushButton("−", objectName="slower_button", focusPolicy=Qt.NoFocus)
        self.faster_button = QPushButton("+", objectName="faster_button", focusPolicy=Qt.NoFocus)
        self.slower_button.setToolTip(self.tr("Slower"))
        self.faster_button.setToolTip(self.tr("Faster"))
        self.position_label = QLabel(self.tr("--:-- / --:--"), objectName="position_label")
        self.speed_label = QLabel(self.tr("Speed {speed:.2f}×").format(speed=1.0), objectName="speed_label")

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
        player.playing_changed.connect(
            lambda playing: self.play_button.setIcon(self._pause_icon if playing else self._play_icon))
        player.position_changed.connect(self._show_position)
        player.loaded.connect(lambda _duration: self._show_position(player.position))
        player.speed_changed.connect(lambda speed: self.speed_label.setText(self.tr("Speed {speed:.2f}×").format(speed=speed)))
        player.availability_changed.connect(self._show_availability)
        self._show_availability(False, "")

    def _show_availability(self, available: bool, reason: str) -> None:
        for button in (self.play_button, self.back_button):
            button.setEnabled(available)
        self.play_button.setToolTip(self.tr("Play or pause") if available else reason)
        if not available:
            self.position_label.setText(self.tr("--:-- / --:--"))

    def _show_position(self, seconds: float) -> None:
        if not self.player.is_loaded:
            self.position_label.setText(self.tr("--:-- / --:--"))
            return
        self.position_label.setText(f"{format_time(seconds)} / {format_time(self.player.duration)}")
