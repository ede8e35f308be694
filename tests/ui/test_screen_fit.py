"""No window or dialog grows past the screen: long texts wrap instead of widening them.

The offscreen screen is 800 × 800 px, smaller than any laptop's, so a window that
fits here fits anywhere.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from transcriber.model import Bullet
from transcriber.ui import language
from transcriber.ui.main_window import MainWindow

# A reason as long as the decoder writes them, twice over after a merge.
LONG_REASON = "; ".join(["speech in another language (ja) than the meeting's (zh, en); not transcribed, "
                         "so not translated: listen and type it", "text where no speech was heard"])
# A title the archive accepts, longer than any window is wide.
LONG_TITLE = "二〇二四年數位發展部與民間團體關於開放政府國家行動方案第三期共同創作會議紀錄暨後續追蹤事項討論"
# What huggingface_hub says offline: a long URL nothing can wrap.
HUB_ERROR = ("Model 'large-v3' is not on this machine and the download failed (An error happened while "
             "trying to locate the files on the Hub and we cannot find the requested files in the local "
             "cache. Please check your connection and try again or make sure your Internet connection is "
             "on. https://huggingface.co/Systran/faster-whisper-large-v3/resolve/main/config.json"
             "?revision=edba1e3d5a0b7c1f2e9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1); connect "
             "to the internet and run `transcriber models install large-v3`, or use the embedded 'base'.")


def available() -> QRect:
    return QApplication.primaryScreen().availableGeometry()


def assert_fits(widget: QWidget) -> None:
    QApplication.processEvents()
    frame, screen = widget.frameGeometry(), available()
    assert frame.width() <= screen.width() and frame.height() <= screen.height(), (
        f"{type(widget).__name__} is {frame.width()}×{frame.height()} on a "
        f"{screen.width()}×{screen.height()} screen")


@pytest.fixture(params=[language.ENGLISH, language.CHINESE])
def interface(request, qapp):
    language.set_language(request.param)
    return request.param


@pytest.fixture
def flagged_meeting(library):
    meeting = library.create_meeting(LONG_TITLE, "2024-05-06", language="zh")
    speaker = library.speaker(meeting.id, "唐鳳", is_default=True)
    library.append_bullets(meeting.id, [
        Bullet(None, meeting.id, 0, "大家好", speaker_id=speaker.id, start=0.0, end=1.0),
        Bullet(None, meeting.id, 1, "", speaker_id=speaker.id, start=1.0, end=4.0, flagged=True,
               flag_reason=LONG_REASON),
    ])
    return meeting.id


def new_window(qtbot, library) -> MainWindow:
    window = MainWindow(library, use_audio_device=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_new_window_fits_the_screen(qtbot, library, interface):
    window = new_window(qtbot, library)
    assert_fits(window)
    assert window.width() >= available().width() * 0.8, "and uses most of it"


def test_a_long_flag_reason_does_not_widen_the_window(qtbot, library, flagged_meeting, interface):
    window = new_window(qtbot, library)
    narrowest = window.minimumSizeHint().width()
    assert narrowest < available().width()
    window.resize(narrowest, 600)
    window.open_meeting(flagged_meeting)
    window.editor_view.next_flagged()  # F3: goes to the flagged bullet and says why
    status = window.editor_view.status_label
    assert status.text() and status.isVisible()
    QApplication.processEvents()
    assert window.width() == narrowest, "the window kept its width"
    assert_fits(window)
    assert status.width() <= window.width() and status.height() > status.fontMetrics().height(), (
        "the reason wraps onto more lines")


def test_an_error_from_a_library_fits_in_its_dialog(qtbot, library, interface):
    window = new_window(qtbot, library)
    window.show_error(HUB_ERROR)
    box = window.findChild(QMessageBox, "error_box")
    qtbot.waitExposed(box)
    assert_fits(box)
    for button in box.buttons():
        assert box.rect().contains(button.geometry()), "OK is on the screen"


def test_every_dialog_fits_the_screen(qtbot, library, flagged_meeting, interface):
    window = new_window(qtbot, library)
    window.open_meeting(flagged_meeting)
    window.open_settings()
    window.show_first_run()
    window.open_export()
    window.open_retranscribe()
    window.open_publish()
    QApplication.processEvents()
    dialogs = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window]
    assert len(dialogs) >= 5
    for dialog in dialogs:
        assert_fits(dialog)
        dialog.close()


def test_an_offline_model_download_says_one_translated_sentence_and_the_dialog_fits(
        qtbot, library, monkeypatch, tmp_path, interface):
    from transcriber.asr import models
    from transcriber.ui.settings_dialog import SettingsDialog
    from transcriber.ui.settings_store import AppSettings

    monkeypatch.setenv(models.MODELS_ENV, str(tmp_path / "models"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")  # the hub: the one boundary a test cannot reach
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    dialog = SettingsDialog(AppSettings(library.path), recommendation=None)
    qtbot.addWidget(dialog)
    dialog.show()
    width = dialog.width()
    dialog.model.setCurrentText("large-v3")
    task = dialog.start_download()
    qtbot.waitUntil(lambda: not task.is_running(), timeout=60_000)
    qtbot.waitUntil(lambda: dialog.download_button.isEnabled())
    said = dialog.download_label.text()
    assert "large-v3" in said and "http" not in said and "Hub" not in said, said
    if interface == language.CHINESE:
        assert not re.search(r"[A-Za-z]{2,}", said.replace("large-v3", "").replace(models.EMBEDDED_MODEL, "")), said
    assert dialog.width() == width, "the message wraps instead of widening the dialog"
    assert_fits(dialog)


def test_a_long_file_name_in_a_one_line_label_ends_in_an_ellipsis_not_a_wider_window(qtbot):
    from PySide6.QtWidgets import QHBoxLayout, QPushButton

    from transcriber.ui.elided_label import ElidedLabel

    row = QWidget()
    qtbot.addWidget(row)
    label = ElidedLabel("short.wav")
    layout = QHBoxLayout(row)
    layout.addWidget(label, 2)
    layout.addWidget(QPushButton("×"))
    row.resize(400, 40)
    row.show()
    long_name = "2024-05-06 " + "開放政府國家行動方案共同創作會議" * 8 + " 完整錄音.wav"
    label.setText(long_name)
    QApplication.processEvents()
    assert row.width() == 400 and row.minimumSizeHint().width() < 400, "the row did not grow"
    assert label.text() == long_name and label.toolTip() == long_name, "the whole name, on hover"
    shown = QLabel.text(label)
    assert "…" in shown and shown.startswith("2024-05-06") and shown.endswith(".wav")
