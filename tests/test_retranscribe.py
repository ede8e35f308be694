"""Re-transcribing a meeting's range: edited bullets stay, the rest is replaced, one undo
restores; a cancel changes nothing; the CLI refuses while the meeting is being transcribed."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest
from click.testing import CliRunner

from transcriber.asr.engine import EngineOptions
from transcriber.asr.pipeline import transcribe_file
from transcriber.asr.retranscribe import OVERLAP_FLAG, edited_bullet_ids, retranscribe
from transcriber.cli import cli
from transcriber.library.editing import MeetingEditor
from transcriber.model import Bullet, TranscriptState

HOLDER = """
import sys
from transcriber.library.store import Library
from transcriber.library.jobs import TranscriptionLock
with TranscriptionLock(Library(sys.argv[1]), int(sys.argv[2])):
    print("holding", flush=True)
    sys.stdin.readline()
"""


def snapshot(library, meeting_id):
    return [(b.id, b.position, b.text, b.start, b.end, b.flagged, b.words)
            for b in library.bullets(meeting_id)]  # fmt: skip


@pytest.fixture
def meeting(library, audio_dir, base_model_path):
    """A real transcript of Mandarin then English speech: three bullets or more."""
    options = EngineOptions(model=str(base_model_path))
    meeting = transcribe_file(library, audio_dir / "dev" / "mix-zh-en.wav", options)
    assert len(library.bullets(meeting.id)) >= 3
    return meeting


def test_range_keeps_the_edited_bullet_replaces_the_rest_and_one_undo_restores(
    library, meeting, base_model_path
) -> None:
    editor = MeetingEditor(library, meeting.id)
    first, second, *rest = editor.bullets()
    editor.set_text(first.id, first.text + "（編者補充）")
    editor.set_flag(rest[-1].id, True, "checked by the editor")  # outside the range
    assert edited_bullet_ids(library, meeting.id) == {first.id, rest[-1].id}
    before = snapshot(library, meeting.id)

    options = EngineOptions(model=str(base_model_path))
    result = retranscribe(library, meeting.id, options, first.start + 0.1, second.end - 0.1)
    assert result.state == "complete"
    assert (result.start, result.end) == (first.start, second.end)  # widened to whole bullets
    bullets = library.bullets(meeting.id)
    ids = [b.id for b in bullets]
    # The edited bullet is kept as the editor left it; the unedited one is replaced.
    assert library.bullet(first.id).text == first.text + "（編者補充）"
    assert second.id not in ids and result.removed == 1
    new = [library.bullet(i) for i in result.added_ids]
    assert new and all(first.start <= b.start and b.end <= second.end + 0.5 for b in new)
    assert any(b.words for b in new)
    # New text over the kept edited bullet is there too, flagged for the editor.
    over_first = [b for b in new if b.start < first.end - 0.25]
    assert over_first and all(b.flagged and OVERLAP_FLAG in b.flag_reason for b in over_first)
    # Bullets outside the range are untouched and the reading order follows time.
    assert [b.id for b in bullets[-len(rest):]] == [b.id for b in rest]
    starts = [b.start for b in bullets if b.id != first.id]
    assert starts == sorted(starts)
    assert library.meeting(meeting.id).transcript_state == TranscriptState.COMPLETE

    editor.undo()  # one step, as Ctrl+Z in the editor
    assert snapshot(library, meeting.id) == before


def test_cancel_changes_nothing_and_a_running_job_is_refused(
    library, audio_dir, base_model_path
) -> None:
    meeting = library.create_meeting("typed by hand", "2024-06-01",
                                     transcript_state=TranscriptState.COMPLETE.value)
    library.add_recording(meeting.id, audio_dir / "dev" / "mix-zh-en.wav", duration=11.1)
    library.append_bullets(meeting.id, [Bullet(None, meeting.id, 0, "我有的時候說不清楚。",
                                               start=0.0, end=1.6)])  # fmt: skip
    before = snapshot(library, meeting.id)
    cancel = threading.Event()
    cancel.set()
    result = retranscribe(library, meeting.id, EngineOptions(model=str(base_model_path)),
                          cancel=cancel)  # fmt: skip
    assert result.state == "cancelled"
    assert snapshot(library, meeting.id) == before
    assert library.meeting(meeting.id).transcript_state == TranscriptState.COMPLETE

    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(library.path), str(meeting.id)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        refused = CliRunner().invoke(cli, ["--library", str(library.path), "meetings",
                                           "transcribe", str(meeting.id), "--to", "3"])
        assert refused.exit_code != 0
        assert f"Meeting {meeting.id} is being transcribed already" in refused.output
        assert snapshot(library, meeting.id) == before
    finally:
        holder.kill()
        holder.wait(10)
