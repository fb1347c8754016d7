"""The controller's past-encounter paths (desktop.session.encounter_history through the Controller):
recovering an interrupted encounter, reopening one (edits saved first), deleting the current one,
and retention running in the background without an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.asr.base import Segment
from desktop.asr.fake import FakeTranscriber
from desktop.audio.file_source import FileSource
from desktop.audio.recorder import WavRecorder
from desktop.errors import ScribeError
from desktop.notes.fake import FakeNoteWriter
from desktop.session.controller import Controller
from desktop.session.services import Services
from desktop.session.states import SessionState
from desktop.store import EncounterStore
from desktop.store.retention import RetentionPolicy
from tests.support.audio import beats
from tests.unit.test_store_support import T0, open_at


@pytest.fixture
def store(tmp_path: Path) -> EncounterStore:
    """An encounter the app died in the middle of: 10 s transcribed out of 20 s of audio."""
    store = open_at(tmp_path).store
    assert store is not None
    path = store.audio_path_for("e1")
    store.create(encounter_id="e1", started_at=T0, language="", audio_path=path)
    store.open_recorder(path).write(beats(20))  # never closed
    store.append_segments("e1", [Segment(float(s), s + 0.5, f"w{s}") for s in range(10)])
    store.mark_transcribed("e1", 10.0)
    store.save_document("e1", "soap", "draft as autosaved")
    return store


@pytest.fixture
def controller(qtbot, tmp_path: Path, store: EncounterStore) -> Controller:
    services = Services(
        load_transcriber=lambda progress: FakeTranscriber(),
        open_source=lambda: FileSource(audio=beats(1), speed=0),
        open_recorder=lambda path: WavRecorder(path=path),
        make_writer=FakeNoteWriter,
        audio_dir=tmp_path / "audio",
        store=store,
        retention=RetentionPolicy(),
    )
    controller = Controller(services=services)
    yield controller
    controller.shutdown()


def test_recover_reopen_and_delete_through_the_controller(qtbot, controller, store):
    states: list[str] = []
    errors: list[object] = []
    controller.state_changed.connect(states.append)
    controller.error.connect(errors.append)

    with qtbot.waitSignal(controller.encounter_opened, timeout=10_000):
        controller.recover("e1")  # loads the speech model first
    assert SessionState.RECOVERING in states and controller.state == SessionState.IDLE
    assert controller.encounter.id == "e1" and controller.encounter.complete
    assert controller.encounter.documents["soap"].text == "draft as autosaved"

    controller.update_document("soap", "edited by the doctor")
    with qtbot.waitSignal(controller.encounter_opened, timeout=5000):
        controller.open_encounter("e1")  # the edit is saved before the encounter is reloaded
    assert controller.encounter.documents["soap"].text == "edited by the doctor"

    with qtbot.waitSignal(controller.encounter_opened, timeout=5000) as opened:
        controller.delete_encounter("e1")
    assert opened.args[0].id != "e1" and controller.encounter is opened.args[0]
    with pytest.raises(ScribeError):
        store.load("e1")
    assert errors == []


def test_retention_runs_in_the_background_without_an_error(qtbot, controller):
    errors: list[object] = []
    controller.error.connect(errors.append)
    controller.apply_retention()
    qtbot.waitUntil(lambda: not controller.background_work(), timeout=5000)
    assert errors == []
