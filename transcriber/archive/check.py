"""``archive check``: an archive folder against its own rules.

Errors are exactly what the archive's own rules forbid (those audreyt/transcript's
validator enforces, see DESIGN.md): a transcript name ``YYYY-MM-DD-<title>.md`` with a
real date, NFC file names, UTF-8 without a byte order mark, no whitespace at the end of
a line, ``.alternates`` lines of two root-level ``.md`` files that exist, the English
file first and each file in one pair only, ``.redirects`` lines ``old<TAB>new`` whose
target is a transcript of the archive. Files the archive grandfathers (its profile:
``scripts/validate.ts`` or ``.transcriber.toml``) are exempt from the name rules.

Everything else is a warning, because the archive holds the public record as it was
written: H1 style, an H1 date that differs from the name's, text not in NFC, CRLF line
ends, characters such as ``?`` in old names, a second H1, a file the reader would not
write back byte for byte. Maintainer documents (README, AGENTS.md, …) are not
transcripts, and symbolic links are never followed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from transcriber.archive.document import FileProblem, parse, write
from transcriber.archive.filenames import (
    NAME_PATTERN,
    filename_problems,
    is_real_date,
    transcript_files,
)
from transcriber.archive.profile import ArchiveProfile, is_maintainer_document, load_profile
from transcriber.errors import TranscriberError

BOM = b"\xef\xbb\xbf"
# The archive's own name rule: any title after the date, as long as it ends in .md.
ARCHIVE_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-.+\.md$")
_CANONICAL_H1 = re.compile(r"^# \d{4}-\d{2}-\d{2} \S")
_LINE_BREAK = re.compile(r"\r?\n")


class CheckError(TranscriberError):
    """The archive folder to check cannot be read."""


@dataclass
class CheckResult:
    files: int = 0
    errors: list[FileProblem] = field(default_factory=list)
    warnings: list[FileProblem] = field(default_factory=list)

    @property
    def problems(self) -> list[FileProblem]:
        """Errors and warnings together."""
        return self.errors + self.warnings

    @property
    def ok(self) -> bool:
        return not self.errors

    def passes(self, strict: bool = False) -> bool:
        return not self.errors and not (strict and self.warnings)


def _first_line_where(lines: list[str], test) -> int:
    return next((number for number, line in enumerate(lines, start=1) if test(line)), 1)


def name_errors(name: str, profile: ArchiveProfile) -> list[str]:
    """What the archive's own name rules say about ``name`` (grandfathered names pass)."""
    nfc = unicodedata.normalize("NFC", name)
    if nfc in profile.grandfathered:
        return []
    match = ARCHIVE_NAME.match(name)
    if not match:
        return ["the name does not follow the pattern YYYY-MM-DD-title.md"]
    errors = []
    if not is_real_date("-".join(match.groups())):
        errors.append(f"{'-'.join(match.groups())} in the name is not a real date")
    if nfc != name and nfc not in profile.grandfathered_nfc:
        errors.append("the name is not in Unicode NFC form")
    return errors


def check_text(name: str, data: bytes, profile: ArchiveProfile | None = None) -> tuple[
        list[FileProblem], list[FileProblem]]:
    """(errors, warnings) of one transcript file called ``name`` with content ``data``."""
    profile = profile or ArchiveProfile()
    errors = [FileProblem(name, 1, message) for message in name_errors(name, profile)]
    said = {e.message for e in errors}
    grandfathered = unicodedata.normalize("NFC", name) in profile.grandfathered
    warnings = [
        FileProblem(name, 1, message) for message in filename_problems(name)
        if not grandfathered and message not in said
        and not message.startswith(("the name does not follow", "the name is not in Unicode"))
        and "is not a real date" not in message
    ]
    if data.startswith(BOM):
        errors.append(FileProblem(name, 1, "the file starts with a byte order mark (BOM)"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        errors.append(FileProblem(name, line, "the file is not valid UTF-8"))
        return errors, warnings
    lines = text.split("\n")
    trailing = [n for n, s in enumerate(_LINE_BREAK.split(text), start=1) if s != s.rstrip()]
    if trailing:
        more = f" (and {len(trailing) - 1} more lines)" if len(trailing) > 1 else ""
        errors.append(FileProblem(name, trailing[0], f"the line ends in whitespace{more}"))
    if not unicodedata.is_normalized("NFC", text):
        line = _first_line_where(lines, lambda s: not unicodedata.is_normalized("NFC", s))
        warnings.append(FileProblem(name, line, "the text is not in Unicode NFC form"))
    if "\r" in text:
        line = _first_line_where(lines, lambda s: "\r" in s)
        warnings.append(FileProblem(name, line, "the file has carriage returns (CRLF line endings)"))
    doc = parse(text)
    warnings.extend(FileProblem(name, line, message) for line, message in doc.problems())
    if doc.head is not None and doc.date and doc.title and not _CANONICAL_H1.match(
            doc.head.removeprefix("\ufeff")):
        warnings.append(FileProblem(name, 1, "the H1 is not written '# YYYY-MM-DD Title'"))
    match = NAME_PATTERN.match(name)
    if match and doc.date and doc.date != match.group(1):
        warnings.append(
            FileProblem(name, 1, f"the H1 date {doc.date} differs from the date in the file name")
        )
    written = write(doc)
    if written != text:
        line = next(
            (n for n, (a, b) in enumerate(zip(written.split("\n"), lines, strict=False), start=1)
             if a != b),
            min(len(lines), written.count("\n") + 1),
        )
        warnings.append(FileProblem(
            name, line, "the file does not round-trip through the archive reader and writer"))
    return errors, warnings


def _pairs_file(root: Path, name: str) -> list[tuple[int, list[str]]]:
    """(line number, tab-separated fields) of each entry of ``.alternates``/``.redirects``."""
    path = root / name
    if path.is_symlink() or not path.is_file():
        return []
    entries = []
    text = path.read_text("utf-8", errors="replace")
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        line = line.strip()
        if line and not line.startswith("#"):
            entries.append((number, [part.strip() for part in line.split("\t")]))
    return entries


def _cjk_share(root: Path, name: str, cache: dict[str, float]) -> float:
    """The share of Chinese characters among the letters of the file's first pages."""
    if name not in cache:
        try:
            with (root / name).open("rb") as handle:
                sample = handle.read(8000).decode("utf-8", errors="ignore")
        except OSError:
            sample = ""
        cjk = sum(1 for c in sample if "\u3400" <= c <= "\u9fff")
        letters = cjk + sum(1 for c in sample if c.isascii() and c.isalpha())
        cache[name] = cjk / letters if letters else 0.0
    return cache[name]


# Only a clear case is an error: a Chinese file quoting English, or an English one
# quoting Chinese names, must not fail an archive its own validator passes.
CLEARLY_CHINESE, CLEARLY_ENGLISH = 0.5, 0.05


def check_alternates(root: Path) -> tuple[list[FileProblem], list[FileProblem]]:
    """(errors, warnings) of ``.alternates``: the archive's pair rules."""
    errors: list[FileProblem] = []
    warnings: list[FileProblem] = []
    seen: dict[str, int] = {}
    shares: dict[str, float] = {}

    def error(number: int, message: str) -> None:
        errors.append(FileProblem(".alternates", number, message))

    for number, fields in _pairs_file(root, ".alternates"):
        if len(fields) != 2 or not all(fields):
            error(number, "a line must be two file names separated by one tab")
            continue
        first, second = fields
        if not first.endswith(".md") or not second.endswith(".md"):
            error(number, "both files of a pair must end with .md")
            continue
        if first == second:
            error(number, "a file cannot be its own alternate")
            continue
        if any(c in name for name in fields for c in "/\\"):
            error(number, "a pair names files at the archive's root (no /)")
            continue
        for name in fields:
            if name in seen:
                error(number, f"{name} is already in the pair on line {seen[name]}; "
                              "a file may be in one pair only")
            else:
                seen[name] = number
        missing = [name for name in fields if not (root / name).is_file()]
        for name in missing:
            error(number, f"{name} is not a transcript in the archive")
        if missing:
            continue
        if (_cjk_share(root, first, shares) >= CLEARLY_CHINESE
                and _cjk_share(root, second, shares) <= CLEARLY_ENGLISH):
            error(number, f"the English file {second} must come first")
    return errors, warnings


def check_redirects(root: Path) -> tuple[list[FileProblem], list[FileProblem]]:
    """(errors, warnings) of ``.redirects``: ``old_slug<TAB>new_slug`` lines."""
    errors: list[FileProblem] = []
    warnings: list[FileProblem] = []
    for number, fields in _pairs_file(root, ".redirects"):
        if len(fields) != 2 or not all(fields):
            errors.append(FileProblem(".redirects", number, "a line must be old_slug<TAB>new_slug"))
        elif fields[0] == fields[1]:
            errors.append(FileProblem(".redirects", number, "a slug cannot redirect to itself"))
        elif any(c in f for f in fields for c in "/\\") or ".." in fields[1]:
            errors.append(FileProblem(
                ".redirects", number, "a slug names a file at the archive's root (no /, \\ or ..)"))
        elif not (root / f"{fields[1]}.md").is_file():
            warnings.append(FileProblem(
                ".redirects", number, f"{fields[1]} is not a transcript in the archive"))
    return errors, warnings


def check_archive(path: str | Path, profile: ArchiveProfile | None = None) -> CheckResult:
    """Check every transcript at the root of the archive folder ``path``."""
    root = Path(path)
    if not root.is_dir():
        raise CheckError(f"There is no archive folder at {root}.")
    profile = profile or load_profile(root)
    result = CheckResult()
    for link in sorted(p for p in root.glob("*.md") if p.is_symlink()):
        if not is_maintainer_document(link.name, profile.maintainer_documents):
            result.warnings.append(FileProblem(link.name, 1, "a symbolic link, not checked"))
    for file in transcript_files(root, profile.maintainer_documents):
        result.files += 1
        try:
            data = file.read_bytes()
        except OSError as exc:
            result.errors.append(FileProblem(file.name, 1, f"cannot be read: {exc.strerror or exc}"))
            continue
        errors, warnings = check_text(file.name, data, profile)
        result.errors.extend(errors)
        result.warnings.extend(warnings)
    for errors, warnings in (check_alternates(root), check_redirects(root)):
        result.errors.extend(errors)
        result.warnings.extend(warnings)
    return result
