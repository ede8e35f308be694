"""Every CLI command fed random input and hostile files: never a traceback, nothing lost.

Each command is found by walking the click tree, so a new command is fuzzed without
being listed here. Hypothesis draws each parameter from what its type suggests (ids,
numbers, dates, paths, text) mixed with anything at all, and with hostile things:

- paths that are a character device (like /dev/null), a FIFO, symbolic links (to a
  file, to the library, dangling), a folder no file can be created in (/proc);
- real short audio (a 5-second recording, decoded with the embedded model) for
  ``transcribe``, and a fuzz library whose first meeting has a real recording, so
  ``meetings transcribe`` decodes too;
- a real git archive (a clone with a bare remote) for ``review`` and ``publish``;
- besides the fuzz library, a library whose WAL was lost after its last job
  (committed changes missing) and another program's SQLite database.

What a user sees is asserted after every run: exit code 0, 1 or 2, no traceback, no
fault-of-the-machine sentence for bad input; the fuzz library's content (a hash of
every row of every table, not a row count) as it was unless a writer succeeded;
every date it holds a real day; a meeting stored by a command that then failed named
in its message; every hostile file still what it was (a device node is never
replaced); the foreign database byte for byte as it was; and the library that lost
its WAL never opened as if it were sound.

CI runs derandomised, ``FUZZ_EXAMPLES`` examples per command. A nightly or bench run
explores new inputs each time: ``TRANSCRIBER_FUZZ=random TRANSCRIBER_FUZZ_EXAMPLES=500``
(Hypothesis prints the seed of a failure, to replay it with ``--hypothesis-seed``).
``models install`` (a hub download for unknown names), ``gui`` and ``devices`` are left
out, ``record`` always names a device that does not exist and never gets ``--live``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import click
import git
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transcriber.audio import sha256_file
from transcriber.cli import cli
from transcriber.errors import TitleError
from transcriber.library.store import Library, check_meeting_date
from transcriber.model import Bullet, RecordingState

ROOT = Path(__file__).resolve().parents[1]
RANDOM = os.environ.get("TRANSCRIBER_FUZZ") == "random"
FUZZ_EXAMPLES = int(os.environ.get("TRANSCRIBER_FUZZ_EXAMPLES", "25"))
# A run that takes longer than this is a hang (a FIFO read, a lock never released).
HANG_SECONDS = 300

SKIPPED = {("gui",), ("models", "install"), ("devices",)}
# Commands that may change the library when their input is valid.
WRITERS = {
    ("transcribe",), ("meetings", "transcribe"), ("meetings", "set-date"),
    ("meetings", "delete"), ("meetings", "restore"), ("glossary", "add"),
    ("glossary", "remove"), ("glossary", "hotwords"), ("archive", "import"), ("review",),
    ("publish",), ("record",), ("library", "restore"),
    ("export",),  # notes the file it wrote (written_files), so a rewrite needs no --force
}

KILLED_JOB = """
import os, sys
from transcriber.library.store import Library
from transcriber.model import Bullet
library = Library(sys.argv[1])
meeting = library.create_meeting("Lost hearing", "2024-05-01")
for n in range(20):
    library.append_bullets(meeting.id, [Bullet(None, meeting.id, 0, f"Line {n}. " * 40)])
os._exit(130)
"""


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
dates = st.one_of(
    st.sampled_from(["2024-02-30", "nan", "../../x", "0000-00-00", "2024-13-01", "2024-5-1",
                     "20240501", "2024-W01-1", "2024-05-01", "1999-12-31"]),
    st.dates().map(str),
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


def _kind(path: Path) -> int | None:
    try:
        return stat.S_IFMT(os.lstat(path).st_mode)
    except OSError:
        return None


def _git_archive(root: Path) -> Path:
    """A clone of a bare remote with one commit: what `publish` writes into and pushes to."""
    remote = root / "remote.git"
    git.Repo.init(remote, bare=True, initial_branch="main")
    clone = git.Repo.clone_from(str(remote), root / "archive")
    (root / "archive" / "README.md").write_text("# Transcripts\n", encoding="utf-8")
    clone.index.add(["README.md"])
    with clone.config_writer() as config:
        config.set_value("user", "name", "Fuzz")
        config.set_value("user", "email", "fuzz@example.org")
    clone.index.commit("Start the archive")
    clone.remotes.origin.push("main")
    clone.close()
    return root / "archive"


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory, audio_dir) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    library = Library(root / "lib")
    for title in ("第一次會議", "Second meeting"):
        meeting = library.create_meeting(title, "2024-05-01")
        library.append_bullets(meeting.id, [
            Bullet(None, meeting.id, 0, "我們今天談數位發展部。", start=0.0, end=2.0),
            Bullet(None, meeting.id, 0, "Open government is a practice.", start=2.0, end=4.0),
        ])
    stored = library.audio_dir / "zh-news-5s.wav"
    shutil.copyfile(audio_dir / "zh-news-5s.wav", stored)
    library.add_recording(1, stored, sha256=sha256_file(stored), duration=5.0,
                          state=RecordingState.COMPLETE.value)
    library.close()
    shutil.copyfile(audio_dir / "zh-news-5s.wav", root / "speech.wav")
    (root / "existing-folder").mkdir()
    (root / "cwd").mkdir()
    (root / "out").mkdir()
    (root / "existing.txt").write_text("not written by transcriber\n", encoding="utf-8")
    hostile = root / "hostile"
    hostile.mkdir()
    with contextlib.suppress(PermissionError):  # needs root; the FIFO and links need not
        os.mknod(hostile / "device", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    os.mkfifo(hostile / "fifo")
    (hostile / "link-to-file").symlink_to(root / "existing.txt")
    (hostile / "link-to-library-db").symlink_to(root / "lib" / "library.db")
    (hostile / "link-to-library").symlink_to(root / "lib")
    (hostile / "dangling-link").symlink_to(root / "nowhere" / "x")
    _git_archive(root)

    # A library whose last job was cut off and whose WAL was then lost.
    subprocess.run([sys.executable, "-c", KILLED_JOB, str(root / "lost-wal")], cwd=ROOT,
                   env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True)
    (root / "lost-wal" / "library.db-wal").unlink()
    (root / "lost-wal" / "library.db-shm").unlink(missing_ok=True)
    shutil.copytree(root / "lost-wal", root / "lost-wal.pristine")
    # Another program's database, with a `meetings` table of its own.
    (root / "foreign").mkdir()
    conn = sqlite3.connect(root / "foreign" / "library.db")
    conn.executescript("CREATE TABLE meetings (id INTEGER PRIMARY KEY, room TEXT);"
                       "INSERT INTO meetings (room) VALUES ('B2');")
    conn.commit()
    conn.close()
    return root


def _hostile_paths(root: Path) -> list[str]:
    hostile = root / "hostile"
    return [str(p) for p in sorted(hostile.iterdir())] + ["/proc/transcriber-fuzz.txt"]


def _paths(root: Path) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from([
            str(root / "lib"), str(root / "lib" / "library.db"), str(root / "lib" / "audio"),
            str(root / "existing-folder"), str(root / "existing.txt"), "", " ",
            str(root / "missing" / "deeper" / "x.md"), str(root / "archive"),
            str(root / "speech.wav"), str(root / "lost-wal"), str(root / "foreign"),
        ]),
        st.sampled_from(_hostile_paths(root)),
        st.text(alphabet="abc.-_ 數", min_size=1, max_size=12).map(
            lambda name: str(root / "out" / name)),
    )


def _out_paths(root: Path) -> st.SearchStrategy[str]:
    """Where a command writes: hostile places most of the time."""
    hostile = st.sampled_from(_hostile_paths(root))
    return st.one_of(hostile, hostile, hostile, _paths(root), anything)


def _audio_files(root: Path) -> st.SearchStrategy[str]:
    return st.one_of(
        st.just(str(root / "speech.wav")),
        st.sampled_from(_hostile_paths(root)),
        st.text(alphabet="abc.數", min_size=1, max_size=12).map(
            lambda name: str(root / "no-such-folder" / name)),
    )


def _value(param: click.Parameter, root: Path, path: tuple[str, ...],
           plausible: bool = False) -> st.SearchStrategy:
    """What to give ``param``; ``plausible``: values a user would type (so that the work
    itself, decoding and publishing, is reached), hostile only where it matters: the
    audio file, the date and where output goes."""
    type_name = getattr(param.type, "name", "")
    if path == ("transcribe",) and param.name == "file":
        return st.just(str(root / "speech.wav")) if plausible else _audio_files(root)
    if param.name in ("out", "out_dir", "target"):
        if plausible:  # half the time a new file in a folder that exists: the work is done
            return st.one_of(st.sampled_from(_hostile_paths(root)), st.text(
                alphabet="abc數", min_size=1, max_size=8).map(lambda n: str(root / "out" / n)))
        return _out_paths(root)
    if type_name == "DATE" or param.name == "date":
        return dates
    if plausible:
        if param.name == "model":
            return st.just("whisper-base")
        if param.name == "languages":
            return st.sampled_from(["zh,en", "en", "zh"])
        if param.name == "device":
            return st.just("auto")
        if isinstance(param.type, click.Choice):
            return st.sampled_from(list(param.type.choices))
        if type_name == "MEETING":
            return st.sampled_from(["1", "2"])
        if type_name in ("integer range", "SECONDS", "TIME"):
            return st.sampled_from(["1", "2", "3"])
        if isinstance(param.type, click.Path):
            return _paths(root)
        return st.text(alphabet="ab數位 ", min_size=1, max_size=12)
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
    plausible = draw(st.booleans())
    for param in _command(path).params:
        if isinstance(param, click.Argument):
            if param.required or draw(st.booleans()):
                args.append(draw(_value(param, root, path, plausible)))
            continue
        if param.name in ("live", "model") and path == ("record",):
            continue  # a live draft would load a model
        if path == ("site", "build") and param.name == "no_search":
            args.append("--no-search")  # the search index runs Pagefind: not fuzz material
            continue
        # --force and outputs most of the time: --force must never let anything but a
        # regular file go.
        often = param.name in ("force", "out", "out_dir", "target", "date")
        if not draw(st.integers(0, 9).map(lambda n, often=often: n < (8 if often else 5))):
            continue
        if param.is_flag:
            args.append(param.opts[0])
        else:
            args += [param.opts[0], draw(_value(param, root, path, plausible))]
    if path == ("record",):
        args += ["--device", "fuzz-no-such-device"]
    return args


def _content(db: Path) -> dict[str, str]:
    """A hash of every row of every table (the search index's own tables aside)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'")]
        return {t: hashlib.sha256(repr(conn.execute(
            f'SELECT * FROM "{t}" ORDER BY rowid').fetchall()).encode()).hexdigest()
            for t in tables}
    finally:
        conn.close()


def _dates(db: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute("SELECT date FROM meetings")]
    finally:
        conn.close()


def _meeting_ids(db: Path) -> set[int]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {row[0] for row in conn.execute("SELECT id FROM meetings")}
    finally:
        conn.close()


def _leftovers(folder: Path) -> None:
    """The files a refused open may create beside a broken library (SQLite's own)."""
    for name in ("library.db-shm", "library.db-wal"):
        (folder / name).unlink(missing_ok=True)


def _hang(_signum, _frame):
    raise TimeoutError(f"a command ran longer than {HANG_SECONDS} s (a hang)")


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
@settings(max_examples=FUZZ_EXAMPLES, deadline=None, derandomize=not RANDOM,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_random_input_never_gives_a_traceback(path, fuzz_root, data) -> None:
    library_choice = data.draw(st.sampled_from(["lib"] * 6 + ["lost-wal", "foreign"]))
    args = _args(data.draw, path, fuzz_root)
    library_path = fuzz_root / library_choice
    main_db = fuzz_root / "lib" / "library.db"
    before = _content(main_db)
    ids_before = _meeting_ids(main_db)
    kinds = {p: _kind(Path(p)) for p in _hostile_paths(fuzz_root)}
    foreign_bytes = (fuzz_root / "foreign" / "library.db").read_bytes()
    # As it was made (an accepted `library restore` in an earlier example repairs it).
    shutil.rmtree(fuzz_root / "lost-wal")
    shutil.copytree(fuzz_root / "lost-wal.pristine", fuzz_root / "lost-wal")
    lost_bytes = {p.name: p.read_bytes() for p in (fuzz_root / "lost-wal").iterdir()
                  if p.is_file()}
    _leftovers(fuzz_root / "foreign")

    previous = signal.signal(signal.SIGALRM, _hang)
    signal.alarm(HANG_SECONDS)
    try:
        # In a folder of its own: commands write to the current folder by default (review).
        with contextlib.chdir(fuzz_root / "cwd"):
            result = CliRunner().invoke(cli, ["--library", str(library_path), *path, *args],
                                        input="n\n", catch_exceptions=True)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)

    shown = f"{path} --library {library_choice} {args!r}\n{result.output}"
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{shown}\n{result.exc_info and result.exc_info[1]!r}")
    assert result.exit_code in (0, 1, 2), shown
    assert "Traceback" not in result.output, shown
    # The CLI's last resort for faults of the machine (disk full, I/O) must not be what
    # answers bad input: that would hide a bug behind a wrong sentence.
    assert "Error: Stopped:" not in result.output, shown

    # Hostile files are never replaced, --force or not.
    assert {p: _kind(Path(p)) for p in kinds} == kinds, shown
    # Another program's database: not one byte written.
    assert (fuzz_root / "foreign" / "library.db").read_bytes() == foreign_bytes, shown
    # The library that lost committed changes is never read as if it were sound: a
    # command that opened it fails, or (a report) says what was lost.
    lost_opened = (fuzz_root / "lost-wal" / "library.db-shm").exists()
    assert not (library_choice == "lost-wal" and lost_opened and result.exit_code == 0
                and "lost the last" not in result.output), shown
    if path != ("library", "restore"):
        assert {p.name: p.read_bytes() for p in (fuzz_root / "lost-wal").iterdir()
                if p.is_file() and p.name in lost_bytes} == lost_bytes, shown

    # The fuzz library: nothing changed unless a writer succeeded; what it holds is sound.
    if library_choice != "lib" or path not in WRITERS or result.exit_code != 0:
        new_ids = sorted(_meeting_ids(main_db) - ids_before)
        for meeting_id in new_ids:  # stored, then failed: the message must say so
            assert f"meeting {meeting_id}" in result.output, shown
        if not new_ids:
            assert _content(main_db) == before, shown
    for date in _dates(main_db):
        if date == "":  # a meeting imported from an archive file without a date
            continue
        with contextlib.suppress(TitleError):
            check_meeting_date(date)
            continue
        pytest.fail(f"an impossible date {date!r} was stored\n{shown}")
