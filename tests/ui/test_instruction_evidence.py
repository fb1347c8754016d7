"""The instructions the doctor accepted for a document are kept with it in the store: reopened
from the history (after a restart, say), what the doctor added by asking ("add that he does not
smoke") is still their own statement, which the bar hands the checks as evidence."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from desktop.asr.base import Segment
from desktop.asr.fake import FakeTranscriber
from desktop.audio.file_source import FileSource
from desktop.audio.recorder import WavRecorder
from desktop.encounter import Encounter
from desktop.notes.fake import FakeNoteWriter
from desktop.session.controller import Controller
from desktop.session.services import Services
from desktop.ui.main_window import MainWindow, WindowOptions
from tests.ui.conftest import TEMPLATES
from tests.unit.test_store_support import open_at

DOC = "SUBJECTIVE:\nChest pain for two days.\n\nPLAN:\nStart ramipril 5 mg daily.\n"
SAID = (Segment(0, 3, "I have had chest pain for two days."),)
ASKED = "add that he does not smoke"


def window_on(store, tmp_path: Path, qtbot) -> MainWindow:
    services = Services(
        load_transcriber=lambda progress: FakeTranscriber(),
        open_source=lambda: FileSource(audio=[], speed=0),
        open_recorder=lambda path: WavRecorder(path=path),
        make_writer=lambda: FakeNoteWriter(answers=["He does not smoke."]),
        audio_dir=tmp_path / "audio",
        store=store,
    )
    window = MainWindow(
        controller=Controller(services=services), templates=TEMPLATES, options=WindowOptions()
    )
    qtbot.addWidget(window)
    window.show()
    return window


def test_accepted_instructions_are_stored_and_come_back_with_the_document(qtbot, tmp_path):
    store = open_at(tmp_path).store
    window = window_on(store, tmp_path, qtbot)
    window.document_panel.ensure_current_editor()
    editor = window.documents.current()
    editor.setPlainText(DOC)
    window.transcript.add_committed(SAID)
    bar = window.document_panel.instruction_bar
    bar.line.setText(ASKED)
    with qtbot.waitSignal(window.controller.revisions.ready, timeout=10_000):
        qtbot.keyClick(bar.line, Qt.Key.Key_Return)
    qtbot.keyClick(bar.line, Qt.Key.Key_Return)  # accept
    assert "He does not smoke." in editor.toPlainText()
    encounter_id = window.controller.encounter.id
    template_id = editor.template_id
    stored = store.load(encounter_id).documents[template_id]
    assert stored.instructions == [ASKED] and "He does not smoke." in stored.text

    window.controller.encounter = Encounter()  # another consultation in between
    assert bar.evidence_for(template_id) == []
    with qtbot.waitSignal(window.controller.encounter_opened, timeout=10_000):
        window.controller.open_encounter(encounter_id)
    assert bar.evidence_for(template_id) == [ASKED]
    reopened = window.controller.encounter.documents[template_id]
    assert reopened.instructions == [ASKED]
