"""Everything the Chinese interface says is Chinese: every widget, menu, action, tooltip
and dialog the window can open is walked, and any English word left fails the test.

Names are not words to translate: proper nouns (Whisper, ALSA, CUDA…), licence and
model names, key names, file names and what the meeting itself contains (quoted).
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QTreeWidget,
    QWidget,
)

from transcriber.asr import guards
from transcriber.asr.retranscribe import OVERLAP_FLAG
from transcriber.model import Bullet, Licence
from transcriber.ui import language
from transcriber.ui.main_window import MainWindow

PROPER_NOUNS = {
    "Whisper", "ALSA", "PulseAudio", "PipeWire", "CPU", "NVIDIA", "GPU", "CUDA", "Markdown", "SubRip",
    "WebVTT", "JSON", "Word", "Akoma", "Ntoso", "XML", "HTML", "DOCX", "Transcriber", "English", "Qt",
    "git", "Ctrl", "Alt", "Shift", "Esc", "Enter", "Return", "Space", "Backspace", "Left", "Right", "Up",
    "Down", "Home", "End", "PgUp", "PgDown", "Del", "Tab",
}
MODEL_NAMES = re.compile(r"\b(?:whisper-base|base|tiny|small|medium|large-v\d(?:-turbo)?|turbo)\b")
FILE_NAMES = re.compile(r"(?:^|\s)[/~][\w./~-]*|[\w./~-]*\.(?:md|txt|srt|vtt|json|docx|xml|html|wav|mp3|m4a|flac|ogg|opus|aac|"
                        r"mp4|mkv|mov|webm)\b|\*")
QUOTED = re.compile(r"「[^」]*」|“[^”]*”|`[^`]*`|<code>.*?</code>")


def english_words(text: str) -> list[str]:
    text = re.sub(r"<[^>]+>", " ", QUOTED.sub(" ", text)).replace("&", "")
    text = FILE_NAMES.sub(" ", MODEL_NAMES.sub(" ", text))
    for licence in Licence:
        text = text.replace(licence.value, " ")
    return [word for word in re.findall(r"[A-Za-z]{2,}", text) if word not in PROPER_NOUNS]


def texts_of(root: QWidget) -> dict[str, str]:
    """What ``root`` and everything in it say, keyed by where it is said."""
    found: dict[str, str] = {}

    def add(where: str, text: str | None) -> None:
        if text and text.strip():
            found[f"{where}: {text}"] = text

    for widget in [root, *root.findChildren(QWidget)]:
        where = f"{type(widget).__name__}({widget.objectName()})"
        add(where + ".windowTitle", widget.windowTitle() if widget.isWindow() else "")
        add(where + ".toolTip", widget.toolTip())
        add(where + ".statusTip", widget.statusTip())
        if isinstance(widget, QLabel):
            add(where, widget.text())
        elif isinstance(widget, QAbstractButton):
            add(where, widget.text())
        elif isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)):
            add(where + ".placeholder", widget.placeholderText())  # the text itself is the user's
        elif isinstance(widget, QComboBox):
            for row in range(widget.count()):
                add(where, widget.itemText(row))
        elif isinstance(widget, QGroupBox):
            add(where, widget.title())
        elif isinstance(widget, QTabWidget):
            for tab in range(widget.count()):
                add(where, widget.tabText(tab))
        elif isinstance(widget, QTreeWidget):
            header = widget.headerItem()
            for column in range(widget.columnCount()):
                add(where + ".header", header.text(column))
            for row in range(widget.topLevelItemCount()):
                item = widget.topLevelItem(row)
                for column in range(widget.columnCount()):
                    add(where + ".item", item.text(column))
        elif isinstance(widget, QMenu):
            add(where, widget.title())
        for action in QWidget.actions(widget):  # EditorView.actions is its shortcut table
            add(where + ".action", action.text())
            add(where + ".action.toolTip", action.toolTip() if action.toolTip() != action.text().replace("&", "")
                else "")
            if action.menu() is not None:
                for item in action.menu().actions():
                    add(where + ".menu", item.text())
    return found


def assert_chinese(texts: dict[str, str]) -> None:
    english = {where: words for where, text in texts.items() if (words := english_words(text))}
    assert not english, "English in the Chinese interface:\n" + "\n".join(f"{w} -> {e}" for w, e in english.items())


@pytest.fixture
def meetings(library):
    """An English meeting (its question label is "Question") with a flag of every kind."""
    english = library.create_meeting("英文會議", "2024-05-06", language="en")
    speaker = library.speaker(english.id, "唐鳳", is_default=True)
    reasons = [guards.flag_reason("Thanks for watching"), guards.over_silence(0.0, 2.0, []),
               guards.wrong_script("ありがとうございます", "en"), OVERLAP_FLAG,
               "speech with no text: listen and type what was said"]
    library.append_bullets(english.id, [
        Bullet(None, english.id, row, f"第 {row} 段", speaker_id=speaker.id, start=2.0 * row,
               end=2.0 * row + 2.0, flagged=True, flag_reason=reason)
        for row, reason in enumerate(reasons)
    ])
    library.create_meeting("中文會議", "2024-05-07", language="zh")
    return english.id


@pytest.fixture
def chinese_window(qtbot, library, meetings):
    language.set_language(language.CHINESE)
    window = MainWindow(library, use_audio_device=False)
    qtbot.addWidget(window)
    window.show()
    window.open_meeting(meetings)
    yield window
    for widget in QApplication.topLevelWidgets():
        if widget is not window and widget.isVisible():
            widget.close()
    window.close()


def test_the_walk_finds_english(qtbot):
    """The check itself: an English label is caught, names and quoted content are not."""
    label = QLabel("Speakers")
    qtbot.addWidget(label)
    assert english_words(label.text()) == ["Speakers"]
    assert english_words("發布時寫作「Question」，使用 large-v3 與 CUDA；Ctrl+F；2024-05-06-x.md") == []


def test_the_main_window_speaks_only_chinese(qtbot, chinese_window):
    view = chinese_window.editor_view
    texts = texts_of(chinese_window)
    model = view.bullet_list.bullet_model
    for row in range(model.rowCount()):
        texts[f"bullet {row} tooltip"] = model.index(row, 0).data(Qt.ToolTipRole) or ""
    view.next_flagged()
    texts["status after F3"] = view.status_label.text()
    assert [b.text() for b in view.speaker_panel.role_buttons] == ["提問"], "the Question role, in Chinese"
    assert view.speaker_panel.roles() == ["Question"], "and published as the meeting's label"
    view.help()
    view.find()
    texts.update(texts_of(view))
    assert len(texts) > 60
    assert_chinese(texts)


def test_every_dialog_speaks_only_chinese(qtbot, chinese_window, tmp_path):
    window = chinese_window
    window.open_settings()
    window.show_first_run()
    window.open_export()
    window.open_retranscribe()
    window.open_publish()
    window.show_recorder()
    window.import_files([str(tmp_path / "hearing.wav")])  # asks whose recording it is
    QApplication.processEvents()
    dialogs = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window]
    assert len(dialogs) >= 6
    texts = texts_of(window.recorder_panel)
    for dialog in dialogs:
        texts.update(texts_of(dialog))
    window.delete_open_meeting()  # the trash's banner, with its Restore button
    texts.update({f"trash banner: {k}": v for k, v in texts_of(window.banner).items()})
    assert any("垃圾桶" in text or "資源回收" in text for text in texts.values()), texts
    assert_chinese(texts)


def test_device_names_are_said_in_chinese(qtbot, chinese_window):
    chinese_window.show_recorder()
    panel = chinese_window.recorder_panel
    assert panel.device_label("default", "ALSA") == "系統預設（ALSA）"
    assert panel.device_label("HDA Intel PCH: ALC892 Analog (hw:0,0)", "ALSA") == (
        "HDA Intel PCH: ALC892 Analog (hw:0,0)（ALSA）"), "a sound card keeps its own name"


@pytest.mark.parametrize("opener", ["choose_files", "choose_archive", "choose_review_folder"])
def test_file_pickers_speak_chinese(qtbot, chinese_window, opener):
    seen: dict[str, str] = {}

    def read_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:  # not open yet
            QTimer.singleShot(50, read_and_close)
            return
        seen.update(texts_of(dialog))
        dialog.reject()

    QTimer.singleShot(50, read_and_close)
    getattr(chinese_window, opener)()
    assert any("尋找於" in text for text in seen.values()), seen
    assert_chinese(seen)
