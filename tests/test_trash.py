"""Deleting a meeting moves it to the trash: restorable exactly, and a published
meeting's archive file is never touched (issue 17, item 8)."""

from __future__ import annotations

from click.testing import CliRunner
from publish_support import git, make_meeting, remote_and_clones, state

from transcriber.cli import cli
from transcriber.library.editing import MeetingEditor
from transcriber.library.search import search_library
from transcriber.publish.git import publish_meeting


def run(library, *args: str):
    return CliRunner().invoke(cli, ["--library", str(library.path), *args])


def test_delete_and_restore_a_published_meeting_from_the_command_line(library, tmp_path):
    _remote, archive, _other = remote_and_clones(tmp_path)
    meeting_id = make_meeting(library, "開放資料諮詢", "2024-05-06",
                              [("?", "請問開放資料的進度？"), ("唐鳳", "我們已經完成第一階段。")])  # fmt: skip
    publish_meeting(library, meeting_id, archive, now=True)
    editor = MeetingEditor(library, meeting_id)
    editor.set_text(editor.bullets()[1].id, "我們已經完成第一階段了。")
    other_id = make_meeting(library, "另一場", "2024-05-07", [("唐鳳", "大家好。")])
    before = [(b.id, b.text, b.speaker_id) for b in library.bullets(meeting_id)]
    archive_before = state(archive)

    deleted = run(library, "meetings", "delete", str(meeting_id))
    assert deleted.exit_code == 0, deleted.output
    assert "meetings restore" in deleted.output and "archive file is not touched" in deleted.output
    listed = run(library, "meetings", "list")
    assert "開放資料諮詢" not in listed.output and "另一場" in listed.output
    assert not search_library(library, "第一階段"), "a deleted meeting is not found"
    assert "開放資料諮詢" in run(library, "meetings", "trash").output
    assert state(archive) == archive_before, "the published file, the log and the worktree as they were"
    again = run(library, "meetings", "delete", str(meeting_id))
    assert again.exit_code != 0 and "in the trash already" in again.output

    restored = run(library, "meetings", "restore", str(meeting_id))
    assert restored.exit_code == 0, restored.output
    assert "開放資料諮詢" in run(library, "meetings", "list").output
    assert [(b.id, b.text, b.speaker_id) for b in library.bullets(meeting_id)] == before
    MeetingEditor(library, meeting_id).undo()  # the history came back too
    assert library.bullets(meeting_id)[1].text == "我們已經完成第一階段。"
    assert state(archive) == archive_before
    assert [m.id for m in library.meetings()] == [other_id, meeting_id]
    missing = run(library, "meetings", "restore", str(other_id))
    assert missing.exit_code != 0 and "not in the trash" in missing.output


def test_a_meeting_in_the_trash_is_never_published_until_it_is_restored(library, tmp_path):
    remote, archive, _other = remote_and_clones(tmp_path)
    meeting_id = make_meeting(library, "開放資料諮詢", "2024-05-06", [("唐鳳", "我們已經完成第一階段。")])
    published = publish_meeting(library, meeting_id, archive, now=True, push=True)
    editor = MeetingEditor(library, meeting_id)
    editor.set_text(editor.bullets()[0].id, "我們已經完成第一階段了。")
    assert run(library, "meetings", "delete", str(meeting_id)).exit_code == 0
    archive_before, remote_before = state(archive), git(remote, "rev-parse", "main")

    for changed in (["--changed"], []):
        everything = run(library, "publish", "--all", *changed, "--archive", str(archive), "--push")
        assert everything.exit_code == 0, everything.output
        assert "Nothing changed" in everything.output and "Published" not in everything.output
    one = run(library, "publish", str(meeting_id), "--now", "--archive", str(archive), "--push")
    assert one.exit_code != 0 and "Traceback" not in one.output
    assert one.stderr.count("\n") == 1 and "is in the trash; restore it first" in one.stderr, one.stderr
    assert state(archive) == archive_before
    assert git(remote, "rev-parse", "main") == remote_before
    assert library.publications(meeting_id)[-1]["commit_sha"] == published.commit_sha

    assert run(library, "meetings", "restore", str(meeting_id)).exit_code == 0
    again = run(library, "publish", "--all", "--changed", "--archive", str(archive), "--push")
    assert again.exit_code == 0 and "Published 2024-05-06-開放資料諮詢.md" in again.output, again.output
    assert "第一階段了" in git(remote, "show", "main:2024-05-06-開放資料諮詢.md")
