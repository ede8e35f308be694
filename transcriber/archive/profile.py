"""An archive's house style, so that new files look like the archive they join.

The profile is detected from the archive itself: its LICENSE/README for the licence,
its maintainer guide (AGENTS.md, CONTRIBUTING.md) for characters it forbids, its
newest transcripts for style (bullets or paragraphs, a blank line after each speaker
label or not) and question label, and the archive's own validator
(``scripts/validate.ts``) for the files it grandfathers. A ``.transcriber.toml`` at the
archive root overrides any of it::

    licence = "CC0-1.0"            # or "CC-BY-4.0"
    style = "paragraphs"           # or "bullets"
    blank_after_label = true
    redaction_marker = "（已遮蔽）"
    question_label = "問"
    title = "Transcripts"
    not_speakers = ["主持人"]       # added to the built-in list
    grandfathered = ["1999年全國司法改革會議.md"]
    grandfathered_nfc = ["2016-01-26-tout-numérique.md"]
    maintainer_documents = ["NOTES.md"]
    commit_prefix = "docs(transcript): "   # "" for plain "Add …" subjects
    [aliases]
    "Audrey" = "Audrey Tang"

A folder with no transcripts and nothing saying otherwise gets the project's defaults:
CC BY 4.0 and bullets.
"""

from __future__ import annotations

import re
import subprocess
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from transcriber.errors import TranscriberError
from transcriber.messages import message
from transcriber.model import Licence, Style
from transcriber.vocabulary import QUESTION_LABEL, REDACTION_MARKER

CONFIG_NAME = ".transcriber.toml"
# The newest transcripts decide: recent practice, not 2015's. Each of the newest
# STYLE_VOTERS files with speaker labels votes for a style; RECENT_FILES give the
# language and question label.
RECENT_FILES = 40
STYLE_VOTERS = 5
# Labels that name no person: a question, an answer, a role, a field of a form.
NOT_SPEAKERS = frozenset(
    {"問", "提問", "問題", "答", "Q", "A", "Question", "Answer", "主持人", "日期", "時間", "地點"}
)
QUESTION_LABELS = {"zh": ("問", "提問", "問題", "Q"), "en": ("Question", "Q")}
# Redaction markers in brackets an archive is known to accept, per language.
PLAIN_REDACTION = {"zh": "（已遮蔽）", "en": "[redacted]"}
# Repository documents that sit beside the transcripts and are none (README, AGENTS, ...).
MAINTAINER_STEMS = frozenset(
    {"readme", "contributing", "license", "licence", "changelog", "code_of_conduct",
     "security", "authors", "copying", "agents", "claude", "gemini", "notice", "maintainers"}
)
_DOC_STEM = re.compile(r"^[A-Z][A-Z0-9_-]*$")
_NAME_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})-")
_LABEL = re.compile(r"^###[ \t]+(?P<label>\S.*?)[ \t]*[：:][ \t]*$")
_CC0 = re.compile(r"CC0|publicdomain/zero|public domain dedication", re.IGNORECASE)
_CC_BY = re.compile(r"CC[ -]BY[ -]4\.0|licenses/by/4\.0|Attribution 4\.0", re.IGNORECASE)
_FORBIDS_BRACKETS = re.compile(r"(?:do not|don[’']t|never|not)\s+(?:introduce|use)\s+`?〔", re.I)
_JS_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


class ProfileError(TranscriberError):
    """The archive's ``.transcriber.toml`` cannot be read; says which line and why."""


@dataclass(frozen=True)
class ArchiveProfile:
    """How new files of one archive are written and what its checker exempts.

    ``redaction_marker`` and ``question_label`` are the forms in the archive's main
    language ``lang``; ``redaction_marker_for`` and ``question_label_for`` give them in
    a file's own language. ``sources`` says where each detected value came from.
    """

    licence: Licence = Licence.CC_BY_4
    style: Style = Style.BULLETS
    blank_after_label: bool = False
    redaction_marker: str = REDACTION_MARKER["zh"]
    question_label: str = QUESTION_LABEL["zh"]
    aliases: dict[str, str] = field(default_factory=dict)
    not_speakers: frozenset[str] = NOT_SPEAKERS
    title: str | None = None
    lang: str = "zh"
    forbidden: frozenset[str] = frozenset()
    grandfathered: frozenset[str] = frozenset()
    grandfathered_nfc: frozenset[str] = frozenset()
    maintainer_documents: frozenset[str] = frozenset()
    # The archive's validator lists its maintainer documents: every other .md is a transcript
    # (a stray TODO.md fails its name rule there, so it must here too).
    documents_listed: bool = False
    # What the archive's own commits that change transcripts start with, e.g.
    # "docs(transcript): "; a publication's subject follows it.
    commit_prefix: str = ""
    sources: dict[str, str] = field(default_factory=dict, compare=False)

    def redaction_marker_for(self, lang: str) -> str:
        if lang == self.lang or lang not in PLAIN_REDACTION:
            return self.redaction_marker
        marker = REDACTION_MARKER[lang]
        return PLAIN_REDACTION[lang] if set(marker) & self.forbidden else marker

    def archive_markers(self, text: str) -> str:
        """``text`` with the library's span-redaction markers in the form the archive allows
        (an archive whose AGENTS.md forbids ``〔〕`` gets ``（已遮蔽）``): what its file,
        and so every export and review copy, says where part of a paragraph was redacted."""
        for lang, marker in REDACTION_MARKER.items():
            text = text.replace(marker, self.redaction_marker_for(lang))
        return text

    def question_label_for(self, lang: str) -> str:
        if lang == self.lang or lang not in QUESTION_LABEL:
            return self.question_label
        return QUESTION_LABEL[lang]

    def declares_licence(self) -> bool:
        """Whether the archive states its licence for every file (LICENSE, README, config)."""
        return self.sources.get("licence", "recent transcripts") != "recent transcripts"

    def canonical_speaker(self, name: str) -> str:
        return self.aliases.get(name, name)

    def is_maintainer_document(self, name: str) -> bool:
        if self.documents_listed:
            return unicodedata.normalize("NFC", name) in self.maintainer_documents
        return is_maintainer_document(name, self.maintainer_documents)

    def describe(self) -> list[tuple[str, str, str]]:
        """(setting, value, where it came from) for ``archive profile``."""
        values = {
            "licence": self.licence.value,
            "style": self.style.value,
            "blank_after_label": "yes" if self.blank_after_label else "no",
            "redaction_marker": self.redaction_marker,
            "question_label": self.question_label,
            "language": self.lang,
            "title": self.title or "",
            "forbidden": " ".join(sorted(self.forbidden)),
            "aliases": ", ".join(f"{k} → {v}" for k, v in sorted(self.aliases.items())),
            "grandfathered": str(len(self.grandfathered) + len(self.grandfathered_nfc)) + " files",
            "commit_prefix": self.commit_prefix,
        }
        source = {**self.sources, "language": self.sources.get("lang", "default")}
        return [(key, value, source.get(key, "default")) for key, value in values.items()]


def is_maintainer_document(name: str, extra: frozenset[str] | set[str] = frozenset()) -> bool:
    """README.md, AGENTS.md, CONTRIBUTING.md…: documents about the archive, not transcripts."""
    if name in extra:
        return True
    stem = name.rsplit(".", 1)[0]
    return stem.lower() in MAINTAINER_STEMS or bool(_DOC_STEM.match(stem))


def _read(path: Path, limit: int = 200_000) -> str:
    try:
        if path.is_symlink() or not path.is_file():
            return ""
        with path.open("rb") as handle:
            return handle.read(limit).decode("utf-8", errors="replace")
    except OSError:
        return ""


def _first(root: Path, names: tuple[str, ...]) -> tuple[str, str]:
    for name in names:
        text = _read(root / name)
        if text:
            return name, text
    return "", ""


def _licence_in(text: str) -> Licence | None:
    cc0, by = _CC0.search(text), _CC_BY.search(text)
    if cc0 and (not by or cc0.start() < by.start()):
        return Licence.CC0
    if by:
        return Licence.CC_BY_4
    return None


def _licence_section(readme: str) -> str:
    """The README's License section, where the archive states its own licence."""
    match = re.search(r"^#{1,6}[ \t]*(?:License|Licence|授權|版權)[^\n]*\n(?P<body>.*?)(?=^#{1,6}[ \t]|\Z)",
                      readme, re.MULTILINE | re.DOTALL | re.IGNORECASE)
    return match.group("body") if match else ""


def recent_transcripts(root: Path, count: int = RECENT_FILES) -> list[Path]:
    """The ``count`` newest transcripts by the date in their names."""
    dated = []
    try:
        entries = list(root.iterdir())
    except OSError:
        return []
    for path in entries:
        if path.suffix == ".md" and _NAME_DATE.match(path.name) and not path.is_symlink():
            dated.append(path)
    return sorted(dated, key=lambda p: p.name, reverse=True)[:count]


def _layout_of(texts: list[str]) -> dict[str, object]:
    """Style, blank line after labels, question labels and language seen in ``texts``."""
    listed = plain = blank = tight = 0
    questions: dict[str, dict[str, int]] = {"zh": {}, "en": {}}
    cjk = latin = 0
    for text in texts:
        lines = text.replace("\r\n", "\n").split("\n")
        for number, line in enumerate(lines):
            match = _LABEL.match(line)
            if not match:
                continue
            label = match.group("label")
            lang = "zh" if line.rstrip().endswith("：") else "en"
            for known in QUESTION_LABELS[lang]:
                if label == known:
                    questions[lang][label] = questions[lang].get(label, 0) + 1
            following = lines[number + 1 : number + 3]
            if not following:
                continue
            if following[0].strip():
                tight += 1
                first = following[0]
            else:
                blank += 1
                first = following[1] if len(following) > 1 else ""
            if re.match(r"^ {0,3}[*+-][ \t]", first):
                listed += 1
            elif first.strip() and not first.startswith(("#", ">")):
                plain += 1
        sample = text[:4000]
        cjk += sum(1 for c in sample if "\u4e00" <= c <= "\u9fff")
        latin += sum(1 for c in sample if c.isascii() and c.isalpha())
    found: dict[str, object] = {}
    if listed or plain:
        found["style"] = Style.BULLETS if listed > plain else Style.PARAGRAPHS
    if blank or tight:
        found["blank_after_label"] = blank > tight
    lang = "zh" if cjk * 3 >= latin else "en"
    found["lang"] = lang
    if questions[lang]:
        found["question_label"] = max(questions[lang], key=questions[lang].get)
    notices = [_licence_in(m) for t in texts for m in re.findall(r"^> ?[(（].*creativecommons[^\n]*", t, re.M)]
    notices = [n for n in notices if n]
    if notices:
        found["notice_licence"] = max(set(notices), key=notices.count)
    return found


def _validator_exemptions(root: Path) -> tuple[set[str], set[str], set[str] | None]:
    """File names the archive's own validator (audreyt/transcript's ``scripts/validate.ts``)
    treats apart: names that break the pattern, names not in NFC, and its maintainer
    documents (None without a validator: then README.md, AGENTS.md and the like are)."""
    text = _read(root / "scripts" / "validate.ts")
    names: set[str] = set()
    nfc: set[str] = set()
    documents: set[str] | None = None
    pattern = (r"(?P<kind>GRANDFATHERED_\w+|MAINTAINER_MARKDOWN_FILENAMES)[^=]*=\s*"
               r"(?:new Set\(\[|\{)(?P<body>.*?)(?:\]\)|\})")
    for match in re.finditer(pattern, text, re.DOTALL):
        found = {_js_unescape(s) for s in _JS_STRING.findall(match.group("body"))}
        if match.group("kind") == "MAINTAINER_MARKDOWN_FILENAMES":
            documents = (documents or set()) | found
        else:
            (nfc if "NFC" in match.group("kind") else names).update(found)
    return names, nfc, documents


def _js_unescape(text: str) -> str:
    return re.sub(r"\\u([0-9a-fA-F]{4})|\\(.)",
                  lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2), text)


_CONVENTIONAL = re.compile(r"^[a-z]+(?:\([^)\s]+\))?!?: ")
HISTORY_COMMITS = 30


def _commit_prefix(root: Path) -> str | None:
    """The prefix most of the archive's recent commits to root ``.md`` files share
    (``docs(transcript): ``), when at least half of them share one; else None."""
    if not (root / ".git").exists():
        return None
    try:
        out = subprocess.run(
            ["git", "log", f"-n{HISTORY_COMMITS}", "--no-merges", "--format=%s", "--",
             ":(top,glob)*.md"], cwd=root, capture_output=True, text=True, timeout=30,
            check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    subjects = [s for s in out.splitlines() if s.strip()]
    prefixes = [m.group(0) for m in map(_CONVENTIONAL.match, subjects) if m]
    if not prefixes:
        return None
    best = max(set(prefixes), key=prefixes.count)
    return best if prefixes.count(best) * 2 >= len(subjects) else None


def _config(root: Path) -> dict:
    path = root / CONFIG_NAME
    if path.is_symlink() or not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        raise ProfileError(message("The archive settings file {path} cannot be read: {detail}.", path=path, detail=exc)) from None


def _names(value: object, key: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ProfileError(message("In {CONFIG_NAME}, {key} must be a list of file or label names.", CONFIG_NAME=CONFIG_NAME, key=key))
    return frozenset(unicodedata.normalize("NFC", v) for v in value) | frozenset(value)


def publishing_profile(archive: str | Path | None) -> ArchiveProfile | None:
    """The profile of the archive a meeting will be published to, for exports and review
    copies to say what publishing there writes; None when no archive folder is set (or it
    is gone), and a meeting's own archive or the defaults apply. A settings file that
    cannot be read is said (``ProfileError``), as publishing would say it."""
    if archive is None or not str(archive).strip():
        return None
    root = Path(archive).expanduser()
    return load_profile(root) if root.is_dir() else None


def load_profile(archive: str | Path) -> ArchiveProfile:
    """The profile of the archive folder ``archive`` (see the module docstring)."""
    root = Path(archive)
    values: dict[str, object] = {}
    sources: dict[str, str] = {}

    def found(key: str, value: object, source: str) -> None:
        values[key] = value
        sources[key] = source

    readme_name, readme = _first(root, ("README", "README.md", "README.txt", "readme.md"))
    licence_name, licence_text = _first(root, ("LICENSE", "LICENSE.md", "LICENCE", "LICENSE.txt", "COPYING"))
    texts = [t for t in (_read(p, 20_000) for p in recent_transcripts(root)) if t]
    layout = _layout_of(texts)
    votes = [v for v in (_layout_of([t]) for t in texts) if "style" in v][:STYLE_VOTERS]
    for key in ("style", "blank_after_label"):
        cast = [v[key] for v in votes if key in v]
        if cast:
            layout[key] = max(cast, key=cast.count)
    for key in ("style", "blank_after_label", "question_label", "lang"):
        if key in layout:
            found(key, layout[key], "recent transcripts")
    licence = _licence_in(licence_text) if licence_text else None
    if licence:
        found("licence", licence, licence_name)
    elif readme and (_licence_in(_licence_section(readme)) or _licence_in(readme)):
        found("licence", _licence_in(_licence_section(readme)) or _licence_in(readme), readme_name)
    elif "notice_licence" in layout:
        found("licence", layout["notice_licence"], "recent transcripts")
    if readme:
        heading = re.search(r"^#[ \t]+(.+?)[ \t]*$", readme, re.MULTILINE)
        if heading:
            found("title", heading.group(1), readme_name)
    forbidden: set[str] = set()
    for name in ("AGENTS.md", "CONTRIBUTING.md", "CLAUDE.md"):
        guide = _read(root / name)
        if _FORBIDS_BRACKETS.search(guide):
            forbidden |= {"〔", "〕"}
            sources["forbidden"] = name
    prefix = _commit_prefix(root)
    if prefix:
        found("commit_prefix", prefix, "git history")
    grandfathered, grandfathered_nfc, validator_documents = _validator_exemptions(root)
    if grandfathered or grandfathered_nfc:
        sources["grandfathered"] = "scripts/validate.ts"

    config = _config(root)
    known = {"licence", "license", "style", "blank_after_label", "redaction_marker", "question_label",
             "title", "aliases", "not_speakers", "grandfathered", "grandfathered_nfc",
             "maintainer_documents", "language", "forbidden", "commit_prefix"}
    unknown = sorted(set(config) - known)
    if unknown:
        raise ProfileError(message("{CONFIG_NAME} has settings this version does not know: {unknown}.", CONFIG_NAME=CONFIG_NAME, unknown=', '.join(unknown)))
    try:
        if "licence" in config or "license" in config:
            found("licence", Licence(config.get("licence", config.get("license"))), CONFIG_NAME)
        if "style" in config:
            found("style", Style(config["style"]), CONFIG_NAME)
        if "language" in config:
            if config["language"] not in ("zh", "en"):
                raise ValueError(config["language"])
            found("lang", config["language"], CONFIG_NAME)
    except ValueError as exc:
        raise ProfileError(message("{CONFIG_NAME} has a value this version does not know: {detail}.", CONFIG_NAME=CONFIG_NAME, detail=exc)) from None
    for key in ("blank_after_label",):
        if key in config:
            if not isinstance(config[key], bool):
                raise ProfileError(message("In {CONFIG_NAME}, {key} must be true or false.", CONFIG_NAME=CONFIG_NAME, key=key))
            found(key, config[key], CONFIG_NAME)
    if "commit_prefix" in config:
        if not isinstance(config["commit_prefix"], str) or "\n" in config["commit_prefix"]:
            raise ProfileError(message("In {CONFIG_NAME}, commit_prefix must be one line of text.", CONFIG_NAME=CONFIG_NAME))
        found("commit_prefix", config["commit_prefix"], CONFIG_NAME)
    for key in ("redaction_marker", "question_label", "title"):
        if key in config:
            if not isinstance(config[key], str) or not config[key].strip():
                raise ProfileError(message("In {CONFIG_NAME}, {key} must be a non-empty text.", CONFIG_NAME=CONFIG_NAME, key=key))
            found(key, config[key], CONFIG_NAME)
    aliases = config.get("aliases", {})
    if not isinstance(aliases, dict) or not all(isinstance(v, str) for v in aliases.values()):
        raise ProfileError(message("In {CONFIG_NAME}, [aliases] must map names to names.", CONFIG_NAME=CONFIG_NAME))
    if aliases:
        sources["aliases"] = CONFIG_NAME
    if "forbidden" in config:
        forbidden = set("".join(_names(config["forbidden"], "forbidden")))
        sources["forbidden"] = CONFIG_NAME
    if "grandfathered" in config or "grandfathered_nfc" in config:
        grandfathered |= _names(config.get("grandfathered", []), "grandfathered")
        grandfathered_nfc |= _names(config.get("grandfathered_nfc", []), "grandfathered_nfc")
        sources["grandfathered"] = CONFIG_NAME

    lang = str(values.get("lang", "zh"))
    marker = values.get("redaction_marker")
    if marker is None:
        marker = REDACTION_MARKER[lang]
        if set(marker) & forbidden:
            marker = PLAIN_REDACTION[lang]
            sources["redaction_marker"] = sources.get("forbidden", "")
    return ArchiveProfile(
        licence=Licence(values.get("licence", Licence.CC_BY_4)),
        style=Style(values.get("style", Style.BULLETS)),
        blank_after_label=bool(values.get("blank_after_label", False)),
        redaction_marker=str(marker),
        question_label=str(values.get("question_label", QUESTION_LABEL[lang])),
        aliases=dict(aliases),
        not_speakers=NOT_SPEAKERS | _names(config.get("not_speakers", []), "not_speakers"),
        title=values.get("title"),  # type: ignore[arg-type]
        lang=lang,
        forbidden=frozenset(forbidden),
        grandfathered=frozenset(grandfathered),
        grandfathered_nfc=frozenset(grandfathered_nfc),
        maintainer_documents=_names(config.get("maintainer_documents", []), "maintainer_documents")
        | frozenset(validator_documents or ()),
        documents_listed=validator_documents is not None,
        commit_prefix=str(values.get("commit_prefix", "")),
        sources=sources,
    )
