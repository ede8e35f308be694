"""The library glossary: names and terms the transcript must get right.

Each term (唐鳳, 數位發展部, vTaiwan, g0v, …) may list wrong forms the decoder is
known to write for it (唐風 → 唐鳳). Every transcription gets the glossary through
``with_glossary``: the wrong forms become ``corrections`` (replaced after
normalisation, transcriber.asr.engine), and, when the user turns it on
(``set_hotwords_enabled``), the terms also become faster-whisper ``hotwords``.

Hotwords are off by default because measuring them (bench/glossary.py, whisper-base
on the dev set) showed them doing harm: faster-whisper puts them in the decoder's
prompt, and the decoder then writes them out on a short tail, repeats a sentence
after them, or keeps writing Chinese over English speech (a translation). The
corrections alone fixed the glossary's words on the clips that use them and
changed nothing elsewhere. A larger model may fare better: turn them on and check.

``suggestions`` watches the editor: when, in a meeting's editing history, the
same wrong form was replaced by the same right form at least twice, it offers
the pair for the glossary (the GUI asks; ``decline`` stops the offer).
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from transcriber.errors import NotFoundError, TranscriberError
from transcriber.library.editing.history import bullet_changes
from transcriber.library.store import Library, now_iso
from transcriber.library.word_timings import token_spans
from transcriber.messages import Message, message

# faster-whisper keeps at most ~223 prompt tokens of hotwords; a CJK character can take
# two or three, so the newest terms come first and the list stops here.
HOTWORDS_MAX_CHARS = 120
SUGGEST_AFTER = 2
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_WORDLIKE = re.compile(r"\w")
# Edits whose text changes are corrections typed or replaced by the editor.
_CORRECTING_ACTIONS = ("set_text", "replace", "replace_all")


class GlossaryError(TranscriberError):
    """A glossary entry that cannot be stored as asked."""


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    wrong: tuple[str, ...] = ()


@dataclass(frozen=True)
class Suggestion:
    """The editor replaced ``wrong`` by ``right`` ``count`` times: add it to the glossary?"""

    wrong: str
    right: str
    count: int


def _clean(text: str, what: Message) -> str:
    text = unicodedata.normalize("NFC", " ".join(text.split()))
    if not text:
        raise GlossaryError(message("A glossary {what} cannot be empty.", what=what))
    return text


def entries(library: Library) -> list[GlossaryEntry]:
    """Every term with its wrong forms, newest term first."""
    rows = library.db.execute(
        "SELECT t.term, c.wrong FROM glossary_terms t "
        "LEFT JOIN glossary_corrections c ON c.term_id = t.id ORDER BY t.id DESC, c.id"
    ).fetchall()
    wrong: dict[str, list[str]] = {}
    for term, form in rows:
        wrong.setdefault(term, [])
        if form is not None:
            wrong[term].append(form)
    return [GlossaryEntry(term, tuple(forms)) for term, forms in wrong.items()]


def add(library: Library, term: str, wrong: tuple[str, ...] | list[str] = ()) -> GlossaryEntry:
    """Add ``term`` (or more wrong forms to a term already there)."""
    term = _clean(term, message("term"))
    forms = [_clean(form, message("wrong form")) for form in wrong]
    for form in forms:
        if form == term:
            raise GlossaryError(message("{form!r} is the term itself, so it cannot be a wrong form of it.", form=form))
        if len(form) == 1 and _CJK.match(form):
            raise GlossaryError(
                message("A wrong form of one character ({form}) would change every word that contains "
                        "it; give the whole wrong word (唐風, not 風).", form=form)
            )
    with library.atomic() as db:
        row = db.execute("SELECT id FROM glossary_terms WHERE term = ?", [term]).fetchone()
        term_id = row[0] if row else db["glossary_terms"].insert(
            {"term": term, "created_at": now_iso()}
        ).last_pk
        for form in forms:
            owner = db.execute(
                "SELECT t.term FROM glossary_corrections c JOIN glossary_terms t "
                "ON t.id = c.term_id WHERE c.wrong = ?", [form]
            ).fetchone()
            if owner and owner[0] != term:
                raise GlossaryError(
                    message("{form!r} is already a wrong form of {owner!r}; remove it there first.", form=form, owner=owner[0])
                )
            if not owner:
                db["glossary_corrections"].insert({"term_id": term_id, "wrong": form})
    return next(e for e in entries(library) if e.term == term)


def remove(library: Library, term: str) -> None:
    """Remove ``term`` and its wrong forms."""
    term = _clean(term, message("term"))
    with library.atomic() as db:
        row = db.execute("SELECT id FROM glossary_terms WHERE term = ?", [term]).fetchone()
        if row is None:
            raise NotFoundError(message("The glossary has no term {term!r}.", term=term))
        db.execute("DELETE FROM glossary_corrections WHERE term_id = ?", [row[0]])
        db.execute("DELETE FROM glossary_terms WHERE id = ?", [row[0]])


def hotwords(library: Library) -> str:
    """The terms as faster-whisper ``hotwords``: newest first, within its prompt budget."""
    chosen: list[str] = []
    used = 0
    for entry in entries(library):
        if used + len(entry.term) > HOTWORDS_MAX_CHARS:
            break
        chosen.append(entry.term)
        used += len(entry.term) + 1
    return " ".join(chosen)


def corrections(library: Library) -> tuple[tuple[str, str], ...]:
    """(wrong form, term) pairs for the post-correction after decoding."""
    return tuple((form, entry.term) for entry in entries(library) for form in entry.wrong)


def hotwords_enabled(library: Library) -> bool:
    """Whether the terms are given to the decoder as hotwords (see the module docstring)."""
    row = library.db.execute(
        "SELECT value FROM glossary_options WHERE name = 'hotwords'"
    ).fetchone()
    return row is not None and row[0] == "on"


def set_hotwords_enabled(library: Library, enabled: bool) -> None:
    with library.atomic() as db:
        db.execute(
            "INSERT INTO glossary_options (name, value) VALUES ('hotwords', ?) "
            "ON CONFLICT(name) DO UPDATE SET value = excluded.value",
            ["on" if enabled else "off"],
        )


def with_glossary(options, library: Library):  # EngineOptions -> EngineOptions
    """``options`` with the library glossary's corrections (and hotwords, if on) added.

    The pipeline's entry (transcriber.asr.pipeline.transcribe_into) and
    re-transcribe call it, so every decode into this library uses its glossary;
    adding it twice changes nothing.
    """
    glossary_terms = hotwords(library).split() if hotwords_enabled(library) else []
    terms = dict.fromkeys((*options.hotwords.split(), *glossary_terms))
    pairs = tuple(dict.fromkeys((*options.corrections, *corrections(library))))
    words = " ".join(terms)
    return dataclasses.replace(options, hotwords=words, corrections=pairs)


# -- suggestions from the editing history ----------------------------------------------------


def _replacements(before: str, after: str) -> list[list[tuple[str, str]]]:
    """The (old, new) stretches replaced between two versions of a bullet's text, each
    as the list of ways to say it (most often one).

    A one-character CJK replacement (風 → 鳳) says little on its own, so it takes an
    unchanged neighbour along: the one before (唐風 → 唐鳳) or the one after (咱們 →
    我們). Which one makes the word shows across places (``suggestions``): the
    neighbour before varies with the sentence (跟咱們, 是咱們) where the word does not.
    """
    old_spans, new_spans = token_spans(before), token_spans(after)
    old_tokens = [before[a:b] for a, b in old_spans]
    new_tokens = [after[a:b] for a, b in new_spans]
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    found = []
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag != "replace":
            continue
        spans = [(a0, a1, b0, b1)]
        if (a1 - a0 == 1 and b1 - b0 == 1 and _CJK.fullmatch(old_tokens[a0])
                and _CJK.fullmatch(new_tokens[b0])):  # fmt: skip
            spans = []
            if a0 > 0 and b0 > 0 and _CJK.fullmatch(old_tokens[a0 - 1]):
                spans.append((a0 - 1, a1, b0 - 1, b1))
            if a1 < len(old_tokens) and b1 < len(new_tokens) and _CJK.fullmatch(old_tokens[a1]):
                spans.append((a0, a1 + 1, b0, b1 + 1))
            spans = spans or [(a0, a1, b0, b1)]
        ways = []
        for x0, x1, y0, y1 in spans:
            wrong = before[old_spans[x0][0] : old_spans[x1 - 1][1]]
            right = after[new_spans[y0][0] : new_spans[y1 - 1][1]]
            if _WORDLIKE.search(wrong) and _WORDLIKE.search(right) and wrong != right:
                ways.append((wrong, right))
        if ways:
            found.append(ways)
    return found


def suggestions(library: Library, meeting_id: int) -> list[Suggestion]:
    """Corrections the editor made at least twice in this meeting and the glossary lacks.

    Each bullet's text as the editor found it (before its first edit) is compared
    with its text now, so a correction typed in several undo steps counts once per
    place it was made; undone edits do not count.
    """
    first: dict[int, str] = {}
    last: dict[int, str | None] = {}
    for action, bullet_id, before, after in bullet_changes(library.db, meeting_id):
        if action in _CORRECTING_ACTIONS and before is not None and after is not None:
            first.setdefault(bullet_id, before["text"])
        if bullet_id in first:
            last[bullet_id] = after["text"] if after is not None else None
    places = [ways for bullet_id, before in first.items() if last.get(bullet_id) is not None
              for ways in _replacements(before, last[bullet_id])]  # fmt: skip
    # Each place counts once, as the way of saying it that most places share (ties: the
    # neighbour before, the older rule).
    shared: Counter[tuple[str, str]] = Counter(way for ways in places for way in set(ways))
    counts: Counter[tuple[str, str]] = Counter(
        max(ways, key=lambda way: (shared[way], -ways.index(way))) for ways in places)
    known = {wrong for wrong, _right in corrections(library)}
    declined = set(library.db.execute("SELECT wrong, right FROM glossary_declined").fetchall())
    return [
        Suggestion(wrong, right, count)
        for (wrong, right), count in counts.most_common()
        if count >= SUGGEST_AFTER and wrong not in known and (wrong, right) not in declined
    ]


def decline(library: Library, wrong: str, right: str) -> None:
    """The editor said no: never suggest this pair again."""
    with library.atomic() as db:
        db.execute(
            "INSERT OR IGNORE INTO glossary_declined (wrong, right) VALUES (?, ?)", [wrong, right]
        )
