"""Publishing: the archive format (``archive``), file names (``filenames``), library ⇄
archive conversion (``convert``), exports (``exports``), the archive check (``check``),
git publishing and the static site.

Modules are imported directly (``from transcriber.publish.archive import parse``) so
that the CLI loads only what a command needs.
"""
