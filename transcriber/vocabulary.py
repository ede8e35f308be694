"""The fixed words a transcript uses, in each of its two languages (``zh``, ``en``).

The editor inserts them, the archive writer and the exports publish them, and the
archive reader recognises them: one table, so they always agree.
"""

QUESTION_LABEL = {"zh": "問", "en": "Question"}
OTHER_SIDE_TEXT = {"zh": "（對方發言）", "en": "(interviewer speaks)"}
REDACTION_MARKER = {"zh": "〔已遮蔽〕", "en": "[redacted]"}
