"""Word timings through edits: keep the time of every word that is still there.

A bullet's ``words`` are the decoder's words with their times (for click-a-word
playback). When the editor changes the text, each word keeps its time as far as
the word survives:

- the text is compared old against new token by token (difflib), where a token
  is a Latin word, one CJK character or one other character, spaces left out, so
  that a rewrite neither keeps stray letters nor lines words up by their spaces;
- a word whose characters are unchanged keeps its time and its text;
- a word corrected in place (one replaced stretch that lies within that word,
  like 唐風 → 唐鳳 or "vtaiwan" → "vTaiwan", or text typed inside it) keeps its
  time and takes the corrected text, since the same sound is at the same time;
- a word deleted, or swallowed by a rewrite spanning several words, is dropped;
  new words typed by the editor get no time (nobody measured one).

Undo needs nothing from here: it writes the stored rows back, words included.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from transcriber.library.word_spans import word_spans
from transcriber.model import Word

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+|\S")


def token_spans(text: str) -> list[tuple[int, int]]:
    """Where the tokens of ``text`` are: Latin words, single CJK characters, other
    single characters; spaces are no token."""
    return [m.span() for m in _TOKEN.finditer(text)]


def _owners(text: str, spans: Sequence[tuple[int, int] | None]) -> list[int | None]:
    """For each character of ``text``, the index of the word it belongs to."""
    owners: list[int | None] = [None] * len(text)
    for index, span in enumerate(spans):
        if span is not None:
            for offset in range(*span):
                if not text[offset].isspace():
                    owners[offset] = index
    return owners


def realign(words: Sequence[Word], old_text: str, new_text: str) -> list[Word]:
    """The words of ``old_text`` that survive in ``new_text``, with their times."""
    if not words or old_text == new_text:
        return list(words)
    old_spans = word_spans(old_text, words)
    old_owner = _owners(old_text, old_spans)
    new_owner: list[int | None] = [None] * len(new_text)
    old_tokens, new_tokens = token_spans(old_text), token_spans(new_text)
    matcher = difflib.SequenceMatcher(
        a=[old_text[a:b] for a, b in old_tokens],
        b=[new_text[a:b] for a, b in new_tokens],
        autojunk=False,
    )
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        old_start = old_tokens[a0][0] if a0 < len(old_tokens) else len(old_text)
        old_end = old_tokens[a1 - 1][1] if a1 > a0 else old_start
        new_start = new_tokens[b0][0] if b0 < len(new_tokens) else len(new_text)
        new_end = new_tokens[b1 - 1][1] if b1 > b0 else new_start
        if tag == "equal":  # token by token: the spaces between them may differ
            for (a, b), (c, _d) in zip(old_tokens[a0:a1], new_tokens[b0:b1], strict=True):
                new_owner[c : c + b - a] = old_owner[a:b]
            continue
        if tag == "delete":
            continue
        if tag == "replace":
            inside = {old_owner[i] for i in range(old_start, old_end) if not old_text[i].isspace()}
        else:  # insert: typed inside a word when both neighbours belong to it
            left = old_owner[old_start - 1] if old_start > 0 else None
            right = old_owner[old_start] if old_start < len(old_text) else None
            inside = {left} if left is not None and left == right else set()
        if len(inside) == 1 and None not in inside:
            (owner,) = inside
            for j in range(new_start, new_end):
                if not new_text[j].isspace():
                    new_owner[j] = owner
    kept: dict[int, list[int]] = {}
    for offset, owner in enumerate(new_owner):
        if owner is not None:
            kept.setdefault(owner, []).append(offset)
    result = []
    for index, word in enumerate(words):
        offsets = kept.get(index)
        if not offsets:
            continue
        new_word = new_text[offsets[0] : offsets[-1] + 1]
        old_span = old_spans[index]
        if old_span is not None and old_text[old_span[0] : old_span[1]] == new_word:
            result.append(word)  # unchanged: keep the decoder's own form of it
        else:
            result.append(Word(word.start, word.end, new_word, word.probability))
    return result


def split_words(
    words: Sequence[Word], text: str, offset: int
) -> tuple[list[Word], list[Word]]:
    """The words before and after character ``offset`` (a bullet split there).

    A word the split cuts through goes, whole, to the side holding most of it.
    """
    left: list[Word] = []
    right: list[Word] = []
    for word, span in zip(words, word_spans(text, words), strict=True):
        if span is None:
            continue
        before = max(0, min(span[1], offset) - span[0])
        after = max(0, span[1] - max(span[0], offset))
        (left if before >= after else right).append(word)
    return left, right
