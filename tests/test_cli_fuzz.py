"""Every CLI command fed random ids, numbers, paths and strings: never a traceback.

Each command is found by walking the click tree, so a new command is fuzzed without
being listed here. Hypothesis draws each parameter from what its type suggests
(ids for MEETING, numbers for ranges and times, paths for files and folders, any
text for text) mixed with anything at all, and the test asserts what a user sees:
exit code 0, 1 or 2, no "Traceback", and, for commands that only read or that
refused their input, every row of the library as it was.

No model is loaded and nothing is decoded or recorded: the file given to
``transcribe`` never exists, the fuzz library's meetings have no recording,
``record`` always names a device that does not exist and never gets ``--live``, and
``models install`` (a hub download for unknown names) and ``gui`` are left out.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transcriber.cli import cli
from transcriber.library.store import Library
from transcriber.model import Bullet

SKIPPED = {("gui",), ("models", "install"), ("devices",)}
# Commands that may change the library when their input is valid.
WRITERS = {
    ("transcribe",), ("meetings", "transcribe"), ("meetings", "delete"), ("meetings", "restore"),
    ("glossary", "add"), ("glossary", "remove"),
    ("archive", "import"), ("review",), ("publish",), ("record",),
}
TABLES = ("meetings", "bullets", "speakers", "recordings", "edits", "publications",
          "glossary_terms", "glossary_corrections", "trash")


def _commands(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            found += _commands(command, (*path, name))
        elif (*path, name) not in SKIPPED:
            found.append((*path, name))
    return found


def _command(path: tuple[str, ...]) -> click.Command:
    command = cli
    for name in path:
        command = command.commands[name]
    return command


COMMANDS = _commands(cli)

anything = st.text(max_size=40)
ids = st.one_of(
    st.integers(min_value=-5, max_value=5).map(str),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["1", "2", "0", "-1", "99999999999999999999", "1e3", "0x10", "nan", " 1",
                     "١", "1.5", ""]),
    anything,
)
numbers = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["nan", "inf", "-inf", "0", "-0", "1e308", "99:99", "01:02:03", "-1"]),
    anything,
)


def _texts() -> st.SearchStrategy[str]:
    return st.one_of(
        anything,
        st.text(alphabet="ab數位\x1b[0m\x00\t\n ", max_size=30),
        # Up to 1,500 different two-character words: each is one SQL condition in the
        # library search (SQLite refuses past about a thousand).
        st.integers(min_value=900, max_value=1500).map(
            lambda n: " ".join(chr(0x4E00 + i) + chr(0x5E00 + i * 7 % 4000) for i in range(n))),
    )


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory) -> Path:
    """A library with two meetings (no recording, so nothing can be decoded) and folders."""
    root = tmp_path_factory.mktemp("fuzz")
    library = Library(root / "lib")
    for title in ("第一次會議", "Second meeting"):
        meeting = library.create_meeting(title, "2024-05-01")
        library.append_bullets(meeting.id, [
            Bullet(None, meeting.id, 0, "我們今天談數位發展部。", start=0.0, end=2.0),
            Bullet(None, meeting.id, 0, "Open government is a practice.", start=2.0, end=4.0),
        ])
    library.close()
    (root / "existing-folder").mkdir()
    (root / "cwd").mkdir()
    (root / "existing.txt").write_text("not written by transcriber\n", encoding="utf-8")
    return root


def _paths(root: Path) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from([
            str(root / "lib"), str(root / "lib" / "library.db"), str(root / "lib" / "audio"),
            str(root / "existing-folder"), str(root / "existing.txt"), "", " ",
            str(root / "missing" / "deeper" / "x.md"),
        ]),
        st.text(alphabet="abc.-_ 數", min_size=1, max_size=12).map(
            lambda name: str(root / "out" / name)),
    )


def _missing_files(root: Path) -> st.SearchStrategy[str]:
    return st.text(alphabet="abc.數", min_size=1, max_size=12).map(
        lambda name: str(root / "no-such-folder" / name))


def _value(param: click.Parameter, root: Path, path: tuple[str, ...]) -> st.SearchStrategy:
    type_name = getattr(param.type, "name", "")
    if path == ("transcribe",) and param.name == "file":
        return _missing_files(root)
    if isinstance(param.type, click.Choice):
        return st.one_of(st.sampled_from(list(param.type.choices)), anything)
    if type_name == "MEETING":
        return ids
    if type_name in ("integer", "integer range", "float", "float range", "SECONDS", "TIME"):
        return numbers
    if isinstance(param.type, click.Path):
        return st.one_of(_paths(root), anything)
    return _texts()


def _args(draw, path: tuple[str, ...], root: Path) -> list[str]:
    args: list[str] = []
    for param in _command(path).params:
        if isinstance(param, click.Argument):
            args.append(draw(_value(param, root, path)))
            continue
        if param.name in ("live", "model") and path == ("record",):
            continue  # a live draft would load a model
        if path == ("site", "build") and param.name == "no_search":
            args.append("--no-search")  # the search index runs Pagefind: not fuzz material
            continue
        if not draw(st.booleans()):
            continue
        if param.is_flag:
            args.append(param.opts[0])
        else:
            args += [param.opts[0], draw(_value(param, root, path))]
    if path == ("record",):
        args += ["--device", "fuzz-no-such-device"]
    return args


def _row_counts(library_path: Path) -> dict[str, int]:
    conn = sqlite3.connect(library_path / "library.db")
    try:
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        conn.close()


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_random_input_never_gives_a_traceback(path, fuzz_root, data) -> None:
    args = _args(data.draw, path, fuzz_root)
    library_path = fuzz_root / "lib"
    before = _row_counts(library_path)
    # In a folder of its own: commands write to the current folder by default (review).
    with contextlib.chdir(fuzz_root / "cwd"):
        result = CliRunner().invoke(cli, ["--library", str(library_path), *path, *args],
                                    input="n\n", catch_exceptions=True)

    shown = f"{path} {args!r}\n{result.output}"
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{shown}\n{result.exc_info and result.exc_info[1]!r}")
    assert result.exit_code in (0, 1, 2), shown
    assert "Traceback" not in result.output, shown
    # The CLI's last resort for faults of the machine (disk full, I/O) must not be what
    # answers bad input: that would hide a bug behind a wrong sentence.
    assert "Error: Stopped:" not in result.output, shown
    if path not in WRITERS or result.exit_code != 0:
        assert _row_counts(library_path) == before, shown
