"""Library meeting ⇄ archive document.

``meeting_markdown`` writes a meeting as its archive file. ``import_archive`` and
``import_file`` read archive files into the library so that any published transcript
can be corrected.

Smallest diffs: an imported bullet keeps its verbatim Markdown in ``Bullet.source``
and, in ``Bullet.extra["archive"]``, the exact text that preceded it in the file
(blank lines, its speaker label line). While a bullet's text, kind and speaker are
unchanged and its neighbour is the one it had in the file, the writer emits those
verbatim, so republishing an imported transcript changes only the edited lines.
The file-level layout (label colon, trailing blank lines, licence notice) is kept in
the meeting's ``archive_layout`` column.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

from transcriber.archive.document import (
    COLONS,
    ArchiveDocument,
    FileProblem,
    Item,
    LicenceNotice,
    Quote,
    Raw,
    Turn,
    parse,
    split_source,
    write,
)
from transcriber.archive.filenames import (
    NAME_PATTERN,
    archive_filename,
    name_date,
    transcript_files,
)
from transcriber.archive.profile import ArchiveProfile, load_profile
from transcriber.errors import TranscriberError
from transcriber.messages import Message, message
from transcriber.model import (
    Bullet,
    BulletKind,
    Meeting,
    MeetingStatus,
    Style,
    TranscriptState,
)
from transcriber.text import text_language
from transcriber.vocabulary import OTHER_SIDE_TEXT

# The other side's unrecorded turn, when the editor gave it no text.
QUESTION_NAMES = {"問", "Question", "Q", "提問", "問題"}
OTHER_SIDE_RE = re.compile(
    r"^[(（][ \t]*(?:interviewer speaks|.{1,60}? speaks|對方發言|.{1,20}?發言)[ \t]*[)）]$"
)
# A line starting like this would turn into a heading, quote or code block.
_BLOCK_START = re.compile(r"^( {0,3})(#|>|```|~~~)")


class ArchiveError(TranscriberError):
    """An archive folder or file that cannot be read."""


class ArchiveFormatError(ArchiveError):
    """A transcript file that breaks the archive format; says which file and line."""

    def __init__(self, file: str, line: int, problem: Message) -> None:
        super().__init__(message("{file}:{line}: {problem}.", file=file, line=line, problem=problem))
        self.file = file
        self.line = line
        self.problem = problem


# -- locale ------------------------------------------------------------------------------


def meeting_locale(meeting: Meeting, bullets: list[Bullet], layout: dict | None = None) -> str:
    language = (meeting.language or "auto").lower()
    if language.startswith("zh"):
        return "zh"
    if language != "auto":
        return "en"
    if layout and layout.get("lang") in ("zh", "en"):
        return layout["lang"]
    return text_language("\n".join([meeting.title] + [b.text for b in bullets if not b.redacted]))


# -- library → archive -------------------------------------------------------------------


def _archive_row(library, meeting_id: int) -> dict:
    """The meeting's row, archive columns included (``Meeting`` does not carry them)."""
    library.meeting(meeting_id)  # NotFoundError, in words, for an unknown id
    return library.db["meetings"].get(meeting_id)


def archive_layout(library, meeting_id: int) -> dict:
    return json.loads(_archive_row(library, meeting_id).get("archive_layout") or "{}")


def archive_source(library, meeting_id: int) -> tuple[str, str] | None:
    """(archive root, file name) the meeting was imported from, or None for a new meeting.

    Publishing an imported meeting must write back to this file, whose name may not be
    what ``archive_filename`` makes of its title.
    """
    row = _archive_row(library, meeting_id)
    if row.get("archive_file"):
        return row.get("archive_root") or "", row["archive_file"]
    return None


def archive_name(library, meeting_id: int, rename: bool = False) -> str:
    """The archive file name to publish a meeting to.

    The file name is the record's URL: a meeting imported from or published to an
    archive keeps its file's name, whatever its title and date say now (real names do
    not always follow ``archive_filename``: 2022-12-27-…-111-年度第-2-次會議.md has the
    H1 title ``…111年度第2次會議逐字稿``). Only ``rename=True``, the editor's explicit
    request, gives it the name its date and title make.
    """
    row = _archive_row(library, meeting_id)
    if row.get("archive_file") and not rename:
        return row["archive_file"]
    return archive_filename(row["date"], row["title"])


def meeting_profile(library, meeting_id: int) -> ArchiveProfile:
    """The profile of the archive the meeting belongs to; the project's defaults if none."""
    row = _archive_row(library, meeting_id)
    root = row.get("archive_root")
    if root and Path(root).is_dir():
        return load_profile(root)
    return ArchiveProfile()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _escape_lines(text: str) -> str:
    """Keep typed text inside its item: no heading, quote or fence by accident.

    Typed text is written in NFC; verbatim imported text never passes through here.
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [_BLOCK_START.sub(r"\1\\\2", line.rstrip()) for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


def _wrap_parens(text: str, lang: str) -> str:
    text = unicodedata.normalize("NFC", text)
    if text[:1] in "(（" and text[-1:] in ")）":
        return text
    return f"（{text}）" if lang == "zh" else f"({text})"


@dataclass
class _Writer:
    """Builds the ``ArchiveDocument`` of one meeting, bullet by bullet."""

    lang: str
    style: str
    layout: dict
    profile: ArchiveProfile
    speakers: dict[int, str]
    default_speaker: str | None
    doc: ArchiveDocument
    turn: Turn | None = None  # the open turn, which a bullet of the same label continues
    previous_index: int | None = -1  # import index of the last bullet written; -1: start
    notice_done: bool = False

    @property
    def colon(self) -> str:
        return self.layout.get("colon") or COLONS[self.lang]

    def label_for(self, bullet: Bullet, info: dict | None) -> str | None:
        """The speaker label of a bullet that belongs in a turn (None: no label)."""
        if info and (info.get("in_turn") or info.get("kind") == bullet.kind == BulletKind.QUESTION):
            # Raw HTML stays in its turn; an imported question keeps its label ("Q", "問").
            return info.get("speaker")
        if bullet.kind == BulletKind.QUESTION:
            return self.profile.question_label_for(self.lang)
        name = self.speakers.get(bullet.speaker_id) if bullet.speaker_id else None
        name = _one_line(name).rstrip(":：") if name else None
        return name or self.default_speaker

    def notice(self, licence: str, index: int | None, final: bool = False) -> None:
        """The licence notice: where the imported file had it, else right after the H1.

        Like the corpus's other file-level notes (``> （錄影：…）``, ``> （註：…）``), a new
        file carries it under the H1. An imported file without one stays without one
        (the archive's own licence applies) unless the editor changed the licence.
        """
        if self.notice_done:
            return
        notice = self.layout.get("notice")
        if notice is None:
            if self.layout.get("imported"):
                wanted = licence != self.layout.get("licence")
            else:  # a new file: no line when the archive's LICENSE/README already says it
                wanted = not (self.profile.declares_licence() and licence == self.profile.licence)
            if wanted:
                self.doc.blocks.append(LicenceNotice(licence, self.lang, before="\n\n"))
            self.notice_done = True
            return
        if not final and (index is None or index < notice["at"]):
            return
        block = LicenceNotice(notice["licence"], notice["lang"], notice["before"], notice["source"])
        block.keep_source().licence = licence  # a changed licence is written afresh
        self.doc.blocks.append(block)
        self.notice_done = True

    @property
    def redaction(self) -> str:
        return self.profile.redaction_marker_for(self.lang)

    def add(self, bullet: Bullet) -> None:
        if is_unfilled_gap(bullet):
            return  # a stretch nobody has transcribed yet: never published as text
        redacted = bullet.redacted or bool(bullet.extra.get("redactions"))
        # A redaction drops the verbatim source (it held the words), not the bullet's
        # place: it still starts its own turn, under its own label, where it stood.
        info = bullet.extra.get("archive") if bullet.source is not None or redacted else None
        if redacted and not bullet.redacted:
            bullet = replace(bullet, text=self.profile.archive_markers(bullet.text))
        index = info.get("index") if info else None
        adjacent = (
            index is not None
            and self.previous_index is not None
            and index == self.previous_index + 1
        )
        self.previous_index = index
        if info and info.get("lead"):
            self.doc.blocks.append(Raw(info["lead"], before=""))
        if info and info.get("in_turn") or bullet.kind in (BulletKind.SPEECH, BulletKind.QUESTION):
            self._turn_item(bullet, info, adjacent)
        elif info and info.get("block") == "raw":
            self._raw_block(bullet, info, adjacent)
        else:
            self._quote(bullet, info, adjacent)

    def _item_text(self, bullet: Bullet) -> tuple[str, str | None, str, str]:
        """(text, reusable source or None, item kind, marker) of an item in a turn."""
        kind, marker, source_text = (
            split_source(bullet.source) if bullet.source is not None else (None, "", None)
        )
        if kind == "quote":  # a blockquote the editor turned into speech
            kind, marker = None, ""
        if kind is None:
            kind, marker = ("bullet", "* ") if self.style == Style.BULLETS else ("paragraph", "")
        if bullet.redacted:
            if kind == "raw":
                kind, marker = "paragraph", ""
            return self.redaction, None, kind, marker
        if source_text is not None and source_text == bullet.text:
            return bullet.text, bullet.source, kind, marker
        if kind == "raw":
            return bullet.text.strip("\n"), None, kind, ""
        lines = _escape_lines(bullet.text).split("\n")
        if marker:  # continuation lines indented under the list marker
            lines = [lines[0]] + [("  " + line) if line else "" for line in lines[1:]]
        return "\n".join(lines), None, kind, marker

    def _turn_item(self, bullet: Bullet, info: dict | None, adjacent: bool) -> None:
        label = self.label_for(bullet, info)
        text, source, kind, marker = self._item_text(bullet)
        if source is None and not text.strip():
            return  # an empty bullet the editor left: nothing to publish
        same = bool(info) and info.get("kind") == bullet.kind and info.get("speaker") == label
        starts = (
            self.turn is None or label != self.turn.label or (same and bool(info.get("starts")))
        )
        reuse = same and adjacent and starts == bool(info.get("starts"))
        if starts:
            self.turn = Turn(label, [], self.colon, info["turn_before"] if reuse else "\n\n")
            if label is None:
                self.turn.before = ""
            elif same and info.get("label_line"):
                colon = info["label_line"].rstrip()[-1:]
                self.turn.colon = colon if colon in (":", "：") else self.turn.colon
                self.turn.label_line = info["label_line"]
                self.turn.keep_source()
            self.doc.blocks.append(self.turn)
        if reuse:
            before = info["before"]
        elif not self.turn.items:
            default_gap = "\n\n" if self.profile.blank_after_label else "\n"
            gap = self.layout.get("label_gap", default_gap)
            before = gap if self.turn.label is not None else "\n\n"
        elif kind in ("bullet", "ordered") and self.turn.items[-1].kind == kind:
            before = "\n"  # a tight list, as the project's bullets style writes it
        else:
            before = "\n\n"
        item = Item(text, kind, marker, before, source)
        self.turn.items.append(item.keep_source() if source is not None else item)

    def _raw_block(self, bullet: Bullet, info: dict, adjacent: bool) -> None:
        """A top-level block the format does not know (e.g. ``## Section``), verbatim."""
        self.turn = None
        text = self.redaction if bullet.redacted else bullet.text.strip("\n")
        if text != (bullet.source or "").strip("\n"):
            text = unicodedata.normalize("NFC", text)
        if not text.strip():
            return
        before = info["before"] if adjacent and info.get("kind") == bullet.kind else "\n\n"
        self.doc.blocks.append(Raw(text, before))

    def _quote(self, bullet: Bullet, info: dict | None, adjacent: bool) -> None:
        self.turn = None
        source = None
        if bullet.redacted:
            text = self.redaction
        elif bullet.source is not None and split_source(bullet.source) == (
            "quote",
            "",
            bullet.text,
        ):
            text, source = bullet.text, bullet.source
        elif bullet.kind == BulletKind.OTHER_SIDE and not bullet.text.strip():
            text = OTHER_SIDE_TEXT[self.lang]
        elif not bullet.text.strip():
            return
        elif bullet.source is not None:  # edited: keep the editor's own wording
            text = _escape_lines(bullet.text)
        else:
            text = _wrap_parens(_one_line(bullet.text), self.lang)
        reuse = bool(info) and adjacent and info.get("kind") == bullet.kind
        quote = Quote(text, info["before"] if reuse else "\n\n", source)
        self.doc.blocks.append(quote.keep_source() if source is not None else quote)


def is_unfilled_gap(bullet: Bullet) -> bool:
    """A flagged stretch of speech with no text yet (CONTRACTS.md): never published."""
    return bool(bullet.extra.get("gap")) and not bullet.text.strip()


def unfilled_gaps(library, meeting_id: int) -> int:
    """How many gaps of the meeting the editor has not filled in."""
    return sum(1 for b in library.bullets(meeting_id) if is_unfilled_gap(b))


def content_fingerprints(library, meeting_ids: list[int] | None = None) -> dict[int, str]:
    """A digest of everything of each meeting that its archive file is written from.

    Stored when a meeting is imported or published (``archive_layout["synced"]``), it
    tells ``publish --all --changed`` which meetings were edited since, in two queries
    for the whole library instead of writing every file.
    """
    where = ""
    params: list[int] = []
    if meeting_ids is not None:
        if not meeting_ids:
            return {}
        where = f"WHERE meeting_id IN ({','.join('?' * len(meeting_ids))})"
        params = list(meeting_ids)
    digests: dict[int, object] = {}
    meetings = library.db.query(
        "SELECT id, title, date, language, licence, style FROM meetings "
        + where.replace("meeting_id", "id"), params)
    for row in meetings:
        digest = hashlib.sha1(repr(list(row.values())).encode())
        digests[row["id"]] = digest
    for table, columns in (
        ("speakers", "id, name, is_default"),
        ("bullets", "position, speaker_id, kind, text, redacted, extra"),
    ):
        order = "id" if table == "speakers" else "position"
        rows = library.db.execute(
            f"SELECT meeting_id, {columns} FROM {table} {where} ORDER BY meeting_id, {order}",
            params,
        )
        for row in rows:
            digest = digests.get(row[0])
            if digest is not None:
                digest.update(repr(row[1:]).encode())
    return {meeting_id: digest.hexdigest() for meeting_id, digest in digests.items()}


def edited_since_published(library, meeting_ids: list[int]) -> set[int]:
    """Which of these published meetings were changed since their archive file was written
    (the fingerprint ``mark_synced`` stored when it was published or imported)."""
    if not meeting_ids:
        return set()
    now = content_fingerprints(library, meeting_ids)
    marks = "?" * len(meeting_ids)
    synced = {row[0]: json.loads(row[1] or "{}").get("synced") for row in library.db.execute(
        f"SELECT id, archive_layout FROM meetings WHERE id IN ({','.join(marks)})", meeting_ids)}
    return {meeting_id for meeting_id, fingerprint in now.items()
            if synced.get(meeting_id) and synced[meeting_id] != fingerprint}


def blob_sha(data: bytes) -> str:
    """The git object name of ``data``: compares a file with a commit without reading it."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def mark_synced(library, fingerprints: dict[int, str], blobs: dict[int, str] | None = None) -> None:
    """Remember that each meeting's archive file now matches its library content, and
    which version of the file that is (``synced_blob``): a file that differs from it
    later was changed in the archive by someone else, and publishing must not undo that."""
    for meeting_id, fingerprint in fingerprints.items():
        layout = archive_layout(library, meeting_id)
        layout["synced"] = fingerprint
        if blobs and meeting_id in blobs:
            layout["synced_blob"] = blobs[meeting_id]
        library.db["meetings"].update(
            meeting_id, {"archive_layout": json.dumps(layout, ensure_ascii=False)})


def effective_choices(meeting: Meeting, layout: dict, profile: ArchiveProfile) -> tuple[str, str]:
    """(licence, style) a meeting is written with, in its archive file and every export.

    The licence is the one the meeting has: one somebody chose (the editor, the file
    it was imported from) is published as it is, whatever the archive's; only a
    meeting nobody chose one for (``ARCHIVE_LICENCE``) takes the archive profile's.
    A file already in the archive keeps its style; a new one follows the profile
    unless the editor chose otherwise for this meeting (a style other than bullets).
    """
    licence = meeting.licence or profile.licence.value
    if layout.get("imported"):
        return licence, meeting.style or Style.BULLETS
    style = meeting.style if meeting.style and meeting.style != Style.BULLETS else profile.style.value
    return licence, style


def meeting_document(
    library, meeting_id: int, style: str | None = None, profile: ArchiveProfile | None = None
) -> ArchiveDocument:
    """The archive document of a library meeting (see ``meeting_markdown``)."""
    meeting = library.meeting(meeting_id)
    bullets = library.bullets(meeting_id)
    layout = archive_layout(library, meeting_id)
    profile = profile or meeting_profile(library, meeting_id)
    lang = meeting_locale(meeting, bullets, layout)
    speakers = library.speakers(meeting_id)
    default = next((s.name for s in speakers if s.is_default), None)
    title = _one_line(unicodedata.normalize("NFC", meeting.title))
    doc = ArchiveDocument(title=title, date=meeting.date, blocks=[], tail="\n")
    if "head" in layout and (meeting.title, meeting.date) == (layout.get("title"), layout.get("date")):
        # The file's own first line, byte for byte, while the editor leaves title and date.
        doc.head = layout["head"] or ""  # "": the file has no H1, and gets none
        doc.keep_source()
    licence, chosen_style = effective_choices(meeting, layout, profile)
    writer = _Writer(
        lang=lang,
        style=style or chosen_style,
        profile=profile,
        layout=layout,
        speakers={s.id: s.name for s in speakers},
        default_speaker=_one_line(default) if default else None,
        doc=doc,
    )
    for bullet in bullets:
        info = bullet.extra.get("archive") if bullet.source is not None else None
        writer.notice(licence, info.get("index") if info else None)
        writer.add(bullet)
    writer.notice(licence, None, final=True)
    # The file's own ending (often a blank line) whatever the editor did to the last bullet.
    doc.tail = layout.get("tail", "\n")
    return doc


def meeting_markdown(
    library, meeting_id: int, style: str | None = None, profile: ArchiveProfile | None = None
) -> str:
    """The archive file text of a library meeting.

    ``style`` is ``bullets`` or ``paragraphs`` (default: the meeting's, or for a new
    file the archive profile's). The meeting's language (``zh``/``en``; ``auto``
    guesses from the text) and the archive ``profile`` decide the label colon, the
    question label, the licence notice and the redaction marker. What the editor typed
    is written in NFC; what was imported and not touched stays byte for byte.
    """
    return write(meeting_document(library, meeting_id, style, profile))


# -- archive → library -------------------------------------------------------------------


@dataclass
class ImportReport:
    meetings: list[Meeting] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)
    # Imported, but something about the file is unusual (no date in the H1, a second H1).
    warnings: list[FileProblem] = field(default_factory=list)
    # Files already in the library (file name, meeting id): importing twice adds nothing.
    skipped: list[tuple[str, int]] = field(default_factory=list)


def _decode(path: Path) -> tuple[str, bytes]:
    data = path.read_bytes()
    try:
        return data.decode("utf-8"), data
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ArchiveFormatError(path.name, line, message("the file is not UTF-8 text")) from exc


def _quote_kind(text: str) -> str:
    return BulletKind.OTHER_SIDE if OTHER_SIDE_RE.match(text.strip()) else BulletKind.NARRATIVE


def _document_bullets(doc: ArchiveDocument) -> tuple[list[tuple[Bullet, str | None]], dict]:
    """(bullet, speaker label) pairs for a parsed file, and the file's layout."""
    pairs: list[tuple[Bullet, str | None]] = []
    lead: list[str] = []  # verbatim text that belongs to no bullet (a label with no text)
    notice: dict | None = None
    licence: str | None = None

    def add(bullet: Bullet, label: str | None, info: dict) -> None:
        info["index"] = len(pairs)
        if lead:
            info["lead"] = "".join(lead)
            lead.clear()
        bullet.extra = {"archive": info}
        pairs.append((bullet, label))

    for block in doc.blocks:
        if isinstance(block, LicenceNotice):
            if notice is None:
                notice = {
                    "at": len(pairs),
                    "before": block.before,
                    "source": block.source,
                    "licence": block.licence,
                    "lang": block.lang,
                }
                licence = block.licence
            else:
                lead.append(block.render())
        elif isinstance(block, Quote):
            kind = _quote_kind(block.text)
            add(
                Bullet(None, 0, 0, block.text, kind=kind, source=block.source),
                None,
                {"kind": kind, "block": "quote", "before": block.before},
            )
        elif isinstance(block, Raw):
            add(
                Bullet(
                    None,
                    0,
                    0,
                    block.source,
                    kind=BulletKind.NARRATIVE,
                    source=block.source,
                ),
                None,
                {"kind": BulletKind.NARRATIVE, "block": "raw", "before": block.before},
            )
        else:
            label = block.label
            is_question = label in QUESTION_NAMES
            kind = BulletKind.QUESTION if is_question else BulletKind.SPEECH
            if not block.items:
                lead.append(block.render())
                continue
            for number, item in enumerate(block.items):
                info: dict = {"kind": kind, "speaker": label, "before": item.before}
                # The first item of a turn brings the turn's label line and the text before it.
                info["starts"] = number == 0
                if number == 0:
                    info["turn_before"] = block.before
                    info["label_line"] = block.label_line
                if item.kind == "raw":
                    info.update(kind=BulletKind.NARRATIVE, block="raw", in_turn=True)
                    bullet = Bullet(
                        None, 0, 0, item.text, kind=BulletKind.NARRATIVE, source=item.source
                    )
                    add(bullet, None, info)
                    continue
                bullet = Bullet(None, 0, 0, item.text, kind=kind, source=item.source)
                add(bullet, None if is_question else label, info)
    layout = {
        "imported": True,
        "count": len(pairs),
        "tail": "".join(lead) + doc.tail,
        "notice": notice,
        "licence": licence,
    }
    return pairs, layout


def _file_layout(doc: ArchiveDocument, pairs: list[tuple[Bullet, str | None]]) -> dict:
    """Label colon, gap after labels and language the file uses most."""
    colons: dict[str, int] = {}
    gaps: dict[str, int] = {}
    for turn in doc.turns:
        if turn.label is None:
            continue
        colons[turn.colon] = colons.get(turn.colon, 0) + 1
        if turn.items:
            gaps[turn.items[0].before] = gaps.get(turn.items[0].before, 0) + 1
    texts = [doc.title or ""] + [b.text for b, _ in pairs]
    layout = {"lang": text_language("\n".join(texts))}
    if colons:
        layout["colon"] = max(colons, key=colons.get)
    if gaps:
        gap = max(gaps, key=gaps.get)
        layout["label_gap"] = gap if gap in ("\n", "\n\n") else "\n"
    return layout


def _style(doc: ArchiveDocument) -> str:
    items = [item for turn in doc.turns if turn.label for item in turn.items]
    listed = sum(1 for item in items if item.kind in ("bullet", "ordered"))
    return Style.BULLETS if items and listed * 2 > len(items) else Style.PARAGRAPHS


def imported_meeting(library, archive_root: Path, filename: str) -> int | None:
    rows = list(
        library.db.query(
            "SELECT id FROM meetings WHERE archive_root = ? AND archive_file = ?",
            [str(archive_root), filename],
        )
    )
    return rows[0]["id"] if rows else None


def meeting_date(name: str, doc: ArchiveDocument) -> str | None:
    """The meeting's one date: the file name's (the URL is the record), as archive.tw and
    the site read it; None when the name has none. The H1 stays as written either way,
    even with a typo (``2025-11-07`` in 2015-11-07-….md)."""
    return name_date(unicodedata.normalize("NFC", name))


def import_file(
    library,
    path: str | Path,
    archive_root: str | Path | None = None,
    warnings: list[FileProblem] | None = None,
    profile: ArchiveProfile | None = None,
) -> Meeting:
    """Import one transcript file as a new meeting, whatever its H1.

    A file without a licence notice is under its archive's licence (``profile``, read
    from the archive when not given): a CC0 archive's meetings stay CC0 in every export.

    Only a file that is not UTF-8 text (``ArchiveFormatError``) or is a symbolic link
    (``ArchiveError``: a link in the archive is never followed) is refused. Unusual
    shapes (an H1 without a date, a second H1) are imported as they are and listed in
    ``warnings``. Nothing is stored when the file is refused: the meeting, its speakers
    and its bullets are written in one transaction.
    """
    path = Path(path)
    if path.is_symlink():
        raise ArchiveError(message("{name} is a symbolic link; links in an archive are not followed.", name=path.name))
    if not path.is_file():
        raise ArchiveError(message("{path} is not a transcript file.", path=path))
    root = Path(archive_root).resolve() if archive_root is not None else path.resolve().parent
    text, data = _decode(path)
    doc = parse(text)
    for line, problem in doc.problems():
        if warnings is not None:
            warnings.append(FileProblem(path.name, line, problem))
    date = meeting_date(path.name, doc) or ""
    if warnings is not None and not date:
        warnings.append(FileProblem(path.name, 1, "no date in the file name; imported without one"))
    elif warnings is not None and doc.date and doc.date != date:
        warnings.append(FileProblem(path.name, 1, f"the H1 says {doc.date}; the date is the file name's, {date}"))
    stem = path.name.removesuffix(".md")
    title = doc.title or (stem[11:] if NAME_PATTERN.match(path.name) else stem)
    pairs, layout = _document_bullets(doc)
    layout.update(_file_layout(doc, pairs))
    # A file without a notice is under the archive's own licence; remember what the
    # meeting was given, so that only a change by the editor adds a notice.
    if not layout["licence"]:
        layout["licence"] = (profile or load_profile(root)).licence.value
    layout["title"], layout["date"], layout["head"] = title, date, doc.head
    with library.atomic():
        meeting = library.create_meeting(
            title,
            date,
            language=layout["lang"],
            licence=layout["licence"],
            status=MeetingStatus.PUBLISHED.value,
            style=_style(doc),
            transcript_state=TranscriptState.COMPLETE.value,
            slug=path.name.removesuffix(".md"),
            archive_root=str(root),
            archive_file=path.name,
            archive_layout=json.dumps(layout, ensure_ascii=False),
        )
        speaker_ids: dict[str, int] = {}
        for bullet, label in pairs:
            if label is not None:
                if label not in speaker_ids:
                    speaker_ids[label] = library.speaker(meeting.id, label).id
                bullet.speaker_id = speaker_ids[label]
        library.bulk_append_bullets(meeting.id, [bullet for bullet, _ in pairs])
        mark_synced(library, content_fingerprints(library, [meeting.id]), {meeting.id: blob_sha(data)})
    return library.meeting(meeting.id)


def import_archive(library, archive_path: str | Path) -> ImportReport:
    """Import every ``*.md`` at the root of an archive folder (or one file).

    A malformed file is reported with its file and line and the others are still
    imported; a file imported before is skipped, not duplicated.
    """
    archive_path = Path(archive_path)
    if archive_path.is_file():
        root, files = archive_path.resolve().parent, [archive_path]
    elif archive_path.is_dir():
        root = archive_path.resolve()
        files = transcript_files(root)
        links = sorted(p for p in root.glob("*.md") if p.is_symlink())
        report_links = [FileProblem(p.name, 1, "a symbolic link; links in an archive are not followed")
                        for p in links]
    else:
        raise ArchiveError(message("There is no archive folder or file at {archive_path}.", archive_path=archive_path))
    report = ImportReport()
    if archive_path.is_dir():
        report.warnings.extend(report_links)
    # A transaction per batch, not per file: a commit (and its fsync) per file made
    # importing a 2,000-file archive take minutes. Each file still has its own
    # savepoint, so a refused file leaves nothing behind and the others stay.
    other_roots = same_archive_roots(library, root)
    profile = load_profile(root)  # once: it reads the archive's README and recent files
    for first in range(0, len(files), IMPORT_BATCH):
        with library.atomic():
            for path in files[first : first + IMPORT_BATCH]:
                _import_one(library, path, root, report, other_roots, profile)
    return report


IMPORT_BATCH = 200


def _origin_url(root: Path) -> str | None:
    """The archive clone's ``origin`` remote URL; None when it has none (or is no clone)."""
    import git  # GitPython, lazily: only imports of a folder need it

    try:
        return git.Repo(root).remotes.origin.url
    except (git.exc.GitError, AttributeError, ValueError, OSError):
        return None


def same_archive_roots(library, root: Path) -> list[str]:
    """Other folders meetings were imported from that are clones of the same remote as ``root``."""
    remote = _origin_url(root)
    if remote is None:
        return []
    roots = [row[0] for row in library.db.execute(
        "SELECT DISTINCT archive_root FROM meetings WHERE archive_root IS NOT NULL "
        "AND archive_root != ?", [str(root)])]  # fmt: skip
    return [other for other in roots if Path(other).is_dir() and _origin_url(Path(other)) == remote]


def imported_elsewhere(library, path: Path, other_roots: list[str]) -> int | None:
    """A meeting imported from this file in another copy of the archive (a second clone, a
    moved folder): one of ``other_roots`` (same remote), or a file of the same name whose
    content was the same when imported or last published. Importing it again would
    duplicate the meeting."""
    for other in other_roots:
        existing = imported_meeting(library, Path(other), path.name)
        if existing is not None:
            return existing
    if path.is_symlink():
        return None
    try:
        blob = blob_sha(path.read_bytes())
    except OSError:
        return None
    row = library.db.execute(
        "SELECT id FROM meetings WHERE archive_file = ? "
        "AND json_extract(archive_layout, '$.synced_blob') = ? ORDER BY id LIMIT 1",
        [path.name, blob],
    ).fetchone()
    return row[0] if row else None


def _import_one(library, path: Path, root: Path, report: ImportReport,
                other_roots: list[str] = (), profile: ArchiveProfile | None = None) -> None:
    existing = imported_meeting(library, root, path.name)
    if existing is None:
        existing = imported_elsewhere(library, path, list(other_roots))
    if existing is not None:
        report.skipped.append((path.name, existing))
        return
    try:
        report.meetings.append(import_file(library, path, root, report.warnings, profile))
    except ArchiveFormatError as exc:
        report.problems.append(FileProblem(exc.file, exc.line, exc.problem))
    except ArchiveError as exc:
        report.problems.append(FileProblem(path.name, 1, exc.message))
    except OSError as exc:
        report.problems.append(FileProblem(path.name, 1, message("cannot be read: {detail}", detail=exc.strerror or exc)))
