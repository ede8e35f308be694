"""Sending a meeting for review from the window or the publish dialog: one way for both.

``transcriber.publish.review.send_for_review`` (the CLI's ``review``) writes the
HTML and DOCX copies and sets the deadline; here it runs off the GUI thread and
its result is told naming both files.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from transcriber.library.store import Library
from transcriber.ui.tasks import BackgroundTask


def start_review(library: Library, meeting_id: int, folder: str, parent: QObject,
                 archive: str = "") -> BackgroundTask:
    """Start writing the review copy into ``folder``; ``succeeded`` carries the ReviewCopy.

    ``archive``: the archive it will be published to, whose licence, marker and style
    the copy follows ("" when none is set)."""
    from transcriber.publish.review import send_for_review

    def work(_context: object) -> object:
        try:
            return send_for_review(library, meeting_id, folder, archive=archive or None)
        finally:
            library.close()  # this thread's connection only

    task = BackgroundTask(work, parent)
    task.start()
    return task


def review_message(copy: object) -> str:
    return QCoreApplication.translate("review_task", "Review copy saved: {html} and {docx}. Participants can ask for changes until {deadline}.").format(html=str(copy.html_path), docx=str(copy.docx_path), deadline=copy.deadline)
