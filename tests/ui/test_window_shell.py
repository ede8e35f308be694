"""The window shell: Meeting menu, Open archive, first start, layout, Qt's own texts."""

from __future__ import annotations

from publish_support import make_meeting
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from transcriber.ui import language
from transcriber.ui.app import create_main_window
from transcriber.ui.first_run_dialog import FirstRunDialog
from transcriber.ui.main_window import MainWindow


def new_window(qtbot, library) -> MainWindow:
    window = MainWindow(library, use_audio_device=False)
    qtbot.addWidget(window)
    window.show()
    return window


def button(box: QMessageBox, text: str):
    (found,) = [b for b in box.buttons() if b.text() == text]
    return found


def test_meeting_menu_waits_for_a_meeting_and_transcribing_twice_offers_retranscribe(qtbot, library, audio_dir):
    window = new_window(qtbot, library)
    assert not any(a.isEnabled() for a in window.meeting_actions), "nothing to act on yet"
    meeting_id = make_meeting(library, "會議", "2024-05-06", [("唐鳳", "大家好。")])
    library.add_recording(meeting_id, str(audio_dir / "zh-welcome.wav"), duration=5.5)
    window.library_view.refresh()
    window.open_meeting(meeting_id)
    assert all(a.isEnabled() for a in window.meeting_actions)
    assert [a.text() for a in window.meeting_actions] == [
        "Transcribe the recording", "Re-transcribe…", "Export…", "Send for review…", "Publish…",
        "Move to the trash"]

    window.transcribe_action.trigger()
    box = window.message_box
    assert box.isVisible() and "already has a transcript" in box.text()
    assert window.last_error is None, "a question, not 'something went wrong'"
    button(box, "Re-transcribe…").click()
    from transcriber.ui.retranscribe_dialog import RetranscribeDialog

    dialog = window.findChild(RetranscribeDialog)
    assert dialog is not None and dialog.isVisible()
    assert not window.transcriptions and len(library.bullets(meeting_id)) == 1
    dialog.reject()


def test_open_archive_asks_before_changing_where_meetings_are_published(qtbot, library, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    for folder in (first, second):
        folder.mkdir()
    window = new_window(qtbot, library)
    task = window.import_archive(str(first))
    qtbot.waitUntil(lambda: not task.is_running())
    assert window.settings.get("archive_path") == str(first), "no target yet: the archive opened is it"

    task = window.import_archive(str(second))
    qtbot.waitUntil(lambda: not task.is_running())
    box = window.message_box
    assert box.isVisible() and str(first) in box.text() and str(second) in box.text()
    button(box, "Keep the current archive").click()
    assert window.settings.get("archive_path") == str(first), "not changed silently"

    task = window.import_archive(str(second))
    qtbot.waitUntil(lambda: not task.is_running())
    button(window.message_box, "Publish here from now on").click()
    assert window.settings.get("archive_path") == str(second)


def test_empty_library_offers_import_and_record(qtbot, library):
    window = new_window(qtbot, library)
    view = window.library_view
    assert view.pages.currentWidget() is view.empty_page
    assert view.import_button.isVisible() and view.record_button.isVisible()
    assert not view.record_button.icon().isNull()
    # The window answers these with a file picker and the recorder (tested with a sound server).
    for signal, button in ((view.import_requested, view.import_button), (view.record_requested, view.record_button)):
        signal.disconnect()  # no file picker or audio device in this test
        with qtbot.waitSignal(signal, timeout=1000):
            qtbot.mouseClick(button, Qt.LeftButton)


def test_first_run_setup_sets_the_speaker_a_new_archive_licence_and_language(qtbot, library, tmp_path):
    window = new_window(qtbot, library)
    window.show_first_run()
    dialog = window.findChild(FirstRunDialog)
    assert dialog.isVisible()
    languages = []
    window.language_switch_requested.connect(lambda: languages.append(True))
    dialog.name_edit.setText("唐鳳")
    dialog.new_radio.setChecked(True)
    dialog.archive_edit.setText(str(tmp_path / "new-archive"))
    dialog.licence_box.setCurrentIndex(dialog.licence_box.findData("CC0-1.0"))
    dialog.language_box.setCurrentIndex(dialog.language_box.findData(language.CHINESE))
    qtbot.mouseClick(dialog.start_button, Qt.LeftButton)
    assert not dialog.isVisible(), dialog.result_label.text()
    settings = window.settings
    assert (settings.get("official_name"), settings.get("licence"), settings.get("ui_language")) == (
        "唐鳳", "CC0-1.0", language.CHINESE)
    assert settings.get("archive_path") == str(tmp_path / "new-archive")
    assert (tmp_path / "new-archive" / ".git").is_dir()
    from transcriber.archive.profile import load_profile

    assert load_profile(tmp_path / "new-archive").licence == "CC0-1.0"
    assert languages, "the window is rebuilt in the chosen language"
    assert settings.get("setup_done") == "1"


def test_first_run_can_be_skipped_and_is_not_asked_again(qtbot, library):
    window = create_main_window(library, use_audio_device=False)
    qtbot.addWidget(window)
    assert window.settings.get("setup_done") == ""
    window.show_first_run()
    dialog = window.findChild(FirstRunDialog)
    qtbot.mouseClick(dialog.skip_button, Qt.LeftButton)
    assert not dialog.isVisible() and window.settings.get("setup_done") == "1"
    assert window.settings.get("official_name") == ""


def test_window_size_and_splitter_are_remembered_and_long_titles_readable(qtbot, library):
    long_title = "二〇二四年數位發展部與民間團體關於開放政府國家行動方案第三期共同創作會議紀錄"
    meeting_id = make_meeting(library, long_title, "2024-05-06", [("唐鳳", "大家好。")])
    window = new_window(qtbot, library)
    window.resize(1024, 700)
    qtbot.wait(10)
    window.open_meeting(meeting_id)
    title_edit = window.editor_view.header.title_edit
    assert title_edit.cursorPosition() == 0, "the title field shows the start of the title"
    item = window.library_view.meeting_tree.topLevelItem(0)
    assert item.toolTip(1) == long_title
    assert window.library_view.meeting_tree.textElideMode() == Qt.ElideMiddle
    # The offscreen screen is 800 px wide: Qt fits a restored window to it, so the
    # layout to remember is made at the width it will come back at.
    window.resize(window.minimumSizeHint().width(), 650)
    window.splitter.setSizes([400, 500])
    qtbot.wait(10)
    sizes = window.splitter.sizes()
    window.close()

    again = new_window(qtbot, library)
    assert again.height() == 650 and again.width() < 1280, "not the 1280x800 of a new window"
    assert again.splitter.sizes() == sizes
    again.close()


def test_qt_dialogs_speak_chinese_in_the_chinese_interface(qtbot):
    try:
        language.set_language(language.CHINESE)
        box = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        qtbot.addWidget(box)
        texts = {box.button(QDialogButtonBox.Ok).text(), box.button(QDialogButtonBox.Cancel).text()}
        assert texts == {"確定", "取消"}, texts
    finally:
        language.set_language(language.ENGLISH)
    box = QDialogButtonBox(QDialogButtonBox.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.Cancel).text() == "Cancel"


def test_an_edit_menu_offers_the_editor_keys(qtbot, library):
    """Issue 17: there was no Edit menu; its entries act on the open meeting."""
    window = new_window(qtbot, library)
    names = [a.text() for a in window.menuBar().actions()]
    assert names[:3] == ["&File", "&Edit", "&Meeting"], names
    assert not any(a.isEnabled() for a in window.edit_actions)
    meeting_id = make_meeting(library, "會議", "2024-05-06", [("唐鳳", "大家好。"), ("唐鳳", "謝謝。")])
    window.open_meeting(meeting_id)
    undo = window.findChild(QAction, "edit_undo")
    assert undo.isEnabled() and undo.text() == "Undo\tCtrl+Z"
    window.editor_view.bullet_list.go_to_row(0)
    window.findChild(QAction, "edit_merge").trigger()
    assert [b.text for b in library.bullets(meeting_id)] == ["大家好。謝謝。"]
    undo.trigger()
    assert [b.text for b in library.bullets(meeting_id)] == ["大家好。", "謝謝。"]
