"""The instruction line: ask, see the change highlighted, Accept (Enter) / Discard (Esc), Undo;
errors leave the document as it was; a revision while a draft streams is refused."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from desktop.asr.base import Segment
from desktop.encounter import Encounter
from desktop.notes.fake import FakeNoteWriter
from desktop.ui.revision_preview import INSERTED, REMOVED

DOC = (
    "SUBJECTIVE:\nMr Smith, 54, has had chest pain for two days.\n\n"
    "PLAN:\nStart ramipril 5 mg daily. Refer to cardiology.\n"
)
SAID = [
    Segment(0, 3, "Patient: I have had chest pain for two days."),
    Segment(3, 6, "Doctor: I will start ramipril 5 mg daily and refer you to cardiology."),
]


def window_with_document(qtbot, make_window, writer):
    window = make_window(writer=writer)
    window.document_panel.ensure_current_editor()
    editor = window.documents.current()
    editor.setPlainText(DOC)
    window.transcript.add_committed(tuple(SAID))
    return window, editor


def ask(qtbot, window, instruction: str, signal_name: str = "ready"):
    bar = window.document_panel.instruction_bar
    bar.line.setText(instruction)
    with qtbot.waitSignal(getattr(window.controller.revisions, signal_name), timeout=10_000):
        qtbot.keyClick(bar.line, Qt.Key.Key_Return)
    return bar


def formats_in(editor) -> set[str]:
    found = set()
    cursor = QTextCursor(editor.document())
    for pos in range(1, len(editor.toPlainText()) + 1):
        cursor.setPosition(pos)
        color = cursor.charFormat().background().color().name()
        found.add(color)
    return found


def test_the_change_is_shown_then_accepted_with_enter_and_undone_in_one_step(
    qtbot, make_window
) -> None:
    writer = FakeNoteWriter(
        answers=["PLAN:\nStart ramipril 5 mg daily. Refer to cardiology urgently."]
    )
    window, editor = window_with_document(qtbot, make_window, writer)
    bar = ask(qtbot, window, "say urgently in the plan")
    assert bar.previewing and editor.isReadOnly()
    assert INSERTED in formats_in(editor)
    assert "urgently" in editor.toPlainText()
    assert window.controller.encounter.document("soap").text == DOC  # nothing saved yet
    qtbot.keyClick(bar.line, Qt.Key.Key_Return)
    assert not bar.previewing and not editor.isReadOnly()
    assert editor.toPlainText() == DOC.replace("cardiology.", "cardiology urgently.")
    assert window.controller.encounter.document("soap").text == editor.toPlainText()
    assert bar.evidence_for("soap") == ["say urgently in the plan"]
    editor.undo()
    assert editor.toPlainText() == DOC
    window.controller.encounter = Encounter()  # the next consultation: its own instructions
    assert bar.evidence_for("soap") == []


def test_escape_discards_and_nothing_changes(qtbot, make_window) -> None:
    writer = FakeNoteWriter(answers=["PLAN:\nRest."])
    window, editor = window_with_document(qtbot, make_window, writer)
    bar = ask(qtbot, window, "only rest in the plan")
    assert REMOVED in formats_in(editor)
    qtbot.keyClick(bar.line, Qt.Key.Key_Escape)
    assert editor.toPlainText() == DOC and not editor.isReadOnly()
    assert "unchanged" in bar.status.text()


def test_a_contradicted_dose_is_shown_red_with_the_consultation_words(qtbot, make_window) -> None:
    writer = FakeNoteWriter(answers=["PLAN:\nStart ramipril 50 mg daily. Refer to cardiology."])
    window, _editor = window_with_document(qtbot, make_window, writer)
    bar = ask(qtbot, window, "make the dose 50 mg")
    assert "Contradicts the consultation: “50 mg”" in bar.status.text()
    assert "ramipril 5 mg daily" in bar.status.text()


def test_unclear_instruction_and_backend_failure_leave_the_document(qtbot, make_window) -> None:
    writer = FakeNoteWriter(answers=["PLAN:\nStart ramipril and more words here"], fail_after=1)
    window, editor = window_with_document(qtbot, make_window, writer)
    bar = ask(qtbot, window, "ok", "failed")
    assert "does not say what to change" in bar.status.text()
    bar = ask(qtbot, window, "shorter plan", "failed")
    assert "cannot be reached" in bar.status.text() and "unchanged" in bar.status.text()
    assert editor.toPlainText() == DOC and not bar.previewing


def test_a_revision_while_a_draft_streams_is_refused(qtbot, make_window) -> None:
    window, _editor = window_with_document(qtbot, make_window, FakeNoteWriter())
    window.controller.encounter.segments.extend(SAID)
    window.controller.draft(window.document_panel.current_template(), note_language="en")
    assert window.controller.drafting
    bar = ask(qtbot, window, "shorter", "failed")
    assert "draft or another change is being written" in bar.status.text()


def test_ctrl_k_puts_the_cursor_in_the_line(qtbot, make_window) -> None:
    window, editor = window_with_document(qtbot, make_window, FakeNoteWriter())
    editor.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.document_panel.instruction_bar.line.hasFocus, timeout=2000)


def test_hold_to_speak_puts_the_words_in_the_line_and_sends_them(qtbot, make_window) -> None:
    window, _editor = window_with_document(qtbot, make_window, FakeNoteWriter())
    bar = window.document_panel.instruction_bar
    dictation = window.controller.dictation
    # The test's microphone is an 11 s file played at once: it ends before the button is let go.
    with qtbot.waitSignal(dictation.heard, timeout=30_000) as heard:
        qtbot.mousePress(bar.mic_button, Qt.MouseButton.LeftButton)
    qtbot.mouseRelease(bar.mic_button, Qt.MouseButton.LeftButton)
    assert heard.args[0] and bar.line.text() == heard.args[0]


def test_holding_f8_anywhere_in_the_window_dictates(qtbot, make_window) -> None:
    window, editor = window_with_document(qtbot, make_window, FakeNoteWriter())
    bar = window.document_panel.instruction_bar
    dictation = window.controller.dictation
    editor.setFocus()  # the doctor is in the document, not in the line
    with qtbot.waitSignal(dictation.heard, timeout=30_000) as heard:
        qtbot.keyPress(editor, Qt.Key.Key_F8)
    qtbot.keyRelease(editor, Qt.Key.Key_F8)
    assert heard.args[0] and bar.line.text() == heard.args[0]
    assert editor.toPlainText() == DOC  # the key typed nothing into the document


def test_letting_go_at_once_is_a_clear_message(qtbot, make_window) -> None:
    window, editor = window_with_document(qtbot, make_window, FakeNoteWriter())
    bar = window.document_panel.instruction_bar
    with qtbot.waitSignal(window.controller.dictation.failed, timeout=30_000):
        qtbot.mousePress(bar.mic_button, Qt.MouseButton.LeftButton)
        qtbot.mouseRelease(bar.mic_button, Qt.MouseButton.LeftButton)
    assert "hold the button while you speak" in bar.status.text()
    assert editor.toPlainText() == DOC


def test_dictation_is_refused_while_the_consultation_records(qtbot, make_window, data_dir) -> None:
    from desktop.audio.file_source import FileSource, read_audio
    from desktop.session.states import SessionState

    speech = read_audio(data_dir / "jfk_16k_mono.wav")
    window = make_window(open_source=lambda: FileSource(audio=speech, speed=1.0))  # real time
    controller = window.controller
    with qtbot.waitSignal(
        controller.state_changed,
        timeout=10_000,
        check_params_cb=lambda s: s == SessionState.RECORDING,
    ):
        controller.record()
    with qtbot.waitSignal(controller.dictation.failed, timeout=2000) as failed:
        controller.dictation.press()
    assert "recording the consultation" in str(failed.args[0])
    assert not controller.dictation.active
    with qtbot.waitSignal(controller.transcript_complete, timeout=30_000):
        controller.stop()
