"""The editing core: every operation saves at once and undoes/redoes exactly, across restarts."""

from __future__ import annotations

import dataclasses

import pytest

from transcriber.errors import NotFoundError
from transcriber.library.editing import (
    EditError,
    HistoryConflictError,
    MeetingEditor,
    join_text,
    published_text,
    question_speaker_name,
)
from transcriber.library.store import Library
from transcriber.model import Bullet, BulletKind

ZH_TEXT = "我們今天談數位發展部的開放政府。"
EN_TEXT = "Open government is a practice."


class FakeClock:
    """Seconds that only move when the test says so (keystroke coalescing depends on time)."""

    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def meeting(library):
    """A Chinese meeting with the official, a guest, timed and untimed bullets, one flagged."""
    m = library.create_meeting("數位部訪談", "2024-05-01", language="zh")
    official = library.speaker(m.id, "唐鳳", is_default=True)
    guest = library.speaker(m.id, "記者")
    library.append_bullets(
        m.id,
        [
            Bullet(None, m.id, 0, ZH_TEXT, speaker_id=official.id, start=0.0, end=4.0),
            Bullet(None, m.id, 0, EN_TEXT, speaker_id=official.id, start=4.0, end=10.0),
            Bullet(
                None,
                m.id,
                0,
                "大家好，謝謝。",
                speaker_id=guest.id,
                start=10.0,
                end=12.0,
                flagged=True,
                flag_reason="repetition",
            ),  # fmt: skip
            Bullet(
                None, m.id, 0, "Thank you all", speaker_id=official.id, source="* Thank you all"
            ),
        ],
    )
    return m


def state(library: Library, meeting_id: int) -> tuple:
    """Everything an edit may touch, for exact before/after comparison."""
    header = dataclasses.asdict(library.meeting(meeting_id))
    header.pop("updated_at")
    return (
        [dataclasses.asdict(b) for b in library.bullets(meeting_id)],
        [dataclasses.asdict(s) for s in library.speakers(meeting_id)],
        header,
    )


def ids(editor: MeetingEditor) -> list[int]:
    return [b.id for b in editor.bullets()]


OPERATIONS = {
    "set_text": lambda e, i: e.set_text(i[0], "我們今天談開放政府。"),
    "split_chinese": lambda e, i: e.split(i[0], 5),
    "split_english": lambda e, i: e.split(i[1], 15),
    "merge": lambda e, i: e.merge_with_next(i[0]),
    "set_speaker_new": lambda e, i: e.set_speaker(i[:2], "主持人"),
    "set_speaker_question": lambda e, i: e.set_speaker([i[2]], "問"),
    "set_kind": lambda e, i: e.set_kind([i[3]], BulletKind.NARRATIVE),
    "rename_speaker": lambda e, i: e.rename_speaker("唐鳳", "Audrey Tang"),
    "rename_speaker_merge": lambda e, i: e.rename_speaker("記者", "唐鳳"),
    "default_speaker": lambda e, i: e.default_speaker("主持人"),
    "insert_other_side": lambda e, i: e.insert_bullet(i[0], BulletKind.OTHER_SIDE),
    "insert_narrative_top": lambda e, i: e.insert_bullet(None, BulletKind.NARRATIVE, "（笑）"),
    "delete": lambda e, i: e.delete_bullet(i[1]),
    "redact_span": lambda e, i: e.redact(i[0], 5, 10, "private"),
    "redact_whole": lambda e, i: e.redact(i[3], reason="off the record"),
    "replace": lambda e, i: e.replace(i[1], 0, 4, "Transparent"),
    "replace_all": lambda e, i: e.replace_all("謝謝", "感謝"),
    "set_flag": lambda e, i: e.set_flag(i[0], True, "unclear"),
    "clear_flag": lambda e, i: e.set_flag(i[2], False),
    "header": lambda e, i: e.update_meeting_header(
        title="新標題", licence="CC0-1.0", style="paragraphs"
    ),
}


@pytest.mark.parametrize("name", OPERATIONS)
def test_operation_undoes_and_redoes_exactly_also_after_restart(library, meeting, name):
    editor = MeetingEditor(library, meeting.id)
    before = state(library, meeting.id)
    OPERATIONS[name](editor, ids(editor))
    after = state(library, meeting.id)
    assert after != before
    assert editor.can_undo() and not editor.can_redo()

    assert editor.undo() is not None
    assert state(library, meeting.id) == before
    assert editor.redo() is not None
    assert state(library, meeting.id) == after

    # "Restart": a new Library and a new editor continue the same history.
    library.close()
    reopened = Library(library.path)
    editor = MeetingEditor(reopened, meeting.id)
    assert editor.undo() is not None
    assert state(reopened, meeting.id) == before
    assert not editor.can_undo()
    assert editor.undo() is None
    assert editor.redo() is not None
    assert state(reopened, meeting.id) == after
    reopened.close()


def test_undo_result_names_the_bullets_to_refresh(library, meeting):
    editor = MeetingEditor(library, meeting.id)
    first, second = editor.split(ids(editor)[0], 5)
    assert editor.last_result.changed_ids == [first.id]
    assert editor.last_result.added_ids == [second.id]
    result = editor.undo()
    assert (result.changed_ids, result.removed_ids, result.order_changed) == (
        [first.id], [second.id], True
    )  # fmt: skip
    editor.rename_speaker("唐鳳", "Audrey Tang")
    assert editor.undo().speakers_changed


@pytest.mark.parametrize(
    ("text", "offset", "left", "right", "middle"),
    [
        # 5 of 16 characters: the first half gets 5/16 of the 4 seconds.
        (ZH_TEXT, 5, "我們今天談", "數位發展部的開放政府。", 1.25),
        # The space at the cut goes away; times divide by the remaining 15 + 14 characters.
        (EN_TEXT, 15, "Open government", "is a practice.", 4 + 6 * 15 / 29),
    ],
)
def test_split_divides_text_and_time(library, meeting, text, offset, left, right, middle):
    editor = MeetingEditor(library, meeting.id)
    bullet = next(b for b in editor.bullets() if b.text == text)
    first, second = editor.split(bullet.id, offset)
    assert (first.text, second.text) == (left, right)
    assert (first.start, first.end, second.start, second.end) == pytest.approx(
        (bullet.start, middle, middle, bullet.end), abs=1e-3
    )
    assert first.speaker_id == second.speaker_id == bullet.speaker_id
    texts = [b.text for b in editor.bullets()]
    assert texts[texts.index(left) + 1] == right  # the new half follows in reading order


def test_split_without_times_and_out_of_range(library, meeting):
    editor = MeetingEditor(library, meeting.id)
    untimed = ids(editor)[3]
    first, second = editor.split(untimed, 5)
    assert (first.text, second.text, second.start, second.end) == ("Thank", "you all", None, None)
    assert first.source is None  # the verbatim archive line no longer describes either half
    with pytest.raises(EditError):
        editor.split(untimed, 99)


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("我們今天談", "數位發展部", "我們今天談數位發展部"),
        ("大家好。", "謝謝", "大家好。謝謝"),
        ("Open government", "is a practice.", "Open government is a practice."),
        ("Open government ", " is", "Open government is"),
        ("我們用 AI", "來做", "我們用 AI 來做"),
        ("Thanks.", "謝謝", "Thanks. 謝謝"),
        ("", "謝謝", "謝謝"),
    ],
)
def test_join_text(left, right, joined):
    assert join_text(left, right) == joined


def test_merge_joins_text_and_time_span(library, meeting):
    editor = MeetingEditor(library, meeting.id)
    first_id, second_id, third_id, _ = ids(editor)
    merged = editor.merge_with_next(first_id)
    assert merged.text == ZH_TEXT + EN_TEXT  # no space after full-width punctuation
    assert (merged.start, merged.end) == (0.0, 10.0)
    assert second_id not in ids(editor)
    merged = editor.merge_with_next(merged.id)
    assert merged.text.endswith("practice. 大家好，謝謝。")
    assert merged.flagged and merged.flag_reason == "repetition"
    last = ids(editor)[-1]
    with pytest.raises(EditError):
        editor.merge_with_next(last)
    assert third_id not in ids(editor)


def test_merge_chinese_bullets_without_space(library):
    m = library.create_meeting("t", "2024-01-01", language="zh")
    a, b = library.append_bullets(
        m.id,
        [
            Bullet(None, m.id, 0, "我們今天談", start=1.0),
            Bullet(None, m.id, 0, "開放政府", end=3.0),
        ],
    )
    merged = MeetingEditor(library, m.id).merge_with_next(a.id)
    assert (merged.text, merged.start, merged.end) == ("我們今天談開放政府", 1.0, 3.0)


def test_typing_coalesces_into_one_undo_step(library, meeting):
    clock = FakeClock()
    editor = MeetingEditor(library, meeting.id, clock=clock)
    first, second = ids(editor)[:2]
    for text in ("O", "Op", "Ope", "Open"):
        editor.set_text(first, text)
        clock.now += 0.5
    clock.now += 3  # a pause: the next keystroke starts a new step
    editor.set_text(first, "Open!")
    editor.set_text(second, "x")  # another bullet: a new step even right away
    editor.set_text(second, "xy", coalesce=False)
    count = library.db.execute("SELECT COUNT(*) FROM edits").fetchone()[0]
    assert count == 4
    editor.undo()
    editor.undo()
    assert editor.bullet(second).text == EN_TEXT
    editor.undo()
    assert editor.bullet(first).text == "Open"
    editor.undo()
    assert editor.bullet(first).text == ZH_TEXT
    assert not editor.can_undo()


def test_typing_back_to_the_original_leaves_no_undo_step(library, meeting):
    editor = MeetingEditor(library, meeting.id, clock=FakeClock())
    bullet_id = ids(editor)[0]
    editor.set_text(bullet_id, ZH_TEXT + "x")
    editor.set_text(bullet_id, ZH_TEXT)
    assert not editor.can_undo()


def test_new_edit_after_undo_drops_redo(library, meeting):
    editor = MeetingEditor(library, meeting.id)
    first = ids(editor)[0]
    editor.set_flag(first, True, "check")
    editor.undo()
    assert editor.can_redo()
    editor.set_kind([first], BulletKind.NARRATIVE)
    assert not editor.can_redo()
    assert editor.redo() is None


def test_change_outside_the_editor_stops_undo_without_damage(library, meeting):
    editor = MeetingEditor(library, meeting.id)
    first = ids(editor)[0]
    editor.set_text(first, "edited")
    library.update_bullet(first, text="re-transcribed")  # e.g. another tool wrote it since
    with pytest.raises(HistoryConflictError):
        editor.undo()
    assert editor.bullet(first).text == "re-transcribed"
    assert not editor.can_undo()


def test_rename_speaker_applies_everywhere(library, meeting):
    editor = MeetingEditor(library, meeting.id)
    editor.rename_speaker("唐鳳", "Audrey Tang")
    names = {s.id: s.name for s in editor.speakers()}
    assert [names[b.speaker_id] for b in editor.bullets()] == [
        "Audrey Tang", "Audrey Tang", "記者", "Audrey Tang"
    ]  # fmt: skip
    # Renaming onto an existing name merges the two speakers; the default carries over.
    merged = editor.rename_speaker("Audrey Tang", "記者")
    assert merged.is_default
    assert [s.name for s in editor.speakers()] == ["記者"]
    assert {b.speaker_id for b in editor.bullets()} == {merged.id}
    with pytest.raises(EditError):
        editor.rename_speaker("記者", "  ")
    with pytest.raises(NotFoundError):
        editor.rename_speaker("nobody", "x")


def test_question_label_and_kind_agree(library, meeting):
    editor = MeetingEditor(library, meeting.id)
    bullet_id = ids(editor)[2]
    assert editor.question_speaker_name() == "問"
    assert question_speaker_name("en") == "Question"
    editor.set_speaker([bullet_id], editor.question_speaker_name())
    assert editor.bullet(bullet_id).kind == BulletKind.QUESTION
    editor.set_speaker([bullet_id], "唐鳳")
    assert editor.bullet(bullet_id).kind == BulletKind.SPEECH


def test_default_speaker_is_used_for_new_speech(library, meeting):
    editor = MeetingEditor(library, meeting.id)
    official = editor.default_speaker("主持人")
    assert [s.name for s in editor.speakers() if s.is_default] == ["主持人"]
    added = editor.insert_bullet(ids(editor)[0], BulletKind.SPEECH, "新的一段")
    assert added.speaker_id == official.id


@pytest.mark.parametrize(
    ("language", "texts", "marker"),
    [
        ("zh", ["我們"], "（對方發言）"),
        ("en", ["We"], "(interviewer speaks)"),
        ("auto", ["Hello there", "Thanks"], "(interviewer speaks)"),
        ("auto", ["大家好", "謝謝"], "（對方發言）"),
    ],
)
def test_other_side_marker_follows_the_meeting_language(library, language, texts, marker):
    m = library.create_meeting("t", "2024-01-01", language=language)
    added = library.append_bullets(m.id, [Bullet(None, m.id, 0, t) for t in texts])
    editor = MeetingEditor(library, m.id)
    inserted = editor.insert_bullet(added[0].id, BulletKind.OTHER_SIDE)
    assert inserted.text == marker and inserted.speaker_id is None
    assert [b.text for b in editor.bullets()] == [texts[0], marker, *texts[1:]]
    assert [b.position for b in editor.bullets()] == sorted({b.position for b in editor.bullets()})


def test_redaction_never_leaks(library, meeting):
    editor = MeetingEditor(library, meeting.id)
    zh_id, en_id, _, sourced_id = ids(editor)
    span = editor.redact(zh_id, 5, 10, reason="personal data")
    assert published_text(span, "zh") == "我們今天談〔已遮蔽〕的開放政府。"
    en = editor.redact(en_id, 0, 4, reason="secret")
    assert published_text(en, "en") == "[redacted] government is a practice."
    whole = editor.redact(sourced_id, reason="off the record")
    for language in ("zh", "en", "auto"):
        assert published_text(whole, language) in ("[redacted]", "〔已遮蔽〕")
    assert published_text(whole, "en") == "[redacted]"
    assert whole.source is None  # the archive line held the words too
    # Nothing readable by an exporter holds the words or the reasons ...
    for bullet, secret, reason in (
        (span, "數位發展部", "personal data"), (en, "Open", "secret"),
        (whole, "Thank you all", "off the record"),
    ):  # fmt: skip
        for language in ("zh", "en", "auto"):
            assert secret not in published_text(bullet, language)
            assert reason not in published_text(bullet, language)
        assert secret not in bullet.text and bullet.source is None
        # ... while the library keeps both, privately.
        record = bullet.extra["redactions"][-1]
        assert (record["original"], record["reason"]) == (secret, reason)
    assert whole.redacted and whole.redaction_reason == "off the record"
    # A widget still showing the old text cannot bring the words back by typing.
    with pytest.raises(EditError, match="redacted"):
        editor.set_text(zh_id, ZH_TEXT + "。")
    assert editor.bullet(zh_id).text == span.text
    with pytest.raises(EditError):
        editor.redact(zh_id, 3, 999, "x")


def test_find_and_replace(library, meeting):
    editor = MeetingEditor(library, meeting.id)
    zh_id, en_id, third_id, fourth_id = ids(editor)
    assert editor.find("open") == [(en_id, 0, 4)]
    assert editor.find("open", case_sensitive=True) == []
    assert editor.find("開放政府") == [(zh_id, 11, 15)]
    assert editor.find(r"\bth\w+", regex=True) == [(fourth_id, 0, 5)]
    assert editor.find("") == []
    with pytest.raises(EditError, match="regular expression"):
        editor.find("(", regex=True)
    editor.replace(zh_id, 11, 15, "透明政府")
    assert editor.bullet(zh_id).text == "我們今天談數位發展部的透明政府。"
    assert editor.replace_all("a", "A") == 4  # "is a prActice." ×3 and "thAnk you All"
    assert editor.bullet(fourth_id).text == "ThAnk you All"
    assert editor.replace_all(r"(\w+) you", r"\1 YOU", regex=True) == 1
    editor.undo()
    editor.undo()  # the whole replace_all was one step
    assert editor.bullet(en_id).text == EN_TEXT and editor.bullet(fourth_id).text == "Thank you all"
    assert editor.replace_all("nothing like this", "x") == 0
    assert editor.replace_all("z*", "!", regex=True) == 0  # empty matches replace nothing
    with pytest.raises(EditError, match="replacement"):
        editor.replace_all("(a)", r"\2", regex=True)
    assert editor.bullet(en_id).text == EN_TEXT


def test_next_flagged_wraps_around(library, meeting):
    editor = MeetingEditor(library, meeting.id)
    first, second, third, fourth = ids(editor)
    assert editor.next_flagged().id == third
    editor.set_flag(first, True, "unclear")
    assert editor.next_flagged(after_bullet_id=third).id == first
    assert editor.next_flagged(after_bullet_id=first).id == third
    editor.set_flag(first, False)
    editor.set_flag(third, False)
    assert editor.next_flagged(after_bullet_id=second) is None


@pytest.mark.parametrize(
    "fields",
    [
        {"date": "2024-13-01"},
        {"licence": "GPL"},
        {"style": "prose"},
        {"title": " "},
        {"colour": "x"},
    ],
)
def test_header_rejects_bad_values_and_keeps_the_meeting(library, meeting, fields):
    editor = MeetingEditor(library, meeting.id)
    before = state(library, meeting.id)
    with pytest.raises(EditError):
        editor.update_meeting_header(**fields)
    assert state(library, meeting.id) == before
    assert not editor.can_undo()


def test_header_update_is_saved(library, meeting):
    editor = MeetingEditor(library, meeting.id)
    editor.update_meeting_header(title="Open Government", date="2024-06-02", language="en")
    saved = Library(library.path).meeting(meeting.id)
    assert (saved.title, saved.date, saved.language) == ("Open Government", "2024-06-02", "en")


def test_a_deleted_bullets_id_is_never_reused_so_undo_brings_it_back(library, meeting):
    """SQLite would hand a deleted last row's id to the next insert (another meeting's
    import, a live transcription); bullet ids are AUTOINCREMENT, so it does not."""
    editor = MeetingEditor(library, meeting.id)
    before = state(library, meeting.id)
    last = ids(editor)[-1]
    editor.delete_bullet(last)
    other = library.create_meeting("other", "2024-02-02")
    (newcomer,) = library.append_bullets(other.id, [Bullet(None, other.id, 0, "another meeting")])
    assert newcomer.id > last
    editor.undo()
    assert state(library, meeting.id)[0] == before[0]  # the same row, its id included
    assert library.bullet(newcomer.id).text == "another meeting"
    editor.redo()
    assert [b.text for b in editor.bullets()][-1] == "大家好，謝謝。"
    editor.undo()
    assert [b.text for b in editor.bullets()][-1] == "Thank you all"
    assert [b.text for b in library.bullets(other.id)] == ["another meeting"]


def test_undo_brings_a_speaker_back_even_when_its_id_was_reused(library, meeting):
    editor = MeetingEditor(library, meeting.id)
    reporter_id = next(s.id for s in editor.speakers() if s.name == "記者")
    editor.rename_speaker("記者", "唐鳳")  # merges: the speaker 記者 (highest id) is deleted
    other = library.create_meeting("other", "2024-02-02")
    intruder = library.speaker(other.id, "Someone else")
    assert intruder.id == reporter_id  # the situation under test
    editor.undo()
    bullets, speakers, _ = state(library, meeting.id)
    names = {s["id"]: s["name"] for s in speakers}
    assert [names[b["speaker_id"]] for b in bullets] == ["唐鳳", "唐鳳", "記者", "唐鳳"]
    assert library.speakers(other.id) == [intruder]
    editor.redo()
    assert [s.name for s in editor.speakers()] == ["唐鳳"]
    assert library.speakers(other.id) == [intruder]


def test_unknown_kind_and_empty_speaker_are_refused(library, meeting):
    editor = MeetingEditor(library, meeting.id)
    before = state(library, meeting.id)
    with pytest.raises(EditError, match="kind"):
        editor.set_kind(ids(editor)[:1], "monologue")
    with pytest.raises(EditError, match="kind"):
        editor.insert_bullet(None, "monologue")
    with pytest.raises(EditError, match="name"):
        editor.set_speaker(ids(editor)[:1], " ")
    assert state(library, meeting.id) == before
    assert not editor.can_undo()


def test_undo_that_would_clash_with_a_newer_speaker_is_refused_cleanly(library, meeting):
    editor = MeetingEditor(library, meeting.id)
    editor.rename_speaker("記者", "唐鳳")
    library.speaker(meeting.id, "記者")  # created outside the editor since
    after = state(library, meeting.id)
    with pytest.raises(HistoryConflictError):
        editor.undo()
    assert state(library, meeting.id) == after
    assert not editor.can_undo()
