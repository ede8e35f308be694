"""The import queue: two files dropped at once, each with its own live row, the list kept current."""

from __future__ import annotations

from gui_support import shown_window
from PySide6.QtCore import QCoreApplication, Qt
from test_gui_workflow import MODEL_TIMEOUT_MS, drop_files

from transcriber.ui import language
from transcriber.ui.language import plural


def test_two_files_each_keep_their_own_progress_and_cancel(qtbot, library, audio_dir, base_model_path):
    from transcriber.asr import engine

    engine.get_engine.cache_clear()  # a cold start, as the first import of the day
    engine.load_model.cache_clear()
    window = shown_window(qtbot, library, model=str(base_model_path), asr_language="zh")
    messages = []
    window.statusBar().messageChanged.connect(messages.append)  # the editor says things there too

    drop_files(window.library_view, [audio_dir / "zh-welcome.wav", audio_dir / "multilingual-60s.mp3"])
    short, long = window.import_queue.rows
    assert [r.name_label.text() for r in (short, long)] == ["zh-welcome.wav", "multilingual-60s.mp3"]
    seen = {row: [] for row in (short, long)}
    for row in (short, long):
        row.task.stage.connect(lambda _n, row=row: seen[row].append((row.bar.maximum(), row.label.text())))
    # Model loading is said in words with a busy bar, not shown as a bar stuck at 0 %.
    qtbot.waitUntil(lambda: all(seen.values()), timeout=MODEL_TIMEOUT_MS)
    assert seen[short][0] == (0, "Loading the speech model (the first time can take a minute)…")

    # Both rows measure real progress while both files are decoded.
    qtbot.waitUntil(lambda: short.measuring or not window.import_queue.rows, timeout=MODEL_TIMEOUT_MS)
    qtbot.waitUntil(lambda: short not in window.import_queue.rows, timeout=MODEL_TIMEOUT_MS)
    # The first is done: the second keeps its row, bar and Cancel button.
    assert window.import_queue.rows == [long] and window.import_queue.isVisible()
    assert long.isVisible() and long.cancel_button.isEnabled()
    assert "Transcription finished: 1 bullet." in messages
    tree = window.library_view.meeting_tree
    titles = {tree.topLevelItem(i).text(1): tree.topLevelItem(i).text(2) for i in range(tree.topLevelItemCount())}
    assert titles.get("zh-welcome") == "draft", "listed as finished without any click"

    qtbot.mouseClick(long.cancel_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not window.transcriptions, timeout=60_000)
    assert not window.import_queue.isVisible()
    titles = {tree.topLevelItem(i).text(1): tree.topLevelItem(i).text(2) for i in range(tree.topLevelItemCount())}
    assert titles == {"zh-welcome": "draft", "multilingual-60s": "incomplete"}
    window.close()


def test_counts_read_right_in_both_languages():
    def finished(count: int) -> str:
        return plural(count, QCoreApplication.translate("MainWindow", "Transcription finished: {count} bullet."),
                      QCoreApplication.translate("MainWindow", "Transcription finished: {count} bullets.")).format(count=count)

    assert finished(1) == "Transcription finished: 1 bullet."
    assert finished(2) == "Transcription finished: 2 bullets."
    language.set_language(language.CHINESE)
    assert finished(1) == "轉寫完成：1 段。"
    imported = plural(3, QCoreApplication.translate("MainWindow", "Imported {count} meeting from the archive."),
                      QCoreApplication.translate("MainWindow", "Imported {count} meetings from the archive."))
    assert imported.format(count=3) == "已從逐字稿庫匯入 3 場會議。"
