"""The first run offers the model this machine can afford; offline the embedded one stays."""

from __future__ import annotations

import socket

from hub_support import FakeHub

from transcriber.asr import models
from transcriber.asr.recommend import Recommendation
from transcriber.ui.first_run_dialog import FirstRunDialog
from transcriber.ui.settings_dialog import SettingsDialog
from transcriber.ui.settings_store import AppSettings


def test_first_run_offers_and_downloads_the_recommended_model(qtbot, library, monkeypatch, tmp_path,
                                                              base_model_path):
    with FakeHub.serving(monkeypatch, tmp_path, base_model_path) as hub:
        settings = AppSettings(library.path)
        offer = Recommendation(hub.repo, "cuda", 64, 16)
        dialog = FirstRunDialog(settings, recommendation=offer)
        qtbot.addWidget(dialog)
        dialog.show()
        assert hub.repo in dialog.model_offer.text() and "GPU" in dialog.model_offer.text()
        values = []
        dialog.download.button.click()
        dialog.download.task.progress.connect(lambda *_: values.append(dialog.download.bar.value()))
        qtbot.waitUntil(lambda: "ready" in dialog.download.label.text(), timeout=120_000)
        assert values and values[-1] == 1000
        assert settings.get("model") == hub.repo
        assert (tmp_path / "models" / "someone--whisper-test" / "model.bin").is_file()


def test_without_a_network_the_embedded_model_stays_with_one_sentence(qtbot, library, monkeypatch,
                                                                      tmp_path):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{port}")
    monkeypatch.setenv(models.MODELS_ENV, str(tmp_path / "models"))
    settings = AppSettings(library.path)
    dialog = SettingsDialog(settings, recommendation=None)
    qtbot.addWidget(dialog)
    dialog.model.setCurrentText("large-v3-turbo")
    dialog.start_download()
    qtbot.waitUntil(lambda: dialog.download_button.isEnabled(), timeout=60_000)
    sentence = dialog.download_label.text()
    assert "embedded whisper-base" in sentence and sentence.count(".") == 1
    assert dialog.model_name() == models.EMBEDDED_MODEL
    dialog.accept()
    assert AppSettings(library.path).get("model") == models.EMBEDDED_MODEL
