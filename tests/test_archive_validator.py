"""``archive check`` and the archive's own validator give the same verdict.

The validator is audreyt/transcript's ``scripts/validate.ts``, byte for byte
(``../shared/corpus/archive-rules``), run under Node by tsx from
``tools/archive-validator`` (install.sh installs it). Both run on the corpus sample and
on mutations of it, in the validator's two modes (``--all`` and ``--changed``), and must
report errors at the same places: the same files, ``.alternates`` lines and lines with
trailing whitespace.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from archive_support import CORPUS_DIR
from publish_support import git, identify

from transcriber.archive.check import CheckError, check_archive

RULES = CORPUS_DIR.parent / "archive-rules"
TOOLS = Path(__file__).resolve().parents[1] / "tools" / "archive-validator"
TSX = TOOLS / "node_modules" / ".bin" / "tsx"
PAIR = (CORPUS_DIR / ".alternates").read_text("utf-8").strip().split("\t")
ZH = "2017-01-06-蔡曜隆來訪.md"
EN = "2018-01-18-Conversation-with-Ashley-Boyd.md"
GOOD = "# 2024-01-02 Good\n\n### 唐鳳：\n\n你好。\n"

# CI runs install.sh, which installs tsx: there a missing validator fails instead of skipping.
pytestmark = pytest.mark.skipif(not TSX.exists() and not os.environ.get("CI"),
                                reason="install.sh installs the validator's tsx")


def validator(root: Path, *mode: str) -> Counter[str]:
    """Where the archive's validator finds errors: ``file``, ``file:line`` or ``.alternates:line``."""
    done = subprocess.run(
        [str(TSX), str(TOOLS / "run.mts"), str(RULES / "validate.ts"), *mode, "--repo-root", str(root)],
        capture_output=True, text=True, timeout=120)
    places = Counter(line.rsplit(": ", 1)[0].split(": ")[0] for line in done.stderr.splitlines()
                     if ": " in line)
    assert (done.returncode == 0) == (not places), done.stderr
    return places


def ours(root: Path, base: str | None = None) -> Counter[str]:
    result = check_archive(root, changed_since=base)
    return Counter(
        f"{p.file}:{p.line}" if p.file == ".alternates" or "ends in whitespace" in p.message else p.file
        for p in result.errors)


@pytest.fixture
def archive(tmp_path):
    """The corpus sample as a git archive with the real archive's validator and AGENTS.md."""
    root = tmp_path / "archive"
    shutil.copytree(CORPUS_DIR, root)
    (root / "scripts").mkdir()
    shutil.copyfile(RULES / "validate.ts", root / "scripts" / "validate.ts")
    shutil.copyfile(RULES / "AGENTS.md", root / "AGENTS.md")
    (root / "README").write_text("# Transcript\n\nCC0 1.0 Universal\n", encoding="utf-8")
    git(tmp_path, "init", "--quiet", "--initial-branch=main", str(root))
    identify(root)
    git(root, "add", ".")
    git(root, "commit", "--quiet", "-m", "The archive")
    return root


def _write(root: Path, name: str, data: bytes | str) -> None:
    (root / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def _file_mutations(root: Path) -> None:
    text = (root / ZH).read_bytes()
    _write(root, ZH, BOM + text)  # a byte order mark
    _write(root, EN, (root / EN).read_text("utf-8").replace("\n", "  \n", 2))  # trailing spaces
    _write(root, "TODO.md", "- check names\n")  # stray maintainer notes
    _write(root, "NOTES.md", "notes\n")
    _write(root, unicodedata.normalize("NFD", "2024-01-02-Café.md"), GOOD)  # not NFC
    _write(root, unicodedata.normalize("NFD", "2016-01-26-tout-numérique.md"), GOOD)  # grandfathered
    _write(root, "2024-02-30-Leap.md", GOOD)  # no such date
    _write(root, "2024-1-02-Short.md", GOOD)  # not the pattern
    _write(root, "1999年全國司法改革會議.md", GOOD)  # grandfathered name
    _write(root, "2024-01-03-Latin-1.md", "# 2024-01-03 Café\n".encode("latin-1"))
    _write(root, "2024-01-04-CRLF.md", GOOD.replace("\n", "\r\n"))
    _write(root, "notes.txt", "not markdown  \n")
    # The validator reads every .md for its encoding, the maintainer documents too ...
    _write(root, "AGENTS.md", BOM + (root / "AGENTS.md").read_bytes())
    _write(root, "README.md", "# Transcript\n\nCaf\u00e9\n".encode("latin-1"))
    # ... and follows a link: its name, and the bytes it leads to, are checked.
    for link, target in LINKS.items():
        os.symlink(target, root / link)


BOM = b"\xef\xbb\xbf"
# Links at the archive's root: to a file with a byte order mark, under a name that is not
# the pattern, and a good one to a good file.
LINKS = {"2024-01-05-Linked.md": ZH, "linked-notes.md": "2024-01-04-CRLF.md",
         "2024-01-06-Linked-good.md": "2024-01-04-CRLF.md"}


ALTERNATES = {
    "swapped": f"{PAIR[1]}\t{PAIR[0]}\n",
    "twice": f"{PAIR[0]}\t{PAIR[1]}\n{EN}\t{PAIR[1]}\n",
    "odd lines": f"# pairs\n\n{PAIR[0]}\t{PAIR[1]}\t\n{EN}\t{EN}\nsub/{EN}\t{ZH}\n{EN} {ZH}\n",
    "missing": f"{PAIR[0]}\t{PAIR[1]}\r\n{EN}\t2017-01-06-不在.md\r\n2020-01-01-a.md\t2020-01-01-b.md\r\n",
    "not md": f"{EN}\t{ZH[:-3]}\n\ufeff{PAIR[0]}\t{PAIR[1]}\n",
}


def test_the_corpus_sample_passes_both(archive):
    assert validator(archive, "--all") == ours(archive) == Counter()


def test_file_mutations_fail_both_at_the_same_files(archive):
    _file_mutations(archive)
    found = ours(archive)
    assert found == validator(archive, "--all")
    assert {"TODO.md", "NOTES.md", ZH, "2024-02-30-Leap.md", "AGENTS.md", "README.md",
            "2024-01-05-Linked.md", "linked-notes.md"} <= set(found)
    assert "2024-01-06-Linked-good.md" not in found
    assert f"{EN}:1" not in found  # trailing whitespace counts only in a change


@pytest.mark.parametrize("case", sorted(ALTERNATES))
def test_alternates_mutations_fail_both_on_the_same_lines(archive, case):
    _write(archive, ".alternates", ALTERNATES[case])
    found = ours(archive)
    assert found == validator(archive, "--all")
    assert found


@pytest.mark.parametrize("make", ["link to nothing", "folder"])
def test_a_md_that_cannot_be_read_stops_both(archive, make):
    """The validator's --all stops (exit 1) on a .md it cannot read; ours names it as an error."""
    name = "2024-01-07-Unreadable.md"
    if make == "folder":
        (archive / name).mkdir()
    else:
        os.symlink("2024-01-07-gone.md", archive / name)
    assert validator(archive, "--all")
    assert ours(archive) == Counter({name: 1})


def test_redirects_are_not_the_validators_business(archive):
    _write(archive, ".redirects", "old-slug\t2017-01-06-蔡曜隆來訪\nonly-one\nsame\tsame\n")
    assert ours(archive) == validator(archive, "--all") == Counter()
    warnings = check_archive(archive).warnings
    assert [(w.file, w.line) for w in warnings if w.file == ".redirects"] == [
        (".redirects", 2), (".redirects", 3)]


def test_a_change_fails_both_at_the_same_lines(archive):
    base = git(archive, "rev-parse", "HEAD")
    _file_mutations(archive)
    (archive / PAIR[0]).unlink()  # one of a pair removed, its .alternates line left
    git(archive, "add", "-A")
    git(archive, "commit", "--quiet", "-m", "A change")
    found = ours(archive, base)
    assert found == validator(archive, "--changed", "--base", base)
    assert found[f"{EN}:1"] == 1 and found[f"{EN}:2"] == 1 and found[".alternates:1"] == 1
    with pytest.raises(CheckError, match="'no-such-base' is not a commit of the git archive"):
        check_archive(archive, changed_since="no-such-base")
