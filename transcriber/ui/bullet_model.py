"""The meeting's bullets as a Qt list model, for a QListView that stays fast at 3,000 rows.

The model holds plain ``Bullet`` objects read from the editing core and never
decides anything. After an edit the view hands it the core's new list; the model
works out which rows were inserted, removed or changed (difflib over bullet ids)
so Qt keeps the scroll position, the selection and the open text editor.
"""

from __future__ import annotations

import difflib
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from transcriber.library.word_spans import word_spans
from transcriber.model import Bullet, BulletKind, Speaker
from transcriber.ui.flag_reasons import flag_reason_text
from transcriber.ui.text_spans import is_gap, marker_label


class Role(IntEnum):
    BULLET = Qt.UserRole + 1
    SPEAKER = Qt.UserRole + 2
    TIME = Qt.UserRole + 3
    PLAYING = Qt.UserRole + 4
    BULLET_ID = Qt.UserRole + 5
    PLAYING_WORD = Qt.UserRole + 6  # (start, end) in the text of the word being heard, or None


def format_time(seconds: float | None) -> str:
    if seconds is None:
        return ""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class BulletModel(QAbstractListModel):
    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)
        self._bullets: list[Bullet] = []
        self._speakers: dict[int, Speaker] = {}
        self._playing_row = -1
        self._playing_word: tuple[int, int] | None = None
        self._word_spans: dict[int, tuple[str, list]] = {}  # bullet id -> (text, spans)

    # -- reading -----------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._bullets)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._bullets):
            return None
        bullet = self._bullets[index.row()]
        if role in (Qt.DisplayRole, Qt.EditRole):
            return bullet.text
        if role == Role.BULLET:
            return bullet
        if role == Role.BULLET_ID:
            return bullet.id
        if role == Role.SPEAKER:
            return self.speaker_label(bullet)
        if role == Role.TIME:
            return format_time(bullet.start)
        if role == Role.PLAYING:
            return index.row() == self._playing_row
        if role == Role.PLAYING_WORD:
            return self._playing_word if index.row() == self._playing_row else None
        if role == Qt.ToolTipRole:
            return self._tooltip(bullet)
        return None

    def speaker_label(self, bullet: Bullet) -> str:
        """Who the bullet will be published under, always shown: a bullet without a
        speaker of its own goes out under the default speaker, so it says so; with no
        default speaker either, it says that no one is named. Notes and other-side
        turns have no speaker ("")."""
        speaker = self._speakers.get(bullet.speaker_id) if bullet.speaker_id else None
        if speaker is not None:
            return speaker.name
        if bullet.kind == BulletKind.QUESTION:
            return self.tr("Question")
        if bullet.kind != BulletKind.SPEECH:
            return ""
        default = next((s for s in self._speakers.values() if s.is_default), None)
        return self.tr("{name} (default)").format(name=default.name) if default else self.tr("No speaker")

    @staticmethod
    def _tooltip(bullet: Bullet) -> str | None:
        lines = []
        label = marker_label(bullet)
        if label is not None:
            lines.append(QCoreApplication.translate("BulletModel", "Marker: {label}").format(label=label))
        if bullet.flagged:
            lines.append(QCoreApplication.translate("BulletModel", "Flagged: {reason}").format(reason=flag_reason(bullet)))
        if is_gap(bullet):
            lines.append(QCoreApplication.translate("BulletModel", "Nothing was recognised here: listen and type what was said."))
        return "\n".join(lines) or None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlags:
        if not index.isValid():
            return Qt.NoItemFlags
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsEditable

    def bullet(self, row: int) -> Bullet | None:
        return self._bullets[row] if 0 <= row < len(self._bullets) else None

    def bullets(self) -> list[Bullet]:
        return list(self._bullets)

    def row_of(self, bullet_id: int | None) -> int:
        for row, bullet in enumerate(self._bullets):
            if bullet.id == bullet_id:
                return row
        return -1

    def word_spans(self, row: int) -> list[tuple[int, int] | None]:
        """Where each of the row's decoded words sits in its current text (cached per text)."""
        bullet = self.bullet(row)
        if bullet is None or not bullet.words:
            return []
        cached = self._word_spans.get(bullet.id)
        if cached is None or cached[0] != bullet.text:
            cached = (bullet.text, word_spans(bullet.text, bullet.words))
            self._word_spans[bullet.id] = cached
        return cached[1]

    def row_at_time(self, seconds: float) -> int:
        """The last bullet that starts at or before ``seconds`` (what is being heard)."""
        found = -1
        for row, bullet in enumerate(self._bullets):
            if bullet.start is None:
                continue
            if bullet.start > seconds:
                break
            found = row
        return found

    # -- updating ----------------------------------------------------------------------

    def set_contents(self, bullets: list[Bullet], speakers: list[Speaker], reset: bool = False) -> None:
        """Replace the contents with the core's current list, touching only what changed.

        ``reset``: another meeting; nothing of the previous one (the playing row) may stay.
        """
        speakers_changed = {s.id: s for s in speakers} != self._speakers
        self._speakers = {s.id: s for s in speakers}
        old_ids = [b.id for b in self._bullets]
        new_ids = [b.id for b in bullets]
        if reset or not self._bullets or not bullets:
            self.beginResetModel()
            self._bullets = list(bullets)
            self._playing_row, self._playing_word = -1, None
            self._word_spans.clear()
            self.endResetModel()
            return
        matcher = difflib.SequenceMatcher(a=old_ids, b=new_ids, autojunk=False)
        # Apply from the end so earlier row numbers stay valid while we go.
        for tag, a0, a1, b0, b1 in reversed(matcher.get_opcodes()):
            if tag == "equal":
                continue
            if a1 > a0:
                self.beginRemoveRows(QModelIndex(), a0, a1 - 1)
                del self._bullets[a0:a1]
                self.endRemoveRows()
            if b1 > b0:
                self.beginInsertRows(QModelIndex(), a0, a0 + (b1 - b0) - 1)
                self._bullets[a0:a0] = bullets[b0:b1]
                self.endInsertRows()
        # Same ids in the same order now; refresh the rows whose content differs.
        for row, bullet in enumerate(bullets):
            if self._bullets[row] != bullet:
                self._bullets[row] = bullet
                index = self.index(row)
                self.dataChanged.emit(index, index)
        if speakers_changed:  # a rename shows on every row of that speaker
            self.dataChanged.emit(self.index(0), self.index(len(bullets) - 1))

    def speakers(self) -> list[Speaker]:
        return list(self._speakers.values())

    def append(self, bullet: Bullet) -> None:
        """A bullet added at the end (a segment streaming in from a transcription)."""
        if self.row_of(bullet.id) >= 0:
            return
        row = len(self._bullets)
        self.beginInsertRows(QModelIndex(), row, row)
        self._bullets.append(bullet)
        self.endInsertRows()

    def set_text_locally(self, row: int, text: str, saved: Bullet | None = None) -> None:
        """Mirror a keystroke the core has already saved, without re-reading the meeting;
        ``saved`` (the bullet as stored) also brings a flag the typing changed (a filled gap)."""
        bullet = self._bullets[row]
        flag = (saved.flagged, saved.flag_reason) if saved is not None else (bullet.flagged, bullet.flag_reason)
        if bullet.text != text or (bullet.flagged, bullet.flag_reason) != flag:
            bullet.text = text
            bullet.flagged, bullet.flag_reason = flag
            index = self.index(row)
            self.dataChanged.emit(index, index, [Qt.DisplayRole, Qt.ToolTipRole])

    def set_playing_row(self, row: int, word: tuple[int, int] | None = None) -> None:
        """Highlight the row being heard (-1: none) and, within it, the word being heard."""
        if row == self._playing_row and word == self._playing_word:
            return
        previous, self._playing_row, self._playing_word = self._playing_row, row, word
        for changed in {previous, row}:
            if 0 <= changed < len(self._bullets):
                index = self.index(changed)
                self.dataChanged.emit(index, index, [Role.PLAYING, Role.PLAYING_WORD])

    @property
    def playing_word(self) -> tuple[int, int] | None:
        return self._playing_word

    @property
    def playing_row(self) -> int:
        return self._playing_row


def flag_reason(bullet: Bullet) -> str:
    """Why a bullet is flagged, in words: a flag the editor set by hand has no reason stored."""
    if bullet.flag_reason:
        return flag_reason_text(bullet.flag_reason)
    return QCoreApplication.translate("bullet_model", "marked for checking by the editor")
