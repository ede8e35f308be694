"""Decoded words found in a bullet's text, whatever normalisation and editing did to it."""

from __future__ import annotations

from transcriber.library.word_spans import word_at, word_playing, word_spans
from transcriber.model import Word


def _words(*texts: str) -> list[Word]:
    return [Word(float(i), float(i) + 1, text) for i, text in enumerate(texts)]


def test_simplified_words_land_on_the_traditional_text():
    text = "歡迎大家來體驗達摩院。"
    spans = word_spans(text, _words("欢迎", "大家", "来", "体验", "达摩院"))
    assert [text[a:b] for a, b in spans] == ["歡迎", "大家", "來", "體驗", "達摩院"]


def test_english_words_with_their_leading_spaces():
    text = "Ask not what your country can do"
    spans = word_spans(text, _words(" Ask", " not", " what", " your", " country", " can", " do"))
    assert [text[a:b] for a, b in spans] == text.split()


def test_a_deleted_word_has_no_span_and_a_corrected_one_keeps_its_place():
    text = "唐鳳說明政策"  # 風 corrected to 鳳, 今天 deleted
    spans = word_spans(text, _words("今天", "唐風", "說明", "政策"))
    assert spans[0] is None
    assert [text[a:b] for a, b in spans[1:]] == ["唐鳳", "說明", "政策"]


def test_the_word_under_a_character_and_the_word_being_heard():
    words = _words("我們", "今天", "討論")
    spans = word_spans("我們今天，討論", words)
    assert word_at(spans, 3) == 1
    assert word_at(spans, 4) == 1, "punctuation belongs to the word before it"
    assert word_at(spans, 5) == 2
    assert word_playing(words, 1.5) == 1
    assert word_playing(words, -0.5) is None
    assert word_playing(words, 10.0) is None, "long after the last word nothing is heard"
