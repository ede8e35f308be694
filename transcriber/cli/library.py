"""``transcriber library check|backup|restore``: is the library sound, a safe copy, putting one back."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from transcriber.cli import open_library
from transcriber.cli.params import FORCE_OPTION, check_output_path
from transcriber.errors import UsageError
from transcriber.messages import message


@click.group("library")
def library_group() -> None:
    """Check the library database, back it up, or put a backup back."""


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
@FORCE_OPTION
@click.pass_context
def backup_command(ctx: click.Context, target: Path, force: bool) -> None:
    """Copy the library database to TARGET while it may be in use (SQLite's backup API).

    The audio folder is not copied; copy it as files.
    """
    library = open_library(ctx, write=False)
    target = check_output_path(target, library_path=library.path, force=force)
    library.backup(target)
    click.echo(f"Backed up {library.db_path} to {target}.")


@library_group.command("restore")
@click.argument("backup", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--accept-loss", is_flag=True,
              help="Go on with what the database still holds after its WAL was lost.")
@click.pass_context
def restore_command(ctx: click.Context, backup: Path | None, accept_loss: bool) -> None:
    """Put BACKUP back as the library database (close the app first).

    The files it replaces are kept in a damaged-<time> folder in the library folder.
    """
    from transcriber.library.integrity import restore_library
    from transcriber.library.store import DB_NAME, default_library_path

    if (backup is None) == (not accept_loss):
        raise UsageError(message("Give either a BACKUP file to put back or --accept-loss, not both."))
    root = ctx.find_root()
    path = root.obj.get("library_path") if root.obj else None
    db_path = (Path(path) if path else default_library_path()) / DB_NAME
    if not db_path.is_file():
        raise UsageError(message("There is no library database at {db_path} to restore.", db_path=db_path))
    click.echo(restore_library(db_path, backup))


COMMANDS: list[click.Command] = [library_group]
