"""Flag reasons come from the core in English; the Chinese interface says every one in Chinese."""

from __future__ import annotations

import inspect
import re

import numpy as np
import pytest

from transcriber.asr import engine, guards
from transcriber.asr.retranscribe import OVERLAP_FLAG, UNMATCHED_FLAG
from transcriber.ui import language
from transcriber.ui.flag_reasons import flag_reason_text

# The decoder's gaps are written inside engine._decode_plan (no function of their own).
GAP_NO_TEXT = "speech with no text: listen and type what was said"
GAP_OTHER_LANGUAGE = ("speech in another language (ja) than the meeting's (zh, en); not transcribed, "
                      "so not translated: listen and type it")


def core_reasons() -> list[str]:
    """One reason of each kind, made by the core's own detectors."""
    silence = np.zeros(16_000, dtype=np.float32)
    reasons = [
        guards.flag_reason("Thanks for watching!"),
        guards.flag_reason("hello there", ratio=3.0),
        guards.flag_reason("謝謝謝謝謝謝謝謝謝謝謝謝", ratio=1.0),
        guards.flag_reason("hello there my friend", ratio=1.0, no_speech_prob=0.9, avg_logprob=-2.0),
        guards.flag_reason("hello there my friend", ratio=1.0, audio=silence),
        guards.wrong_script("ありがとうございます", "en"),
        guards.prompt_echo("以下是普通話的句子", "以下是普通話的句子。"),
        guards.hotword_echo("唐鳳 數位部", "唐鳳 數位部", []),
        guards.repeats_previous("今天天氣很好啊", ["今天天氣很好啊"]),
        guards.over_silence(0.0, 2.0, []),
        OVERLAP_FLAG,
        UNMATCHED_FLAG,
        GAP_NO_TEXT,
        GAP_OTHER_LANGUAGE,
        engine.outside_doubt("de", 0.97),
        engine.torn_doubt("zh", 0.55, 0.41),
        engine.redone_doubt("en", "zh"),
    ]
    assert all(reasons), "each detector fires on its example"
    return reasons


def test_the_gap_reasons_are_still_what_the_decoder_writes():
    source = inspect.getsource(engine)
    assert GAP_NO_TEXT in source
    for fragment in ("speech in another language (", ") than the meeting's ", "; not transcribed, so not ",
                     "translated: listen and type it"):
        assert fragment in source, fragment


# Values inside a reason that are the transcript's own text, and the decoder's name.
KEPT = ("Thanks for watching", "Whisper")


@pytest.mark.parametrize("reason", core_reasons())
def test_every_flag_reason_reads_in_chinese(qapp, reason):
    language.set_language(language.CHINESE)
    shown = flag_reason_text(reason)
    assert shown != reason
    rest = shown
    for kept in KEPT:
        rest = rest.replace(kept, "")
    assert not re.search(r"[A-Za-z]{2,}", rest), shown


def test_reasons_joined_by_a_merge_are_each_translated(qapp):
    joined = "; ".join([GAP_OTHER_LANGUAGE, guards.over_silence(0.0, 2.0, []), "the speaker asked to check"])
    language.set_language(language.CHINESE)
    shown = flag_reason_text(joined)
    parts = shown.split("；")
    assert len(parts) == 3, shown
    assert "日語" in parts[0] and "中文" in parts[0] and "英文" in parts[0], "languages by their names"
    assert not re.search(r"[A-Za-z]", parts[0] + parts[1])
    assert parts[2] == "the speaker asked to check", "a reason typed by the editor stays as typed"
