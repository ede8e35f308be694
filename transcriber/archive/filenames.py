"""File-name rules of the archive: ``YYYY-MM-DD-<slug>.md`` at the archive root.

The names must work as paths on Windows, macOS and Linux and as URLs on a git forge,
because the archive is cloned everywhere and browsed on the web. The slug follows
what audreyt/transcript does (spaces become ``-``, Chinese punctuation such as
「」 stays), plus the rules of DESIGN.md: NFC, ``&`` → ``and``, none of
``/ \\ : * ? " < > |``, no Windows device name, no leading or trailing dot or space.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from transcriber.errors import TitleError
from transcriber.messages import Message, message

# Characters Windows refuses in a file name, plus the ones that break a URL path
# (``#`` starts a fragment, ``%`` an escape). Control characters are refused too.
FORBIDDEN_CHARS = set('/\\:*?"<>|') | {"#", "%"}
_SEPARATORS = re.compile(r'[\s/\\:*?"<>|#%]+')
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Characters a reader cannot see in a title or a file name: controls (category Cc: C0,
# DEL, C1) and every format character (category Cf: direction overrides, embeddings,
# isolates and marks, so that U+202E cannot show "txt.exe" as "exe.txt"; zero-width
# characters such as U+200B and U+FEFF that make two names that look the same differ; the
# soft hyphen U+00AD; tag characters), plus Unicode's other default-ignorable code points,
# which display as nothing: the combining grapheme joiner, the Hangul fillers, the
# Mongolian and other variation selectors, and the reserved ranges. A title with one is
# refused rather than published invisibly. Categories come from the running Python's
# Unicode data, so characters a newer Unicode adds are covered as well.
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf"})
DEFAULT_IGNORABLE_RANGES = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F),
    (0x2065, 0x2065), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8),
    (0xE0000, 0xE0FFF),
)


def is_invisible(char: str) -> bool:
    """Whether ``char`` is a character a reader cannot see (see above)."""
    if unicodedata.category(char) in INVISIBLE_CATEGORIES:
        return True
    code = ord(char)
    return any(low <= code <= high for low, high in DEFAULT_IGNORABLE_RANGES)


def invisible_characters(text: str) -> list[str]:
    """The distinct characters of ``text`` a reader cannot see, in code point order."""
    return sorted({c for c in text if is_invisible(c)})


_DASHES = re.compile(r"-{2,}")
WINDOWS_DEVICE_NAMES = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
    + [f"COM{i}" for i in range(10)]
    + [f"LPT{i}" for i in range(10)]
    + ["COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³"]
)
# Linux and macOS limit a name to 255 bytes; keep room for a ``-2`` a publisher
# may append to tell two meetings with the same date and title apart.
MAX_NAME_BYTES = 240
NAME_PATTERN = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)\.md$")
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def is_real_date(date: str) -> bool:
    """``YYYY-MM-DD`` naming a day that exists (no 2021-02-30)."""
    if not DATE_PATTERN.match(date):
        return False
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        return False
    return True


def slugify(title: str) -> str:
    """The slug part of a file name for ``title``; may be empty if nothing is usable."""
    text = unicodedata.normalize("NFC", title)
    text = _CONTROL.sub("", text)
    # ``&`` must never reach a URL unescaped: "Q&A" → "Q-and-A", like "Q & A".
    text = re.sub(r"\s*&\s*", " and ", text)
    text = _SEPARATORS.sub("-", text.strip())
    text = _DASHES.sub("-", text)
    text = text.strip("-. ")
    return _truncate_utf8(text, MAX_NAME_BYTES - len("YYYY-MM-DD-.md")).rstrip("-. ")


def _truncate_utf8(text: str, limit: int) -> str:
    encoded = text.encode("utf-8")
    if len(encoded) <= limit:
        return text
    return encoded[:limit].decode("utf-8", errors="ignore")


def title_problem(title: str) -> Message | None:
    """One sentence saying why ``title`` cannot be published as it is, or None."""
    hidden = invisible_characters(title)
    if not hidden:
        return None
    names = ", ".join(f"U+{ord(c):04X}" for c in hidden)
    return message("The title {title!r} contains characters a reader cannot see ({names}: line "
                   "breaks, controls, or zero-width, filler, variation-selector, tag or "
                   "text-direction characters); remove them and try again.", title=title, names=names)


def archive_filename(date: str, title: str) -> str:
    """``YYYY-MM-DD-<slug>.md`` for a meeting; ``TitleError`` when it cannot be made."""
    if not is_real_date(date):
        raise TitleError(message("The date {date!r} is not a real date in the form YYYY-MM-DD.", date=date))
    problem = title_problem(title)
    if problem:
        raise TitleError(problem)
    slug = slugify(title)
    if not slug:
        raise TitleError(
            message("The title {title!r} has no letters or digits that can be used in a file name; "
                    "please give the meeting a title.", title=title)
        )
    if slug.upper() in WINDOWS_DEVICE_NAMES:
        raise TitleError(
            message("The title {title!r} is a reserved device name on Windows; please change it.", title=title)
        )
    name = f"{date}-{slug}.md"
    problems = filename_problems(name)
    if problems:  # defensive: slugify should already have removed every cause
        raise TitleError(message("The title {title!r} cannot be a file name: {detail}",
                                 title=title, detail=problems[0]))
    return name


def filename_problems(name: str) -> list[Message]:
    """Each rule of DESIGN.md that the file name ``name`` breaks, in plain words."""
    problems = []
    match = NAME_PATTERN.match(name)
    if not match:
        problems.append(message("the name does not follow the pattern YYYY-MM-DD-title.md"))
    elif not is_real_date(match.group(1)):
        problems.append(message("{date} in the name is not a real date", date=match.group(1)))
    if unicodedata.normalize("NFC", name) != name:
        problems.append(message("the name is not in Unicode NFC form"))
    bad = sorted({c for c in name if c in FORBIDDEN_CHARS or c == "&" or _CONTROL.match(c)})
    if bad:
        problems.append(message("the name contains characters that are not allowed: {chars}",
                                chars=" ".join(map(repr, bad))))
    hidden = [c for c in invisible_characters(name) if not _CONTROL.match(c)]
    if hidden:
        problems.append(message("the name contains characters a reader cannot see: {chars}",
                                chars=" ".join(f"U+{ord(c):04X}" for c in hidden)))
    if any(c.isspace() for c in name):
        problems.append(message("the name contains spaces (use - instead)"))
    stem = name.split(".", 1)[0]
    if stem.upper() in WINDOWS_DEVICE_NAMES:
        problems.append(message("the name is a reserved device name on Windows"))
    if name != name.strip(". "):
        problems.append(message("the name starts or ends with a dot or a space"))
    if len(name.encode("utf-8")) > 255:
        problems.append(message("the name is longer than 255 bytes"))
    return problems


def safe_archive_path(archive_root: Path, filename: str) -> Path:
    """``archive_root / filename``, refused unless it is a plain file name directly inside the archive."""
    root = Path(archive_root).resolve()
    if (
        not filename
        or filename in {".", ".."}
        or any(sep in filename for sep in "/\\")
        or "\x00" in filename
    ):
        raise TitleError(
            message("The file name {filename!r} would not be a file directly inside the archive.", filename=filename)
        )
    path = (root / filename).resolve()
    if path.parent != root:
        raise TitleError(
            message("The file name {filename!r} would write outside the archive folder {root}.", filename=filename, root=root)
        )
    return path


def transcript_files(root: Path, maintainer_documents: frozenset[str] = frozenset()) -> list[Path]:
    """The transcripts at an archive's root: every ``*.md`` but the repository's own
    documents (README.md, AGENTS.md, CONTRIBUTING.md, ...), which sit beside them in a
    real archive, and symbolic links, which are never followed."""
    from transcriber.archive.profile import is_maintainer_document

    return sorted(
        p for p in root.glob("*.md")
        if not is_maintainer_document(p.name, maintainer_documents)
        and not p.is_symlink() and p.is_file()
    )


# archive.tw serves a transcript at a key made from its file name: lower-cased, without
# ``.md``, ``：`` as ``-``, cut at 50 UTF-16 code units (a trailing hyphen stays).
ARCHIVE_KEY_UNITS = 50


def archive_key(name: str) -> str:
    """The key (URL path) archive.tw gives the transcript file ``name``."""
    return utf16_cut(name.lower().removesuffix(".md").replace("：", "-"), ARCHIVE_KEY_UNITS)


def utf16_cut(text: str, units: int) -> str:
    """``text`` cut at ``units`` UTF-16 code units, as archive.tw's JavaScript cuts it."""
    data = text.encode("utf-16-le")
    # A character cut in half (outside the BMP) cannot be a file name: it is dropped.
    return data[: units * 2].decode("utf-16-le", errors="ignore") if len(data) > units * 2 else text


# Old files of a real archive write the date with a look-alike hyphen (U+2011 ...).
_HYPHEN = "[-\u2010-\u2015\u2212\ufe63\uff0d]"
_NAME_DATE = re.compile(rf"^(\d{{4}}){_HYPHEN}(\d{{2}}){_HYPHEN}(\d{{2}})(?:{_HYPHEN}|$)")


def name_date(name: str) -> str | None:
    """The meeting's one date: the real ``YYYY-MM-DD`` its file name starts with, as
    archive.tw reads it (the name is the public record; an H1 may say otherwise), or
    None for a name without one."""
    match = _NAME_DATE.match(name.removesuffix(".md"))
    date = "-".join(match.groups()) if match else ""
    return date if is_real_date(date) else None
