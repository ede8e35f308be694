"""What the editor marks inside a bullet's text: redacted spans and the word being heard.

Shared by the painted rows (``bullet_delegate``) and the open text box
(``bullet_list``), so both show the same thing. A span redaction left a marker in
the text (``〔已遮蔽〕``) and its record in ``extra["redactions"]``; later edits may
move the marker, so markers are found in the text and each is paired with the
nearest unused record for its hover text.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from transcriber.library.editing import redactions
from transcriber.model import Bullet
from transcriber.vocabulary import REDACTION_MARKER


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    tip: str


def redaction_spans(text: str, bullet: Bullet) -> list[Span]:
    """Where ``text`` (the bullet's current text) shows a redaction, with its hover text."""
    records = redactions(bullet)
    if bullet.redacted:
        whole = next((r for r in records if r.get("start") == 0), None)
        original = whole.get("original", "") if whole else ""
        return [Span(0, len(text), _tip(original, bullet.redaction_reason))] if text else []
    found: list[tuple[int, str]] = []
    for marker in set(REDACTION_MARKER.values()):
        at = text.find(marker)
        while at >= 0:
            found.append((at, marker))
            at = text.find(marker, at + len(marker))
    spans = []
    unused = list(records)
    for at, marker in sorted(found):
        record = min(unused, key=lambda r: abs(int(r.get("start", 0)) - at), default=None)
        if record is None:
            tip = QCoreApplication.translate("text_spans", "redacted")
        else:
            unused.remove(record)
            tip = _tip(record.get("original", ""), record.get("reason", ""))
        spans.append(Span(at, at + len(marker), tip))
    return spans


def _tip(original: str, reason: str) -> str:
    return QCoreApplication.translate("text_spans", "Redacted, never published: “{original}”. Reason: {reason}").format(original=original, reason=reason or QCoreApplication.translate("text_spans", "none given"))


def is_gap(bullet: Bullet) -> bool:
    """A stretch of speech the recogniser gave no text for (see CONTRACTS.md)."""
    return bool(bullet.extra.get("gap")) and not bullet.text.strip()


def marker_label(bullet: Bullet) -> str | None:
    """The label of the recording marker this bullet starts at, if it starts at one."""
    if "marker" not in bullet.extra:
        return None
    return str(bullet.extra.get("marker") or "") or QCoreApplication.translate("text_spans", "marker")
