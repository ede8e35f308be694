"""Read and write one archive transcript, losslessly.

An archive file (see DESIGN.md and ``shared/corpus/transcript-sample``) is an H1
``# YYYY-MM-DD Title`` followed by top-level blocks: speaker turns (an H3 label
``### 唐鳳：`` / ``### Audrey Tang:`` and the paragraphs or ``* `` bullets under it),
blockquotes for non-speech (``> (interviewer speaks)``, section titles, the licence
notice) and anything else kept verbatim (other headings, a stray H1).

Lossless by construction: every block and item remembers the exact text between it
and the previous one (``before``) and its own verbatim ``source``; ``write`` emits the
source of everything whose parsed fields were not changed, so
``write(parse(text)) == text`` for any text, and editing one item changes one item.
Real archives vary (spacing after labels, ``*   `` list markers, raw HTML, half- and
full-width colons), so the parser never rejects input: what it does not understand
becomes a ``Raw`` block or a ``raw`` item. ``ArchiveDocument.problems`` says what
breaks the file rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from transcriber.archive.filenames import is_real_date
from transcriber.model import Licence

# Real H1s vary: a no-break space after the date, U+2011 hyphens in it, no date at all.
# Whatever the H1 says, it is kept verbatim; the date it reads is only a hint.
_HYPHEN = "[-\u2010\u2011\u2012\u2013\uff0d]"
H1_RE = re.compile(
    rf"^#[ \t]+(?:(?P<date>\d{{4}}{_HYPHEN}\d{{2}}{_HYPHEN}\d{{2}})(?=\s|$))?\s*(?P<title>.*?)\s*$"
)
LABEL_RE = re.compile(r"^###[ \t]+(?P<label>\S.*?)[ \t]*(?P<colon>[：:])[ \t\r]*$")
HEADING_RE = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
QUOTE_RE = re.compile(r"^ {0,3}>")
QUOTE_PREFIX_RE = re.compile(r"^ {0,3}> ?")
LIST_RE = re.compile(r"^ {0,3}(?:(?P<bullet>[*+-])|(?P<number>\d{1,9})[.)])(?:[ \t]+|$)")
FENCE_RE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")
HTML_RE = re.compile(r"^ {0,3}<")

# Question labels: the official's restatement of what they were asked.
COLONS = {"zh": "：", "en": ":"}

LICENCE_URLS = {
    Licence.CC_BY_4: ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    Licence.CC0: ("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
}
LICENCE_DEEDS = {"zh": "deed.zh-hant", "en": "deed.en"}
LICENCE_WORDS = {"zh": "授權：", "en": "License: "}
LICENCE_RE = re.compile(
    r"^[(（][ \t]*(?P<word>授權|License|Licence)[ \t]*[:：][ \t]*"
    r"\[[^\]]*\]\((?P<url>https?://creativecommons\.org/"
    r"(?P<kind>licenses/by/4\.0|publicdomain/zero/1\.0)/?(?P<deed>[^)\s]*))\)[ \t]*[)）]$"
)


def licence_notice_text(licence: str, lang: str) -> str:
    """The notice's text inside the blockquote, in the file's language."""
    name, url = LICENCE_URLS[Licence(licence)]
    return f"({LICENCE_WORDS[lang]}[{name}]({url}{LICENCE_DEEDS[lang]}))"


# -- the document model ------------------------------------------------------------------


class _Verbatim:
    """A part that remembers which field values its verbatim source text stands for.

    ``keep_source()`` records the current values; ``render`` then reuses the source
    until one of them changes, and writes the canonical form after that.
    """

    _parsed: tuple | None

    def _fields(self) -> tuple:
        raise NotImplementedError

    def keep_source(self):  # -> Self
        self._parsed = self._fields()
        return self

    def _source_is_current(self) -> bool:
        return self._parsed is not None and self._parsed == self._fields()


@dataclass
class Item(_Verbatim):
    """One paragraph, list item or raw block under a speaker label.

    ``kind`` is ``paragraph``, ``bullet`` (``* ``), ``ordered`` (``1. ``) or ``raw``
    (HTML, fenced code). ``marker`` is the list marker with its spacing (``"*   "``);
    ``text`` the Markdown after it. ``source`` is the verbatim text read, reused by
    ``render`` while ``marker`` and ``text`` are unchanged.
    """

    text: str
    kind: str = "paragraph"
    marker: str = ""
    before: str = "\n"
    source: str | None = None
    line: int = 0
    _parsed: tuple | None = field(default=None, repr=False, compare=False)

    def _fields(self) -> tuple:
        return (self.marker, self.text)

    def render(self) -> str:
        if self.source is not None and self._source_is_current():
            return self.before + self.source
        return self.before + self.marker + self.text


@dataclass
class Turn(_Verbatim):
    """A speaker label and what follows it; ``label`` is None for text before any label."""

    label: str | None
    items: list[Item] = field(default_factory=list)
    colon: str = "："
    before: str = "\n"
    label_line: str | None = None
    line: int = 0
    _parsed: tuple | None = field(default=None, repr=False, compare=False)

    def _fields(self) -> tuple:
        return (self.label, self.colon)

    def render(self) -> str:
        parts = [self.before] if self.label is not None else []
        if self.label is not None:
            if self.label_line is not None and self._source_is_current():
                parts.append(self.label_line)
            else:
                parts.append(f"### {self.label}{self.colon}")
        parts.extend(item.render() for item in self.items)
        return "".join(parts)


@dataclass
class Quote(_Verbatim):
    """A blockquote: non-speech such as ``> (interviewer speaks)`` or ``> （笑）``."""

    text: str
    before: str = "\n"
    source: str | None = None
    line: int = 0
    _parsed: tuple | None = field(default=None, repr=False, compare=False)

    def _fields(self) -> tuple:
        return (self.text,)

    def render(self) -> str:
        if self.source is not None and self._source_is_current():
            return self.before + self.source
        lines = self.text.split("\n")
        return self.before + "\n".join(f"> {line}" if line else ">" for line in lines)


@dataclass
class LicenceNotice(_Verbatim):
    """The licence blockquote, e.g. ``> (授權：[CC BY 4.0](…/deed.zh-hant))``."""

    licence: str
    lang: str = "zh"
    before: str = "\n"
    source: str | None = None
    line: int = 0
    _parsed: tuple | None = field(default=None, repr=False, compare=False)

    def _fields(self) -> tuple:
        return (self.licence, self.lang)

    def render(self) -> str:
        if self.source is not None and self._source_is_current():
            return self.before + self.source
        return self.before + "> " + licence_notice_text(self.licence, self.lang)


@dataclass
class Raw:
    """A top-level block kept verbatim (a heading that is not a label, a second H1)."""

    source: str
    before: str = "\n"
    line: int = 0

    def render(self) -> str:
        return self.before + self.source


Block = Turn | Quote | LicenceNotice | Raw


@dataclass
class ArchiveDocument(_Verbatim):
    """One transcript file: H1 (``date``, ``title``), ``blocks`` and what follows them."""

    title: str | None
    date: str | None
    blocks: list[Block] = field(default_factory=list)
    # Text after the last block: usually "\n", often "\n\n" in the real archive.
    tail: str = "\n"
    head: str | None = None
    _parsed: tuple | None = field(default=None, repr=False, compare=False)

    def _fields(self) -> tuple:
        return (self.date, self.title)

    @property
    def h1(self) -> str:
        if self.head is not None and self._source_is_current():
            return self.head
        if self.date is None and self.title is None:
            return ""
        return "# " + " ".join(part for part in (self.date, self.title) if part)

    @property
    def turns(self) -> list[Turn]:
        return [b for b in self.blocks if isinstance(b, Turn)]

    @property
    def licence(self) -> str | None:
        notices = [b for b in self.blocks if isinstance(b, LicenceNotice)]
        return notices[0].licence if notices else None

    def speakers(self) -> list[str]:
        """Speaker labels in order of first appearance."""
        seen: dict[str, None] = {}
        for turn in self.turns:
            if turn.label is not None:
                seen.setdefault(turn.label, None)
        return list(seen)

    def problems(self) -> list[tuple[int, str]]:
        """(line, message) for each structural rule of DESIGN.md the text breaks."""
        found: list[tuple[int, str]] = []
        if self.head is None:
            found.append((1, "the first line is not an H1 '# YYYY-MM-DD Title'"))
        elif self.date is None:
            found.append((1, "the H1 does not start with a date YYYY-MM-DD"))
        else:
            if not is_real_date(self.date):
                found.append((1, f"the H1 date {self.date} is not a real date"))
            if not self.title:
                found.append((1, "the H1 has no title after the date"))
        for block in self.blocks:
            if isinstance(block, Raw) and re.match(r"^ {0,3}#(?:[ \t]|$)", block.source):
                found.append((block.line, "a second H1; a transcript has exactly one"))
        return found


# -- parsing -----------------------------------------------------------------------------


class _Lines:
    """The text split into lines with their character offsets, for exact slicing."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.split("\n")
        self.starts = []
        offset = 0
        for line in self.lines:
            self.starts.append(offset)
            offset += len(line) + 1

    def __len__(self) -> int:
        return len(self.lines)

    def blank(self, i: int) -> bool:
        return not self.lines[i].strip()

    def end(self, i: int) -> int:
        """Offset just after line ``i``'s last character (before its newline)."""
        return self.starts[i] + len(self.lines[i])

    def span(self, first: int, last: int) -> str:
        return self.text[self.starts[first] : self.end(last)]


def _breaks_turn(line: str) -> bool:
    return bool(HEADING_RE.match(line) or QUOTE_RE.match(line))


def _item_end(src: _Lines, i: int) -> tuple[int, str]:
    """(last line, kind) of the item starting at line ``i``."""
    line = src.lines[i]
    n = len(src)
    fence = FENCE_RE.match(line)
    if fence:
        closing = fence.group("fence")
        for j in range(i + 1, n):
            if src.lines[j].strip().startswith(closing[0] * len(closing)):
                return j, "raw"
        return n - 1, "raw"
    if HTML_RE.match(line):
        j = i
        while j + 1 < n and not src.blank(j + 1):
            j += 1
        return j, "raw"
    listed = LIST_RE.match(line)
    j = i
    while j + 1 < n:
        nxt = src.lines[j + 1]
        if not nxt.strip():
            if not listed:
                break
            # A blank line inside a list item only when indented text follows it.
            k = j + 1
            while k < n and src.blank(k):
                k += 1
            if (
                k < n
                and src.lines[k][:1] in (" ", "\t")
                and not _breaks_turn(src.lines[k])
                and not LIST_RE.match(src.lines[k])
            ):
                j = k
                continue
            break
        if _breaks_turn(nxt) or LIST_RE.match(nxt) or FENCE_RE.match(nxt):
            break
        j += 1
    if listed:
        return j, "bullet" if listed.group("bullet") else "ordered"
    return j, "paragraph"


def _quote_text(source: str) -> str:
    return "\n".join(QUOTE_PREFIX_RE.sub("", line, count=1) for line in source.split("\n"))


def _quote_block(text: str, before: str, source: str, line: int) -> Quote | LicenceNotice:
    match = LICENCE_RE.match(text) if "\n" not in text else None
    if match:
        licence = Licence.CC_BY_4 if match.group("kind").startswith("licenses") else Licence.CC0
        lang = "zh" if match.group("word") == "授權" else "en"
        return LicenceNotice(licence.value, lang, before, source, line).keep_source()
    return Quote(text, before, source, line).keep_source()


def parse(text: str) -> ArchiveDocument:
    """Read a transcript; never fails, keeps everything (see module docstring)."""
    src = _Lines(text)
    doc = ArchiveDocument(title=None, date=None, blocks=[], tail="")
    position = 0  # offset of the first character not yet assigned to a block
    i = 0
    first = src.lines[0].removeprefix("\ufeff")
    if first.startswith("#") and HEADING_RE.match(first) and not first.startswith("##"):
        doc.head = src.lines[0]
        match = H1_RE.match(first)
        if match:
            date = match.group("date")
            doc.date = re.sub(_HYPHEN, "-", date) if date else None
            doc.title = match.group("title") or None
        doc.keep_source()
        position = src.end(0)
        i = 1
    turn: Turn | None = None
    n = len(src)
    while i < n:
        if src.blank(i):
            i += 1
            continue
        line = src.lines[i]
        before = src.text[position : src.starts[i]]
        label = LABEL_RE.match(line)
        if label:
            turn = Turn(
                label.group("label"), [], label.group("colon"), before, line, i + 1
            ).keep_source()
            doc.blocks.append(turn)
            position = src.end(i)
            i += 1
            continue
        if QUOTE_RE.match(line):
            j = i
            while j + 1 < n and QUOTE_RE.match(src.lines[j + 1]):
                j += 1
            source = src.span(i, j)
            doc.blocks.append(_quote_block(_quote_text(source), before, source, i + 1))
            turn = None
            position = src.end(j)
            i = j + 1
            continue
        if HEADING_RE.match(line):
            doc.blocks.append(Raw(line, before, i + 1))
            turn = None
            position = src.end(i)
            i += 1
            continue
        last, kind = _item_end(src, i)
        source = src.span(i, last)
        marker = ""
        if kind in ("bullet", "ordered"):
            marker = LIST_RE.match(src.lines[i]).group(0)
        if turn is None:
            # Text before any label or after a blockquote: a turn without a label.
            turn = Turn(None, [], before="", line=i + 1)
            doc.blocks.append(turn)
        item = Item(source[len(marker) :], kind, marker, before, source, i + 1).keep_source()
        turn.items.append(item)
        position = src.end(last)
        i = last + 1
    doc.tail = text[position:]
    return doc


def write(doc: ArchiveDocument) -> str:
    """The file text; for a parsed, unchanged document exactly the text it was read from."""
    return doc.h1 + "".join(block.render() for block in doc.blocks) + doc.tail


def split_source(source: str) -> tuple[str, str, str]:
    """(kind, marker, text) of one item's or blockquote's verbatim Markdown.

    ``kind`` is ``quote`` for a blockquote, otherwise an ``Item`` kind. The library
    keeps each imported bullet's source; this tells whether its text was edited.
    """
    first = source.split("\n", 1)[0]
    if QUOTE_RE.match(first):
        return "quote", "", _quote_text(source)
    if FENCE_RE.match(first) or HTML_RE.match(first) or HEADING_RE.match(first):
        return "raw", "", source
    listed = LIST_RE.match(first)
    if listed:
        kind = "bullet" if listed.group("bullet") else "ordered"
        return kind, listed.group(0), source[len(listed.group(0)) :]
    return "paragraph", "", source


@dataclass
class FileProblem:
    """Something wrong in an archive file, at a line: what check and import report."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"
