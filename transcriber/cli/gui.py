"""``transcriber gui``: the desktop app (also what ``transcriber`` alone starts)."""

from __future__ import annotations

import click

from transcriber.cli import open_library


@click.command("gui")
@click.option(
    "--library",
    "library_path",
    type=click.Path(file_okay=False),
    default=None,
    help="Library folder (the same as `transcriber --library DIR gui`).",
)
@click.pass_context
def gui(ctx: click.Context, library_path: str | None) -> None:
    """Open the desktop app on the library."""
    if library_path is not None:
        # Both spellings work: `transcriber gui --library DIR` is what people type.
        ctx.find_root().obj["library_path"] = library_path
    library = open_library(ctx)
    # Imported here: Qt takes a moment to load and the other commands do not need it.
    from transcriber.ui.app import run_gui

    ctx.exit(run_gui(library))


COMMANDS: list[click.Command] = [gui]
