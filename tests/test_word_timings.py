"""Word timings survive edits as far as the words survive; undo brings them back."""

from __future__ import annotations

import pytest

from transcriber.library.editing import MeetingEditor
from transcriber.library.word_timings import realign, split_words
from transcriber.model import Bullet, Word

ZH_WORDS = [Word(0.0, 0.5, "唐凤"), Word(0.5, 0.8, "說"), Word(0.8, 1.2, "我們"),
            Word(1.2, 2.0, "vtaiwan"), Word(2.0, 2.6, "很好")]  # fmt: skip
ZH_TEXT = "唐鳳說，我們 vtaiwan 很好。"
EN_WORDS = [Word(10.0, 10.4, "the"), Word(10.4, 10.9, "cat"), Word(10.9, 11.3, "sat"),
            Word(11.3, 12.0, "down")]  # fmt: skip
EN_TEXT = "The cat sat down."


def starts(words: list[Word]) -> list[float]:
    return [w.start for w in words]


@pytest.mark.parametrize(
    ("new_text", "kept"),
    [
        ("唐鳳說，我們 vTaiwan 很好。", {0.0: "唐凤", 0.5: "說", 0.8: "我們", 1.2: "vTaiwan",
                                        2.0: "很好"}),  # fmt: skip
        ("唐風說，我們 vtaiwan 很好。", {0.0: "唐風", 0.5: "說", 0.8: "我們", 1.2: "vtaiwan",
                                        2.0: "很好"}),  # fmt: skip
        ("唐鳳說 vtaiwan 很好。", {0.0: "唐凤", 0.5: "說", 1.2: "vtaiwan", 2.0: "很好"}),
        ("唐鳳今天說，我們 vtaiwan 很好。", {0.0: "唐凤", 0.5: "說", 0.8: "我們", 1.2: "vtaiwan",
                                            2.0: "很好"}),  # fmt: skip
        ("完全不同的一句話", {}),
    ],
)
def test_chinese_words_keep_their_times_while_they_survive(new_text, kept) -> None:
    assert {w.start: w.text for w in realign(ZH_WORDS, ZH_TEXT, new_text)} == kept


def test_english_rewrite_keeps_no_stray_words() -> None:
    assert starts(realign(EN_WORDS, EN_TEXT, "The dog sat down.")) == [10.0, 10.4, 10.9, 11.3]
    assert starts(realign(EN_WORDS, EN_TEXT, "The cat down.")) == [10.0, 10.4, 11.3]
    assert realign(EN_WORDS, EN_TEXT, "Something else entirely.") == []


def test_split_words_divides_at_the_offset() -> None:
    left, right = split_words(ZH_WORDS, ZH_TEXT, ZH_TEXT.index("我們"))
    assert starts(left) == [0.0, 0.5] and starts(right) == [0.8, 1.2, 2.0]


@pytest.fixture
def editor(library):
    meeting = library.create_meeting("word timings", "2024-06-01")
    library.append_bullets(meeting.id, [
        Bullet(None, meeting.id, 0, ZH_TEXT, start=0.0, end=2.6, words=ZH_WORDS),
        Bullet(None, meeting.id, 0, EN_TEXT, start=10.0, end=12.0, words=EN_WORDS),
    ])  # fmt: skip
    return MeetingEditor(library, meeting.id)


def test_typing_a_correction_keeps_the_other_words_and_undo_restores(editor) -> None:
    first, _second = editor.bullets()
    editor.set_text(first.id, "唐鳳說，他們 vTaiwan 很好。")
    words = editor.bullet(first.id).words
    assert [(w.start, w.text) for w in words] == [
        (0.0, "唐凤"), (0.5, "說"), (0.8, "他們"), (1.2, "vTaiwan"), (2.0, "很好")]
    editor.set_text(first.id, "唐鳳說，很好。", coalesce=False)
    assert starts(editor.bullet(first.id).words) == [0.0, 0.5, 2.0]
    editor.undo()
    editor.undo()
    assert editor.bullet(first.id).words == ZH_WORDS


def test_split_and_merge_keep_every_word_with_its_time(library, editor) -> None:
    first, second = editor.bullets()
    left, right = editor.split(first.id, ZH_TEXT.index("我們"))
    assert (left.text, starts(left.words)) == ("唐鳳說，", [0.0, 0.5])
    assert (right.text, starts(right.words)) == ("我們 vtaiwan 很好。", [0.8, 1.2, 2.0])
    assert left.end == right.start == 0.8  # cut where the second half's first word begins

    merged = editor.merge_with_next(right.id)
    assert starts(merged.words) == [0.8, 1.2, 2.0, 10.0, 10.4, 10.9, 11.3]
    # The merged bullet keeps its words through a reload from the store.
    assert library.bullet(merged.id).words == merged.words

    editor.undo()
    editor.undo()
    assert [(b.text, b.words) for b in editor.bullets()] == [
        (ZH_TEXT, ZH_WORDS), (EN_TEXT, EN_WORDS)]
    assert second.id in [b.id for b in editor.bullets()]


def test_replace_all_and_redaction_never_keep_the_removed_words(editor) -> None:
    first, second = editor.bullets()
    editor.replace_all("cat", "dog")
    assert [w.text for w in editor.bullet(second.id).words] == ["the", "dog", "sat", "down"]
    editor.redact(first.id, ZH_TEXT.index("我們"), ZH_TEXT.index("很好"))
    texts = [w.text for w in editor.bullet(first.id).words]
    assert "我們" not in texts and "vtaiwan" not in texts and "很好" in texts
    editor.redact(second.id)
    assert editor.bullet(second.id).words == []
    editor.undo()
    assert [w.text for w in editor.bullet(second.id).words] == ["the", "dog", "sat", "down"]
