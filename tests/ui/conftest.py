"""Fixtures for the GUI tests: real widgets on the offscreen platform."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session")
def qapp_args():
    # Chinese bullets need a CJK font even offscreen; fonts-noto-cjk provides it.
    return ["transcriber-tests"]


@pytest.fixture(autouse=True)
def _english_interface():
    """Tests read labels in English unless they switch the language themselves."""
    from transcriber.ui import language

    language.set_language(language.ENGLISH)
    yield
    language.set_language(language.ENGLISH)


@pytest.fixture(autouse=True)
def _join_background_threads():
    """No test may leave a transcription or publish thread running behind it."""
    yield
    from transcriber.ui.tasks import BackgroundTask

    BackgroundTask.stop_all()
