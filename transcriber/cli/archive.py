"""``transcriber archive check|import`` and ``transcriber export``: thin layers over
``transcriber.publish``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from transcriber.cli import open_library
from transcriber.cli.params import FORCE_OPTION, MEETING_ID, check_output_path
from transcriber.messages import message


@click.group("archive")
def archive() -> None:
    """Check or import a git-backed transcript archive (e.g. a clone of audreyt/transcript)."""


@archive.command("check")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Count warnings as errors.")
@click.option("--changed", "base", metavar="BASE", default=None,
              help="Check only the files changed since the git revision BASE, and their "
                   "trailing whitespace, as the archive validator's --changed --base BASE does.")
def check_command(path: Path, strict: bool, base: str | None) -> None:
    """Check the archive in PATH against its own rules; exit 0 when there is no error.

    Errors are what the archive's own validator rejects (names, encoding, .alternates;
    with --changed, trailing whitespace too) and characters its AGENTS.md forbids;
    warnings are other departures from the format, which the public record may keep
    (H1 style, CRLF, text not in NFC, .redirects).
    """
    from transcriber.archive.check import check_archive

    result = check_archive(path, changed_since=base)
    for problem in result.errors:
        click.echo(str(problem))
    for problem in result.warnings:
        click.echo(f"{problem.file}:{problem.line}: warning: {problem.message}")
    click.echo(f"{result.files} files checked, {len(result.errors)} errors, "
               f"{len(result.warnings)} warnings.", err=True)
    if not result.passes(strict):
        sys.exit(1)


@archive.command("profile")
@click.argument("path", type=click.Path(file_okay=False, path_type=Path))
def profile_command(path: Path) -> None:
    """Print the house style new files in archive PATH follow, and where each value comes from."""
    from transcriber.archive.profile import load_profile

    if not path.is_dir():
        raise click.ClickException(f"There is no archive folder at {path}.")
    for key, value, source in load_profile(path).describe():
        click.echo(f"{key}\t{value}\t({source})")


@archive.command("import")
@click.argument("path", type=click.Path(path_type=Path))
@click.pass_context
def import_command(ctx: click.Context, path: Path) -> None:
    """Load the transcripts in archive folder PATH (or one file) into the library."""
    from transcriber.archive.convert import import_archive

    library = open_library(ctx)
    report = import_archive(library, path)
    for meeting in report.meetings:
        click.echo(f"{meeting.id}\t{meeting.date}\t{meeting.title}")
    for name, meeting_id in report.skipped:
        click.echo(f"Skipped {name}: already in the library as meeting {meeting_id}.", err=True)
    for problem in report.warnings:
        click.echo(f"Imported as it is: {problem}", err=True)
    for problem in report.problems:
        click.echo(f"Not imported: {problem}", err=True)
    click.echo(
        f"Imported {len(report.meetings)} meetings, skipped {len(report.skipped)}, "
        f"{len(report.problems)} files with problems.",
        err=True,
    )
    if report.problems:
        sys.exit(1)


@click.command("export")
@click.argument("meeting", type=MEETING_ID)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "txt", "srt", "vtt", "json", "docx", "akn"]),
    default="md",
    show_default=True,
    help="md: archive Markdown; akn: Akoma Ntoso XML (SayIt); srt/vtt: timed captions.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: standard output).",
)
@click.option("--archive", type=click.Path(file_okay=False, exists=True), default=None,
              help="The archive it will be published to: the export says what publishing there "
                   "writes (licence, redaction marker, style).")
@FORCE_OPTION
@click.pass_context
def export_command(ctx: click.Context, meeting: int, fmt: str, out: Path | None,
                   archive: str | None, force: bool) -> None:
    """Export MEETING (its id) in one format; redacted text never leaves the library."""
    from transcriber.archive.profile import publishing_profile
    from transcriber.exports.formats import export_meeting, save_export

    library = open_library(ctx, write=False)
    profile = publishing_profile(archive)
    if out is not None:
        out = check_output_path(out, library_path=library.path, force=force,
                                written_by_us=library.wrote(out))
        save_export(library, meeting, fmt, out, profile)
        click.echo(str(out), err=True)
        return
    data = export_meeting(library, meeting, fmt, profile)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if fmt == "docx" and sys.stdout.isatty():
        raise click.UsageError(message("DOCX is a binary file; give --out FILE.docx."))
    sys.stdout.buffer.write(payload)
    sys.stdout.flush()


COMMANDS: list[click.Command] = [archive, export_command]
