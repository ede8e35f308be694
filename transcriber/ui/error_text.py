"""Failures told to the user in one sentence of the interface's language.

The core (no Qt) explains a failure in one English sentence. The sentences a user of
the window meets (a file that is not audio, a microphone that cannot be opened, an edit
that cannot be made, a model that cannot be downloaded) are matched here by their
shape and said again from their translation; a library's own English detail inside
one (PortAudio's, the hub's) goes to stderr, not into the sentence. A sentence of
unknown shape is shown as the core wrote it.
"""

from __future__ import annotations

import re
import sqlite3
import sys

from PySide6.QtCore import QCoreApplication

from transcriber.asr.models import EMBEDDED_MODEL
from transcriber.errors import ModelError, TranscriberError, fault_kind, fault_reason


def fault_text(exc: OSError | sqlite3.Error) -> str:
    """A fault of the machine (disk full, read-only, I/O) in one sentence of the interface's language."""
    translate = QCoreApplication.translate
    reasons = {
        "disk_full": translate("error_text", "the disk is full"),
        "read_only": translate("error_text", "the disk became read-only"),
        "io": translate("error_text", "the disk failed to read or write (I/O error)"),
        "damaged": translate("error_text", "the library database is damaged; run `transcriber library check`"),
    }
    reason = reasons.get(fault_kind(exc)) or fault_reason(exc)
    return translate("error_text", "Stopped: {reason}. Everything saved before this is kept.").format(reason=reason)


def error_text(exc: TranscriberError) -> str:
    """``exc`` as the user is told it, in the interface's language where its shape is known."""
    if isinstance(exc, ModelError) and exc.__cause__ is not None:
        # A model download that failed: the cause is the hub library's English (with URLs).
        print(f"model download: {exc.__cause__!r}", file=sys.stderr)
        named = re.match(r"Model '([^']+)'", exc.message)
        name = named.group(1) if named else ""
        translate = QCoreApplication.translate
        if type(exc.__cause__).__name__ == "RepositoryNotFoundError":
            return translate("error_text", "There is no model “{name}” on the model hub: check its name.").format(
                name=name)
        return translate("error_text", "“{name}” could not be downloaded: this computer cannot reach the model "
                         "hub. Connect to the internet and try again; until then the built-in model “{embedded}” "
                         "works.").format(name=name, embedded=EMBEDDED_MODEL)
    return core_sentence(exc.message)


def _sentences() -> list[tuple[re.Pattern[str], str]]:
    translate = QCoreApplication.translate
    sentences = [
        # audio files (transcriber/audio.py, library/waveform.py)
        (r"The file (?P<path>.+) cannot be read: permission denied\.",
         translate("error_text", "The file {path} cannot be read: permission denied.")),
        (r"The file (?P<path>.+) does not exist\.", translate("error_text", "The file {path} does not exist.")),
        (r"(?P<path>.+) is a folder, not an audio file\.",
         translate("error_text", "{path} is a folder, not an audio file.")),
        (r"The file (?P<path>.+) is empty\.", translate("error_text", "The file {path} is empty.")),
        (r"The file (?P<name>.+) is not audio or video that can be decoded \(it may be truncated or in an "
         r"unsupported format\)\.",
         translate("error_text", "The file {name} is not audio or video that can be decoded (it may be "
                   "truncated or in an unsupported format).")),
        (r"The file (?P<name>.+) holds no audio \(it is empty or truncated\)\.",
         translate("error_text", "The file {name} holds no audio (it is empty or truncated).")),
        (r"The recording (?P<path>.+) does not exist\.",
         translate("error_text", "The recording {path} does not exist.")),
        # recording (record/devices.py, record/recorder.py)
        (r"Audio capture needs the PortAudio library, which is not installed \(on Debian/Ubuntu: apt install "
         r"libportaudio2\)\.",
         translate("error_text", "Recording needs the PortAudio library, which is not installed (on "
                   "Debian/Ubuntu: `apt install libportaudio2`).")),
        (r"The audio system cannot list its devices: (?P<detail>.+)\.",
         translate("error_text", "The audio system cannot list its devices.")),
        (r"No audio input device was found: connect a microphone, or check that the sound server "
         r"\(PulseAudio/PipeWire\) is running\.",
         translate("error_text", "No audio input device was found: connect a microphone, or check that the "
                   "sound server (PulseAudio/PipeWire) is running.")),
        (r"There is no input device called '(?P<device>.+)'; `transcriber devices` lists them\.",
         translate("error_text", "There is no input device called “{device}”.")),
        (r"The input device '(?P<device>.+)' refuses to record at (?P<detail>.+)\.",
         translate("error_text", "The input device “{device}” refuses every sample rate it was asked for.")),
        (r"The input device '(?P<device>.+)' cannot be opened: (?P<detail>.+)\.",
         translate("error_text", "The input device “{device}” cannot be opened (another program may be "
                   "using it).")),
        (r"The recording file (?P<path>.+) is locked by another recorder\.",
         translate("error_text", "The recording file {path} is in use by another recording.")),
        (r"Markers can only be added while recording\.",
         translate("error_text", "Markers can only be added while recording.")),
        (r"Recording stopped: (?P<reason>.+)\. The (?P<seconds>[\d.]+) s recorded so far are kept in meeting "
         r"(?P<meeting>\d+)\.",
         translate("error_text", "Recording stopped: {reason}. The {seconds} s recorded so far are kept in "
                   "meeting {meeting}.")),
        # publishing into the archive (publish/git.py)
        (r"The archive folder (?P<path>.+) does not exist\.",
         translate("error_text", "The archive folder {path} does not exist.")),
        (r"The archive folder (?P<path>.+) is not a git repository; clone the archive \(or run `git init` "
         r"there\) first\.",
         translate("error_text", "The archive folder {path} is not a git repository; clone the archive (or run "
                   "`git init` there) first.")),
        (r"The archive (?P<path>.+) is a bare repository; publish into a clone of it\.",
         translate("error_text", "The archive {path} is a bare repository; publish into a clone of it.")),
        (r"The archive folder (?P<path>.+) is inside the git repository (?P<repository>.+); give the "
         r"repository's top folder as the archive\.",
         translate("error_text", "The archive folder {path} is inside the git repository {repository}; give "
                   "the repository's top folder as the archive.")),
        (r"The archive (?P<path>.+) is in the middle of a git merge or rebase; finish or abort it first\.",
         translate("error_text", "The archive {path} is in the middle of a git merge or rebase; finish or abort "
                   "it first.")),
        (r"The archive (?P<path>.+) is not on a branch \(detached HEAD\); check out a branch first\.",
         translate("error_text", "The archive {path} is not on a branch; check out a branch first.")),
        (r"Could not fetch from the remote '(?P<remote>.+?)': (?P<detail>.+)",
         translate("error_text", "Could not fetch from the remote “{remote}”: check the connection and try "
                   "again.")),
        (r"Could not fetch '(?P<branch>.+)' from the remote '(?P<remote>.+)'\.",
         translate("error_text", "Could not fetch “{branch}” from the remote “{remote}”.")),
        (r"The remote '(?P<remote>.+?)' refused the push again after a rebase: (?P<detail>.+)\. Nothing was "
         r"published; pull the archive and publish again\.",
         translate("error_text", "The remote “{remote}” refused the push again after placing your change on "
                   "top of theirs. Nothing was published; pull the archive and publish again.")),
        (r"The remote '(?P<remote>.+?)' refused the push: (?P<detail>.+)\. Nothing was published\.",
         translate("error_text", "The remote “{remote}” refused the push. Nothing was published.")),
        (r"The archive has no remote called '(?P<remote>.+?)'(?: \(it has: (?P<remotes>.+)\)\.|; add one with "
         r"`git remote add`\.)",
         translate("error_text", "The archive has no remote called “{remote}”.")),
        (r"The archive's git index is locked \(\.git/index\.lock\): another git program is working in it or "
         r"one crashed, so if none is running delete that file and publish again\.",
         translate("error_text", "The archive's git index is locked (.git/index.lock): another git program is "
                   "working in it or one crashed, so if none is running delete that file and publish again.")),
        (r"The archive has uncommitted changes to (?P<files>.+); commit or discard them first so that "
         r"publishing does not overwrite them\.",
         translate("error_text", "The archive has uncommitted changes to {files}; commit or discard them first "
                   "so that publishing does not overwrite them.")),
        (r"The remote already has this meeting's earlier publication; pull it into the archive \(git pull\) "
         r"and publish again\.",
         translate("error_text", "The remote already has this meeting's earlier publication; pull it into the "
                   "archive (git pull) and publish again.")),
        (r"The remote already has this meeting's earlier publication, but your archive has uncommitted changes "
         r"in the way; commit them, run git pull, then publish again\.",
         translate("error_text", "The remote already has this meeting's earlier publication, but your archive "
                   "has uncommitted changes in the way; commit them, run git pull, then publish again.")),
        (r"Left out (?P<files>.+): changed in the archive since imported or last published; publishing the "
         r"library's copy would undo that change\.",
         translate("error_text", "Left out {files}: changed in the archive since imported or last published; "
                   "publishing the library's copy would undo that change.")),
        (r"Published, but your archive branch still has the commit from before the rebase because you have "
         r"uncommitted changes to files the remote changed; commit them and run git pull --rebase\.",
         translate("error_text", "Published, but your archive branch still has the commit from before the "
                   "rebase because you have uncommitted changes to files the remote changed; commit them and run "
                   "`git pull --rebase`.")),
        # editing (library/editing/)
        (r"A meeting needs a title\.", translate("error_text", "A meeting needs a title.")),
        (r"['\"](?P<date>.*)['\"] is not a meeting date; give a real day as YYYY-MM-DD, such as 2024-05-01\.",
         translate("error_text", "“{date}” is not a meeting date; give a real day as YYYY-MM-DD, such as 2024-05-01.")),
        (r"A meeting needs a language \(or auto\)\.", translate("error_text", "A meeting needs a language.")),
        (r"A speaker needs a name\.", translate("error_text", "A speaker needs a name.")),
        (r"This is the last bullet; there is no next bullet to merge with\.",
         translate("error_text", "This is the last bullet; there is no next bullet to merge with.")),
        (r"This text brings back words that were redacted; reload the bullet, or undo the redaction instead\.",
         translate("error_text", "This text brings back words that were redacted; reload the bullet, or undo "
                   "the redaction instead.")),
        (r"The meeting was changed outside the editor since this edit, so it can no longer be undone or "
         r"redone\.",
         translate("error_text", "The meeting was changed outside the editor since this edit, so it can no "
                   "longer be undone or redone.")),
        (r"The search pattern (?P<pattern>.+) is not a valid regular expression: (?P<detail>.+)\.",
         translate("error_text", "The search pattern {pattern} is not a valid regular expression.")),
    ]
    return [(re.compile(pattern, re.DOTALL), text) for pattern, text in sentences]


def core_sentence(text: str) -> str:
    """A sentence the core wrote (an error, a recorder's reason for stopping), in the interface's language."""
    for pattern, translated in _sentences():
        found = pattern.fullmatch(text)
        if found:
            values = found.groupdict()
            if "reason" in values:
                values["reason"] = _stop_reason(values["reason"])
            if "detail" in values or "reason" in values:
                print(text, file=sys.stderr)  # the library's own words, for whoever debugs it
            return translated.format(**values)
    return text


def _stop_reason(reason: str) -> str:
    """Why the recorder stopped (record/recorder.py), as a clause in the interface's language."""
    translate = QCoreApplication.translate
    known = {
        "the disk is full": translate("error_text", "the disk is full"),
        "the recording file reached the largest size this disk allows":
            translate("error_text", "the recording file reached the largest size this disk allows"),
        "the input device stopped delivering audio (it was unplugged, or the sound server stopped)":
            translate("error_text", "the input device stopped delivering audio (it was unplugged, or the sound "
                      "server stopped)"),
    }
    if reason in known:
        return known[reason]
    if reason.startswith("the recording file cannot be written"):
        return translate("error_text", "the recording file cannot be written")
    return translate("error_text", "an unexpected error occurred")
