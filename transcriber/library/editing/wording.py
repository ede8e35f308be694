"""How edits word things: markers, labels and joins in the meeting's language (pure functions).

Also used by the archive writer and the exporters, which must publish a bullet
exactly as the editor left it (``published_text``).
"""

from __future__ import annotations

import re

from transcriber.model import Bullet
from transcriber.text import FULLWIDTH_PUNCT, has_cjk
from transcriber.vocabulary import OTHER_SIDE_TEXT, QUESTION_LABEL, REDACTION_MARKER

QUESTION_NAMES = frozenset(QUESTION_LABEL.values())

# CJK ideographs plus full-width punctuation: no space is needed next to these when joining.
_NO_SPACE_CHARS = re.compile(
    rf"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
    rf"\U00020000-\U0002ffff{FULLWIDTH_PUNCT}]"
)


def language_family(language: str | None, sample_text: str = "") -> str:
    """``"zh"`` or ``"en"``: which wording markers and labels take for ``language``.

    ``auto`` (or empty) decides by whether ``sample_text`` contains Chinese.
    """
    language = (language or "auto").lower()
    if language.startswith("zh"):
        return "zh"
    if language == "auto":
        return "zh" if has_cjk(sample_text) else "en"
    return "en"


def question_speaker_name(language: str) -> str:
    """The speaker label for restated questions: ``問`` in Chinese, ``Question`` otherwise."""
    return QUESTION_LABEL[language_family(language)]


def other_side_text(language: str) -> str:
    """Default text of a marker for the other side's unrecorded turn."""
    return OTHER_SIDE_TEXT[language_family(language)]


def redaction_marker(language: str) -> str:
    """The visible marker that stands in the published text where words were redacted."""
    return REDACTION_MARKER[language_family(language)]


def published_text(bullet: Bullet, language: str = "auto") -> str:
    """The text of ``bullet`` as it may be published.

    A span redaction already removed the words from ``bullet.text`` (they live
    only in ``extra``), so the text is safe as it is. A whole-bullet redaction
    publishes only the marker, never the text or the reason.
    """
    if bullet.redacted:
        if (language or "auto").lower() == "auto":
            # Keep the marker chosen when the bullet was redacted.
            markers = REDACTION_MARKER.values()
            return bullet.text if bullet.text in markers else REDACTION_MARKER["en"]
        return redaction_marker(language)
    return bullet.text


def redactions(bullet: Bullet) -> list[dict]:
    """The private record of span redactions: ``{start, end, original, reason, at}`` each.

    ``start``/``end`` locate the marker when it was inserted; later edits may move it.
    """
    return list(bullet.extra.get("redactions", []))


def join_text(left: str, right: str) -> str:
    """Join two pieces of transcript: nothing between Chinese, one space between words."""
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left + right
    if _NO_SPACE_CHARS.match(left[-1]) and _NO_SPACE_CHARS.match(right[0]):
        return left + right
    if left[-1] in FULLWIDTH_PUNCT or right[0] in FULLWIDTH_PUNCT:
        return left + right
    return f"{left} {right}"
