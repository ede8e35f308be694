"""Typing: a bullet's whole text, saved on every keystroke, keystrokes folded into one undo step."""

from __future__ import annotations

from transcriber.library.editing.errors import EditError
from transcriber.library.editing.history import EditHistory, one_transaction
from transcriber.library.editing.wording import redactions
from transcriber.messages import message
from transcriber.model import Bullet


@one_transaction
def set_text(
    history: EditHistory, bullet_id: int, text: str, coalesce: bool | None = None
) -> Bullet:
    """Save the bullet's whole text (the GUI calls this on every keystroke).

    ``coalesce``: see ``EditHistory.record_typing``. Refuses (``EditError``) text
    that brings back words redacted from this bullet: that is what a widget
    still showing the text from before a redaction would send, and it must not
    undo the redaction silently.
    """
    bullet = history.bullet(bullet_id)
    if bullet.text == text:
        return bullet
    for record in redactions(bullet):
        original = record.get("original", "")
        if len(original.strip()) >= 2 and original in text and original not in bullet.text:
            raise EditError(
                message("This text brings back words that were redacted; "
                        "reload the bullet, or undo the redaction instead.")
            )
    history.record_typing(bullet_id, text, coalesce, **_gap_filled(bullet, text))
    return history.bullet(bullet_id)


# The decoder's gap reasons all ask for this (transcriber.asr.engine): typing is the answer.
GAP_REQUEST = ": listen and type"


def _gap_filled(bullet: Bullet, text: str) -> dict:
    """A gap (speech without text) the editor typed text into is no longer flagged for
    being empty; any other reason it was flagged for stays. Undo brings the flag back."""
    if not bullet.extra.get("gap") or not bullet.flagged or not text.strip():
        return {}
    reasons = [r for r in bullet.flag_reason.split("; ") if r and GAP_REQUEST not in r]
    return {"flagged": bool(reasons), "flag_reason": "; ".join(reasons)}
