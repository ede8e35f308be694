"""``transcriber site build``: the archive as a static web site."""

from __future__ import annotations

import click


@click.group()
def site() -> None:
    """The archive as a static web site."""


@site.command("build")
@click.argument("archive", type=click.Path(file_okay=False))
@click.argument("out", type=click.Path(file_okay=False))
@click.option("--title", default=None, help="Site title (default: the archive profile's, else the folder's name).")
@click.option("--base-url", default="", help="Public URL of the site, for the Atom feed's absolute links "
              "(default: from the archive's CNAME file; without either there is no feed).")
@click.option("--licence", type=click.Choice(["CC-BY-4.0", "CC0-1.0"]), default=None,
              help="The site's licence (default: the archive profile's).")
@click.option("--no-search", is_flag=True, help="Skip the Pagefind search index.")
def site_build(archive: str, out: str, title: str | None, base_url: str, licence: str | None,
               no_search: bool) -> None:
    """Render ARCHIVE into a static site in OUT; a rebuild redoes only what changed."""
    from transcriber.site.build import build_site

    report = build_site(archive, out, title=title, base_url=base_url, licence=licence,
                        search=not no_search)
    for problem in report.skipped:
        click.echo(f"Skipped {problem}", err=True)
    for warning in report.warnings:
        click.echo(f"Warning: {warning}", err=True)
    pages = "page" if report.indexed == 1 else "pages"
    searched = f"{report.indexed} {pages} indexed for search" if report.indexed else "search index current"
    click.echo(
        f"{report.files} transcripts: {len(report.rendered)} rendered, {len(report.written)} pages "
        f"written, {len(report.deleted)} removed, {searched}."
    )


COMMANDS: list[click.Command] = [site]
