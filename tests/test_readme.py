"""README.md is the user's manual: every command it shows must exist with its options."""

import re
import shlex
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from transcriber.cli import cli

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_commands() -> list[list[str]]:
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.S):
        for line in block.splitlines():
            line = line.split("  #")[0].strip()
            if line.startswith(".venv/bin/transcriber "):
                commands.append(shlex.split(line)[1:])
    return commands


def test_readme_starts_with_setup_and_test_commands() -> None:
    head = README.read_text(encoding="utf-8").split("\n\n")[1]
    assert "./install.sh" in head and "pytest" in head
    assert "pytest" in (README.parent / ".ci" / "run").read_text()


@pytest.mark.parametrize("argv", readme_commands(), ids=" ".join)
def test_readme_command_exists_with_its_options(argv: list[str]) -> None:
    group = cli
    path = []
    for word in argv:
        if isinstance(group, click.Group) and word in group.commands:
            group = group.commands[word]
            path.append(word)
        else:
            break
    assert path, f"README shows an unknown command: {argv}"
    options = {o for p in group.params for o in getattr(p, "opts", [])}
    for word in argv[len(path):]:
        if word.startswith("--"):
            assert word in options, f"README shows {word}, which {' '.join(path)} lacks"
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0
