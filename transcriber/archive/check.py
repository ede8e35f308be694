"""``archive check``: an archive folder against its own rules.

Errors are exactly what the archive's own validator rejects (audreyt/transcript's
``scripts/validate.ts``, in ``../shared/corpus/archive-rules``; a test runs both on the
same archives): every ``.md`` at the root but the maintainer documents it lists must be
named ``YYYY-MM-DD-<title>.md`` with a real date, in NFC, UTF-8 without a byte order
mark; the maintainer documents (README.md, AGENTS.md) UTF-8 without a byte order mark
too; ``.alternates`` lines pair two root-level ``.md`` files that exist, the English
one first, each file in one pair. Its ``--changed`` run (``changed_since`` here, and
every publication) also rejects whitespace at the end of a line. Files the archive
grandfathers (its profile: ``scripts/validate.ts`` or ``.transcriber.toml``) are exempt
from the name rules. One more error comes from the archive's written rules, not its
validator: a character its AGENTS.md forbids (``〔〕``).

Everything else is a warning, because the archive holds the public record as it was
written: H1 style, an H1 date that differs from the name's, text not in NFC, CRLF line
ends, characters such as ``?`` in old names, a second H1, a file the reader would not
write back byte for byte, and the ``.redirects`` lines that lead to no transcript: the
lines the site drops, found by the same ``archive.links.resolve_names`` (the validator
does not read ``.redirects``).

A symbolic link named ``*.md`` is read as the validator reads it, which follows it: its
name, and the encoding of what it points to, are checked; one that leads nowhere is an
error in the whole-archive run (the validator stops there) and is passed over in a
change (the validator skips it). A warning says it is a link: publishing and the site
never follow one.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from transcriber.archive.document import FileProblem, parse, write
from transcriber.archive.filenames import NAME_PATTERN, filename_problems, is_real_date
from transcriber.archive.links import read_pairs, resolve_names
from transcriber.archive.profile import ArchiveProfile, load_profile
from transcriber.errors import TranscriberError
from transcriber.messages import Message, message

BOM = b"\xef\xbb\xbf"
# The archive's own name rule: any title after the date, as long as it ends in .md.
ARCHIVE_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-.+\.md$")
_CANONICAL_H1 = re.compile(r"^# \d{4}-\d{2}-\d{2} \S")
_LINE_BREAK = re.compile(r"\r?\n")
# What JavaScript's trim() and trimEnd(), which the validator uses, take for whitespace.
_JS_SPACE = "[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"
_JS_TRIM = re.compile(f"^{_JS_SPACE}+|{_JS_SPACE}+$")
_JS_SPACE_AT_END = re.compile(f"{_JS_SPACE}$")
# The validator's test for a Chinese file name.
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


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
        return [message("the name does not follow the pattern YYYY-MM-DD-title.md")]
    errors = []
    if not is_real_date("-".join(match.groups())):
        errors.append(message("{date} in the name is not a real date", date="-".join(match.groups())))
    if nfc != name and nfc not in profile.grandfathered_nfc:
        errors.append(message("the name is not in Unicode NFC form"))
    return errors


def encoding_errors(name: str, data: bytes) -> list[FileProblem]:
    """What the validator's ``validateMdEncoding`` rejects in the file ``name`` holding
    ``data``: a byte order mark, bytes that are not UTF-8."""
    errors = []
    if data.startswith(BOM):
        errors.append(FileProblem(name, 1, message("the file starts with a byte order mark (BOM)")))
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        errors.append(FileProblem(name, line, message("the file is not valid UTF-8")))
    return errors


def check_text(name: str, data: bytes, profile: ArchiveProfile | None = None,
               whole_archive: bool = True, errors_only: bool = False) -> tuple[
        list[FileProblem], list[FileProblem]]:
    """(errors, warnings) of one transcript file called ``name`` with content ``data``.

    Whitespace at the end of a line is an error only in a change (``whole_archive``
    false), as the archive's validator has it: its whole-archive run does not look.
    ``errors_only`` skips the warnings that need the file parsed and written back."""
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
    errors.extend(encoding_errors(name, data))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return errors, warnings
    lines = text.split("\n")
    forbidden = sorted(set(text) & profile.forbidden)
    if forbidden:
        line = _first_line_where(lines, lambda s: bool(set(s) & profile.forbidden))
        where = profile.sources.get("forbidden") or message("the archive's rules")
        errors.append(FileProblem(name, line, message("the file uses {chars}, which {where} forbids",
                                                      chars="".join(forbidden), where=where)))
    trailing = [n for n, s in enumerate(_LINE_BREAK.split(text), start=1) if _JS_SPACE_AT_END.search(s)]
    if trailing and whole_archive:
        said = (message("the line ends in whitespace (and {more} more lines)", more=len(trailing) - 1)
                if len(trailing) > 1 else message("the line ends in whitespace"))
        warnings.append(FileProblem(name, trailing[0], said))
    elif trailing:  # one error per line, as the validator reports them
        errors.extend(FileProblem(name, n, message("the line ends in whitespace")) for n in trailing)
    if errors_only:
        return errors, warnings
    if not unicodedata.is_normalized("NFC", text):
        line = _first_line_where(lines, lambda s: not unicodedata.is_normalized("NFC", s))
        warnings.append(FileProblem(name, line, message("the text is not in Unicode NFC form")))
    if "\r" in text:
        line = _first_line_where(lines, lambda s: "\r" in s)
        warnings.append(FileProblem(name, line, message("the file has carriage returns (CRLF line endings)")))
    doc = parse(text)
    warnings.extend(FileProblem(name, line, message) for line, message in doc.problems())
    if doc.head is not None and doc.date and doc.title and not _CANONICAL_H1.match(
            doc.head.removeprefix("\ufeff")):
        warnings.append(FileProblem(name, 1, message("the H1 is not written '# YYYY-MM-DD Title'")))
    match = NAME_PATTERN.match(name)
    if match and doc.date and doc.date != match.group(1):
        warnings.append(
            FileProblem(name, 1, message("the H1 date {date} differs from the date in the file name", date=doc.date))
        )
    written = write(doc)
    if written != text:
        line = next(
            (n for n, (a, b) in enumerate(zip(written.split("\n"), lines, strict=False), start=1)
             if a != b),
            min(len(lines), written.count("\n") + 1),
        )
        warnings.append(FileProblem(
            name, line, message("the file does not round-trip through the archive reader and writer")))
    return errors, warnings


def _pairs_lines(text: str) -> list[tuple[int, str]]:
    """(line number, line) of each entry of ``.alternates``/``.redirects``, as the archive's
    validator reads them: trimmed, without blank lines and ``#`` comments."""
    entries = []
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        line = _JS_TRIM.sub("", line)
        if line and not line.startswith("#"):
            entries.append((number, line))
    return entries


def _read_text(path: Path) -> str | None:
    if path.is_symlink() or not path.is_file():
        return None
    return path.read_text("utf-8", errors="replace")


def check_alternates(root: Path, text: str | None = None, deleted: frozenset[str] = frozenset(),
                     exists=None) -> tuple[list[FileProblem], list[FileProblem]]:
    """(errors, warnings) of ``.alternates`` (its ``text``, by default the file's), rule for
    rule the archive validator's ``validateAlternates``: two tab-separated root-level
    ``.md`` names, not the same, the English one (no Chinese characters) first, each file
    in one pair, both present unless both are ``deleted`` by the change being checked."""
    errors: list[FileProblem] = []
    text = _read_text(root / ".alternates") if text is None else text
    exists = exists or (lambda name: (root / name).exists())

    def error(number: int, problem: Message) -> None:
        errors.append(FileProblem(".alternates", number, problem))

    seen: dict[str, int] = {}
    for number, line in _pairs_lines(text or ""):
        parts = line.split("\t")
        if len(parts) != 2:
            error(number, message("a line must be two file names separated by one tab, not {count} fields", count=len(parts)))
            continue
        first, second = (_JS_TRIM.sub("", part) for part in parts)
        if not first.endswith(".md") or not second.endswith(".md"):
            error(number, message("both files of a pair must end with .md"))
            continue
        if first == second:
            error(number, message("{first} cannot be its own alternate", first=first))
            continue
        if "/" in first or "/" in second:
            error(number, message("a pair names files at the archive's root (no /)"))
            continue
        if _CJK.search(first) and not _CJK.search(second):
            error(number, message("the English file {second} must come first", second=second))
        for name in (first, second):
            if name in seen:
                error(number, message("{name} is already in the pair on line {line}; "
                                      "a file may be in one pair only", name=name, line=seen[name]))
            else:
                seen[name] = number
        present = [name for name in (first, second) if exists(name)]
        if len(present) == 2:
            continue
        if not present:
            if not (first in deleted and second in deleted):
                error(number, message("neither {first} nor {second} is in the archive", first=first, second=second))
            continue
        missing = second if present == [first] else first
        if missing in deleted:
            error(number, message("{missing} is being removed but its pair {pair} stays; "
                                  "delete this line or both files", missing=missing, pair=present[0]))
        else:
            error(number, message("{missing} is not in the archive, but its pair {pair} is", missing=missing, pair=present[0]))
    return errors, []


def check_redirects(root: Path, transcripts: list[str]) -> tuple[list[FileProblem], list[FileProblem]]:
    """(errors, warnings) of ``.redirects``: a warning for each line that leads to no
    transcript of ``transcripts`` (file names), directly or through other lines.

    archive.tw serves both columns of a line as soon as one leads to a transcript, so a
    merged key that no file has is a live URL, not a problem. The lines found here are
    the ones the site build drops, found by the same ``resolve_names``. The archive's
    validator does not read this file, so nothing here is an error."""
    live = [name.removesuffix(".md") for name in transcripts]
    names = resolve_names(live, read_pairs(root, ".redirects"), taken=set(live),
                          fold=lambda name: name, problem=lambda name: None)
    return [], [FileProblem(".redirects", dead.line, dead.problem) for dead in names.dead]


def changed_files(root: Path, base: str) -> tuple[list[str], frozenset[str]]:
    """(added or modified, deleted) root ``.md`` files between ``base`` and HEAD, as
    ``git diff base...HEAD`` names them (what the validator's ``--changed`` checks)."""
    def git(*args: str) -> bytes:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, check=True).stdout

    try:
        git("rev-parse", "--verify", "--quiet", f"{base}^{{commit}}")
    except (OSError, subprocess.CalledProcessError):
        raise CheckError(message("{base!r} is not a commit of the git archive {root}; give a commit, "
                                 "branch or tag, such as origin/main.", base=base, root=root)) from None

    def diff(kinds: str) -> list[str]:
        try:
            out = git("diff", "--name-only", "-z", f"--diff-filter={kinds}", f"{base}...HEAD")
        except (OSError, subprocess.CalledProcessError) as exc:
            why = (getattr(exc, "stderr", b"") or b"").decode("utf-8", "replace").strip()
            raise CheckError(message("Cannot compare {root} with {base}: "
                                     "{detail}.", root=root, base=base, detail=why.splitlines()[0] if why else exc)) from None
        names = [n for n in out.decode("utf-8", "surrogateescape").split("\0") if n]
        return [n for n in names if n.endswith(".md") and "/" not in n]
    return diff("ACMR"), frozenset(diff("D"))


def check_publication(root: Path, writes: dict[str, bytes], removals: list[str],
                      profile: ArchiveProfile, committed) -> list[FileProblem]:
    """What the archive's validator would reject in a commit that writes ``writes`` and
    deletes ``removals`` (its ``--changed`` rules), and a character the archive's rules
    forbid that the commit would bring in: a publication is refused on any of them.
    ``committed(name)`` is the file's committed content (None for a new file)."""
    errors: list[FileProblem] = []
    for name, data in writes.items():
        if not name.endswith(".md") or profile.is_maintainer_document(name):
            continue
        found, _ = check_text(name, data, profile, whole_archive=False, errors_only=True)
        old = committed(name)
        # A correction of an old file is not refused for what the file already had (the
        # validator's whole-archive run, which every push gets, accepts it).
        had = {_kind(e.message) for e in check_text(name, old, profile, whole_archive=False,
                                                    errors_only=True)[0]} if old else set()
        named = set(name_errors(name, profile))
        errors += [e for e in found if _kind(e.message) not in had or e.message in named]
    if ".alternates" in writes:
        gone = frozenset(removals)
        text = writes[".alternates"].decode("utf-8", "replace")
        errors += check_alternates(root, text, gone, lambda name: name not in gone and (
            name in writes or (root / name).exists()))[0]
    return errors


def _kind(message: str) -> str:
    return "whitespace" if "ends in whitespace" in message else message


def _read_as_the_validator(file: Path) -> bytes | FileProblem:
    """The bytes of ``file``, a link followed as the validator's ``readFileSync`` follows
    it, or the error that stops it."""
    if file.is_symlink() and not file.exists():
        return FileProblem(file.name, 1, message("a symbolic link to nothing (the archive's validator stops on it)"))
    try:
        return file.read_bytes()
    except OSError as exc:
        return FileProblem(file.name, 1, message("cannot be read: {detail}", detail=exc.strerror or exc))


def check_archive(path: str | Path, profile: ArchiveProfile | None = None,
                  changed_since: str | None = None) -> CheckResult:
    """Check the archive folder ``path`` as its validator's ``--all`` does: every ``.md``
    at its root, the maintainer documents for their encoding alone, and ``.alternates``.
    With ``changed_since`` (a git revision), as its ``--changed`` does: only the
    transcripts changed since then, and their trailing whitespace too."""
    root = Path(path)
    if not root.is_dir():
        raise CheckError(message("There is no archive folder at {root}.", root=root))
    profile = profile or load_profile(root)
    result = CheckResult()
    every = sorted(p.name for p in root.glob("*.md"))
    markdown = [name for name in every if not profile.is_maintainer_document(name)]
    if not markdown and not (root / ".git").exists() and not (root / ".alternates").exists():
        raise CheckError(message("{root} is not a transcript archive: it holds no .md transcript "
                                 "and is not a git repository.", root=root))
    deleted: frozenset[str] = frozenset()
    names = markdown
    if changed_since is not None:
        changed, deleted = changed_files(root, changed_since)
        names = [n for n in changed if (root / n).exists() and not profile.is_maintainer_document(n)]
    else:  # the validator's --all reads every .md for its encoding, README.md and AGENTS.md too
        for name in every:
            if profile.is_maintainer_document(name):
                data = _read_as_the_validator(root / name)
                result.errors.extend([data] if isinstance(data, FileProblem) else encoding_errors(name, data))
    for name in names:
        file = root / name
        linked = file.is_symlink()
        if linked:
            result.warnings.append(FileProblem(name, 1, message(
                "a symbolic link: only its name and the encoding of what it leads to are checked, "
                "as the archive's validator does; publishing and the site do not follow it")))
        result.files += 1
        data = _read_as_the_validator(file)
        if isinstance(data, FileProblem):
            result.errors.append(data)
            continue
        errors, warnings = check_text(name, data, profile, whole_archive=changed_since is None,
                                      errors_only=linked)
        result.errors.extend(errors)
        result.warnings.extend(warnings)
    transcripts = [name for name in markdown if (root / name).is_file() and not (root / name).is_symlink()]
    for errors, warnings in (check_alternates(root, deleted=deleted), check_redirects(root, transcripts)):
        result.errors.extend(errors)
        result.warnings.extend(warnings)
    return result
