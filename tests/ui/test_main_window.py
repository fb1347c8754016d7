"""The main window driven as a doctor would, with fake speech and note backends."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from desktop.asr.base import Segment
from desktop.notes.base import AuthenticationFailed, DraftRequest
from desktop.notes.fake import FakeNoteWriter
from desktop.session.states import SessionState
from desktop.ui.main_window import WindowOptions


def record_whole_clip(qtbot, window) -> None:
    with qtbot.waitSignal(window.controller.transcript_complete, timeout=60_000):
        qtbot.mouseClick(window.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.controller.state == SessionState.IDLE)


def test_window_has_the_controls_a_doctor_needs(make_window):
    window = make_window()
    assert window.windowTitle() == "Scribe"
    for button in (window.record_button, window.stop_button, window.draft_button):
        assert button.isVisible()
    assert window.copy_button.isVisible()
    assert window.template_combo.count() == 2
    assert window.record_button.isEnabled() and not window.stop_button.isEnabled()
    assert "Ctrl+R" in window.record_button.toolTip()


def test_recording_fills_the_transcript(qtbot, make_window):
    window = make_window()
    record_whole_clip(qtbot, window)
    text = window.transcript.committed_text()
    assert len(text.split()) >= 5  # the fake turns each voiced half-second into a word
    assert window.transcript.tentative_text() == ""
    assert window.controller.encounter.complete
    assert window.controller.encounter.transcript_text == text
    audio_files = list(window.controller.audio_dir.glob("*.wav"))
    assert len(audio_files) == 1 and audio_files[0].stat().st_size > 300_000  # 11 s kept


def test_draft_streams_into_the_editor(qtbot, make_window):
    writer = FakeNoteWriter()
    window = make_window(writer=writer)
    record_whole_clip(qtbot, window)
    chunks: list[str] = []
    window.controller.draft_chunk.connect(lambda _tid, text: chunks.append(text))
    with qtbot.waitSignal(window.controller.draft_finished, timeout=10_000) as finished:
        qtbot.mouseClick(window.draft_button, Qt.MouseButton.LeftButton)
    assert finished.args == ["soap", True]
    editor = window.documents.current()
    request: DraftRequest = writer.requests[0]
    assert request.transcript == window.transcript.committed_text()
    # as drafted, less the title line nobody asked for ("SOAP note"): the editor drops it
    drafted = writer.draft_text(request)
    assert drafted.startswith("SOAP note\n\nSummary:")
    assert editor.toPlainText() == drafted.removeprefix("SOAP note\n\n")
    assert len(chunks) > 3  # it streamed, in pieces
    assert window.draft_button.text() == "Regenerate"


def test_regenerate_keeps_the_previous_draft_in_undo(qtbot, make_window):
    window = make_window()
    record_whole_clip(qtbot, window)
    with qtbot.waitSignal(window.controller.draft_finished, timeout=10_000):
        window.draft_action.trigger()
    editor = window.documents.current()
    editor.append_stream("\nEdited by the doctor.")
    first = editor.toPlainText()
    with qtbot.waitSignal(window.controller.draft_finished, timeout=10_000):
        window.draft_action.trigger()
    assert editor.toPlainText() != first
    editor.undo()
    assert editor.toPlainText() == first


def test_copy_puts_plain_text_and_html_on_the_clipboard(qtbot, make_window):
    window = make_window(options=WindowOptions(caps_headings=True))
    record_whole_clip(qtbot, window)
    with qtbot.waitSignal(window.controller.draft_finished, timeout=10_000):
        window.draft_action.trigger()
    editor = window.documents.current()
    editor.setPlainText("## Plan\n- **rest** for two days\n")
    window.copy_button.click()
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.text() == "PLAN\n- rest for two days\n"
    assert "<h3>Plan</h3>" in mime.html() and "<li><b>rest</b> for two days</li>" in mime.html()
    assert window.controller.encounter.documents["soap"].copied_at is not None
    assert window.copy_button.text() == "Copied ✓"


def test_shortcuts_trigger_draft_and_copy(qtbot, make_window):
    window = make_window()
    record_whole_clip(qtbot, window)
    with qtbot.waitSignal(window.controller.draft_finished, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(
        window,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert QGuiApplication.clipboard().text().startswith("Summary:")


class FailingWriter(FakeNoteWriter):
    def stream(self, request, cancel=None):
        yield "Subjective: cough"
        raise AuthenticationFailed("The note server refused the API key (HTTP 401).")


def test_a_backend_error_is_one_clear_message_and_keeps_everything(qtbot, make_window):
    window = make_window(writer=FailingWriter())
    record_whole_clip(qtbot, window)
    transcript = window.transcript.committed_text()
    with qtbot.waitSignal(window.controller.draft_finished, timeout=10_000) as finished:
        window.draft_action.trigger()
    assert finished.args == ["soap", False]
    assert "refused the API key" in window.message_bar.text()
    assert "HTTP 401" in window.message_bar.label.toolTip()
    assert window.documents.current().toPlainText() == "Subjective: cough"  # partial kept
    assert window.transcript.committed_text() == transcript
    assert window.draft_button.isEnabled()  # the doctor can retry


def test_drafting_with_no_transcript_says_so(qtbot, make_window):
    window = make_window()
    with qtbot.waitSignal(window.controller.draft_finished, timeout=10_000):
        window.draft_action.trigger()
    assert "nothing to draft from" in window.message_bar.text()


def test_checks_link_sentences_to_the_transcript_and_flag_doses(qtbot, make_window):
    window = make_window()
    window.transcript.add_committed(
        (
            Segment(0.0, 3.0, "I have had a dry cough for three days."),
            Segment(3.0, 6.0, "I take amoxicillin 500 mg three times a day."),
            Segment(6.0, 9.0, "I am allergic to penicillin? No, no allergies."),
        )
    )
    editor = window.documents.current()
    editor.setPlainText(
        "SUBJECTIVE:\nDry cough for three days.\nTakes amoxicillin 250 mg three times a day.\n"
    )
    window.checks.run()
    kinds = {f.kind for f in editor.highlighter.flags()}
    assert "number" in kinds  # 250 mg written, 500 mg said
    assert "to check" in window.checks.status_label.text()
    cursor = editor.textCursor()
    cursor.setPosition(editor.toPlainText().index("Dry cough") + 2)
    editor.setTextCursor(cursor)  # the doctor clicks the sentence: its evidence lights up
    assert window.transcript.highlighted_segments() == [0]


def test_an_omission_is_one_click_from_the_note(qtbot, make_window):
    window = make_window()
    window.transcript.add_committed(
        (
            Segment(0.0, 3.0, "You have a sore throat, so rest and drink plenty."),
            Segment(3.0, 6.0, "I am prescribing ibuprofen 400 mg three times a day."),
        )
    )
    editor = window.documents.current()
    editor.setPlainText("ASSESSMENT:\nSore throat.\n")
    window.checks.run()
    rows = window.checks.omissions.rows()
    assert any("ibuprofen" in row.flag.text.lower() for row in rows)
    row = next(r for r in rows if "ibuprofen" in r.flag.text.lower())
    window.checks.omissions.insert_requested.emit(row.flag)
    assert "ibuprofen" in editor.toPlainText().lower()


def test_recording_shows_only_once_audio_flows(qtbot, make_window):
    states: list[str] = []
    window = make_window()
    window.controller.state_changed.connect(states.append)
    record_whole_clip(qtbot, window)
    # Getting ready (model, device) -> recording (the first audio arrived) -> catching up -> idle
    assert states[0] == "preparing" and "recording" in states and states[-1] == "idle"
    assert states.index("recording") > states.index("preparing")
