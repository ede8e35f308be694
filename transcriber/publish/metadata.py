""".alternates and .redirects: the two metadata files a publication may change.

Every line publishing does not need to change stays as it is, byte for byte.
"""

from __future__ import annotations

from transcriber.messages import message
from transcriber.publish.repository import PublishError

ALTERNATES = ".alternates"
REDIRECTS = ".redirects"


def slug_of(filename: str) -> str:
    """The permanent slug of an archive file: its name without ``.md``."""
    return filename[:-3] if filename.endswith(".md") else filename



def _lines(data: bytes | None) -> list[str]:
    try:
        return data.decode("utf-8").splitlines() if data else []
    except UnicodeDecodeError:
        raise PublishError(
            message("The archive's .alternates or .redirects is not UTF-8 text; repair it before publishing.")
        ) from None


def _joined(lines: list[str], like: bytes | None = None) -> bytes:
    """Lines with the line ending the file already uses (CRLF stays CRLF)."""
    end = "\r\n" if like and b"\r\n" in like else "\n"
    return "".join(f"{line}{end}" for line in lines).encode("utf-8")


def updated_alternates(current: bytes | None, renamed: dict[str, str],
                       pair: tuple[str, str] | None) -> bytes | None:
    """``.alternates`` with renamed files followed and ``pair`` (English file first) added.

    Every other line stays as it is. A pair already listed the other way round is put
    English-first; a file that already belongs to another pair is refused, because the
    archive allows each file in one pair only. ``None`` if the file need not exist.
    """
    if not renamed and not pair:
        return current  # untouched, byte for byte
    lines = []
    for line in _lines(current):
        names = [renamed.get(name, name) for name in line.split("\t")]
        lines.append("\t".join(names))
    if pair:
        wanted = "\t".join(pair)
        for number, line in enumerate(lines):
            if line.startswith("#"):
                continue
            names = line.split("\t")
            if set(names) == set(pair):
                lines[number] = wanted
                break
            clash = set(names) & set(pair)
            if clash:
                raise PublishError(message(
                    "{name} is already paired in .alternates with another file; "
                    "a file can be in one pair only, so remove that line first.", name=sorted(clash)[0]))
        else:
            lines.append(wanted)
    if current is None and not lines:
        return None
    return _joined(lines, current)


def updated_redirects(current: bytes | None, renamed: dict[str, str]) -> bytes | None:
    """``.redirects`` gains ``old<TAB>new`` per rename; older redirects to ``old`` follow it,
    so every old permalink resolves in one hop, and a slug in use again stops redirecting."""
    if not renamed:
        return current  # untouched, byte for byte
    moves = {slug_of(old): slug_of(new) for old, new in renamed.items()}
    live = set(moves.values())
    lines = []
    for line in _lines(current):
        source, _, target = line.partition("\t")
        if source in live:
            continue
        lines.append(f"{source}\t{moves.get(target, target)}" if target else line)
    lines += [f"{old}\t{new}" for old, new in moves.items()]
    if current is None and not lines:
        return None
    return _joined(lines, current)

