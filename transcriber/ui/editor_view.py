"""One meeting open for correction: header, bullets, speakers, playback, shortcuts.

Every action is one call into ``transcriber.library.editing.MeetingEditor``, which saves
to the library at once and keeps the persistent undo history; this view only
re-reads the result and moves the cursor. Keystrokes go to ``set_text`` as they
are typed, so killing the app loses nothing already on screen.

Opening another meeting resets everything that belonged to the previous one
(playback, the playing highlight, the find bar, the status line, the waveform),
and a meeting without a playable recording says so instead of playing silence.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QInputDialog, QLabel, QSizePolicy, QSplitter, QVBoxLayout, QWidget

from transcriber.archive.profile import ArchiveProfile, publishing_profile
from transcriber.errors import TranscriberError
from transcriber.library.editing import MeetingEditor
from transcriber.library.store import Library
from transcriber.model import Bullet, BulletKind
from transcriber.ui import shortcuts
from transcriber.ui.bullet_list import BulletList
from transcriber.ui.bullet_model import flag_reason
from transcriber.ui.error_text import error_text
from transcriber.ui.find_bar import FindBar
from transcriber.ui.glossary_bar import GlossaryBar
from transcriber.ui.meeting_header import MeetingHeader
from transcriber.ui.overview_loader import OverviewLoader
from transcriber.ui.playback import Player
from transcriber.ui.shortcuts_overlay import ShortcutsOverlay
from transcriber.ui.speaker_panel import SpeakerPanel
from transcriber.ui.text_spans import is_gap, marker_label
from transcriber.ui.transport_bar import TransportBar
from transcriber.ui.waveform_bar import WaveformBar

# Beyond this many touched bullets (a big replace-all) one full re-read is quicker.
FULL_REFRESH_OVER = 200


class EditorView(QWidget):
    message = Signal(str)  # for the status bar
    meeting_changed = Signal(int)  # header or content changed: the library list may differ
    text_typed = Signal(int)  # meeting id: a keystroke was saved (the status may now differ)

    def __init__(self, library: Library, parent: QWidget | None = None, use_audio_device: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("editor_view")
        self.library = library
        self.editor: MeetingEditor | None = None
        # The archive meetings are published to (the window's settings): its licence is
        # what a meeting nobody chose one for will have, which the header shows.
        self.archive_path: Callable[[], str] = lambda: ""
        self._archive_licences: dict[str, str] = {}  # archive path -> its licence
        self.player = Player(self, use_device=use_audio_device)
        self.header = MeetingHeader()
        self.find_bar = FindBar()
        self.find_bar.hide()
        self.glossary_bar = GlossaryBar(library)
        self.bullet_list = BulletList()
        self.speaker_panel = SpeakerPanel()
        self.transport = TransportBar(self.player)
        self.waveform = WaveformBar()
        self.overview = OverviewLoader(self)
        # A flag reason can be a long sentence: it wraps under the transport bar instead
        # of widening the window (the policy keeps even one long word from doing so).
        self.status_label = QLabel(objectName="editor_status", wordWrap=True)
        self.status_label.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.overlay = ShortcutsOverlay(self)

        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(self.bullet_list)
        splitter.addWidget(self.speaker_panel)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.glossary_bar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.waveform)
        layout.addWidget(self.transport)
        layout.addWidget(self.status_label)

        self.actions = shortcuts.install(self, self)
        self.bullet_list.delegate.text_edited.connect(self._on_text_edited)
        self.bullet_list.play_requested.connect(self._play_row)
        self.bullet_list.play_at_requested.connect(self._play)
        self.bullet_list.current_bullet_changed.connect(self._follow_speaker)
        self.waveform.seek_requested.connect(self._seek)
        self.player.position_changed.connect(self.waveform.set_position)
        self.player.loaded.connect(self.waveform.set_duration)
        self.overview.peaks.connect(self.waveform.set_peaks)
        self.overview.failed.connect(self.waveform.set_message)
        self.bullet_list.join_requested.connect(self._join)
        self.player.position_changed.connect(self._on_position)
        self.player.message.connect(self._say)
        self.header.changed.connect(self._on_header_changed)
        self.speaker_panel.assign_requested.connect(self.assign_speaker)
        self.speaker_panel.rename_requested.connect(
            lambda old, new: self._edit(lambda e: e.rename_speaker(old, new)))
        self.speaker_panel.default_requested.connect(
            lambda name: self._edit(lambda e: e.default_speaker(name)))
        self.find_bar.find_next.connect(self.find_next)
        self.find_bar.replace_all.connect(self.replace_all)
        self.glossary_bar.message.connect(self._say)
        self.find_bar.closed.connect(lambda: self.bullet_list.go_to_row(self.bullet_list.currentIndex().row()))
        self.setEnabled(False)

    # -- opening -----------------------------------------------------------------------

    def open_meeting(self, meeting_id: int) -> None:
        self.player.stop()
        self._forget_meeting()
        self.editor = MeetingEditor(self.library, meeting_id)
        self.setEnabled(True)
        self.refresh(reset=True)
        recordings = self.library.recordings(meeting_id)
        if recordings:
            self.player.load(recordings[0].path)
            self.waveform.set_message(self.tr("Reading the recording’s overview…"))
            self.waveform.set_duration(recordings[0].duration)
            self.overview.load(recordings[0].path, self.library.path / "waveforms")
        else:
            # Never the previous meeting's audio, and never a Play that plays silence.
            self.player.unload(self.tr("This meeting has no recording to play."))
            self.waveform.set_message(self.tr("This meeting has no recording to play."))
        if self.bullet_list.bullet_model.rowCount():
            self.bullet_list.go_to_row(0, cursor=0)
        else:
            self._say(self._empty_hint(recordings))

    def _empty_hint(self, recordings: list) -> str:
        """Why a meeting shows no text, and what brings it: never a blank page without a word
        (after a full disk stopped a recording, for example)."""
        from transcriber.model import RecordingState

        if any(r.state == RecordingState.RECORDING for r in recordings):
            return self.tr("No text yet. Its recording was cut off; it is made whole the next time the app starts, then Meeting → Transcribe the recording writes the text.")
        if recordings:
            return self.tr("No text yet: Meeting → Transcribe the recording writes it from the audio, which is kept.")
        return self.tr("This meeting has no text and no recording.")

    def close_meeting(self) -> None:
        """Show no meeting (the one shown went to the trash)."""
        self.player.stop()
        self._forget_meeting()
        self.editor = None
        self.bullet_list.bullet_model.set_contents([], [], reset=True)
        self.speaker_panel.show_speakers([], "")
        self.player.unload("")
        self.setEnabled(False)

    def _forget_meeting(self) -> None:
        """Nothing shown for the previous meeting may stay on screen."""
        if self.find_bar.isVisible():
            self.find_bar.close_bar()
        self.find_bar.query_edit.clear()
        self.find_bar.replacement_edit.clear()
        self.overlay.hide()
        self.glossary_bar.withdraw()
        self._say("")
        self.overview.cancel()
        self.waveform.clear()

    # -- the waveform --------------------------------------------------------------------

    def _show_on_waveform(self) -> None:
        """Flagged stretches (gaps stronger) and markers, from the bullets on screen."""
        regions, markers = [], []
        for bullet in self.bullet_list.bullet_model.bullets():
            if bullet.start is None:
                continue
            if bullet.flagged:
                regions.append((bullet.start, bullet.end if bullet.end is not None else bullet.start,
                                is_gap(bullet)))
            label = marker_label(bullet)
            if label is not None:
                markers.append((bullet.start, label))
        for recording in self.library.recordings(self.editor.meeting_id):
            seen = {round(at, 1) for at, _label in markers}
            markers += [(m["at"], m["label"]) for m in self.library.markers(recording.id)
                        if round(m["at"], 1) not in seen]
        self.waveform.set_regions(regions)
        self.waveform.set_markers(markers)

    @Slot(float)
    def _on_position(self, seconds: float) -> None:
        """The play head's bullet and word are marked; without a recording there is no play head."""
        if self.player.is_loaded:
            self.bullet_list.follow_playback(seconds)
        else:
            self.bullet_list.stop_following()

    def _seek(self, seconds: float) -> None:
        if self.player.unavailable_reason:
            self._say(self.player.unavailable_reason)
            return
        self.player.seek(seconds)
        self.bullet_list.follow_playback(seconds)

    @property
    def meeting_id(self) -> int | None:
        return self.editor.meeting_id if self.editor else None

    def refresh(self, reset: bool = False) -> None:
        """Re-read the meeting from the library; only rows that changed are repainted.

        ``reset``: a different meeting than the one shown, so no row state carries over.
        """
        if self.editor is None:
            return
        self._show_header()
        speakers = self.editor.speakers()
        self.bullet_list.bullet_model.set_contents(self.editor.bullets(), speakers, reset=reset)
        self.speaker_panel.show_speakers(speakers, self.editor.question_speaker_name())
        self._follow_speaker()
        self._show_on_waveform()

    def _sync(self, result: object) -> None:
        """After an edit, re-read only the bullets it touched.

        Reading every row back is what makes a full ``refresh`` slow on a
        three-hour meeting (about 100 ms for 3,000 bullets); the core's
        ``EditResult`` says which ids changed, appeared or went away.
        """
        if result is None or len(result.changed_ids) + len(result.added_ids) > FULL_REFRESH_OVER:
            self.refresh()
            return
        model = self.bullet_list.bullet_model
        known = {b.id: b for b in model.bullets()}
        order = self._bullet_order() if result.order_changed else list(known)
        touched = {*result.changed_ids, *result.added_ids} | (set(order) - set(known))
        for bullet_id in touched & set(order):
            known[bullet_id] = self.editor.bullet(bullet_id)
        speakers = self.editor.speakers() if result.speakers_changed else model.speakers()
        model.set_contents([known[i] for i in order], speakers)
        if result.speakers_changed:
            self.speaker_panel.show_speakers(speakers, self.editor.question_speaker_name())
        if result.meeting_changed:
            self._show_header()
        self._follow_speaker()
        self._show_on_waveform()

    def _show_header(self) -> None:
        meeting = self.library.meeting(self.editor.meeting_id)
        self.header.show_meeting(meeting, "" if meeting.licence else self._archive_licence())

    def _archive_licence(self) -> str:
        """The licence publishing to the archive gives a meeting nobody chose one for (read
        once per archive: the profile reads its README and recent files)."""
        path = self.archive_path()
        if path not in self._archive_licences:
            try:
                profile = publishing_profile(path) or ArchiveProfile()
                self._archive_licences[path] = profile.licence.value
            except (TranscriberError, OSError):
                self._archive_licences[path] = ""  # unreadable now: publishing will say why
        return self._archive_licences[path]

    def _bullet_order(self) -> list[int]:
        # Ids only: cheap even for thousands of bullets.
        rows = self.library.db.execute(
            "SELECT id FROM bullets WHERE meeting_id = ? ORDER BY position, id", [self.editor.meeting_id])
        return [row[0] for row in rows]

    @Slot(object)
    def bullet_arrived(self, bullet: Bullet) -> None:
        """A segment decoded by a running transcription of this meeting (always at the end)."""
        if self.editor is not None and bullet.meeting_id == self.editor.meeting_id:
            model = self.bullet_list.bullet_model
            model.append(bullet)
            if model.rowCount() == 1:
                self.bullet_list.go_to_row(0, cursor=0, focus=False)

    def shutdown(self) -> None:
        self.overview.shutdown()
        self.glossary_bar.shutdown()
        self.player.shutdown()

    # -- plumbing ----------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.status_label.setText(text)
        self.message.emit(text)

    def _edit(self, change: Callable[[MeetingEditor], object], go_to: int | None = None,
              cursor: int | None = None) -> object:
        """Run one editing-core call; a refused edit is a message, not a crash."""
        if self.editor is None:
            return None
        try:
            result = change(self.editor)
        except TranscriberError as exc:
            self._say(error_text(exc))
            return None
        self._sync(self.editor.last_result)
        if go_to is not None:
            self.bullet_list.go_to_bullet(go_to, cursor)
        if self.editor.last_result is None or self.editor.last_result.meeting_changed:
            self.meeting_changed.emit(self.editor.meeting_id)  # title or date: the list shows them
        return result

    def _current(self) -> int | None:
        return self.bullet_list.current_bullet_id()

    def _follow_speaker(self, _bullet_id: int | None = None) -> None:
        """The speaker list shows who speaks in the current bullet."""
        bullet = self.bullet_list.bullet_model.bullet(self.bullet_list.currentIndex().row())
        speakers = {s.id: s.name for s in self.bullet_list.bullet_model.speakers()}
        self.speaker_panel.select(speakers.get(bullet.speaker_id) if bullet is not None else None)

    @Slot(int, str)
    def _on_text_edited(self, bullet_id: int, text: str) -> None:
        try:
            saved = self.editor.set_text(bullet_id, text)
        except TranscriberError as exc:
            self._say(error_text(exc))
            return
        row = self.bullet_list.bullet_model.row_of(bullet_id)
        if row >= 0:
            self.bullet_list.bullet_model.set_text_locally(row, text, saved)
        self.glossary_bar.check_soon(self.editor.meeting_id)  # corrections are looked at once typing pauses
        self.text_typed.emit(self.editor.meeting_id)

    def _on_header_changed(self, fields: dict) -> None:
        self._edit(lambda e: e.update_meeting_header(**fields))

    def _play_row(self, row: int) -> None:
        bullet = self.bullet_list.bullet_model.bullet(row)
        if bullet is not None and bullet.start is not None:
            self._play(bullet.start)

    def _play(self, start: float | None = None) -> None:
        if self.editor is None or not self.library.recordings(self.editor.meeting_id):
            self._say(self.tr("This meeting has no recording to play."))
            return
        if self.player.unavailable_reason:
            self._say(self.player.unavailable_reason)
            return
        self.player.play(start)

    # -- shortcut actions (names from shortcuts.SHORTCUTS) ---------------------------

    def play_pause(self) -> None:
        if self.overlay.isVisible():
            self.overlay.hide()
        elif self.player.playing:
            self.player.pause()
        else:
            self._play()

    def pause(self) -> None:
        """Esc: close the help, or pause; with nothing playing it does nothing."""
        if self.overlay.isVisible():
            self.overlay.hide()
        elif self.player.playing:
            self.player.pause()

    def play_word(self) -> None:
        """Play from the word at the text cursor (the keyboard twin of Ctrl+click)."""
        row = self.bullet_list.currentIndex().row()
        seconds = self.bullet_list.word_time(row, self.bullet_list.cursor_offset())
        if seconds is None:
            bullet = self.bullet_list.bullet_model.bullet(row)
            if bullet is None or bullet.start is None:
                return
            self._say(self.tr("This bullet has no word timings; playing from its start."))
            seconds = bullet.start
        self._play(seconds)

    def back(self) -> None:
        self.player.back()

    def slower(self) -> None:
        self.player.slower()

    def faster(self) -> None:
        self.player.faster()

    def next_flagged(self) -> None:
        if self.editor is None:
            return
        bullet = self.editor.next_flagged(self._current())
        if bullet is None:
            self._say(self.tr("No more flagged bullets."))
            return
        self.bullet_list.go_to_bullet(bullet.id, 0)
        self._say(self.tr("Flagged: {reason}").format(reason=flag_reason(bullet)))

    def split(self) -> None:
        current, offset = self._current(), self.bullet_list.cursor_offset()
        if current is not None:
            halves = self._edit(lambda e: e.split(current, offset))
            if halves:
                self.bullet_list.go_to_bullet(halves[1].id, 0)

    def merge(self) -> None:
        self._join(1)

    def _join(self, direction: int) -> None:
        """Backspace at the start of a bullet joins the one before; Delete at the end, the next."""
        row = self.bullet_list.currentIndex().row() + (direction if direction < 0 else 0)
        first = self.bullet_list.bullet_model.bullet(row)
        if first is not None:
            join_at = len(first.text)
            self._edit(lambda e: e.merge_with_next(first.id), go_to=first.id, cursor=join_at)

    def assign_speaker(self, name: str) -> None:
        ids = self.bullet_list.selected_bullet_ids()
        if ids:
            if self._edit(lambda e: e.set_speaker(ids, name) or True, go_to=ids[0]):
                self._say(self.tr("Given to {name}.").format(name=name))

    def speaker_by_number(self, number: int) -> None:
        """Alt+1…9: the speaker with that number in the list, in one step."""
        people = self.speaker_panel.people()
        if not 1 <= number <= len(people):
            self._say(self.tr("There is no speaker {number} in the list yet.").format(number=number))
            return
        self.assign_speaker(people[number - 1])

    def question(self) -> None:
        if self.editor is not None:
            self.assign_speaker(self.editor.question_speaker_name())

    def default_speaker(self) -> None:
        if self.editor is None:
            return
        default = next((s for s in self.editor.speakers() if s.is_default), None)
        if default is None:
            self._say(self.tr("This meeting has no default speaker yet: choose one in the speaker list and press “Make default speaker”."))
            self.speaker_panel.speaker_list.setFocus()
            return
        self.assign_speaker(default.name)

    def other_side(self) -> None:
        self._insert(BulletKind.OTHER_SIDE)

    def note(self) -> None:
        self._insert(BulletKind.NARRATIVE)

    def _insert(self, kind: BulletKind) -> None:
        bullet = self._edit(lambda e: e.insert_bullet(self._current(), kind))
        if bullet is not None:
            self.bullet_list.go_to_bullet(bullet.id, -1)

    def redact(self) -> None:
        current, span = self._current(), self.bullet_list.selected_span()
        if current is None or span is None:
            self._say(self.tr("Select the text to redact first."))
            return
        reason, ok = QInputDialog.getText(self, self.tr("Redact the selected text"), self.tr("Why is this redacted? (kept private)"))
        self.window().activateWindow()  # back to typing, even where the platform forgets to
        if ok:
            self._edit(lambda e: e.redact(current, span[0], span[1], reason), go_to=current)

    def flag(self) -> None:
        current = self._current()
        if current is not None:
            flagged = self.editor.bullet(current).flagged
            self._edit(lambda e: e.set_flag(current, not flagged), go_to=current)
            self._say(self.tr("No longer flagged.") if flagged else self.tr("Flagged for checking."))

    def undo(self) -> None:
        self._step(lambda e: e.undo())

    def redo(self) -> None:
        self._step(lambda e: e.redo())

    def _step(self, step: Callable[[MeetingEditor], object]) -> None:
        keep = self._current(), self.bullet_list.cursor_offset()
        result = self._edit(step)
        if result is None:
            return
        # Go where the change is, so the user sees what was undone.
        touched = [*result.changed_ids, *result.added_ids]
        if touched:
            self.bullet_list.go_to_bullet(touched[0], keep[1] if touched[0] == keep[0] else -1)
        elif keep[0] is not None:
            self.bullet_list.go_to_bullet(keep[0], keep[1])

    def find(self) -> None:
        span = self.bullet_list.selected_span()
        editor = self.bullet_list.text_edit()
        selected = editor.textCursor().selectedText() if editor is not None and span else ""
        self.find_bar.open_bar(selected)

    def find_next(self, query: str) -> None:
        if self.editor is None:
            return
        try:
            hits = self.editor.find(query)
        except TranscriberError as exc:
            self.find_bar.show_result(error_text(exc))
            return
        self.find_bar.show_result(self.tr("{count} found").format(count=len(hits)))
        if hits:
            self.bullet_list.select_next(hits)
        self.find_bar.query_edit.setFocus()

    def replace_all(self, query: str, replacement: str) -> None:
        count = self._edit(lambda e: e.replace_all(query, replacement))
        if count is not None:
            self.find_bar.show_result(self.tr("{count} replaced").format(count=count))
            self.glossary_bar.check(self.editor.meeting_id)

    def previous(self) -> None:
        self.bullet_list.walk(-1)

    def next(self) -> None:
        self.bullet_list.walk(1)

    def help(self) -> None:
        self.overlay.toggle()
