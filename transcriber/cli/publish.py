"""``transcriber review``, ``transcriber publish`` and ``transcriber site build``."""

from __future__ import annotations

import click

from transcriber.cli import open_library


@click.command()
@click.argument("meeting_id", metavar="MEETING", type=int)
@click.option("--days", type=click.IntRange(min=0), default=14, show_default=True,
              help="Length of the review period.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=".", show_default=True,
              help="Folder for the review copy (HTML and DOCX).")
@click.pass_context
def review(ctx: click.Context, meeting_id: int, days: int, out_dir: str) -> None:
    """Export a review copy for participants and start the review period."""
    from transcriber.publish.review import send_for_review

    copy = send_for_review(open_library(ctx), meeting_id, out_dir, days=days)
    click.echo(f"Review copy: {copy.html_path}")
    click.echo(f"Review copy: {copy.docx_path}")
    click.echo(f"Meeting {meeting_id} is in review until {copy.deadline}.")


@click.command()
@click.argument("meeting_id", metavar="MEETING", type=int)
@click.option("--archive", "archive", type=click.Path(file_okay=False), required=True,
              help="The archive's git clone (its top folder).")
@click.option("--push", is_flag=True, help="Push the commit (never forced).")
@click.option("--remote", default=None, help="Remote to push to (implies --push; default origin).")
@click.option("--now", is_flag=True, help="Publish before the review period ends.")
@click.option("--pair", "pair_id", type=int, default=None,
              help="Another meeting to publish with this one as its other-language version.")
@click.pass_context
def publish(ctx: click.Context, meeting_id: int, archive: str, push: bool, remote: str | None,
            now: bool, pair_id: int | None) -> None:
    """Publish a meeting as one commit in the archive."""
    from transcriber.publish.git import publish_meetings

    ids = [meeting_id] if pair_id is None else [meeting_id, pair_id]
    result = publish_meetings(open_library(ctx), ids, archive, push=push or remote is not None,
                              remote=remote, now=now)
    for old, new in result.renamed.items():
        click.echo(f"Renamed {old} -> {new} (old link redirects)")
    where = f", pushed to {result.remote}" if result.pushed else " (not pushed)"
    retried = " after a rebase" if result.retried else ""
    click.echo(f"Published {', '.join(result.paths)} as {result.commit_sha[:10]}{where}{retried}.")
    if result.warning:
        click.echo(f"Warning: {result.warning}", err=True)


@click.group()
def site() -> None:
    """The archive as a static web site."""


@site.command("build")
@click.argument("archive", type=click.Path(file_okay=False))
@click.argument("out", type=click.Path(file_okay=False))
@click.option("--title", default=None, help="Site title (default: the archive folder's name).")
@click.option("--base-url", default="", help="Public URL of the site, for absolute feed links.")
@click.option("--licence", type=click.Choice(["CC-BY-4.0", "CC0-1.0"]), default=None,
              help="Licence of transcripts without a notice (default: from the archive's LICENSE).")
@click.option("--no-search", is_flag=True, help="Skip the Pagefind search index.")
def site_build(archive: str, out: str, title: str | None, base_url: str, licence: str | None,
               no_search: bool) -> None:
    """Render ARCHIVE into a static site in OUT; a rebuild redoes only what changed."""
    from transcriber.publish.site import build_site

    report = build_site(archive, out, title=title, base_url=base_url, licence=licence,
                        search=not no_search)
    for problem in report.skipped:
        click.echo(f"Skipped {problem}", err=True)
    click.echo(
        f"{report.files} transcripts: {len(report.rendered)} rendered, {len(report.written)} pages "
        f"written, {len(report.deleted)} removed, {len(report.shards_indexed)} search shards indexed."
    )


COMMANDS: list[click.Command] = [review, publish, site]
