"""What publishing a meeting would change, shown before anything is written.

The publish dialog shows the page as it will read and a diff against the file the
archive holds now. The file name comes from the publisher's own rule
(``transcriber.publish.plan``), so the preview names exactly the file a publish
would write, including a rename after a title change.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt

from transcriber.archive.convert import meeting_markdown
from transcriber.archive.filenames import archive_filename
from transcriber.errors import TranscriberError
from transcriber.library.store import Library


@dataclass
class PublishPreview:
    filename: str  # at the archive root
    markdown: str  # the file as it would be written
    previous_filename: str | None  # the file it replaces (the same name, or the old one after a rename)
    previous_text: str | None  # None: the archive has no such file yet
    archive_problem: str | None = None  # why the archive cannot be compared (not a git repo…)

    @property
    def diff(self) -> str:
        """Unified diff from the archive's file to the new one; empty when identical."""
        old = self.previous_text or ""
        if old == self.markdown:
            return ""
        return "".join(difflib.unified_diff(
            old.splitlines(keepends=True), self.markdown.splitlines(keepends=True),
            fromfile=f"a/{self.previous_filename or self.filename}", tofile=f"b/{self.filename}",
        ))  # fmt: skip

    @property
    def unchanged(self) -> bool:
        return self.previous_text == self.markdown


def render_html(markdown: str) -> str:
    """The page as a forge would show it; raw HTML in a transcript is shown, never run."""
    return MarkdownIt("commonmark", {"html": False}).render(markdown)


def publish_preview(
    library: Library,
    meeting_id: int,
    archive: str | os.PathLike[str] | None = None,
    rename: bool = False,
) -> PublishPreview:
    """The file a publish to ``archive`` would write (its name kept unless ``rename``),
    in the archive's house style, and the file it replaces."""
    meeting = library.meeting(meeting_id)
    if not archive:
        markdown = meeting_markdown(library, meeting_id)
        return PublishPreview(archive_filename(meeting.date, meeting.title), markdown, None, None)
    from transcriber.archive.profile import load_profile
    from transcriber.publish.plan import previous_filename, target_filename
    from transcriber.publish.repository import open_archive

    try:
        repo = open_archive(archive)
        root = Path(repo.working_tree_dir)
        markdown = meeting_markdown(library, meeting_id, profile=load_profile(root))
    except TranscriberError as exc:
        name = archive_filename(meeting.date, meeting.title)
        return PublishPreview(name, meeting_markdown(library, meeting_id), None, None,
                              archive_problem=exc.message)
    name = target_filename(library, repo, root, meeting_id, set(), rename=rename)
    previous = previous_filename(library, meeting_id)
    source = previous if previous and (root / previous).is_file() else name
    path = root / source
    # A link is never followed: the preview shows no other file's text as this one's.
    readable = path.is_file() and not path.is_symlink()
    text = path.read_text(encoding="utf-8") if readable else None
    return PublishPreview(name, markdown, source if text is not None else None, text)
