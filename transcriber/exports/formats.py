"""Exports of a library meeting: md, txt, srt, vtt, json, docx and Akoma Ntoso.

All formats read the same ``Turn``/``Entry`` view of the meeting, in which a
redacted bullet is already replaced by the visible marker: redacted text and the
reason for a redaction never reach an export. Bullet text is Markdown (the archive
is Markdown); the plain formats render it to text with markdown-it.
"""

from __future__ import annotations

import io
import json
import os
import re
import stat
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field, replace
from functools import cache

from markdown_it import MarkdownIt

from transcriber.archive.convert import (
    archive_layout,
    effective_choices,
    is_unfilled_gap,
    meeting_locale,
    meeting_markdown,
    meeting_profile,
)
from transcriber.archive.document import (
    COLONS,
    LICENCE_DEEDS,
    LICENCE_URLS,
    split_source,
)
from transcriber.archive.profile import ArchiveProfile
from transcriber.errors import TranscriberError
from transcriber.messages import message
from transcriber.model import Bullet, BulletKind, Licence
from transcriber.vocabulary import OTHER_SIDE_TEXT

FORMATS = ("md", "txt", "srt", "vtt", "json", "docx", "akn")


class ExportError(TranscriberError):
    """An export that cannot be made (unknown format)."""


@dataclass
class Entry:
    """One bullet as exports see it: plain text, already redacted."""

    kind: str
    text: str  # plain text
    markdown: str
    start: float | None
    end: float | None
    redacted: bool
    position: int


@dataclass
class Turn:
    """Consecutive bullets of one speaker (``label``), or one non-speech entry (label None)."""

    label: str | None
    person: str | None  # id of the person in ``speakers`` (Akoma Ntoso ``by``)
    entries: list[Entry] = field(default_factory=list)
    level: int = 0  # a section heading (one entry of kind "heading"): its Markdown level


@dataclass
class MeetingView:
    title: str
    date: str
    lang: str
    licence: str
    turns: list[Turn]
    people: dict[str, str]  # person id → label, in order of appearance


@cache
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark")


def markdown_to_plain(text: str) -> str:
    """Readable plain text of Markdown: escapes and entities resolved, ``text (url)`` links."""
    lines: list[str] = []
    number = ""  # "3. " while inside the third item of an ordered list
    for token in _markdown().parse(text):
        if token.type == "list_item_open":
            number = f"{token.info}{token.markup} " if token.info else ""
        if token.type != "inline":
            continue
        parts: list[str] = [number]
        number = ""
        link: tuple[str, int] | None = None
        for child in token.children or []:
            # Inline HTML is kept as typed: in a transcript "<C>" is more likely text than a tag.
            if child.type in ("text", "code_inline", "html_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append("\n")
            elif child.type == "link_open":
                link = (str(child.attrs.get("href", "")), len(parts))
            elif child.type == "link_close" and link:
                href, first = link
                shown = "".join(parts[first:])
                if href and href != shown:
                    parts.append(f" ({href})")
                link = None
            elif child.type == "image":
                parts.append(child.content)
        lines.append("".join(parts))
    return "\n".join(line for line in lines if line.strip())


def bullet_plain(bullet: Bullet) -> str:
    """Plain text of a bullet; an unedited imported list item is read with its marker,
    so that its sub-list and its number come out as Markdown means them."""
    if bullet.source is not None:
        kind, _, text = split_source(bullet.source)
        if kind in ("bullet", "ordered") and text == bullet.text:
            return markdown_to_plain(bullet.source)
    return markdown_to_plain(bullet.text)


def _is_raw(bullet: Bullet) -> bool:
    """Raw HTML kept from an archive file (a video embed): not text to export."""
    info = bullet.extra.get("archive") or {}
    return info.get("block") == "raw" or bool(bullet.extra.get("raw"))


_HEADING = re.compile(r"^(#{1,6})[ \t]+(\S.*?)(?:[ \t]+#+)?[ \t]*$")


def _section_heading(bullet: Bullet) -> tuple[int, str] | None:
    """(level, text) of a section heading kept from an archive file (``## 第一部分``)."""
    match = _HEADING.match(bullet.text.strip()) if _is_raw(bullet) and "\n" not in bullet.text.strip() else None
    return (len(match.group(1)), match.group(2)) if match else None


def meeting_view(library, meeting_id: int, profile: ArchiveProfile | None = None) -> MeetingView:
    """The meeting as its archive file has it: the archive's licence (the one it is or
    will be published under) and its redaction markers, whole or partial.

    ``profile``: the archive it will be published to; without one, the archive it was
    imported from or published to, else the library's defaults (as ``meeting_markdown``).
    """
    meeting = library.meeting(meeting_id)
    bullets = library.bullets(meeting_id)
    layout = archive_layout(library, meeting_id)
    lang = meeting_locale(meeting, bullets, layout)
    profile = profile or meeting_profile(library, meeting_id)
    licence, _style = effective_choices(meeting, layout, profile)
    names = {s.id: s.name for s in library.speakers(meeting_id)}
    default = next((s.name for s in library.speakers(meeting_id) if s.is_default), None)
    people: dict[str, str] = {}
    turns: list[Turn] = []
    for bullet in bullets:
        heading = None if bullet.redacted else _section_heading(bullet)
        if heading is not None:  # a section title is text of the record, not an embed
            level, text = heading
            entry = Entry("heading", markdown_to_plain(text), bullet.text, None, None, False, bullet.position)
            turns.append(Turn(None, None, [entry], level=level))
            continue
        if _is_raw(bullet) and not bullet.redacted or is_unfilled_gap(bullet):
            continue  # an embed is no text; a gap nobody filled is never published
        if bullet.extra.get("redactions") and not bullet.redacted:
            bullet = replace(bullet, text=profile.archive_markers(bullet.text))
        if bullet.redacted:
            markdown = profile.redaction_marker_for(lang)
        elif bullet.kind == BulletKind.OTHER_SIDE and not bullet.text.strip():
            markdown = OTHER_SIDE_TEXT[lang]
        else:
            markdown = bullet.text
        text = markdown if bullet.redacted or markdown != bullet.text else bullet_plain(bullet)
        if not text.strip():
            continue
        entry = Entry(
            bullet.kind, text, markdown, bullet.start, bullet.end, bullet.redacted, bullet.position
        )
        if bullet.kind in (BulletKind.NARRATIVE, BulletKind.OTHER_SIDE):
            turns.append(Turn(None, None, [entry]))
            continue
        if bullet.kind == BulletKind.QUESTION:
            label = profile.question_label_for(lang)
        else:
            label = names.get(bullet.speaker_id) if bullet.speaker_id else None
            label = (label or default or "").strip() or None
        # A speaker is known by name: the name is the person's id (SayIt resolves by it).
        person = label
        if label is not None:
            people[label] = label
        if turns and turns[-1].label == label and turns[-1].entries[0].kind == bullet.kind:
            turns[-1].entries.append(entry)
        else:
            turns.append(Turn(label, person, [entry]))
    return MeetingView(meeting.title, meeting.date, lang, licence, turns, people)


def licence_plain(licence: str, lang: str) -> str:
    name, url = LICENCE_URLS[Licence(licence)]
    word = "授權：" if lang == "zh" else "License: "
    return f"{word}{name} {url}{LICENCE_DEEDS[lang]}"


# -- formats -----------------------------------------------------------------------------


def _title_line(view: MeetingView) -> str:
    """The date and title; a meeting without a date (its file name has none) shows none."""
    return f"{view.date} {view.title}" if view.date else view.title


def to_txt(view: MeetingView) -> str:
    out = [_title_line(view), "", licence_plain(view.licence, view.lang)]
    for turn in view.turns:
        out.append("")
        if turn.label is not None:
            out.append(f"{turn.label}{COLONS[view.lang]}")
        out.append("\n\n".join(entry.text for entry in turn.entries))
    return "\n".join(out) + "\n"


def _timed(view: MeetingView) -> list[tuple[Turn, Entry]]:
    """Entries with usable times, in time order; the others cannot be cues."""
    timed = [
        (turn, entry)
        for turn in view.turns
        for entry in turn.entries
        if entry.start is not None and entry.end is not None and entry.end > entry.start >= 0
    ]
    return sorted(timed, key=lambda pair: (pair[1].start, pair[1].position))


def _timestamp(seconds: float, separator: str) -> str:
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def _cue_text(text: str) -> str:
    # A blank line ends a cue in both SRT and WebVTT; "-->" would start a timing line.
    return "\n".join(line for line in text.replace("-->", "→").split("\n") if line.strip())


def to_srt(view: MeetingView) -> str:
    timed = _timed(view)
    several = len({turn.label for turn, _ in timed if turn.label}) > 1
    cues = []
    for number, (turn, entry) in enumerate(timed, start=1):
        text = _cue_text(entry.text)
        if several and turn.label:
            text = f"{turn.label}{COLONS[view.lang]}{text}"
        timing = f"{_timestamp(entry.start, ',')} --> {_timestamp(entry.end, ',')}"
        cues.append(f"{number}\n{timing}\n{text}\n")
    return "\n".join(cues)


def _vtt_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_vtt(view: MeetingView) -> str:
    cues = ["WEBVTT\n"]
    for turn, entry in _timed(view):
        text = _vtt_escape(_cue_text(entry.text))
        if turn.label:
            # The voice span names the speaker, so players can show or style it.
            text = f"<v {_vtt_escape(turn.label)}>{text}"
        timing = f"{_timestamp(entry.start, '.')} --> {_timestamp(entry.end, '.')}"
        cues.append(f"{timing}\n{text}\n")
    return "\n".join(cues)


def to_json(view: MeetingView) -> str:
    data = {
        "title": view.title,
        "date": view.date,
        "language": view.lang,
        "licence": view.licence,
        "speakers": list(view.people.values()),
        "bullets": [
            {
                "position": entry.position,
                "kind": entry.kind,
                "speaker": turn.label,
                "text": entry.markdown,
                "start": entry.start,
                "end": entry.end,
                "redacted": entry.redacted,
            }
            for turn in view.turns
            for entry in turn.entries
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# Characters XML 1.0 cannot hold (python-docx refuses them); a stray one must not stop an export.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def to_docx(view: MeetingView) -> bytes:
    import docx  # python-docx; imported here because only this export needs it
    from docx.oxml import OxmlElement
    from docx.text.paragraph import Paragraph

    document = docx.Document()
    document.core_properties.title = _NOT_XML.sub("", view.title)[:255]
    document.add_heading(_NOT_XML.sub("", _title_line(view)), level=1)
    document.add_paragraph(licence_plain(view.licence, view.lang)).runs[0].italic = True
    # python-docx's add_paragraph looks for the section properties among all of the
    # body's children each time (quadratic: 16,000 bullets took 52 s); the paragraphs
    # go in before that element, found once.
    body = document.element.body
    section = body.sectPr

    def paragraph(text: str, bold: bool = False, italic: bool = False) -> None:
        element = OxmlElement("w:p")
        if section is None:
            body.append(element)
        else:
            section.addprevious(element)
        run = Paragraph(element, document._body).add_run(_NOT_XML.sub("", text))
        if bold:  # only when set: even a cleared property costs an element per run
            run.bold = True
        if italic:
            run.italic = True

    for turn in view.turns:
        if turn.level:
            document.add_heading(_NOT_XML.sub("", turn.entries[0].text), level=min(turn.level, 9))
        elif turn.label is not None:
            paragraph(f"{turn.label}{COLONS[view.lang]}", bold=True)
            for entry in turn.entries:
                paragraph(entry.text)
        else:
            for entry in turn.entries:
                paragraph(entry.text, italic=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# Inline Markdown the SayIt page shows as markup; anything else becomes its text.
_AKN_INLINE = {"em": "i", "strong": "b", "link": "a"}


def _akn_inline(parent: ET.Element, markdown: str, italic: bool = False) -> None:
    """``markdown`` (one paragraph) as the content of ``parent``: text, ``<i>``, ``<b>``,
    ``<a href>``; inside ``<i>`` when ``italic`` (non-speech, as archive.tw writes it)."""
    if italic:
        parent = ET.SubElement(parent, "i")
    stack = [parent]
    tokens = [t for t in _markdown().parse(markdown) if t.type == "inline"]
    last: ET.Element | None = None  # the element whose tail the next text extends

    def add_text(text: str) -> None:
        nonlocal last
        node = stack[-1]
        if last is not None and last in list(node):
            last.tail = (last.tail or "") + text
        else:
            node.text = (node.text or "") + text

    for number, token in enumerate(tokens):
        if number:
            add_text("\n")
        for child in token.children or []:
            kind = child.type.removesuffix("_open").removesuffix("_close")
            if child.type.endswith("_open") and kind in _AKN_INLINE:
                attrs = {"href": str(child.attrs.get("href", ""))} if kind == "link" else {}
                element = ET.SubElement(stack[-1], _AKN_INLINE[kind], attrs)
                stack.append(element)
                last = None
            elif child.type.endswith("_close") and kind in _AKN_INLINE and len(stack) > 1:
                last = stack.pop()
            elif child.type in ("text", "code_inline", "html_inline"):
                add_text(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                add_text("\n")
            elif child.type == "image":
                add_text(child.content)


def _paragraphs(entry: Entry) -> list[str]:
    """The paragraphs of one entry's Markdown; a redaction marker is one, as it is."""
    if entry.redacted:
        return [entry.markdown]
    blocks = [b.strip() for b in entry.markdown.replace("\r\n", "\n").split("\n\n")]
    return [b for b in blocks if b] or [entry.markdown]


def to_akn(view: MeetingView) -> bytes:
    """Akoma Ntoso ``debate`` as archive.tw feeds it to SayIt (``shared/corpus/akn``).

    No namespace and no FRBR block; one ``TLCPerson`` per speaker whose ``id`` and
    ``showAs`` are the name and ``href`` is ``/ontology/person/::/<name>``, because
    SayIt's importer resolves ``by="#<name>"`` with ``person.get('id')``; one
    ``<speech><p>`` per paragraph, no ``<from>``; non-speech as
    ``<narrative><p><i>…</i></p></narrative>``; links stay ``<a href>``. A section
    heading (``## …``) opens a ``<debateSection>`` with its ``<heading>`` inside the
    meeting's, which SayIt's importer makes a subsection holding the speeches up to the
    next heading of its level; a deeper heading (``####``) nests inside it.
    """
    root = ET.Element("akomaNtoso")
    debate = ET.SubElement(root, "debate")
    references = ET.SubElement(ET.SubElement(debate, "meta"), "references")
    for name in view.people.values():
        ET.SubElement(references, "TLCPerson",
                      {"href": f"/ontology/person/::/{name}", "id": name, "showAs": name})
    section = ET.SubElement(ET.SubElement(debate, "debateBody"), "debateSection")
    ET.SubElement(section, "heading").text = _title_line(view)
    sections = [(1, section)]  # (heading level, element): the open sections, outermost first
    for turn in view.turns:
        if turn.level:
            level = max(turn.level, 2)  # a stray second H1 is a section of the meeting too
            while sections[-1][0] >= level:
                sections.pop()
            section = ET.SubElement(sections[-1][1], "debateSection")
            # SayIt reads a heading's text alone, so it is plain text.
            ET.SubElement(section, "heading").text = _NOT_XML.sub("", turn.entries[0].text)
            sections.append((level, section))
            continue
        for entry in turn.entries:
            for paragraph in _paragraphs(entry):
                if turn.person is None:
                    node = ET.SubElement(section, "narrative")
                    _akn_inline(ET.SubElement(node, "p"), paragraph, italic=True)
                else:
                    node = ET.SubElement(section, "speech", {"by": f"#{turn.person}"})
                    _akn_inline(ET.SubElement(node, "p"), paragraph)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode").encode("utf-8") + b"\n"


def export_meeting(library, meeting_id: int, fmt: str,
                   profile: ArchiveProfile | None = None) -> str | bytes:
    """The meeting in format ``fmt``: ``str`` for text formats, ``bytes`` for docx and akn.
    ``profile``: the archive's it will be published to (``archive.profile``), so every
    format says what publishing there writes: licence, redaction markers, labels, and
    for Markdown its style and notice."""
    if fmt == "md":
        return meeting_markdown(library, meeting_id, profile=profile)
    makers = {
        "txt": to_txt,
        "srt": to_srt,
        "vtt": to_vtt,
        "json": to_json,
        "docx": to_docx,
        "akn": to_akn,
    }
    if fmt not in makers:
        raise ExportError(message("Unknown export format {fmt!r}; choose one of {formats}.", fmt=fmt, formats=', '.join(FORMATS)))
    return makers[fmt](meeting_view(library, meeting_id, profile))


def save_export(library, meeting_id: int, fmt: str, path: str | os.PathLike[str],
                profile: ArchiveProfile | None = None) -> None:
    """Write the export to ``path`` next to it first, then rename: an interrupted export leaves no half file."""
    data = export_meeting(library, meeting_id, fmt, profile)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path = os.fspath(path)
    partial = os.path.join(os.path.dirname(path), f".{os.path.basename(path)}.partial")
    if os.path.lexists(path) and not stat.S_ISREG(os.lstat(path).st_mode):
        raise ExportError(message("Cannot write {path}: it is not a regular file (only regular files "
                                  "are ever replaced).", path=path))
    try:
        with open(partial, "wb") as out:
            out.write(payload)
        os.replace(partial, path)
    except OSError as exc:
        if os.path.exists(partial):
            os.unlink(partial)
        raise ExportError(message("Cannot write {path}: {detail}.", path=path, detail=exc.strerror or exc)) from exc
    library.remember_written(path)  # replacing it later needs no --force
