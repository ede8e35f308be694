"""The import queue: many files dropped at once, each with its own live row, the list kept current."""

from __future__ import annotations

import shutil

from gui_support import shown_window
from PySide6.QtCore import QCoreApplication, Qt
from test_gui_workflow import MODEL_TIMEOUT_MS, drop_files

from transcriber.ui import language
from transcriber.ui.batch_import import BatchFile
from transcriber.ui.language import plural


def test_many_files_go_to_the_batch_engine_each_row_its_own(
        qtbot, library, audio_dir, base_model_path, tmp_path):
    """Three files dropped: the batch engine takes them (worker processes), one row each;
    Cancel on the running one withdraws it (nothing of it stored), the others go on; a
    copy of a file already dropped is skipped, said quietly."""
    from transcriber.asr import engine

    engine.get_engine.cache_clear()
    engine.load_model.cache_clear()
    window = shown_window(qtbot, library, model=str(base_model_path), asr_language="zh")
    messages = []
    window.statusBar().messageChanged.connect(messages.append)
    copy = tmp_path / "welcome again.wav"
    shutil.copy(audio_dir / "zh-welcome.wav", copy)

    drop_files(window.library_view, [audio_dir / "zh-welcome.wav", audio_dir / "multilingual-60s.mp3",
                                     copy])
    short, long, again = window.import_queue.rows
    assert [r.name_label.text() for r in (short, long, again)] == [
        "zh-welcome.wav", "multilingual-60s.mp3", "welcome again.wav"]
    assert all(isinstance(r.task, BatchFile) for r in (short, long, again))
    said = []
    short.task.note.connect(said.append)
    # The copy is known by its content before any decoding: skipped, no error dialog.
    qtbot.waitUntil(lambda: again not in window.import_queue.rows, timeout=60_000)
    assert "welcome again.wav: not transcribed (the same content as another file dropped)." in messages
    # Longest first: the 60-second file is decoded, its bar measuring real progress.
    qtbot.waitUntil(lambda: long.measuring, timeout=MODEL_TIMEOUT_MS)
    assert short in window.import_queue.rows and short.cancel_button.isEnabled()
    # Before its worker starts a row says what it waits for, not a bare "Waiting…".
    assert said[-1] == "In line for a transcription worker…"

    # Two more dropped meanwhile: a second batch, in line behind the first, not refused.
    drop_files(window.library_view, [audio_dir / "zh-news-5s.wav", audio_dir / "zh-news-8s.wav"])
    assert len(window.import_queue.rows) == 4

    qtbot.mouseClick(long.cancel_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not window.transcriptions, timeout=MODEL_TIMEOUT_MS)
    assert not window.import_queue.isVisible()
    assert "multilingual-60s.mp3: not transcribed (cancelled)." in messages
    assert "Transcription finished: 1 bullet." in messages
    assert not getattr(window, "last_error", None), "no error dialog"
    tree = window.library_view.meeting_tree
    titles = {tree.topLevelItem(i).text(1): tree.topLevelItem(i).text(2) for i in range(tree.topLevelItemCount())}
    assert titles == {"zh-welcome": "draft", "zh-news-5s": "draft", "zh-news-8s": "draft"}, \
        "the withdrawn file left nothing behind"
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
