"""``transcriber doctor``: what this computer offers the app, to paste into a bug report."""

from __future__ import annotations

import click

from transcriber.doctor import collect_report, format_report


@click.command("doctor")
@click.option("--archive", "archive", type=click.Path(file_okay=False), default=None,
              help="Archive to check (default: the one chosen in the app's settings).")
@click.option("--remote", default=None, help="The archive's remote (default: the settings', or origin).")
@click.option("--offline", is_flag=True, help="Do not contact the archive's remote.")
@click.pass_context
def doctor(ctx: click.Context, archive: str | None, remote: str | None, offline: bool) -> None:
    """Version, system, CPU, GPU, models, audio devices, fonts, library and archive health."""
    root = ctx.find_root()
    library = root.obj.get("library_path") if root.obj else None
    click.echo(format_report(collect_report(library, archive, remote, network=not offline)), nl=False)


COMMANDS: list[click.Command] = [doctor]
