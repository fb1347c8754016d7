"""Issue 6: documents as tabs, copy of one section, autosave that survives a restart, shortcuts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextCursor

from desktop.app import App
from desktop.session.states import SessionState
from desktop.ui.main_window import WindowOptions
from tests.support.memory_keyring import MemoryKeyring

NOTE = "## Subjective\nDry cough for three days.\n\n## Plan\n- **Rest** for two days\n- Fluids\n"


def test_each_tab_keeps_its_own_text(qtbot, make_window):
    window = make_window()
    soap = window.documents.current()
    soap.setPlainText("SOAP text")
    window.template_combo.setCurrentIndex(window.template_combo.findData("letter"))
    letter = window.documents.current()
    assert letter is not soap and letter.template_id == "letter"
    letter.setPlainText("Dear colleague")
    window.template_combo.setCurrentIndex(window.template_combo.findData("soap"))
    assert window.documents.current().toPlainText() == "SOAP text"
    assert window.documents.editors()["letter"].toPlainText() == "Dear colleague"
    assert window.documents.tabs.count() == 2


def test_copy_one_section_puts_both_formats_on_the_clipboard(qtbot, make_window):
    window = make_window(options=WindowOptions(caps_headings=True))
    editor = window.documents.current()
    editor.setPlainText(NOTE)
    cursor = editor.textCursor()
    cursor.setPosition(NOTE.index("Fluids"))
    editor.setTextCursor(cursor)
    editor.copy_section()  # what the context menu's "Copy this section" does
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.text() == "PLAN\n- Rest for two days\n- Fluids\n"
    assert "<h3>Plan</h3>" in mime.html() and "Subjective" not in mime.html()


def test_the_clipboard_is_cleared_after_the_chosen_delay(qtbot, make_window):
    window = make_window(options=WindowOptions(clear_clipboard_after_s=1))
    window.documents.current().setPlainText(NOTE)
    window.copy_all()
    assert "Dry cough" in QGuiApplication.clipboard().text()
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "", timeout=3000)


def test_keyboard_record_stop_and_find(qtbot, make_window):
    window = make_window()
    with qtbot.waitSignal(window.controller.encounter_started, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert window.controller.state in (
        SessionState.PREPARING,
        SessionState.RECORDING,
        SessionState.IDLE,
    )  # the clip is short
    qtbot.waitUntil(lambda: window.controller.state == SessionState.IDLE, timeout=60_000)
    assert window.transcript.committed_text()
    window.documents.current().setPlainText(NOTE)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.documents.find_bar.isVisible()
    window.documents.find_bar.field.setText("Fluids")
    assert window.documents.find_bar.find_next()
    assert window.documents.current().textCursor().selectedText() == "Fluids"


def test_edits_survive_a_restart(qapp, qtbot, paths):
    from desktop.secrets import Secrets

    secrets = Secrets(keyring_backend=MemoryKeyring(), environ={})
    first = App(paths=paths, secrets=secrets, qt_app=qapp)
    qtbot.addWidget(first.window)
    editor = first.window.documents.current()
    editor.setPlainText(NOTE)
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText("Edited by the doctor.")
    encounter_id = first.controller.encounter.id
    qtbot.waitUntil(lambda: not first.controller.has_unsaved_edits, timeout=5000)  # autosaved
    first.controller.shutdown()
    first.store.close()

    second = App(paths=paths, secrets=secrets, qt_app=qapp)
    qtbot.addWidget(second.window)
    second.controller.open_encounter(encounter_id)
    text = second.window.documents.current().toPlainText()
    assert text.endswith("Edited by the doctor.")
    assert [s.id for s in second.store.list_recent()] == [encounter_id]
