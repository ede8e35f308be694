"""Review copies and the review period before publication."""

from __future__ import annotations

import datetime as dt

import docx
import pytest
from click.testing import CliRunner
from publish_support import git, make_meeting, remote_and_clones

from transcriber.cli import cli
from transcriber.model import MeetingStatus
from transcriber.publish.git import PublishError, publish_meeting
from transcriber.publish.review import send_for_review

TODAY = dt.date(2024, 5, 2)


@pytest.fixture
def meeting(library):
    return make_meeting(library, "健保署訪問", "2024-05-01",
                        [("?", "單一認證有必要嗎？"), ("唐鳳", "民眾通常只會使用最熟悉的一種。")])


def test_review_copy_has_the_transcript_and_the_deadline(library, meeting, tmp_path):
    copy = send_for_review(library, meeting, tmp_path / "review", days=10, today=TODAY)

    assert copy.deadline == "2024-05-12"
    page = copy.html_path.read_text(encoding="utf-8")
    assert '<html lang="zh-Hant">' in page and "2024-05-12" in page
    assert "<h3>唐鳳：</h3>" in page and "民眾通常只會使用最熟悉的一種。" in page
    text = "\n".join(p.text for p in docx.Document(copy.docx_path).paragraphs)
    assert "民眾通常只會使用最熟悉的一種。" in text
    reviewed = library.meeting(meeting)
    assert (reviewed.status, reviewed.review_deadline) == (MeetingStatus.REVIEW, "2024-05-12")


def test_publishing_waits_for_the_deadline_unless_now(library, meeting, tmp_path):
    _, archive, _ = remote_and_clones(tmp_path)
    send_for_review(library, meeting, tmp_path / "review", days=14, today=TODAY)
    head = git(archive, "rev-parse", "HEAD")

    with pytest.raises(PublishError, match="2024-05-16.*--now"):
        publish_meeting(library, meeting, archive, today=TODAY + dt.timedelta(days=14))
    assert git(archive, "rev-parse", "HEAD") == head
    assert library.meeting(meeting).status == MeetingStatus.REVIEW

    publish_meeting(library, meeting, archive, today=TODAY + dt.timedelta(days=15))
    assert library.meeting(meeting).status == MeetingStatus.PUBLISHED


def test_publish_now_skips_the_review_period(library, meeting, tmp_path):
    _, archive, _ = remote_and_clones(tmp_path)
    send_for_review(library, meeting, tmp_path / "review", today=TODAY)
    publish_meeting(library, meeting, archive, now=True, today=TODAY)
    assert library.meeting(meeting).status == MeetingStatus.PUBLISHED


def test_cli_review(library, meeting, tmp_path):
    out = tmp_path / "copies"
    result = CliRunner().invoke(cli, ["--library", str(library.path), "review", str(meeting),
                                      "--days", "3", "--out", str(out)])
    assert result.exit_code == 0, result.output
    deadline = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    assert deadline in result.stdout
    assert sorted(p.name for p in out.iterdir()) == [
        "2024-05-01-健保署訪問.review.docx", "2024-05-01-健保署訪問.review.html"]
    missing = CliRunner().invoke(cli, ["--library", str(library.path), "review", "999"])
    assert missing.exit_code != 0 and missing.stderr.startswith("Error: ")


def test_review_copy_follows_the_archive_it_will_join(library, meeting, tmp_path):
    _, archive, _ = remote_and_clones(tmp_path)  # its LICENSE says CC0 1.0
    (archive / ".transcriber.toml").write_text('style = "paragraphs"\n', encoding="utf-8")
    copy = send_for_review(library, meeting, tmp_path / "review", today=TODAY, archive=archive)
    page = copy.html_path.read_text(encoding="utf-8")
    assert "licenses/by/4.0" not in page
    assert "<h3>唐鳳：</h3>\n<p>民眾通常只會使用最熟悉的一種。</p>" in page
    published = publish_meeting(library, meeting, archive, now=True)
    assert "民眾通常只會使用最熟悉的一種。\n" in (archive / published.paths[0]).read_text("utf-8")
