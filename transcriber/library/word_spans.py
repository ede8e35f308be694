"""Where each decoded word sits in a bullet's text, for word highlighting and click-a-word.

The decoder's words (``Bullet.words``) were the raw model output; the bullet's text
went through OpenCC, punctuation and spacing normalisation, and maybe the editor's
corrections since. So words are matched to the text character by character
(difflib), not by string offsets: a converted or corrected character still lands
between its neighbours, and a word the editor deleted gets no span at all.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Sequence

from transcriber.model import Word


def word_spans(text: str, words: Sequence[Word]) -> list[tuple[int, int] | None]:
    """``(start, end)`` character offsets in ``text`` for each word; ``None`` where it is gone."""
    chars: list[str] = []
    owner: list[int] = []  # word index of each character in ``chars``
    for index, word in enumerate(words):
        for char in word.text:
            if not char.isspace():
                chars.append(char)
                owner.append(index)
    text_chars = [(offset, char) for offset, char in enumerate(text) if not char.isspace()]
    placed: list[int | None] = [None] * len(chars)  # text offset of each word character
    matcher = difflib.SequenceMatcher(a=chars, b=[c for _, c in text_chars], autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and a1 - a0 == b1 - b0):
            for k in range(a1 - a0):
                placed[a0 + k] = text_chars[b0 + k][0]
        elif tag == "replace":
            # Converted with a change of length: spread the word characters over the text's.
            for k in range(a1 - a0):
                placed[a0 + k] = text_chars[b0 + (k * (b1 - b0)) // (a1 - a0)][0]
    spans: list[tuple[int, int] | None] = [None] * len(words)
    for position, offset in zip(owner, placed, strict=True):
        if offset is None:
            continue
        span = spans[position]
        spans[position] = (offset, offset + 1) if span is None else (min(span[0], offset), max(span[1], offset + 1))
    return spans


def word_at(spans: Sequence[tuple[int, int] | None], offset: int) -> int | None:
    """Index of the word whose span holds character ``offset`` (or the nearest one before it)."""
    best = None
    for index, span in enumerate(spans):
        if span is None:
            continue
        if span[0] <= offset < span[1]:
            return index
        if span[0] <= offset:
            best = index
    return best


def word_playing(words: Sequence[Word], seconds: float) -> int | None:
    """Index of the word being heard at ``seconds`` (the last one started), if any."""
    starts = [word.start for word in words]
    index = bisect.bisect_right(starts, seconds) - 1
    if index < 0 or seconds > words[index].end + 1.0:
        return None
    return index
