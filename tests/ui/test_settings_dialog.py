"""Settings: saved values reach the engine options, model download shows progress."""

from __future__ import annotations

from hub_support import FakeHub

from transcriber.asr.models import list_models
from transcriber.asr.recommend import GIB, recommend_model
from transcriber.ui import language
from transcriber.ui.app import _Session
from transcriber.ui.settings_dialog import SettingsDialog
from transcriber.ui.settings_store import AppSettings


def test_saved_settings_drive_the_engine_and_the_recommendation_shows(qtbot, library):
    settings = AppSettings(library.path)
    dialog = SettingsDialog(settings, recommendation=recommend_model("whisper-base", 32 * GIB, 8, 1))
    qtbot.addWidget(dialog)
    assert dialog.recommend_label.isVisibleTo(dialog)
    assert "large-v3" in dialog.recommend_label.text() and "GPU" in dialog.recommend_label.text()

    # The empty prompt field says no prompt is used, not a prompt text that is not used.
    assert dialog.prompt.text() == "" and dialog.prompt.placeholderText().startswith("None")
    dialog.model.setCurrentText("small")
    dialog.device.setCurrentIndex(dialog.device.findData("cpu"))
    dialog.asr_language.setCurrentIndex(dialog.asr_language.findData("zh"))
    assert not settings.engine_options().batched  # one window at a time unless chosen
    dialog.decoding.setCurrentIndex(dialog.decoding.findData("batched"))
    dialog.prompt.setText("以下是會議逐字稿。")
    dialog.official.setText("唐鳳")
    dialog.accept()

    reopened = AppSettings(library.path)  # read back from the file, as after a restart
    options = reopened.engine_options()
    assert (options.model, options.device, options.language, options.initial_prompt,
            options.batched) == ("small", "cpu", "zh", "以下是會議逐字稿。", True)
    assert reopened.get("official_name") == "唐鳳"


def test_model_download_shows_progress(qtbot, library, monkeypatch, tmp_path, base_model_path):
    # The hub is the one boundary CI cannot reach: a real HTTP server on 127.0.0.1 stands in.
    with FakeHub.serving(monkeypatch, tmp_path, base_model_path) as hub:
        dialog = SettingsDialog(AppSettings(library.path), recommendation=None)
        qtbot.addWidget(dialog)
        assert not dialog.recommend_label.isVisibleTo(dialog)
        dialog.model.setCurrentText(hub.repo)
        seen = []
        task = dialog.start_download()
        task.progress.connect(lambda done, total: seen.append((done, total, dialog.download_bar.value())))
        assert dialog.download_bar.isVisibleTo(dialog) and not dialog.download_button.isEnabled()
        qtbot.waitUntil(lambda: "ready" in dialog.download_label.text(), timeout=120_000)
        done, total, shown = seen[-1]
        assert done == total and shown == 1000
        assert not dialog.download_bar.isVisibleTo(dialog) and dialog.download_button.isEnabled()
        assert hub.repo in [m.name.replace("--", "/") for m in list_models()]


def test_switching_the_language_rebuilds_the_window_in_place(qtbot, library):
    meeting = library.create_meeting("會議", "2024-01-01")
    session = _Session(library)
    qtbot.addWidget(session.window)
    session.window.open_meeting(meeting.id)
    session.window.settings.set("ui_language", language.CHINESE)
    session.window.language_switch_requested.emit()
    window = session.window
    qtbot.addWidget(window)
    assert window.menuBar().actions()[0].text() == "檔案(&F)"
    assert window.editor_view.meeting_id == meeting.id, "the open meeting stays open"
    assert window.editor_view.header.title_edit.text() == "會議"
