"""Chinese text normalisation for Whisper output (Traditional, Taiwan usage).

Whisper's ``zh`` drifts between Simplified and Traditional and often emits no or
half-width punctuation. ``normalise_zh`` converts with OpenCC ``s2twp``, turns
half-width punctuation in Chinese context into full-width, and puts exactly one
space between CJK and Latin letters or digits. Text without CJK is returned
unchanged, so English segments are never touched.
"""

from __future__ import annotations

import functools
import re

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
FULLWIDTH_PUNCT = "，。？！：；、「」『』（）《》〈〉…—"
_CJK_RE = re.compile(f"[{CJK}]")
_CJK_CHAR = f"[{CJK}]"
_CJK_OR_FW = f"[{CJK}{FULLWIDTH_PUNCT}]"

# Half-width marks that become full-width when they touch Chinese text.
_SIMPLE_MARKS = {",": "，", "?": "？", "!": "！", ";": "；", ":": "："}

_FINAL_MARKS = "。？！…」』）"


_LATIN_RE = re.compile(r"[A-Za-z]")
# A Chinese character carries about as much as a five-letter Latin word.
CJK_WEIGHT = 5


def has_cjk(text: str) -> bool:
    return bool(_CJK_RE.search(text))


def text_language(text: str) -> str:
    """``zh`` when Chinese makes up a real part of ``text``, else ``en``.

    The one rule for every "which language is this transcript in" question (labels,
    markers, licence wording, page language), so they never disagree.
    """
    cjk = len(_CJK_RE.findall(text))
    return "zh" if cjk and cjk * CJK_WEIGHT >= len(_LATIN_RE.findall(text)) else "en"


@functools.cache
def _converter():  # -> opencc.OpenCC; created once, it loads dictionaries from disk
    import opencc

    return opencc.OpenCC("s2twp")


def to_traditional(text: str) -> str:
    """OpenCC s2twp: Simplified to Traditional with Taiwan phrases (软件 → 軟體)."""
    return _converter().convert(text)


def _fullwidth_marks(text: str) -> str:
    for half, full in _SIMPLE_MARKS.items():
        h = re.escape(half)
        # A mark between two digits (1,000 or 10:30) stays as it is.
        text = re.sub(rf"(?<=[{CJK}])\s*{h}(?!\d)", full, text)
        text = re.sub(rf"{h}\s*(?=[{CJK}])", full, text)
    # A full stop after Chinese; never inside numbers, versions or domain names.
    text = re.sub(rf"(?<=[{CJK}])\s*\.(?![A-Za-z0-9_.])", "。", text)
    return text


def _quotes(text: str) -> str:
    text = text.replace("“", "「").replace("”", "」").replace("‘", "『").replace("’", "』")
    # Straight double quotes: pair them in order of appearance.
    parts = text.split('"')
    if len(parts) % 2 == 1 and len(parts) > 1:
        text = "".join(
            part + ("" if i == len(parts) - 1 else ("「" if i % 2 == 0 else "」"))
            for i, part in enumerate(parts)
        )
    return text


def _spacing(text: str) -> str:
    # Whisper separates Chinese clauses with a space; in written Chinese that is a comma.
    text = re.sub(rf"(?<={_CJK_CHAR})\s+(?={_CJK_CHAR})", "，", text)
    # No space around full-width punctuation.
    text = re.sub(rf"\s*([{FULLWIDTH_PUNCT}])\s*", r"\1", text)
    # Exactly one space between CJK and Latin letters or digits, both ways.
    text = re.sub(rf"({_CJK_CHAR})\s*([A-Za-z0-9])", r"\1 \2", text)
    text = re.sub(rf"([A-Za-z0-9%])\s*({_CJK_CHAR})", r"\1 \2", text)
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def normalise_zh(text: str, final_stop: bool = True) -> str:
    """Traditional characters, full-width punctuation and CJK/Latin spacing.

    With ``final_stop`` a sentence that ends in a Chinese character gets a ``。``,
    since Whisper segments are sentences and the archive's text always closes them.
    """
    if not has_cjk(text):
        return text
    text = to_traditional(text.strip())
    text = _quotes(text)
    text = _fullwidth_marks(text)
    text = _spacing(text)
    if final_stop and text and _CJK_RE.match(text[-1]):
        text += "。"
    return text
