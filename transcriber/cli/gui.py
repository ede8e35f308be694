"""``transcriber gui``: the desktop app (also what ``transcriber`` alone starts)."""

from __future__ import annotations

import click

from transcriber.cli import open_library


@click.command("gui")
@click.pass_context
def gui(ctx: click.Context) -> None:
    """Open the desktop app on the library."""
    library = open_library(ctx)
    # Imported here: Qt takes a moment to load and the other commands do not need it.
    from transcriber.ui.app import run_gui

    ctx.exit(run_gui(library))


COMMANDS: list[click.Command] = [gui]
