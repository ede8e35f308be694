"""The ``transcriber`` command: a thin click layer over the library functions.

Each area registers its commands from its own module, so the CLI stays one small
file per concern. Every failure the user can cause is a ``TranscriberError``,
printed as one sentence on stderr with its exit code.
"""

from __future__ import annotations

import sys

import click

from transcriber.errors import TranscriberError


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except TranscriberError as exc:
            click.echo(f"Error: {exc.message}", err=True)
            sys.exit(exc.exit_code)


@click.group(cls=_Group, invoke_without_command=True)
@click.option(
    "--library",
    "library_path",
    type=click.Path(file_okay=False),
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


def open_library(ctx: click.Context):  # -> Library, imported lazily to keep --help fast
    from transcriber.library.store import Library

    root = ctx.find_root()
    library = Library(root.obj.get("library_path") if root.obj else None)
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
        glossary,
        gui,
        meetings,
        models,
        publish,
        record,
        site,
        transcribe,
    )

    for module in (models, transcribe, meetings, glossary, archive, publish, site, record, gui):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main() -> None:
    cli(prog_name="transcriber")
