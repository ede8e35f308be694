"""Help → About this computer shows the doctor report and copies it for a bug report."""

from __future__ import annotations

from gui_support import shown_window
from PySide6.QtGui import QGuiApplication


def test_about_this_computer_shows_the_report_and_copies_it(qtbot, library):
    window = shown_window(qtbot, library)
    action = window.findChild(type(window.menuBar().actions()[0]), "about_computer_action")
    assert action is not None and action.text().startswith("About this computer")
    dialog = window.show_about_computer()
    qtbot.waitUntil(lambda: dialog.copy_button.isEnabled(), timeout=120_000)
    report = dialog.report.toPlainText()
    assert "## GPU" in report and "## Models" in report
    assert f"Library                     {library.path}" in report
    assert "Library health" in report and "sound" in report
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == report
    dialog.close()
