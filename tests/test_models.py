"""Model resolution: embedded default from PyPI parts, folders, hub names offline."""

import hashlib
import shutil
from pathlib import Path

import pytest

from transcriber.asr import models
from transcriber.asr.engine import Engine, EngineOptions
from transcriber.errors import ModelError


def test_embedded_model_is_assembled_and_verified(tmp_path: Path) -> None:
    folder = models.install_embedded_model(tmp_path / "whisper-base")
    digest = hashlib.sha256((folder / "model.bin").read_bytes()).hexdigest()
    assert digest == models.EMBEDDED_SHA256
    for name in models.MODEL_FILES:
        assert (folder / name).is_file()
    assert not (tmp_path / "whisper-base.partial").exists()


def test_rehash_repairs_same_size_corruption(tmp_path: Path) -> None:
    folder = models.install_embedded_model(tmp_path / "whisper-base")
    with (folder / "model.bin").open("r+b") as f:
        f.seek(1000)
        f.write(b"\x00" * 16)
    models.install_embedded_model(folder, rehash=True)
    digest = hashlib.sha256((folder / "model.bin").read_bytes()).hexdigest()
    assert digest == models.EMBEDDED_SHA256


def test_models_list_shows_default(monkeypatch, tmp_path: Path, base_model_path: Path) -> None:
    monkeypatch.setenv(models.MODELS_ENV, str(tmp_path))
    shutil.copytree(base_model_path, tmp_path / "whisper-base")
    (tmp_path / "other").mkdir()
    listed = {m.name: m for m in models.list_models()}
    assert listed["whisper-base"].default and listed["whisper-base"].installed
    assert not listed["other"].installed


def test_explicit_folder_wins(base_model_path: Path) -> None:
    assert models.resolve_model(str(base_model_path)) == base_model_path


def _copy_without_weights(base: Path, target: Path) -> Path:
    target.mkdir()
    for name in models.MODEL_FILES:
        shutil.copyfile(base / name, target / name)
    return target


def test_folder_without_model_bin(tmp_path: Path, base_model_path: Path) -> None:
    folder = _copy_without_weights(base_model_path, tmp_path / "m")
    with pytest.raises(ModelError, match="has no model.bin"):
        models.resolve_model(str(folder))


def test_corrupt_model_bin_is_a_clear_error(tmp_path: Path, base_model_path: Path) -> None:
    folder = _copy_without_weights(base_model_path, tmp_path / "m")
    (folder / "model.bin").write_bytes((base_model_path / "model.bin").read_bytes()[:500_000])
    with pytest.raises(ModelError, match="could not be loaded"):
        Engine(EngineOptions(model=str(folder)))


def test_hub_name_offline_fails_fast(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(models.MODELS_ENV, str(tmp_path))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    with pytest.raises(ModelError, match="offline") as caught:
        models.resolve_model("small")
    assert caught.value.exit_code == 2


def test_unknown_name_is_explained(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(models.MODELS_ENV, str(tmp_path))
    with pytest.raises(ModelError, match="Unknown model 'no-such-model'"):
        models.resolve_model("no-such-model")
