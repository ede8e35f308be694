"""Finding an earlier publication of a meeting that was interrupted, from its commit trailer."""

from __future__ import annotations

from dataclasses import dataclass

from git import Repo

from transcriber.publish.plan import TRAILER
from transcriber.publish.push import OUTGOING_REF
from transcriber.publish.repository import is_ancestor, ref_exists


@dataclass
class Earlier:
    sha: str
    name: str
    in_head: bool
    on_remote: bool


def earlier_commits(repo: Repo, keys: dict[str, int], tracking: str | None) -> dict[int, Earlier]:
    """Each meeting's newest commit by this app in the branch, the outgoing ref (left by a
    publication killed while pushing) or the remote branch, from its trailer."""
    refs = [r for r in ("HEAD", OUTGOING_REF, tracking) if r and ref_exists(repo, r)]
    if not refs:
        return {}
    # Only commits this app made carry the trailer: git filters the whole history fast.
    args = ["-z", "--format=%H%x01%B", "-F", f"--grep={TRAILER}", *refs]
    found: dict[int, Earlier] = {}
    for record in repo.git.log(*args).split("\0"):
        sha, _, body = record.strip("\n").partition("\x01")
        for line in body.splitlines():
            if not line.startswith(TRAILER):
                continue
            parts = line[len(TRAILER):].strip().split(" ", 1)
            if len(parts) == 2 and parts[0] in keys and keys[parts[0]] not in found:
                found[keys[parts[0]]] = Earlier(sha, parts[1], False, False)
    for earlier in found.values():
        earlier.in_head = is_ancestor(repo, earlier.sha, "HEAD")
        earlier.on_remote = is_ancestor(repo, earlier.sha, tracking)
    return found
