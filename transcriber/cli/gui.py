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
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@click.pass_context
def gui(ctx: click.Context, library_path: str | None, files: tuple[str, ...]) -> None:
    """Open the desktop app on the library; FILES (audio or video) are transcribed into
    new meetings, as opening them with the app from a file manager does."""
    if library_path is not None:
        # Both spellings work: `transcriber gui --library DIR` is what people type.
        ctx.find_root().obj["library_path"] = library_path
    library = open_library(ctx)
    # Imported here: Qt takes a moment to load and the other commands do not need it.
    from transcriber.ui.app import run_gui

    ctx.exit(run_gui(library, files=files))


COMMANDS: list[click.Command] = [gui]
