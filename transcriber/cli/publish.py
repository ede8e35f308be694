"""``transcriber review`` and ``transcriber publish``."""

from __future__ import annotations

import click

from transcriber.cli import open_library
from transcriber.cli.params import (
    FORCE_OPTION,
    MEETING_ID,
    bounded_int,
    check_output_folder,
    check_output_path,
)
from transcriber.messages import message


@click.command()
@click.argument("meeting_id", metavar="MEETING", type=MEETING_ID)
@click.option("--days", type=bounded_int(0, 3660), default=14, show_default=True,
              help="Length of the review period.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=".", show_default=True,
              help="Folder for the review copy (HTML and DOCX).")
@click.option("--archive", type=click.Path(file_okay=False, exists=True), default=None,
              help="The archive it will be published to: the copy follows its house style.")
@FORCE_OPTION
@click.pass_context
def review(ctx: click.Context, meeting_id: int, days: int, out_dir: str, archive: str | None,
           force: bool) -> None:
    """Export a review copy for participants and start the review period."""
    from transcriber.publish.review import review_copy_paths, send_for_review

    library = open_library(ctx)
    out_dir = check_output_folder(out_dir, library_path=library.path)
    if out_dir.is_dir():  # a folder still to be made holds nothing to overwrite
        for path in review_copy_paths(library.meeting(meeting_id), out_dir):
            check_output_path(path, library_path=library.path, force=force,
                              written_by_us=library.wrote(path))
    copy = send_for_review(library, meeting_id, out_dir, days=days, archive=archive)
    click.echo(f"Review copy: {copy.html_path}")
    click.echo(f"Review copy: {copy.docx_path}")
    click.echo(f"Meeting {meeting_id} is in review until {copy.deadline}.")


# Up to this many published files are named one a line; more are only counted.
LISTED_FILES = 20


@click.command()
@click.argument("meeting_id", metavar="[MEETING]", type=MEETING_ID, required=False)
@click.option("--archive", "archive", type=click.Path(file_okay=False), required=True,
              help="The archive's git clone (its top folder).")
@click.option("--push", is_flag=True, help="Push the commit (never forced).")
@click.option("--remote", default=None, help="Remote to push to (implies --push; default origin).")
@click.option("--now", is_flag=True, help="Publish before the review period ends.")
@click.option("--pair", "pair_id", type=MEETING_ID, default=None,
              help="Another meeting to publish with this one as its other-language version.")
@click.option("--rename", is_flag=True,
              help="Give a file already in the archive the name its date and title make now "
                   "(its old URL redirects). Without it a published file keeps its name.")
@click.option("--all", "all_meetings", is_flag=True,
              help="Publish every meeting of the archive whose file would change.")
@click.option("--changed", is_flag=True,
              help="With --all: look only at meetings edited since they were imported or published.")
@click.option("--one-commit/--commit-per-meeting", default=True, show_default=True,
              help="With --all: one commit for everything, or one commit per meeting.")
@click.pass_context
def publish(ctx: click.Context, meeting_id: int | None, archive: str, push: bool,
            remote: str | None, now: bool, pair_id: int | None, rename: bool,
            all_meetings: bool, changed: bool, one_commit: bool) -> None:
    """Publish MEETING (or, with --all, every changed meeting) as a commit in the archive."""
    from transcriber.publish.git import publish_archive, publish_meetings

    library = open_library(ctx)
    if all_meetings:
        if meeting_id is not None or pair_id is not None or rename:
            raise click.UsageError(message("--all publishes every changed meeting; give no MEETING, "
                                           "--pair or --rename with it."))
        from transcriber.publish.git import NothingToPublish

        try:
            result = publish_archive(library, archive, changed_only=changed,
                                     commit_per_meeting=not one_commit,
                                     push=push or remote is not None, remote=remote)
        except NothingToPublish as exc:  # an archive already up to date is no failure
            click.echo(exc.message)
            return
    else:
        if meeting_id is None:
            raise click.UsageError(message("Give the MEETING to publish, or --all."))
        if changed:
            raise click.UsageError(message("--changed goes with --all."))
        ids = [meeting_id] if pair_id is None else [meeting_id, pair_id]
        result = publish_meetings(library, ids, archive, push=push or remote is not None,
                                  remote=remote, now=now, rename=rename)
    for old, new in result.renamed.items():
        click.echo(f"Renamed {old} -> {new} (old link redirects)")
    where = f", pushed to {result.remote}" if result.pushed else " (not pushed)"
    retried = " after a rebase" if result.retried else ""
    if len(result.paths) == 1:
        click.echo(f"Published {result.paths[0]} as {result.commit_sha[:10]}{where}{retried}.")
    else:  # one file a line; a whole archive's worth as a count only
        listed = len(result.paths) <= LISTED_FILES
        click.echo(f"Published {len(result.paths)} files as {result.commit_sha[:10]}{where}"
                   f"{retried}{':' if listed else '.'}")
        for path in result.paths if listed else []:
            click.echo(f"  {path}")
    if result.gaps:
        many = result.gaps > 1
        click.echo(f"Warning: {result.gaps} stretch{'es' if many else ''} of speech still "
                   f"without text {'were' if many else 'was'} left out; fill "
                   f"{'them' if many else 'it'} in and publish again.", err=True)
    if result.warning:
        click.echo(f"Warning: {result.warning}", err=True)


COMMANDS: list[click.Command] = [review, publish]
