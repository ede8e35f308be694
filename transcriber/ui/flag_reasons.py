"""Why a bullet is flagged, in the interface's language.

The core (no Qt) stores each reason as an English sentence of a known shape
(``transcriber/asr/guards.py``, the decoder's gaps, re-transcription's overlaps),
several joined by "; " when bullets merge. Each known shape is matched here and said
again from its translated text with the same values; a reason of unknown shape (one
typed by the editor) is shown as it is. tests/ui/test_flag_reasons.py makes every
reason the core produces and fails on one left in English.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from transcriber.asr.retranscribe import OVERLAP_FLAG, UNMATCHED_FLAG
from transcriber.ui.choice_names import spoken_language_name

_END = r"(?=; |$)"


def _shapes() -> list[tuple[re.Pattern[str], str]]:
    translate = QCoreApplication.translate
    shapes = [
        (r"stock phrase Whisper invents: (?P<phrase>.+?)",
         translate("flag_reasons", "stock phrase Whisper invents: {phrase}")),
        (r"repetitive text \(compression ratio (?P<ratio>[\d.]+)\)",
         translate("flag_reasons", "repetitive text (compression ratio {ratio})")),
        (r"repeated loop: (?P<loop>.+?)", translate("flag_reasons", "repeated loop: {loop}")),
        (r"probably no speech here \(no-speech probability (?P<probability>[\d.]+)\)",
         translate("flag_reasons", "probably no speech here (no-speech probability {probability})")),
        (r"text over silence", translate("flag_reasons", "text over silence")),
        (r"letters not used to write the language it was decoded as \((?P<language>[\w-]+)\)",
         translate("flag_reasons", "letters not used to write the language it was decoded as ({language})")),
        (r"the decoder's prompt appears in the text", translate("flag_reasons", "the decoder's prompt appears in the text")),
        (r"the glossary's terms copied into the text \(a decoding loop\?\)",
         translate("flag_reasons", "the glossary's terms copied into the text (a decoding loop?)")),
        (r"the same text as just before \(a decoding loop\?\)",
         translate("flag_reasons", "the same text as just before (a decoding loop?)")),
        (r"text where no speech was heard", translate("flag_reasons", "text where no speech was heard")),
        (r"speech in another language \((?P<language>[\w-]+)\) than the meeting's "
         r"\((?P<languages>[\w, -]*)\); not transcribed, so not translated: listen and type it",
         translate("flag_reasons", "speech in another language ({language}) than the meeting's ({languages}); "
                   "not transcribed, so not translated: listen and type it")),
        (r"the language detector heard (?P<language>[\w-]+) \((?P<probability>\d+%)\), not one of "
         r"the meeting's languages: check this is not a translation",
         translate("flag_reasons", "the language detector heard {language} ({probability}), not one of "
                   "the meeting's languages: check this is not a translation")),
        (r"the language detector was torn \((?P<language>[\w-]+) (?P<chosen>\d+%), another of the "
         r"meeting's languages (?P<rival>\d+%)\): check this is not a translation",
         translate("flag_reasons", "the language detector was torn ({language} {chosen}, another of the "
                   "meeting's languages {rival}): check this is not a translation")),
        (r"decoded as (?P<language>[\w-]+) after (?P<first>[\w-]+) gave no words here: check this "
         r"is not a translation",
         translate("flag_reasons", "decoded as {language} after {first} gave no words here: check this "
                   "is not a translation")),
        (r"speech with no text: listen and type what was said",
         translate("flag_reasons", "speech with no text: listen and type what was said")),
        (re.escape(OVERLAP_FLAG),
         translate("flag_reasons", "Re-transcribed text over a bullet you edited: keep one of the two.")),
        (re.escape(UNMATCHED_FLAG),
         translate("flag_reasons", "Re-transcribed text over a bullet the new pass did not fully match: keep one of the two.")),
    ]
    return [(re.compile(pattern + _END), text) for pattern, text in shapes]


def flag_reason_text(reason: str) -> str:
    """``reason`` as stored by the core, said in the interface's language."""
    shapes = _shapes()
    parts: list[str] = []
    rest = reason
    while rest:
        for pattern, text in shapes:
            found = pattern.match(rest)
            if found:
                values = found.groupdict()
                for key in ("language", "first"):
                    if key in values:
                        values[key] = spoken_language_name(values[key])
                if "languages" in values:
                    names = [spoken_language_name(code) for code in values["languages"].split(", ") if code]
                    values["languages"] = QCoreApplication.translate("flag_reasons", ", ").join(names)
                parts.append(text.format(**values))
                rest = rest[found.end() + 2:]
                break
        else:
            part, _separator, rest = rest.partition("; ")
            parts.append(part)
    return QCoreApplication.translate("flag_reasons", "; ").join(parts)
