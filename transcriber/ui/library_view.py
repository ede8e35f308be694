"""The library: meetings by date with their status, and a search over every transcript.

Search goes through ``transcriber.library.search.search_library`` (SQLite FTS5 with
trigrams plus LIKE for two-character Chinese words); typing is debounced so a
fast typist does not run a query per keystroke. Audio and video files dropped on
the list are handed to the main window to import.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from transcriber.archive.convert import edited_since_published
from transcriber.library.search import search_library
from transcriber.library.store import Library
from transcriber.model import Meeting, MeetingStatus, TranscriptState
from transcriber.ui.language import plural

SEARCH_DELAY_MS = 250


def status_text(meeting: Meeting, edited_since: bool = False) -> str:
    """``edited_since``: published, and changed since (what the archive has is older)."""
    if meeting.status == MeetingStatus.PUBLISHED and edited_since:
        return QCoreApplication.translate("library_view", "published, edited since")
    if meeting.transcript_state in (TranscriptState.RUNNING, TranscriptState.INCOMPLETE):
        return {TranscriptState.RUNNING: QCoreApplication.translate("library_view", "transcribing"),
                TranscriptState.INCOMPLETE: QCoreApplication.translate("library_view", "incomplete")}[meeting.transcript_state]
    return {MeetingStatus.DRAFT: QCoreApplication.translate("library_view", "draft"),
            MeetingStatus.REVIEW: QCoreApplication.translate("library_view", "in review"),
            MeetingStatus.PUBLISHED: QCoreApplication.translate("library_view", "published")}[MeetingStatus(meeting.status)]


class LibraryView(QWidget):
    meeting_activated = Signal(int, int)  # meeting id, bullet id (-1: the top)
    files_dropped = Signal(list)  # local paths
    import_requested = Signal()
    record_requested = Signal()

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("library_view")
        self.library = library
        self.setAcceptDrops(True)
        self.search_edit = QLineEdit(objectName="library_search")
        self.search_edit.setPlaceholderText(self.tr("Search all transcripts"))
        self.search_edit.setClearButtonEnabled(True)
        self.meeting_tree = self._tree("meeting_tree", [self.tr("Date"), self.tr("Title"), self.tr("Status")])
        self.hit_tree = self._tree("search_hits", [self.tr("Date"), self.tr("Title")])
        self.empty_page = self._empty_page()
        self.pages = QStackedWidget()
        for page in (self.meeting_tree, self.hit_tree, self.empty_page):
            self.pages.addWidget(page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.pages, 1)

        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        for tree in (self.meeting_tree, self.hit_tree):
            tree.itemActivated.connect(self._activate)
            tree.itemClicked.connect(self._activate)
            # A right-click highlights the row as current: the editor must show that
            # meeting too, never the one before under another's highlight.
            tree.setContextMenuPolicy(Qt.CustomContextMenu)
            tree.customContextMenuRequested.connect(
                lambda pos, tree=tree: self._activate(tree.itemAt(pos)) if tree.itemAt(pos) else None)
        self.refresh()

    def _empty_page(self) -> QWidget:
        """The first thing a new user sees: what to do, and the two buttons to do it."""
        page = QWidget(objectName="library_empty_page")
        self.empty_label = QLabel(self.tr("No meetings yet. Drop an audio or video file here, or start a recording."), objectName="library_empty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignCenter)
        self.import_button = QPushButton(self.tr("Import a recording…"), objectName="empty_import")
        self.import_button.setIcon(self.style().standardIcon(QStyle.SP_DialogOpenButton))
        self.record_button = QPushButton(self.tr("Record a meeting"), objectName="empty_record")
        self.record_button.setIcon(self.style().standardIcon(QStyle.SP_MediaPlay))
        self.import_button.clicked.connect(self.import_requested)
        self.record_button.clicked.connect(self.record_requested)
        buttons = QVBoxLayout()  # one above the other: side by side they widen a narrow library
        buttons.addWidget(self.import_button, 0, Qt.AlignHCenter)
        buttons.addWidget(self.record_button, 0, Qt.AlignHCenter)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)
        layout.addStretch(2)
        return page

    @staticmethod
    def _tree(name: str, headers: list[str]) -> QTreeWidget:
        tree = QTreeWidget(objectName=name)
        tree.setHeaderLabels(headers)
        tree.setRootIsDecorated(False)
        tree.setUniformRowHeights(True)
        # Long titles lose their middle, not the end that tells two meetings apart;
        # the whole title is in the tooltip.
        tree.setTextElideMode(Qt.ElideMiddle)
        header = tree.header()
        header.setStretchLastSection(False)
        for column in range(len(headers)):
            # The title takes the room; date and status are as wide as their text.
            mode = QHeaderView.Stretch if column == 1 else QHeaderView.ResizeToContents
            header.setSectionResizeMode(column, mode)
        return tree

    # -- contents ----------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the meeting list (after an import, a publish, a header change)."""
        selected = self.selected_meeting_id()
        self.meeting_tree.clear()
        meetings = self.library.meetings()  # newest date first
        edited = edited_since_published(self.library, [m.id for m in meetings if m.status == MeetingStatus.PUBLISHED])
        for meeting in meetings:
            item = QTreeWidgetItem([meeting.date, meeting.title, status_text(meeting, meeting.id in edited)])
            item.setToolTip(1, meeting.title)
            item.setData(0, Qt.UserRole, (meeting.id, -1))
            self.meeting_tree.addTopLevelItem(item)
            if meeting.id == selected:
                self.meeting_tree.setCurrentItem(item)
        if self.search_edit.text().strip():
            self.run_search()
        else:
            has_meetings = self.meeting_tree.topLevelItemCount() > 0
            self.pages.setCurrentWidget(self.meeting_tree if has_meetings else self.empty_page)

    def refresh_status(self, meeting_id: int) -> None:
        """Re-read one meeting's status (typing in it may make a published one edited since)."""
        meeting = self.library.meeting(meeting_id)
        edited = meeting.status == MeetingStatus.PUBLISHED and meeting_id in edited_since_published(self.library, [meeting_id])
        for index in range(self.meeting_tree.topLevelItemCount()):
            item = self.meeting_tree.topLevelItem(index)
            if item.data(0, Qt.UserRole)[0] == meeting_id:
                item.setText(2, status_text(meeting, edited))

    def select_meeting(self, meeting_id: int) -> None:
        for row in range(self.meeting_tree.topLevelItemCount()):
            item = self.meeting_tree.topLevelItem(row)
            if item.data(0, Qt.UserRole)[0] == meeting_id:
                self.meeting_tree.setCurrentItem(item)

    def selected_meeting_id(self) -> int | None:
        item = self.meeting_tree.currentItem()
        return item.data(0, Qt.UserRole)[0] if item is not None else None

    def run_search(self) -> None:
        query = self.search_edit.text().strip()
        if not query:
            self.refresh()
            return
        meetings = {m.id: m for m in self.library.meetings()}
        self.hit_tree.clear()
        hits = search_library(self.library, query)
        for hit in hits:
            meeting = meetings[hit.meeting_id]
            item = QTreeWidgetItem([meeting.date, f"{meeting.title} — {hit.snippet}"])
            item.setToolTip(1, f"{meeting.title}\n{hit.snippet}")
            item.setData(0, Qt.UserRole, (hit.meeting_id, hit.bullet_id or -1))
            self.hit_tree.addTopLevelItem(item)
        self.hit_tree.headerItem().setText(1, plural(len(hits), self.tr("{count} match"), self.tr("{count} matches")).format(count=len(hits)))
        self.pages.setCurrentWidget(self.hit_tree)

    def _activate(self, item: QTreeWidgetItem) -> None:
        meeting_id, bullet_id = item.data(0, Qt.UserRole)
        self.meeting_activated.emit(meeting_id, bullet_id)

    # -- drag and drop -----------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)
