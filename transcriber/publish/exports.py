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
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import cache

from markdown_it import MarkdownIt

from transcriber.errors import TranscriberError
from transcriber.model import Bullet, BulletKind, Licence
from transcriber.publish.archive import (
    COLONS,
    LICENCE_DEEDS,
    LICENCE_URLS,
    split_source,
)
from transcriber.publish.convert import (
    archive_layout,
    meeting_locale,
    meeting_markdown,
)
from transcriber.vocabulary import OTHER_SIDE_TEXT, QUESTION_LABEL, REDACTION_MARKER

FORMATS = ("md", "txt", "srt", "vtt", "json", "docx", "akn")
AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
# ISO 639-2 codes, which Akoma Ntoso's FRBRlanguage uses.
AKN_LANGUAGES = {"zh": "zho", "en": "eng"}


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


def meeting_view(library, meeting_id: int) -> MeetingView:
    meeting = library.meeting(meeting_id)
    bullets = library.bullets(meeting_id)
    lang = meeting_locale(meeting, bullets, archive_layout(library, meeting_id))
    names = {s.id: s.name for s in library.speakers(meeting_id)}
    default = next((s.name for s in library.speakers(meeting_id) if s.is_default), None)
    people: dict[str, str] = {}
    person_of: dict[str, str] = {}
    turns: list[Turn] = []
    for bullet in bullets:
        if _is_raw(bullet) and not bullet.redacted:
            continue
        if bullet.redacted:
            markdown = REDACTION_MARKER[lang]
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
            label = QUESTION_LABEL[lang]
        else:
            label = names.get(bullet.speaker_id) if bullet.speaker_id else None
            label = (label or default or "").strip() or None
        person = None
        if label is not None:
            person = person_of.setdefault(label, f"person_{len(person_of) + 1}")
            people[person] = label
        if turns and turns[-1].label == label and turns[-1].entries[0].kind == bullet.kind:
            turns[-1].entries.append(entry)
        else:
            turns.append(Turn(label, person, [entry]))
    return MeetingView(meeting.title, meeting.date, lang, meeting.licence, turns, people)


def licence_plain(licence: str, lang: str) -> str:
    name, url = LICENCE_URLS[Licence(licence)]
    word = "授權：" if lang == "zh" else "License: "
    return f"{word}{name} {url}{LICENCE_DEEDS[lang]}"


# -- formats -----------------------------------------------------------------------------


def to_txt(view: MeetingView) -> str:
    out = [f"{view.date} {view.title}", "", licence_plain(view.licence, view.lang)]
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


def to_docx(view: MeetingView) -> bytes:
    import docx  # python-docx; imported here because only this export needs it

    document = docx.Document()
    document.core_properties.title = view.title
    document.add_heading(f"{view.date} {view.title}", level=1)
    document.add_paragraph(licence_plain(view.licence, view.lang)).runs[0].italic = True
    for turn in view.turns:
        if turn.label is not None:
            document.add_paragraph().add_run(f"{turn.label}{COLONS[view.lang]}").bold = True
            for entry in turn.entries:
                document.add_paragraph(entry.text)
        else:
            for entry in turn.entries:
                document.add_paragraph().add_run(entry.text).italic = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def to_akn(view: MeetingView) -> bytes:
    """Akoma Ntoso 3.0 ``debate``: the format SayIt imports."""
    ET.register_namespace("", AKN_NS)

    def el(
        parent: ET.Element | None, tag: str, text: str | None = None, **attrs: str
    ) -> ET.Element:
        node = (
            ET.Element(f"{{{AKN_NS}}}{tag}", attrs)
            if parent is None
            else ET.SubElement(parent, f"{{{AKN_NS}}}{tag}", attrs)
        )
        if text is not None:
            node.text = text
        return node

    language = AKN_LANGUAGES[view.lang]
    work = f"/akn/tw/debate/{view.date}/transcript"
    root = el(None, "akomaNtoso")
    debate = el(root, "debate", name="transcript")
    meta = el(debate, "meta")
    ident = el(meta, "identification", source="#transcriber")
    for level, this, uri in (
        ("FRBRWork", f"{work}/main", work),
        ("FRBRExpression", f"{work}/{language}@/main", f"{work}/{language}@"),
        ("FRBRManifestation", f"{work}/{language}@/main.xml", f"{work}/{language}@.akn"),
    ):
        frbr = el(ident, level)
        el(frbr, "FRBRthis", value=this)
        el(frbr, "FRBRuri", value=uri)
        el(frbr, "FRBRdate", date=view.date, name={"FRBRWork": "meeting"}.get(level, "export"))
        el(frbr, "FRBRauthor", href="#transcriber")
        if level == "FRBRWork":
            el(frbr, "FRBRcountry", value="tw")
        if level == "FRBRExpression":
            el(frbr, "FRBRlanguage", language=language)
    references = el(meta, "references", source="#transcriber")
    el(
        references,
        "TLCOrganization",
        eId="transcriber",
        href="/ontology/organization/transcriber",
        showAs="transcriber",
    )
    for person, label in view.people.items():
        el(references, "TLCPerson", eId=person, href=f"/ontology/person/{person}", showAs=label)
    preface = el(debate, "preface")
    el(el(preface, "p"), "docTitle", view.title)
    el(el(preface, "p"), "docDate", view.date, date=view.date)
    el(preface, "p", licence_plain(view.licence, view.lang))
    body = el(debate, "debateBody")
    section = el(body, "debateSection", eId="dbsect_1", name="transcript")
    el(section, "heading", view.title)
    for turn in view.turns:
        if turn.label is None:
            narrative = el(section, "narrative")
            for entry in turn.entries:
                el(narrative, "p", entry.text)
            continue
        tag = "question" if turn.entries[0].kind == BulletKind.QUESTION else "speech"
        speech = el(section, tag, by=f"#{turn.person}")
        el(speech, "from", turn.label)
        for entry in turn.entries:
            el(speech, "p", entry.text)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def export_meeting(library, meeting_id: int, fmt: str) -> str | bytes:
    """The meeting in format ``fmt``: ``str`` for text formats, ``bytes`` for docx and akn."""
    if fmt == "md":
        return meeting_markdown(library, meeting_id)
    makers = {
        "txt": to_txt,
        "srt": to_srt,
        "vtt": to_vtt,
        "json": to_json,
        "docx": to_docx,
        "akn": to_akn,
    }
    if fmt not in makers:
        raise ExportError(f"Unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    return makers[fmt](meeting_view(library, meeting_id))


def save_export(library, meeting_id: int, fmt: str, path: str | os.PathLike[str]) -> None:
    """Write the export to ``path`` next to it first, then rename: an interrupted export leaves no half file."""
    data = export_meeting(library, meeting_id, fmt)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path = os.fspath(path)
    partial = os.path.join(os.path.dirname(path), f".{os.path.basename(path)}.partial")
    try:
        with open(partial, "wb") as out:
            out.write(payload)
        os.replace(partial, path)
    except OSError as exc:
        if os.path.exists(partial):
            os.unlink(partial)
        raise ExportError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
