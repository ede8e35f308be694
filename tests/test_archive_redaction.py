"""Redaction in an archive file: only the marker the archive allows, and every label kept."""

from __future__ import annotations

import io
import re
import shutil

import docx
import pytest
from archive_support import CORPUS_DIR

from transcriber.archive.check import check_archive
from transcriber.archive.convert import import_archive, meeting_markdown
from transcriber.exports.formats import export_meeting
from transcriber.library.editing.editor import MeetingEditor
from transcriber.publish.review import send_for_review

# Two turns of the same speaker in a row: a redacted paragraph must not merge them.
SAME_SPEAKER_TWICE = "2017-01-06-蔡曜隆來訪.md"
AGENTS = "# Agent Guide\n\nDo not introduce `〔〕`: no root file uses it.\n"


@pytest.fixture
def archive(tmp_path):
    root = tmp_path / "archive"
    root.mkdir()
    shutil.copyfile(CORPUS_DIR / SAME_SPEAKER_TWICE, root / SAME_SPEAKER_TWICE)
    (root / "AGENTS.md").write_text(AGENTS, encoding="utf-8")
    return root


def _labels(text: str) -> list[str]:
    return re.findall(r"^### .*$", text, re.MULTILINE)


def test_redacting_any_paragraph_keeps_every_label_and_the_allowed_marker(library, archive):
    meeting = import_archive(library, archive).meetings[0]
    original = meeting_markdown(library, meeting.id)
    editor = MeetingEditor(library, meeting.id)
    for bullet in library.bullets(meeting.id):
        editor.redact(bullet.id)
        written = meeting_markdown(library, meeting.id)
        assert _labels(written) == _labels(original), bullet.text
        assert "〔" not in written and "（已遮蔽）" in written
        editor.undo()
    assert meeting_markdown(library, meeting.id) == original


def test_a_partial_redaction_writes_the_allowed_marker_and_check_rejects_the_other(library,
                                                                                   archive):
    meeting = import_archive(library, archive).meetings[0]
    bullet = next(b for b in library.bullets(meeting.id) if len(b.text) > 10)
    MeetingEditor(library, meeting.id).redact(bullet.id, 0, 4)
    written = meeting_markdown(library, meeting.id)
    assert f"（已遮蔽）{bullet.text[4:]}" in written and "〔" not in written
    (archive / SAME_SPEAKER_TWICE).write_text(written, encoding="utf-8")
    assert check_archive(archive).errors == []
    (archive / SAME_SPEAKER_TWICE).write_text(written.replace("（已遮蔽）", "〔已遮蔽〕"), encoding="utf-8")
    errors = check_archive(archive).errors
    assert [(e.file, e.message) for e in errors] == [
        (SAME_SPEAKER_TWICE, "the file uses 〔〕, which AGENTS.md forbids")]


def test_an_archive_without_the_rule_keeps_the_library_marker(library, archive):
    (archive / "AGENTS.md").unlink()
    meeting = import_archive(library, archive).meetings[0]
    bullet = next(b for b in library.bullets(meeting.id) if len(b.text) > 10)
    MeetingEditor(library, meeting.id).redact(bullet.id, 0, 4)
    assert f"〔已遮蔽〕{bullet.text[4:]}" in meeting_markdown(library, meeting.id)


def test_every_export_and_review_copy_writes_the_marker_the_archive_allows(library, archive, tmp_path):
    """The txt, JSON, DOCX and Akoma Ntoso exports and the review copy of a partly redacted
    meeting say what its archive file says: （已遮蔽）, never the 〔已遮蔽〕 AGENTS.md forbids."""
    meeting = import_archive(library, archive).meetings[0]
    bullet = next(b for b in library.bullets(meeting.id) if len(b.text) > 10)
    MeetingEditor(library, meeting.id).redact(bullet.id, 0, 4)
    shown = f"（已遮蔽）{bullet.text[4:]}"
    assert shown in meeting_markdown(library, meeting.id)
    for fmt in ("txt", "json", "docx", "akn"):
        data = export_meeting(library, meeting.id, fmt)
        if fmt == "docx":
            text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
        else:
            text = data.decode("utf-8") if isinstance(data, bytes) else data
        assert "〔" not in text and shown in text, fmt
    copy = send_for_review(library, meeting.id, tmp_path / "review", archive=archive)
    paragraphs = [p.text for p in docx.Document(copy.docx_path).paragraphs]
    assert shown in paragraphs and not any("〔" in p for p in paragraphs)
    assert "〔" not in copy.html_path.read_text("utf-8")
