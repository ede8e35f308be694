"""Every URL archive.tw serves for a transcript, as a name the static site answers to.

archive.tw (github.com/bestian/sayit-hono, ``upload_markdown.ts``) keys a transcript by
its file name lower-cased, without ``.md``, with ``：`` as ``-``, cut at 50 UTF-16 code
units; a cut that ends in a hyphen keeps it. When two names cut to the same key, the
one uploaded second gets ``<first 42 units>-<FNV-1a hash of the whole name>``. The
archive's ``.redirects`` maps an old key (left column) to the key it was merged into
(right column): archive.tw serves the transcript at the right one and redirects the
left one there, so both are live URLs even when neither is any file's own key.

``resolve_names`` turns all of that into: URL name -> the live page it opens, URL name
-> the live pages it may mean (two transcripts whose keys collide: archive.tw's link is
ambiguous, so the site lists both rather than guess), and the ``.redirects`` lines that
lead to no transcript at all. It is the one answer to "which names does a transcript
answer to": the site builds its redirect pages from it and ``archive check`` warns
about exactly the lines it finds dead.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from transcriber.archive.filenames import ARCHIVE_KEY_UNITS, archive_key, utf16_cut
from transcriber.messages import Message, message

COLLISION_PREFIX_UNITS = 42


def _normalized(name: str) -> str:
    """archive.tw's form of a file name before the cut (``transformFilename``)."""
    lower = name.lower()
    return (lower[:-3] if lower.endswith(".md") else lower).replace("：", "-")


def _fnv1a_base36(text: str) -> str:
    value = 0x811C9DC5
    data = text.encode("utf-16-le")
    for i in range(0, len(data), 2):  # JavaScript's charCodeAt: one UTF-16 unit at a time
        value ^= data[i] | (data[i + 1] << 8)
        value = (value * 0x01000193) & 0xFFFFFFFF
    digits = ""
    while value:
        value, digit = divmod(value, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[digit] + digits
    return digits.rjust(7, "0")[-7:]


def collision_key(name: str) -> str:
    """The key archive.tw gives a transcript whose cut key another one already holds."""
    normalized = _normalized(name)
    if len(normalized.encode("utf-16-le")) <= ARCHIVE_KEY_UNITS * 2:
        return normalized
    return f"{utf16_cut(normalized, COLLISION_PREFIX_UNITS)}-{_fnv1a_base36(normalized)}"


def read_pairs(root: Path, name: str) -> list[tuple[int, str, str]]:
    """(line number, first, second) of each line of ``.redirects``/``.alternates`` but blank
    lines and ``#`` comments; a line that is not two tab-separated fields gives
    ``(number, line, "")``. A symbolic link is not followed (no lines), as nowhere in the
    archive is."""
    path = root / name
    if path.is_symlink() or not path.is_file():
        return []
    pairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        fields = [part.strip() for part in line.split("\t")]
        pairs.append((number, *fields) if len(fields) == 2 else (number, line, ""))
    return pairs


@dataclass
class DeadRedirect:
    """A ``.redirects`` line that leads to no transcript, and why."""

    line: int
    problem: Message


@dataclass
class ResolvedNames:
    targets: dict[str, str] = field(default_factory=dict)  # URL name -> live slug
    choices: dict[str, list[str]] = field(default_factory=dict)  # URL name -> live slugs it may mean
    dead: list[DeadRedirect] = field(default_factory=list)  # .redirects lines that lead nowhere
    warnings: list[str] = field(default_factory=list)  # names refused as page folders


def resolve_names(
    live: list[str],
    redirect_lines: list[tuple[int, str, str]],
    *,
    taken: set[str],
    fold: Callable[[str], str],
    problem: Callable[[str], str | None],
) -> ResolvedNames:
    """The names besides the live slugs that the site must answer to (see the module doc).

    ``live``: the slugs of the transcript pages. ``taken``: folded names the site uses
    itself (live slugs, years, its own folders). ``fold``: how the output folder compares
    names (``str.casefold`` on a case-insensitive disk). ``problem(name)``: why ``name``
    cannot be a page folder, or None.
    """
    result = ResolvedNames()
    answers: dict[str, str] = {fold(slug): slug for slug in live}  # folded name -> live slug
    refused: set[str] = set()

    def claim(name: str, slug: str, why: str) -> bool:
        if fold(name) in answers:
            return False
        reason = problem(name)
        if reason is not None:
            if name not in refused:
                refused.add(name)
                result.warnings.append(f"{why}: {name!r} {reason}; ignored.")
            return False
        if fold(name) in taken:
            return False
        answers[fold(name)] = slug
        result.targets[name] = slug
        return True

    # archive.tw's own key of each transcript, unless two transcripts cut to the same one.
    by_key: dict[str, list[str]] = defaultdict(list)
    for slug in sorted(live):
        by_key[archive_key(slug)].append(slug)
    for key, slugs in by_key.items():
        if len(slugs) == 1:
            claim(key, slugs[0], "archive.tw's name")
    # The merges of .redirects, followed both ways until nothing more resolves: a left
    # column whose right one opens a page, and a right column merged from a live page.
    lines = [(number, old, new) for number, old, new in redirect_lines if old and new]
    for number, old, new in redirect_lines:
        if not old or not new:
            result.dead.append(DeadRedirect(number, message("the line is not old_slug<TAB>new_slug")))
    changed = True
    while changed:
        changed = False
        for number, old, new in lines:
            old_slug, new_slug = answers.get(fold(old)), answers.get(fold(new))
            if new_slug and not old_slug:
                changed |= claim(old, new_slug, f".redirects line {number}")
            elif old_slug and not new_slug:
                changed |= claim(new, old_slug, f".redirects line {number}")
    # What is left names no transcript on either side, directly or through other lines.
    for number, old, new in lines:
        if fold(old) not in answers and fold(new) not in answers:
            result.dead.append(DeadRedirect(number, message(
                "neither {old} nor {new} is a transcript's name or leads to one", old=old, new=new)))
    result.dead.sort(key=lambda dead: dead.line)
    # Keys two transcripts share: each also answers to its collision key, and the shared
    # key lists both.
    for key, slugs in by_key.items():
        if len(slugs) > 1:
            for slug in slugs:
                claim(collision_key(slug), slug, "archive.tw's name")
            if fold(key) not in answers and fold(key) not in taken and problem(key) is None:
                result.choices[key] = slugs
    return result
