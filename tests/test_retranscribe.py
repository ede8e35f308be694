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


def words_of(text: str) -> list[str]:
    """The words of a bullet's text: Latin words, and each CJK character."""
    import re

    return re.findall(r"[A-Za-z']+|[\u4e00-\u9fff]", text)


def all_text(library, meeting_id) -> str:
    return " ".join(b.text for b in library.bullets(meeting_id))


@pytest.mark.parametrize("name, language", [("mix-zh-en.wav", "zh"), ("mix-en-zh.wav", "zh"),
                                            ("mix-en-zh.wav", "en")])
def test_a_forced_language_never_takes_away_a_word_the_new_pass_cannot_match(
    library, audio_dir, base_model_path, name, language
) -> None:
    """Issue 17, item 1: the whole meeting in one forced language, keeping my edit:
    bullets the new pass has no text for (another language, a gap, new text dropped
    beside my edit) stay word for word, and the plan showed them as kept first."""
    options = EngineOptions(model=str(base_model_path))
    meeting = transcribe_file(library, audio_dir / "dev" / name, options)
    editor = MeetingEditor(library, meeting.id)
    first, *untouched = editor.bullets()
    assert untouched, "a mixed recording gives more than one bullet"
    editor.set_text(first.id, first.text + "（編者補充）")
    before = snapshot(library, meeting.id)
    shown = []

    def confirm(plan) -> bool:
        shown.append(plan)
        return True

    result = retranscribe(library, meeting.id, EngineOptions(model=str(base_model_path),
                                                             language=language),
                          decide=lambda _bullet, _segments: "keep", confirm=confirm)  # fmt: skip
    (plan,) = shown
    assert result.state == "complete" and result.plan is plan
    assert library.bullet(first.id).text == first.text + "（編者補充）"
    replaced = {b.id: b for b in plan.replaced}
    now = all_text(library, meeting.id)
    for bullet in untouched:
        # No word of a bullet I never touched is lost, replaced or kept.
        lost = [word for word in words_of(bullet.text) if word not in now]
        assert not lost, (bullet.text, lost, now)
        if bullet.id in replaced:
            # Replaced only where new text says it again: shown, and not by a gap.
            new_text = " ".join(n.text for n in plan.new if n.start < bullet.end and n.end > bullet.start)
            assert all(word in new_text for word in words_of(bullet.text)), (bullet.text, new_text)
        else:
            assert bullet.id in {b.id for b in plan.kept}
            assert library.bullet(bullet.id).text == bullet.text
    assert not any(b.extra.get("gap") for b in library.bullets(meeting.id)
                   if any(b.start < u.end and b.end > u.start for u in untouched
                          if u.id not in replaced)), "no gap laid over text that stays"  # fmt: skip
    if result.added_ids or result.removed:
        editor.undo()  # one step
    assert snapshot(library, meeting.id) == before


def test_a_range_in_a_forced_language_keeps_every_word_outside_and_unmatched(
    library, audio_dir, base_model_path
) -> None:
    """Only the English sentence of a Mandarin-then-English recording, forced to
    Mandarin: the Mandarin bullet outside the range and any English the new pass
    cannot write keep every word."""
    meeting = transcribe_file(library, audio_dir / "dev" / "mix-zh-en.wav",
                              EngineOptions(model=str(base_model_path)))  # fmt: skip
    first, second, *rest = library.bullets(meeting.id)
    result = retranscribe(library, meeting.id,
                          EngineOptions(model=str(base_model_path), language="zh"),
                          second.start + 0.1, second.end - 0.1)  # fmt: skip
    assert result.state == "complete"
    assert library.bullet(first.id).text == first.text  # outside the range
    for bullet in rest:
        assert library.bullet(bullet.id).text == bullet.text
    now = all_text(library, meeting.id)
    kept = {b.id for b in result.plan.kept}
    if second.id in kept:
        assert library.bullet(second.id).text == second.text
    else:
        assert result.plan.new and all(w in now for w in words_of(
            " ".join(b.text for b in result.plan.new)))


def test_a_marker_keeps_its_label_through_a_range_retranscription(
    library, audio_dir, base_model_path
) -> None:
    """Issue 17, item 4: the label of a marker at the bullet re-transcribed stays, once."""
    meeting = transcribe_file(library, audio_dir / "dev" / "mix-zh-en.wav",
                              EngineOptions(model=str(base_model_path)))  # fmt: skip
    (recording,) = library.recordings(meeting.id)
    first, second, *_rest = library.bullets(meeting.id)
    library.add_marker(recording.id, second.start, "此處重述提問")
    library.update_bullet(second.id, extra={"marker": "此處重述提問"})
    for _ in range(2):  # and again over the bullet the first pass wrote
        marked = next(b for b in library.bullets(meeting.id) if "marker" in b.extra)
        result = retranscribe(library, meeting.id, EngineOptions(model=str(base_model_path)),
                              marked.start, marked.end)  # fmt: skip
        assert result.state == "complete"
        labels = [b.extra["marker"] for b in library.bullets(meeting.id) if "marker" in b.extra]
        assert labels == ["此處重述提問"], labels
    reopened = type(library)(library.path)  # as after a restart
    try:
        assert [b.extra.get("marker") for b in reopened.bullets(meeting.id)
                if "marker" in b.extra] == ["此處重述提問"]  # fmt: skip
    finally:
        reopened.close()


def test_the_cli_shows_what_will_change_and_dry_run_changes_nothing(
    library, audio_dir, base_model_path
) -> None:
    meeting = transcribe_file(library, audio_dir / "dev" / "mix-zh-en.wav",
                              EngineOptions(model=str(base_model_path)))  # fmt: skip
    before = snapshot(library, meeting.id)
    english = library.bullets(meeting.id)[1]
    shown = CliRunner().invoke(cli, ["--library", str(library.path), "meetings", "transcribe",
                                     str(meeting.id), "--model", str(base_model_path),
                                     "--language", "zh", "--dry-run"])  # fmt: skip
    assert shown.exit_code == 0, shown.output
    assert "would change" in shown.output
    assert any(line.startswith("kept") and english.text in line
               for line in shown.output.splitlines()), shown.output  # fmt: skip
    assert snapshot(library, meeting.id) == before
    applied = CliRunner().invoke(cli, ["--library", str(library.path), "meetings", "transcribe",
                                       str(meeting.id), "--model", str(base_model_path),
                                       "--language", "zh"])  # fmt: skip
    assert applied.exit_code == 0, applied.output
    assert english.text in all_text(library, meeting.id), "English the zh pass can't write stays"


def test_a_long_new_segment_saying_little_never_replaces_a_sentence(library) -> None:
    """Issue 17 audit, gap 2: a new segment that spans a whole untouched sentence but
    reads only "嗯" covers its time, not its words; the sentence stays, word for word,
    with the new text beside it, flagged; new text that says it again replaces it."""
    from transcriber.asr.retranscribe import UNMATCHED_FLAG, Decoded, apply_plan, plan_replacement
    from transcriber.model import Segment, Word

    sentence = "we agreed to fund the new library branch next spring"
    said = sentence.split()
    words = [Word(i, i + 0.9, f" {w}") for i, w in enumerate(said)]
    meeting = library.create_meeting("budget", "2024-06-01", transcript_state=TranscriptState.COMPLETE.value)
    timed, untimed = library.append_bullets(meeting.id, [
        Bullet(None, meeting.id, 0, sentence, start=0.0, end=10.0, words=words),
        Bullet(None, meeting.id, 1, sentence, start=12.0, end=22.0),
    ])  # fmt: skip
    hum = [Segment(0.0, 10.0, "嗯", "zh", words=[Word(0.0, 10.0, "嗯")]),
           Segment(12.0, 22.0, "嗯", "zh")]  # fmt: skip
    decoded = Decoded(meeting.id, 0.0, 22.0, True, [(s, "") for s in hum], TranscriptState.COMPLETE)
    plan = plan_replacement(library, decoded)
    assert [b.id for b in plan.kept] == [timed.id, untimed.id] and plan.replaced == []
    assert all(b.flagged and UNMATCHED_FLAG in b.flag_reason for b in plan.new)
    apply_plan(library, plan)
    assert [b.text for b in library.bullets(meeting.id)] == [sentence, "嗯", sentence, "嗯"]

    again = [Segment(0.0, 10.0, sentence, "en", words=[Word(w.start, w.end, w.text) for w in words]),
             Segment(12.0, 22.0, sentence, "en")]  # fmt: skip
    decoded = Decoded(meeting.id, 0.0, 22.0, True, [(s, "") for s in again], TranscriptState.COMPLETE)
    plan = plan_replacement(library, decoded)
    assert {timed.id, untimed.id} <= {b.id for b in plan.replaced}


def test_an_edited_bullet_chosen_for_replacement_and_edited_again_meanwhile_is_not_deleted(
    library, meeting, base_model_path
) -> None:
    """Issue 17 audit, gap 5: I chose to replace my edited bullet, then edited it again
    in the window while the terminal's prompt waited: applying refuses in one sentence
    and my latest words stay."""
    from transcriber.errors import TranscriberError

    editor = MeetingEditor(library, meeting.id)
    first = editor.bullets()[0]
    editor.set_text(first.id, first.text + "（初稿）")

    def edit_while_asked(plan) -> bool:
        assert first.id in {b.id for b in plan.replaced}, "chosen for replacement"
        editor.set_text(first.id, first.text + "（定稿，別刪）")  # the GUI, meanwhile
        return True

    with pytest.raises(TranscriberError, match="edited while it was being re-transcribed"):
        retranscribe(library, meeting.id, EngineOptions(model=str(base_model_path)),
                     decide=lambda _bullet, _segments: "new", confirm=edit_while_asked)  # fmt: skip
    assert library.bullet(first.id).text == first.text + "（定稿，別刪）"
