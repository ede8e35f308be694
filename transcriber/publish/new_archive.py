"""A new, empty archive: a git repository whose profile says its licence.

For someone who has no transcripts repository yet (the first-run setup offers it).
The licence goes into ``.transcriber.toml`` and the README, where the archive
profile reads it, so the first published meeting carries the right notice.
"""

from __future__ import annotations

import os
from pathlib import Path

from git import GitCommandError, Repo

from transcriber.archive.profile import CONFIG_NAME
from transcriber.errors import TranscriberError
from transcriber.messages import message
from transcriber.model import Licence

README = """# {title}

Meeting transcripts, one Markdown file per meeting, named `YYYY-MM-DD-title.md`.

Licence: {licence}.
"""


class NewArchiveError(TranscriberError):
    """The archive cannot be created there."""


def create_archive(folder: str | os.PathLike[str], licence: Licence | str,
                   title: str = "Transcripts") -> Path:
    """Create ``folder`` (empty or missing) as a git repository on branch main, with one commit."""
    from transcriber.publish.repository import identity  # the same committer fallback as publishing

    if not str(folder).strip():
        raise NewArchiveError(message("Choose a folder for the new archive."))
    root = Path(folder).expanduser()
    licence = Licence(licence)
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise NewArchiveError(message("{root} is not empty; choose an empty or new folder for a new archive.", root=root))
    try:
        root.mkdir(parents=True, exist_ok=True)
        (root / CONFIG_NAME).write_text(f'licence = "{licence.value}"\n', encoding="utf-8")
        (root / "README.md").write_text(README.format(title=title, licence=licence.value), encoding="utf-8")
        repo = Repo.init(root, initial_branch="main")
        repo.index.add([CONFIG_NAME, "README.md"])
        with identity(repo):
            repo.git.commit("-m", "A new transcript archive", "--quiet")
    except OSError as exc:
        raise NewArchiveError(message("Cannot create the archive in {root}: {detail}.", root=root, detail=exc.strerror or exc)) from exc
    except GitCommandError as exc:
        raise NewArchiveError(message("Cannot create the archive in {root}: {detail}", root=root, detail=exc.stderr.strip())) from exc
    return root
