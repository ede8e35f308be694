"""``transcriber library check|backup``: is the library sound, and a safe copy of it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from transcriber.cli import open_library
from transcriber.cli.params import check_output_path


@click.group("library")
def library_group() -> None:
    """Check the library database, or back it up."""


@library_group.command("check")
@click.pass_context
def check_command(ctx: click.Context) -> None:
    """Run SQLite's integrity check on the library; exit 1 and say how to recover if it fails."""
    from transcriber.library.integrity import RECOVERY_ADVICE, integrity_problems
    from transcriber.library.store import DB_NAME, default_library_path

    root = ctx.find_root()
    path = root.obj.get("library_path") if root.obj else None
    db_path = (Path(path) if path else default_library_path()) / DB_NAME
    problems = integrity_problems(db_path)
    if not problems:
        click.echo(f"The library database {db_path} is sound.")
        return
    for problem in problems:
        click.echo(" ".join(problem.split()))
    click.echo(f"The library database {db_path} is damaged. {RECOVERY_ADVICE}", err=True)
    sys.exit(1)


@library_group.command("backup")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def backup_command(ctx: click.Context, target: Path) -> None:
    """Copy the library database to TARGET while it may be in use (SQLite's backup API).

    The audio folder is not copied; copy it as files.
    """
    library = open_library(ctx, write=False)
    target = check_output_path(target, library_path=library.path)
    library.backup(target)
    click.echo(f"Backed up {library.db_path} to {target}.")


COMMANDS: list[click.Command] = [library_group]
