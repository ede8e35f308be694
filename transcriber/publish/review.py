"""Review before publication: participants get a copy and a deadline to object.

The archive this app publishes to gives every participant a review period (the
corpus mentions ten days) before a record goes public. ``send_for_review`` writes
the review copy (HTML for a browser, DOCX for people who comment in a word
processor), moves the meeting to ``review`` and records the deadline;
``review_blocker`` is what ``publish`` asks before it publishes.
"""

from __future__ import annotations

import datetime as dt
import html
import os
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt

from transcriber.archive.convert import meeting_markdown
from transcriber.archive.filenames import archive_filename
from transcriber.archive.profile import ArchiveProfile, publishing_profile
from transcriber.errors import TranscriberError
from transcriber.library.store import Library
from transcriber.messages import Message, message
from transcriber.model import Meeting, MeetingStatus
from transcriber.text import text_language

DEFAULT_REVIEW_DAYS = 14


class ReviewError(TranscriberError):
    """The review copy cannot be made."""


@dataclass
class ReviewCopy:
    html_path: Path
    docx_path: Path
    deadline: str  # YYYY-MM-DD, the last day participants can ask for changes


def review_blocker(meeting: Meeting, today: dt.date) -> Message | None:
    """Why ``meeting`` may not be published today without ``--now``; ``None`` if it may."""
    if meeting.status == MeetingStatus.PUBLISHED:
        return None  # a correction of a published record: participants already reviewed it
    if meeting.review_deadline is None:
        return message("Meeting {id} has not been sent for review; run `transcriber review "
                       "{id}` first, or publish with --now.", id=meeting.id)
    if today <= dt.date.fromisoformat(meeting.review_deadline):
        return message("The review period of meeting {id} runs until {deadline}; "
                       "publish with --now to publish before it ends.",
                       id=meeting.id, deadline=meeting.review_deadline)
    return None


def review_html(title: str, date: str, markdown: str, deadline: str, lang: str) -> str:
    """A standalone page: the transcript as it will be published, and until when to comment."""
    body = MarkdownIt("commonmark", {"html": False}).render(markdown)
    if lang == "zh-Hant":
        notice = f"審閱稿：如需修改，請於 {deadline} 前告知。"
    else:
        notice = f"Review copy: please ask for any changes by {deadline}."
    return (
        f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(date)} {html.escape(title)}</title>\n"
        "<style>body{max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.7;"
        "font-family:system-ui,'Noto Sans CJK TC',sans-serif}"
        ".notice{border:2px solid #b45309;padding:.5rem 1rem;background:#fffbeb}</style>\n"
        f'</head>\n<body>\n<p class="notice">{html.escape(notice)}</p>\n{body}</body>\n</html>\n'
    )


def _write_docx(library: Library, meeting_id: int, target: Path, profile: ArchiveProfile | None) -> None:
    from transcriber.exports.formats import export_meeting

    target.write_bytes(export_meeting(library, meeting_id, "docx", profile))


def review_copy_paths(meeting: Meeting, out_dir: str | os.PathLike[str]) -> tuple[Path, Path]:
    """Where the review copy of ``meeting`` goes in ``out_dir``: its HTML and DOCX files.

    Named like the archive file, so a bad title is caught now, weeks before
    publication, not on publication day.
    """
    stem = archive_filename(meeting.date, meeting.title)[:-3]
    out = Path(out_dir).expanduser()
    return out / f"{stem}.review.html", out / f"{stem}.review.docx"


def send_for_review(
    library: Library,
    meeting_id: int,
    out_dir: str | os.PathLike[str],
    days: int = DEFAULT_REVIEW_DAYS,
    today: dt.date | None = None,
    archive: str | os.PathLike[str] | None = None,
) -> ReviewCopy:
    """Write the review copy into ``out_dir``, set status review and the deadline.

    With ``archive`` (the archive it will be published to) both copies are written by
    that archive's rules, exactly as it will be published: its house style, licence and
    redaction marker.
    """
    if days < 0:
        raise ReviewError(message("The review period cannot be negative."))
    meeting = library.meeting(meeting_id)
    html_path, docx_path = review_copy_paths(meeting, out_dir)
    deadline = ((today or dt.date.today()) + dt.timedelta(days=days)).isoformat()
    out = Path(out_dir).expanduser()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReviewError(message("Cannot create the folder {out}: {detail}.", out=out, detail=exc.strerror or exc)) from exc
    profile = publishing_profile(archive)
    markdown = meeting_markdown(library, meeting_id, profile=profile)
    lang = "zh-Hant" if text_language(markdown) == "zh" else "en"
    try:
        html_path.write_text(review_html(meeting.title, meeting.date, markdown, deadline, lang), encoding="utf-8")
        _write_docx(library, meeting_id, docx_path, profile)
    except OSError as exc:
        raise ReviewError(message("Cannot write the review copy into {out}: {detail}.", out=out, detail=exc.strerror or exc)) from exc
    for path in (html_path, docx_path):  # sending it again replaces them without --force
        library.remember_written(path)
    library.update_meeting(meeting_id, status=MeetingStatus.REVIEW.value, review_deadline=deadline)
    return ReviewCopy(html_path, docx_path, deadline)
