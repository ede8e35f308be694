"""Hallucination guards flag doubtful segments instead of keeping or dropping them silently."""

import re

import numpy as np
import pytest

from transcriber.asr.guards import flag_reason, repeated_ngram

SPEECH = (np.sin(np.linspace(0, 2000, 16000)) * 0.3).astype(np.float32)
SILENCE = np.zeros(16000, dtype=np.float32)


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("謝謝謝謝謝謝謝謝謝謝謝謝謝謝謝謝謝謝謝謝謝謝謝謝", "compression ratio"),
        ("我們來看看 我們來看看 我們來看看 我們來看看", "repetitive|loop"),
        ("so we can so we can so we can so we can", "repetitive|loop"),
        ("好的我們好的我們好的我們好的我們", "loop"),
        ("字幕由Amara.org社區提供", "stock phrase"),
        ("Thanks for watching!", "stock phrase"),
    ],
)
def test_loops_and_stock_phrases_are_flagged(text: str, needle: str) -> None:
    reason = flag_reason(text, audio=SPEECH)
    assert re.search(needle, reason)


def test_text_over_silence_is_flagged() -> None:
    assert flag_reason("今天天氣很好。", audio=SILENCE) == "text over silence"


def test_whisper_no_speech_rule() -> None:
    assert "no speech" in flag_reason("嗯。", no_speech_prob=0.9, avg_logprob=-1.5, audio=SPEECH)


@pytest.mark.parametrize(
    "text",
    [
        "歡迎大家來體驗達摩院推出的語音識別模型。",
        "And so my fellow Americans, ask not what your country can do for you.",
        "哈哈哈，真的嗎？",
        "very very good",
    ],
)
def test_normal_speech_is_not_flagged(text: str) -> None:
    assert flag_reason(text, audio=SPEECH) == ""


def test_repeated_ngram_finds_the_unit() -> None:
    assert repeated_ngram("a b c a b c a b c a b c") == "a b c"
    assert repeated_ngram("one two three four") is None
