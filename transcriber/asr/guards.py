"""Hallucination guards: a doubtful segment is kept and flagged for the editor.

Whisper loops ("謝謝謝謝謝謝..."), invents text over silence, and emits stock
subtitle credits it saw in training. None of these may be silently kept or
silently dropped: the editor decides, so each detector returns a reason.
"""

from __future__ import annotations

import re
import zlib

import numpy as np

from transcriber.text import has_cjk

# faster-whisper's own retry threshold; above it text is highly repetitive.
COMPRESSION_RATIO_LIMIT = 2.4
# Whisper's silence rule: likely no speech and low confidence.
NO_SPEECH_PROB_LIMIT = 0.6
AVG_LOGPROB_LIMIT = -1.0
# Below this RMS level (about -50 dBFS) the span holds no audible speech.
SILENCE_RMS = 0.003
REPEAT_LIMIT = 4
STOCK_PHRASES = (
    "字幕由Amara.org社區提供",
    "字幕由Amara.org社区提供",
    "請不吝點贊訂閱轉發打賞支持明鏡與點點欄目",
    "请不吝点赞订阅转发打赏支持明镜与点点栏目",
    "優優獨播劇場",
    "Thanks for watching",
    "Thank you for watching",
    "Subtitles by the Amara.org community",
)


def compression_ratio(text: str) -> float:
    data = text.encode("utf-8")
    return len(data) / len(zlib.compress(data)) if data else 0.0


def repeated_ngram(text: str, limit: int = REPEAT_LIMIT, max_n: int = 8) -> str | None:
    """The unit repeated ``limit`` or more times in a row, if any.

    Chinese is compared character by character, other text word by word.
    """
    units = [c for c in text if not c.isspace()] if has_cjk(text) else re.findall(r"\w+", text.lower())
    for n in range(1, max_n + 1):
        for start in range(0, len(units) - n * limit + 1):
            gram = units[start : start + n]
            if all(units[start + k * n : start + (k + 1) * n] == gram for k in range(1, limit)):
                # A single character repeated (哈哈哈哈) is laughter, not a loop, below 8.
                if n == 1 and has_cjk(text) and _run_length(units, start) < 8:
                    continue
                return "".join(gram) if has_cjk(text) else " ".join(gram)
    return None


def _run_length(units: list[str], start: int) -> int:
    end = start
    while end < len(units) and units[end] == units[start]:
        end += 1
    return end - start


def flag_reason(
    text: str,
    *,
    ratio: float | None = None,
    no_speech_prob: float = 0.0,
    avg_logprob: float = 0.0,
    audio: np.ndarray | None = None,
) -> str:
    """Why this segment looks like a hallucination, or "" when it looks fine."""
    stripped = text.strip()
    if not stripped:
        return ""
    for phrase in STOCK_PHRASES:
        if phrase.lower() in stripped.lower():
            return f"stock phrase Whisper invents: {phrase}"
    ratio = compression_ratio(stripped) if ratio is None else ratio
    if ratio > COMPRESSION_RATIO_LIMIT:
        return f"repetitive text (compression ratio {ratio:.1f})"
    loop = repeated_ngram(stripped)
    if loop:
        return f"repeated loop: {loop!r}"
    if no_speech_prob > NO_SPEECH_PROB_LIMIT and avg_logprob < AVG_LOGPROB_LIMIT:
        return f"probably no speech here (no-speech probability {no_speech_prob:.2f})"
    if audio is not None and audio.size and float(np.sqrt(np.mean(audio**2))) < SILENCE_RMS:
        return "text over silence"
    return ""


# Letters each decoded language is written in; a segment mostly in other letters is
# not what was decoded (Whisper base writes Latin garbage for a "Tibetan" clip).
_SCRIPTS = {
    "han": r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff\u3100-\u312f",
    "latin": r"A-Za-z\u00c0-\u024f",
    "kana": r"\u3040-\u30ff",
    "hangul": r"\uac00-\ud7af\u1100-\u11ff",
}
LANGUAGE_SCRIPTS = {
    # Chinese meetings quote English words and names in Latin letters.
    "zh": ("han", "latin"),
    "yue": ("han", "latin"),
    "ja": ("han", "kana", "latin"),
    "ko": ("hangul", "han", "latin"),
}
LATIN_LANGUAGES = frozenset(
    "en fr de es it pt nl sv da no nn fi pl cs sk sl hr ro hu tr id ms vi ca eu gl af sw tl la"
    .split()
)
WRONG_SCRIPT_SHARE = 0.3


def wrong_script(text: str, language: str) -> str:
    """Why ``text`` is not written as ``language`` is, or ""."""
    scripts = LANGUAGE_SCRIPTS.get(language) or (("latin",) if language in LATIN_LANGUAGES else ())
    letters = [c for c in text if c.isalpha()]
    if not scripts or not letters:
        return ""
    expected = re.compile("[" + "".join(_SCRIPTS[s] for s in scripts) + "]")
    foreign = sum(1 for c in letters if not expected.match(c))
    if foreign / len(letters) > WRONG_SCRIPT_SHARE:
        return f"letters not used to write the language it was decoded as ({language})"
    return ""


def _letters(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


PROMPT_ECHO_CHARS = 6


def prompt_echo(text: str, prompt: str | None) -> str:
    """The decoder's prompt copied into the transcript: nobody said it."""
    if not prompt:
        return ""
    said, given = _letters(text), _letters(prompt)
    size = min(PROMPT_ECHO_CHARS, len(given))
    if size and any(given[i : i + size] in said for i in range(len(given) - size + 1)):
        return "the decoder's prompt appears in the text"
    return ""


# A text whose letters are at most this share something other than glossary terms.
HOTWORD_ECHO_REST = 0.3


def hotword_echo(text: str, hotwords: str, previous: list[str]) -> str:
    """The glossary's hotwords copied to the start of the text: faster-whisper puts them in
    the prompt, and on a short tail the decoder may write them out, then repeat itself.

    Several terms in a row, the terms then a sentence already decoded, or a text made
    of little but the terms (listed, repeated) is an echo; one term opening a new
    sentence (唐鳳說…) is speech.
    """
    said, given = _letters(text), _letters(hotwords)
    if not given or not said:
        return ""
    echo = "the glossary's terms copied into the text (a decoding loop?)"
    if said.startswith(given):
        rest = said[len(given) :]
        if len(hotwords.split()) > 1 or not rest or any(rest in _letters(p) for p in previous):
            return echo
    # The terms listed, repeated, with punctuation between: little else is left.
    rest, count = said, 0
    for term in sorted({_letters(t) for t in hotwords.split()} - {""}, key=len, reverse=True):
        count += rest.count(term)
        rest = rest.replace(term, "")
    if count >= 2 and len(rest) <= HOTWORD_ECHO_REST * len(said):
        return echo
    return ""


REPEAT_LINE_CHARS = 6


def repeats_previous(text: str, previous: list[str]) -> str:
    """The same sentence again (a decoding loop across segments), not a short "yes"."""
    said = _letters(text)
    if len(said) >= REPEAT_LINE_CHARS and said in (_letters(p) for p in previous):
        return "the same text as just before (a decoding loop?)"
    return ""


def overlap(start: float, end: float, spans: list[tuple[float, float]]) -> float:
    """Seconds of [start, end] that fall inside ``spans``."""
    return sum(max(0.0, min(end, e) - max(start, s)) for s, e in spans)


def over_silence(start: float, end: float, speech: list[tuple[float, float]]) -> str:
    """Text timed where the voice detector heard no speech at all."""
    if end - start > 0.3 and overlap(start, end, speech) < 0.1 * (end - start):
        return "text where no speech was heard"
    return ""
