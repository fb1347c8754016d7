"""Repair before display through the Controller and the window (issue 25): the doctor sees the
draft stream, then "checking…" while the repairs land; the history keeps the unrepaired first
draft; the setting turns it off; a backend failure during the repair keeps the first draft and
says so. Real SQLite store, fake note writer."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.asr.base import Segment
from desktop.asr.fake import FakeTranscriber
from desktop.audio.file_source import FileSource
from desktop.audio.recorder import WavRecorder
from desktop.notes.base import RepairFailed, Template
from desktop.notes.fake import FakeNoteWriter
from desktop.progress import CHECKING_DRAFT
from desktop.session.controller import Controller
from desktop.session.services import Services
from desktop.store import EncounterStore
from tests.support.audio import beats
from tests.unit.test_store_support import open_at

SOAP = Template(id="soap", language="en", title="SOAP note", kind="note", instructions="SOAP.")
SAID = ["Doctor: hello.", "Patient: I have a headache since two days."]
DRAFT = (
    "SUBJECTIVE:\nThe patient reports a headache for two days.\n\n"
    "OBJECTIVE:\nBlood pressure 120/80 mmHg, heart rate 75 bpm, temperature 37.2 °C.\n"
)


@pytest.fixture
def store(tmp_path: Path) -> EncounterStore:
    store = open_at(tmp_path).store
    assert store is not None
    return store


def controller_with(qtbot, tmp_path, store, writer, *, repair: bool = True) -> Controller:
    services = Services(
        load_transcriber=lambda progress: FakeTranscriber(),
        open_source=lambda: FileSource(audio=beats(1), speed=0),
        open_recorder=lambda path: WavRecorder(path=path),
        make_writer=lambda: writer,
        audio_dir=tmp_path / "audio",
        store=store,
        repair_drafts=repair,
    )
    controller = Controller(services=services)
    controller.encounter.commit([Segment(float(i), i + 1.0, t) for i, t in enumerate(SAID)])
    return controller


def draft(qtbot, controller: Controller) -> bool:
    with qtbot.waitSignal(controller.draft_finished, timeout=10_000) as finished:
        controller.draft(SOAP, note_language="en")
    return bool(finished.args[1])


def test_the_history_keeps_the_first_draft_and_the_repaired_one_is_shown(qtbot, tmp_path, store):
    controller = controller_with(qtbot, tmp_path, store, FakeNoteWriter(answers=[DRAFT]))
    replaced: list[str] = []
    stages: list[str] = []
    controller.draft_replaced.connect(lambda _id, text: replaced.append(text))
    controller.progress.connect(lambda p: stages.append(p.stage) if p else None)
    assert draft(qtbot, controller)
    text = controller.encounter.documents["soap"].text
    assert "120/80" not in text and "OBJECTIVE:\nNot discussed." in text
    assert replaced and replaced[-1] == text and CHECKING_DRAFT in stages
    versions = store.versions(controller.encounter.id, "soap")
    assert len(versions) == 2
    assert "120/80" in versions[0].text and versions[-1].text == text
    controller.shutdown()


def test_the_setting_off_shows_the_draft_as_written(qtbot, tmp_path, store):
    writer = FakeNoteWriter(answers=[DRAFT])
    controller = controller_with(qtbot, tmp_path, store, writer, repair=False)
    assert draft(qtbot, controller)
    assert "120/80" in controller.encounter.documents["soap"].text
    assert len(store.versions(controller.encounter.id, "soap")) == 1
    assert len(writer.requests) == 1
    controller.shutdown()


def test_a_backend_failure_during_repair_keeps_the_first_draft_and_says_so(qtbot, tmp_path, store):
    draft_text = DRAFT + "\nPLAN:\nIbuprofen 800 mg for the headache.\n"
    writer = FakeNoteWriter(answers=[draft_text], fail_from=2)
    controller = controller_with(qtbot, tmp_path, store, writer)
    errors: list[object] = []
    controller.error.connect(errors.append)
    assert draft(qtbot, controller)
    assert [type(e) for e in errors] == [RepairFailed]
    assert "stopped answering" in str(errors[0])
    text = controller.encounter.documents["soap"].text
    assert "120/80" in text and "Ibuprofen 800 mg" in text  # the first draft, whole
    assert store.versions(controller.encounter.id, "soap")[-1].text == text
    controller.shutdown()


def test_the_window_says_checking_then_shows_the_repaired_draft(qtbot, make_window):
    window = make_window(writer=FakeNoteWriter(answers=[DRAFT]))
    controller = window.controller
    controller.encounter.commit([Segment(float(i), i + 1.0, t) for i, t in enumerate(SAID)])
    window.transcript.add_committed(tuple(controller.encounter.segments))
    seen: list[bool] = []

    def on_progress(progress: object) -> None:
        if getattr(progress, "stage", "") == CHECKING_DRAFT:
            seen.append(window.document_panel.checking_label.isVisible())

    controller.progress.connect(on_progress)
    with qtbot.waitSignal(controller.draft_finished, timeout=10_000):
        window.document_panel.draft_button.click()
    assert seen and all(seen)  # "checking…" in the document panel while repairs land
    assert not window.document_panel.checking_label.isVisible()
    editor = window.documents.current()
    assert "Not discussed." in editor.toPlainText() and "120/80" not in editor.toPlainText()
    assert not editor.isReadOnly()


def test_the_nothing_clinical_document_is_not_underlined(qtbot, make_window):
    """The software's own words ("Nothing clinical was said…") were underlined amber as
    unsupported: the checks leave that document alone."""
    window = make_window(writer=FakeNoteWriter(answers=[DRAFT]))
    controller = window.controller
    speech = ["And so my fellow Americans, ask not what your country can do for you."]
    controller.encounter.commit([Segment(0.0, 4.0, speech[0])])
    window.transcript.add_committed(tuple(controller.encounter.segments))
    with qtbot.waitSignal(controller.draft_finished, timeout=10_000):
        window.document_panel.draft_button.click()
    editor = window.documents.current()
    assert "Nothing clinical was said" in editor.toPlainText()
    window.document_panel.checks.run()
    assert editor.report is None
    assert window.document_panel.checks.status_label.text() == ""
