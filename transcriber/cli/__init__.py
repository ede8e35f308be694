"""The ``transcriber`` command: a thin click layer over the library functions.

Each area registers its commands from its own module, so the CLI stays one small
file per concern. Every failure the user can cause is a ``TranscriberError``,
printed as one sentence on stderr with its exit code.
"""

from __future__ import annotations

import sqlite3
import sys

import click

from transcriber.cli.params import LIBRARY_FOLDER
from transcriber.errors import TranscriberError, failure_sentence
from transcriber.messages import message

# How long a failing command waits for a decode thread to finish its window: exiting
# while CTranslate2 still runs on it crashes the interpreter (segfault or abort).
DECODER_STOP_SECONDS = 60.0


def _stop_decoders() -> None:
    """Let a decode thread still inside CTranslate2 finish before the process exits."""
    engine = sys.modules.get("transcriber.asr.engine")
    if engine is not None:
        engine.wait_for_decoders(DECODER_STOP_SECONDS)


class _Group(click.Group):
    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # No path, id or text can hold a NUL (a shell cannot even pass one); refused here
        # once instead of as a ValueError from whichever file function meets it first.
        if any("\x00" in arg for arg in args):
            raise click.UsageError(message("An argument contains a NUL character."), ctx)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except TranscriberError as exc:
            _stop_decoders()
            click.echo(f"Error: {exc.message}", err=True)
            sys.exit(exc.exit_code)
        except (OSError, sqlite3.Error) as exc:
            # A disk that filled up or turned read-only mid-command: what was committed
            # stays, the rest stops; no traceback for a fault of the machine. Other
            # system errors are about a file the user gave, and say so.
            _stop_decoders()
            click.echo(f"Error: {failure_sentence(exc)}", err=True)
            sys.exit(1)


@click.group(cls=_Group, invoke_without_command=True)
@click.option(
    "--library",
    "library_path",
    type=LIBRARY_FOLDER,
    envvar="TRANSCRIBER_LIBRARY",
    help="Library folder (default: the platform's user data folder).",
)
@click.version_option(package_name="transcriber")
@click.pass_context
def cli(ctx: click.Context, library_path: str | None) -> None:
    """Record, transcribe, correct and publish one side of a meeting."""
    ctx.ensure_object(dict)
    ctx.obj["library_path"] = library_path
    if ctx.invoked_subcommand is None:
        ctx.invoke(cli.commands["gui"])


def open_library(ctx: click.Context, write: bool = True):  # -> Library, imported lazily
    """The command's library; ``write=False`` for commands that only read, which then
    also work on a library they cannot write (opened read-only)."""
    from transcriber.library.store import Library

    root = ctx.find_root()
    path = root.obj.get("library_path") if root.obj else None
    library = Library(path) if write else Library.for_reading(path)
    # When the command ends, what it committed goes from the WAL into the database file.
    root.call_on_close(library.close)
    if library.read_only:
        return library
    # Start-up pass, as in the GUI: work cut off by a crash is closed properly first.
    from transcriber.record import recover_recordings

    library.mark_interrupted()
    for recovered in recover_recordings(library):
        click.echo(f"Recovered an interrupted recording: meeting {recovered.meeting_id}, "
                   f"{recovered.duration:.1f} s.", err=True)
    return library


def _register() -> None:
    from transcriber.cli import (
        archive,
        batch,
        doctor,
        glossary,
        gui,
        library,
        meetings,
        models,
        publish,
        record,
        site,
        transcribe,
    )

    for module in (models, transcribe, batch, meetings, glossary, library, archive, publish, site,
                   record, doctor, gui):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main() -> None:
    cli(prog_name="transcriber")
