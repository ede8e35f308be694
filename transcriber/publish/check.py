"""``archive check``: every transcript at an archive's root against the file rules.

Rules (DESIGN.md): the name is ``YYYY-MM-DD-<title>.md`` with a real date and only
allowed characters, name and content are NFC, UTF-8 without BOM, no line ends in
whitespace, exactly one H1 on the first line and its date is the name's date, the
file round-trips through ``archive.parse``/``write`` byte for byte, every
``.alternates`` line pairs two files that exist and every ``.redirects`` line is
``old<TAB>new``.

Not a problem: blank lines at the end of a file. 28 of the 35 real files sampled
from audreyt/transcript end with a blank line; DESIGN.md's "no trailing whitespace"
is about whitespace at the end of lines, which no real file has.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from transcriber.errors import TranscriberError
from transcriber.publish.archive import FileProblem, parse, write
from transcriber.publish.filenames import NAME_PATTERN, filename_problems, transcript_files

BOM = b"\xef\xbb\xbf"


class CheckError(TranscriberError):
    """The archive folder to check cannot be read."""


@dataclass
class CheckResult:
    files: int = 0
    problems: list[FileProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _first_line_where(lines: list[str], test) -> int:
    return next((number for number, line in enumerate(lines, start=1) if test(line)), 1)


def check_text(name: str, data: bytes) -> list[FileProblem]:
    """Problems of one transcript file called ``name`` with content ``data``."""
    problems = [FileProblem(name, 1, message) for message in filename_problems(name)]
    if data.startswith(BOM):
        problems.append(FileProblem(name, 1, "the file starts with a byte order mark (BOM)"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(FileProblem(name, line, "the file is not valid UTF-8"))
        return problems
    lines = text.split("\n")
    if not unicodedata.is_normalized("NFC", text):
        line = _first_line_where(lines, lambda s: not unicodedata.is_normalized("NFC", s))
        problems.append(FileProblem(name, line, "the text is not in Unicode NFC form"))
    if "\r" in text:
        line = _first_line_where(lines, lambda s: "\r" in s)
        problems.append(
            FileProblem(name, line, "the file has carriage returns (CRLF line endings)")
        )
    trailing = [n for n, s in enumerate(lines, start=1) if s.rstrip("\r") != s.rstrip()]
    if trailing:
        more = f" (and {len(trailing) - 1} more lines)" if len(trailing) > 1 else ""
        problems.append(FileProblem(name, trailing[0], f"the line ends in whitespace{more}"))
    doc = parse(text)
    problems.extend(FileProblem(name, line, message) for line, message in doc.problems())
    match = NAME_PATTERN.match(name)
    if match and doc.date and doc.date != match.group(1):
        problems.append(
            FileProblem(name, 1, f"the H1 date {doc.date} differs from the date in the file name")
        )
    written = write(doc)
    if written != text:
        line = next(
            (
                n
                for n, (a, b) in enumerate(zip(written.split("\n"), lines, strict=False), start=1)
                if a != b
            ),
            min(len(lines), written.count("\n") + 1),
        )
        problems.append(
            FileProblem(
                name, line, "the file does not round-trip through the archive reader and writer"
            )
        )
    return problems


def _pairs_file(root: Path, name: str) -> list[tuple[int, list[str]]]:
    """(line number, tab-separated fields) of each entry of ``.alternates``/``.redirects``."""
    path = root / name
    if not path.is_file():
        return []
    entries = []
    for number, line in enumerate(path.read_text("utf-8", errors="replace").split("\n"), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            entries.append((number, line.split("\t")))
    return entries


def check_alternates(root: Path, names: set[str]) -> list[FileProblem]:
    problems = []
    for number, fields in _pairs_file(root, ".alternates"):
        if len(fields) != 2 or not all(fields):
            problems.append(
                FileProblem(
                    ".alternates", number, "a line must be two file names separated by one tab"
                )
            )
            continue
        for name in fields:
            if name not in names:
                problems.append(
                    FileProblem(
                        ".alternates", number, f"{name} is not a transcript in the archive"
                    )
                )
        if fields[0] == fields[1]:
            problems.append(
                FileProblem(".alternates", number, "a file cannot be its own alternate")
            )
    return problems


def check_redirects(root: Path) -> list[FileProblem]:
    problems = []
    for number, fields in _pairs_file(root, ".redirects"):
        if len(fields) != 2 or not all(f.strip() == f and f for f in fields):
            problems.append(
                FileProblem(".redirects", number, "a line must be old_slug<TAB>new_slug")
            )
        elif fields[0] == fields[1]:
            problems.append(FileProblem(".redirects", number, "a slug cannot redirect to itself"))
        elif any(c in f for f in fields for c in "/\\"):
            problems.append(FileProblem(".redirects", number, "a slug cannot contain / or \\"))
    return problems


def check_archive(path: str | Path) -> CheckResult:
    """Check every ``*.md`` at the root of the archive folder ``path``."""
    root = Path(path)
    if not root.is_dir():
        raise CheckError(f"There is no archive folder at {root}.")
    result = CheckResult()
    files = transcript_files(root)
    for file in files:
        result.files += 1
        try:
            data = file.read_bytes()
        except OSError as exc:
            result.problems.append(
                FileProblem(file.name, 1, f"cannot be read: {exc.strerror or exc}")
            )
            continue
        result.problems.extend(check_text(file.name, data))
    result.problems.extend(check_alternates(root, {p.name for p in files}))
    result.problems.extend(check_redirects(root))
    return result
