"""Publishing: a meeting becomes one commit in a git-backed public archive.

The archive is the user's own clone, often with their own uncommitted work in it,
so publishing touches nothing but the files it owns: the transcript file(s) and the
two metadata files ``.alternates`` and ``.redirects``. Every step that changes the
archive is undone when a later step fails, so a publication either happens entirely
(file written, commit made, push accepted, library updated) or not at all.

The floors below, each importing only those under it: ``plan`` (file names, bytes,
commit message), ``recovery`` (an interrupted earlier publication), ``commit``
(changing the archive), ``push`` (pushing without force), ``metadata``
(``.alternates``/``.redirects``) and ``repository`` (git itself).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from git import GitCommandError, Repo

from transcriber.archive.check import check_publication
from transcriber.archive.convert import (
    archive_layout,
    blob_sha,
    content_fingerprints,
    mark_synced,
    unfilled_gaps,
)
from transcriber.archive.profile import ArchiveProfile, load_profile
from transcriber.library.store import Library
from transcriber.library.trash import in_trash
from transcriber.messages import Message, message
from transcriber.model import MeetingStatus
from transcriber.publish.commit import commit_files, left_by_publishing, refuse_links, restore
from transcriber.publish.metadata import slug_of
from transcriber.publish.plan import (
    Plan,
    commit_message,
    meeting_key,
    plan_publication,
    previous_filename,
)
from transcriber.publish.push import (
    OUTGOING_REF,
    catch_up,
    fast_forward,
    push_with_retry,
    remote_branch,
    try_fetch,
)
from transcriber.publish.recovery import Earlier, earlier_commits
from transcriber.publish.repository import (
    HeadTree,
    NothingToPublish,
    PublishError,
    PushConflict,
    dirty_paths,
    git_reason,
    head_sha,
    is_ancestor,
    open_for_publishing,
    ref_exists,
)
from transcriber.publish.review import review_blocker

__all__ = ["NothingToPublish", "Publication", "PublishError", "PushConflict", "archive_meetings",
           "publish_archive", "publish_meeting", "publish_meetings"]


@dataclass
class Publication:
    """What one ``publish`` did, for the CLI to report and the tests to check."""

    commit_sha: str
    paths: list[str]
    remote: str | None = None
    pushed: bool = False
    retried: bool = False
    renamed: dict[str, str] = field(default_factory=dict)  # old file name -> new file name
    warning: str = ""
    gaps: int = 0  # unfilled gaps left out of the published files (the editor should fill them)




def _record(library: Library, repo: Repo, shas: dict[int, str], files: dict[int, str],
            remote: str | None, choices: dict[int, tuple[str, str]] | None = None,
            blobs: dict[int, str] | None = None) -> None:
    """Remember where each meeting now is, and the licence and style its file has (the
    archive profile's, for a new file); publishing is not an edit, so ``updated_at`` stays."""
    root = str(Path(repo.working_tree_dir).resolve())
    choices = choices or {}
    with library.atomic():
        for meeting_id, name in files.items():
            library.add_publication(meeting_id, shas[meeting_id], name, remote)
            # archive_root/archive_file tell a later import or publish that this file is this meeting.
            fields = {"status": MeetingStatus.PUBLISHED.value, "slug": slug_of(name),
                      "archive_root": root, "archive_file": name}
            licence, style = choices.get(meeting_id, ("", ""))
            if licence and style:
                fields.update(licence=licence, style=style)
            library.db["meetings"].update(meeting_id, fields)
        mark_synced(library, content_fingerprints(library, list(files)), blobs)


def _publish(library: Library, repo: Repo, groups: list[list[int]], *, push: bool,
             remote: str | None, rename: bool, pair: bool, whole_archive: bool = False,
             profile: ArchiveProfile | None = None) -> Publication:
    """Plan, commit (one commit per group), push and record; all or nothing.

    What an interrupted publication left behind is finished, never duplicated: its file
    still staged is committed, its commit is pushed and recorded, and its own commit is
    never taken for someone else's change.
    """
    root = Path(repo.working_tree_dir)
    profile = profile or load_profile(root)
    remote = remote or ("origin" if push else None)
    branch = remote_branch(repo, remote) if remote else None
    tracking = try_fetch(repo, remote, branch) if remote else None
    ids = [meeting_id for group in groups for meeting_id in group]
    keys = {meeting_key(library.meeting(m)): m for m in ids}
    earlier = earlier_commits(repo, keys, tracking)
    behind = [e for e in earlier.values() if e.on_remote and not e.in_head]
    if behind:
        if not is_ancestor(repo, "HEAD", tracking):
            raise PublishError(
                message("The remote already has this meeting's earlier publication; pull it into the "
                        "archive (git pull) and publish again.")
            )
        fast_forward(repo, tracking)
        for e in earlier.values():
            e.in_head = is_ancestor(repo, e.sha, "HEAD")
    recovered = {m: e.name for m, e in earlier.items() if e.in_head and not previous_filename(library, m)}
    head = HeadTree(repo)
    unrecorded = _unrecorded(library, repo, head, earlier)
    left_out = _changed_in_archive(library, head, ids, whole_archive, unrecorded)
    if left_out:
        groups = [[m for m in group if m not in left_out] for group in groups]
        groups = [group for group in groups if group]
        ids = [m for group in groups for m in group]
        if not ids:
            raise NothingToPublish(message(
                "Nothing to publish: the meetings you edited were all changed in the archive "
                "since you imported or last published them ({files}); nothing was published so as "
                "not to undo those changes.", files=", ".join(sorted(left_out.values())[:5])))
    whole = plan_publication(library, repo, ids, rename=rename, pair=pair, profile=profile,
                             recovered=recovered, head=head)
    # Files HEAD already holds that the library has not recorded there, or not as pushed:
    # an interrupted publication's commit, its staged file that the user committed, or
    # an earlier publication made without --push.
    unpushed_before = {m for m, e in earlier.items() if remote and e.in_head and not e.on_remote}
    held = {e.meeting_id: e for e in whole.entries if not e.verb
            and (e.meeting_id in unrecorded or e.meeting_id in unpushed_before
                 or previous_filename(library, e.meeting_id) != e.name)}
    if whole_archive:  # only the meetings whose file changes
        whole.entries = [e for e in whole.entries if e.verb]
    if len(groups) == 1:
        plans = [whole]
    else:
        by_id = {e.meeting_id: e for e in whole.entries}
        plans = [Plan([by_id[m] for m in group if m in by_id], {}) for group in groups]
        plans = [p for p in plans if p.entries]
        if whole.meta:
            if not plans:
                plans = [Plan([], {})]
            plans[-1].meta = whole.meta
    plans = [p for p in plans if p.changed]
    touched = [name for p in plans for name in [*p.writes, *p.removals]]
    refuse_links(root, head, touched)
    dirty = dirty_paths(repo, touched) if touched else []
    writes = {name: data for p in plans for name, data in p.writes.items()}
    removals = [name for p in plans for name in p.removals]
    dirty = [name for name in dirty if not left_by_publishing(repo, writes, removals, name)]
    if dirty:
        if len(dirty) > 5:
            raise PublishError(message(
                "The archive has uncommitted changes to {files} and {more} more; commit or discard "
                "them first so that publishing does not overwrite them.",
                files=", ".join(dirty[:5]), more=len(dirty) - 5))
        raise PublishError(message(
            "The archive has uncommitted changes to {files}; commit or discard them first so that "
            "publishing does not overwrite them.", files=", ".join(dirty)))
    rejected = check_publication(root, writes, removals, profile, head.read)
    if rejected:
        first = rejected[0]
        problem = message("{file}:{line}: {problem}", file=first.file, line=first.line, problem=first.message)
        if len(rejected) > 1:
            raise PublishError(message("The archive's rules reject this publication ({problem}, and "
                                       "{more} more); nothing was published.",
                                       problem=problem, more=len(rejected) - 1))
        raise PublishError(message("The archive's rules reject this publication ({problem}); "
                                   "nothing was published.", problem=problem))
    files = {e.meeting_id: e.name for p in plans for e in p.entries}
    held = {m: e for m, e in held.items() if m not in files}
    unpushed = bool(unpushed_before) or (
        remote is not None and bool(held) and not is_ancestor(repo, "HEAD", tracking))
    if not plans and not held and not unpushed:
        names = {previous_filename(library, m) or earlier[m].name for m in ids
                 if m in earlier or previous_filename(library, m)}
        raise NothingToPublish(message("Nothing changed: the archive already holds this version of {files}.",
                                       files=", ".join(sorted(names))))
    orig_head = head_sha(repo)
    committed = False
    shas = {m: unrecorded.get(m) or _last_commit(repo, e.name) for m, e in held.items()}
    files.update({m: e.name for m, e in held.items()})
    result = Publication(orig_head or "", sorted(files.values()), remote)
    try:
        for plan in plans:
            text = commit_message(plan.entries, pair, profile.commit_prefix)
            sha = commit_files(repo, plan.writes, plan.removals, text)
            committed = True
            shas.update({e.meeting_id: sha for e in plan.entries})
            result.renamed.update(plan.renamed)
            result.commit_sha = sha
        if remote is not None and (plans or unpushed):
            pushed, retried = push_with_retry(repo, remote, result.commit_sha, branch)
            result.pushed, result.retried = True, retried
            if pushed != result.commit_sha:
                result.warning = catch_up(repo, pushed) or result.warning
                shas = dict.fromkeys(shas, pushed)
            result.commit_sha = pushed
        elif remote is not None:
            result.pushed = True  # the remote already has it
    except BaseException as exc:
        restore(repo, touched, orig_head, committed and head_sha(repo) != orig_head)
        if isinstance(exc, GitCommandError | OSError):
            raise _unpublished(exc) from None
        raise
    entries = [*held.values(), *(e for p in plans for e in p.entries)]
    _record(library, repo, shas, files, remote, {e.meeting_id: e.choices for e in entries},
            {e.meeting_id: blob_sha(e.data) for e in entries})
    _drop_outgoing_ref(repo)
    result.gaps = sum(unfilled_gaps(library, m) for m in files)
    if left_out:
        result.warning = _left_out_warning(left_out)
    return result


def _unpublished(exc: GitCommandError | OSError) -> PublishError:
    """One sentence for a git or file-system failure (a full disk) before anything was published."""
    why = git_reason(exc) if isinstance(exc, GitCommandError) else (exc.strerror or str(exc))
    return PublishError(message("Could not write the publication into the archive ({detail}); nothing "
                                "was published and the archive and the library are as they were.", detail=why))


def _drop_outgoing_ref(repo: Repo) -> None:
    """Remove the ref an interrupted push left; best effort, the publication is complete."""
    try:
        if ref_exists(repo, OUTGOING_REF):
            repo.git.update_ref("-d", OUTGOING_REF)
    except GitCommandError:
        pass


def _publish_in_one_sentence(library: Library, repo: Repo, groups: list[list[int]], **options) -> Publication:
    """``_publish``, with a git or disk failure before anything was written said in one
    sentence instead of a traceback (the steps that write undo themselves, see above)."""
    try:
        return _publish(library, repo, groups, **options)
    except (GitCommandError, OSError) as exc:
        raise _unpublished(exc) from None


def _unrecorded(library: Library, repo: Repo, head: HeadTree,
                earlier: dict[int, Earlier]) -> dict[int, str]:
    """Meetings whose own newest commit is in HEAD but not in the library (the publication
    was killed after committing): meeting -> that commit, when HEAD's file is still the one
    it committed, so that it is finished rather than taken for someone else's change."""
    found: dict[int, str] = {}
    for meeting_id, e in earlier.items():
        if not e.in_head or not head.has(e.name):
            continue
        if e.sha in {p["commit_sha"] for p in library.publications(meeting_id)}:
            continue
        try:
            committed_blob = repo.git.rev_parse(f"{e.sha}:{e.name}")
        except GitCommandError:
            continue
        if committed_blob == head.entries[e.name][1]:
            found[meeting_id] = e.sha
    return found


def _last_commit(repo: Repo, name: str) -> str:
    return repo.git.log("-1", "--format=%H", "HEAD", "--", name)


def _changed_in_archive(library: Library, head: HeadTree, ids: Sequence[int],
                        whole_archive: bool, unrecorded: dict[int, str]) -> dict[int, str]:
    """Meetings whose archive file someone else changed since this library imported or
    published it (pulled from a colleague): publishing would undo their change.

    For one meeting that is refused in one sentence; a whole-archive publication leaves
    those meetings out and says which.
    """
    fingerprints: dict[int, str] | None = None
    found: dict[int, str] = {}
    for meeting_id in ids:
        layout = archive_layout(library, meeting_id)
        name = previous_filename(library, meeting_id)
        synced = layout.get("synced_blob")
        if not synced or not name or not head.has(name) or head.entries[name][1] == synced:
            continue
        if meeting_id in unrecorded:  # HEAD has this app's own unrecorded commit of it
            continue
        if whole_archive:
            found[meeting_id] = name
            continue
        fingerprints = fingerprints or content_fingerprints(library, list(ids))
        if fingerprints.get(meeting_id) == layout.get("synced"):
            raise NothingToPublish(
                message("{name} was changed in the archive since you imported or last published it, "
                        "and the library has no edit of yours to publish.", name=name)
            )
        raise PublishError(
            message("{name} was changed in the archive since you imported or last published it, and "
                    "you edited it in the library too; nothing was published, so as not to undo that "
                    "change: compare the two (git log -p on the file) and make your edit on the new version.", name=name)
        )
    return found


def _left_out_warning(left_out: dict[int, str]) -> Message:
    names = sorted(left_out.values())
    if len(names) > 5:
        return message("Left out {files} and {more} more: changed in the archive since imported or last "
                       "published; publishing the library's copy would undo that change.",
                       files=", ".join(names[:5]), more=len(names) - 5)
    return message("Left out {files}: changed in the archive since imported or last published; "
                   "publishing the library's copy would undo that change.", files=", ".join(names))


def publish_meetings(
    library: Library,
    meeting_ids: Sequence[int],
    archive: str | os.PathLike[str],
    *,
    push: bool = False,
    remote: str | None = None,
    now: bool = False,
    today: dt.date | None = None,
    rename: bool = False,
) -> Publication:
    """Publish one meeting, or a bilingual pair (two ids, paired in ``.alternates`` with
    the English file first), as one commit.

    A meeting already in the archive keeps its file name unless ``rename`` is true, the
    editor's explicit request; a rename writes ``.redirects``. A publication that was
    interrupted (killed while pushing) is found again and finished, never duplicated.
    """
    if not 1 <= len(meeting_ids) <= 2 or len(set(meeting_ids)) != len(meeting_ids):
        raise PublishError(message("Publish one meeting, or two different meetings as a bilingual pair."))
    today = today or dt.date.today()
    for meeting_id in meeting_ids:
        if in_trash(library, meeting_id):
            raise PublishError(message("Meeting {meeting_id} is in the trash; restore it first "
                                       "(transcriber meetings restore {meeting_id}) to publish it.",
                                       meeting_id=meeting_id))
    for meeting_id in meeting_ids:
        blocker = review_blocker(library.meeting(meeting_id), today)
        if blocker and not now:
            raise PublishError(blocker)
    remote = remote or ("origin" if push else None)
    repo = open_for_publishing(archive, remote)
    return _publish_in_one_sentence(library, repo, [list(meeting_ids)], push=push, remote=remote,
                                    rename=rename, pair=len(meeting_ids) == 2)


def archive_meetings(library: Library, root: Path, changed_only: bool = False) -> list[int]:
    """The library's meetings that belong to the archive at ``root`` (imported from it or
    published to it); with ``changed_only``, those edited since they were imported or
    last published. A meeting in the trash is not among them: the editor deleted it, and
    its archive file stays as it was until it is restored."""
    rows = list(library.db.query(
        "SELECT id, archive_layout FROM meetings WHERE archive_root = ? "
        "AND id NOT IN (SELECT meeting_id FROM trash) ORDER BY date, id",
        [str(root.resolve())],
    ))
    if not changed_only:
        return [row["id"] for row in rows]
    now = content_fingerprints(library, [row["id"] for row in rows])
    return [row["id"] for row in rows
            if json.loads(row["archive_layout"] or "{}").get("synced") != now.get(row["id"])]


def _public_but_unrecorded(library: Library, repo: Repo, root: Path, remote: str | None) -> list[int]:
    """The library's meetings not yet of this archive whose own commit is in it (in HEAD,
    the outgoing ref or the remote branch as last fetched): a first publication killed
    after committing or pushing, before the library recorded it. Only that commit's
    trailer says so (the library still has a draft of no archive), and the meeting is
    public or about to be, so the whole archive's publication finishes it."""
    rows = library.db.query(
        "SELECT id FROM meetings WHERE (archive_root IS NULL OR archive_root != ?) "
        "AND id NOT IN (SELECT meeting_id FROM trash) ORDER BY date, id",
        [str(root.resolve())],
    )
    keys = {meeting_key(library.meeting(row["id"])): row["id"] for row in rows}
    if not keys:
        return []
    tracking = f"refs/remotes/{remote}/{remote_branch(repo, remote)}" if remote else None
    found = earlier_commits(repo, keys, tracking)
    return [m for m in keys.values() if m in found
            and found[m].sha not in {p["commit_sha"] for p in library.publications(m)}]


def publish_archive(
    library: Library,
    archive: str | os.PathLike[str],
    *,
    changed_only: bool = False,
    commit_per_meeting: bool = False,
    push: bool = False,
    remote: str | None = None,
) -> Publication:
    """Publish every meeting of the archive whose file would change, in one commit (or
    one per meeting): the archive's profile and HEAD are read once, not per meeting."""
    remote = remote or ("origin" if push else None)
    repo = open_for_publishing(archive, remote)
    root = Path(repo.working_tree_dir)
    ids = archive_meetings(library, root, changed_only)
    ids += [m for m in _public_but_unrecorded(library, repo, root, remote) if m not in ids]
    if not ids:
        raise NothingToPublish(message("Nothing changed: no meeting of this archive was edited."))
    groups = [[m] for m in ids] if commit_per_meeting else [ids]
    return _publish_in_one_sentence(library, repo, groups, push=push, remote=remote, rename=False,
                                    pair=False, whole_archive=True)


def publish_meeting(library: Library, meeting_id: int, archive: str | os.PathLike[str], **options) -> Publication:
    """Publish one meeting; see ``publish_meetings``."""
    return publish_meetings(library, [meeting_id], archive, **options)
