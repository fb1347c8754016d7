"""The second pass through the Controller: what it settles replaces the live text in the encounter,
the store and the window; Draft on Stop drafts from it; a history re-draft reads it back; and a
second pass that cannot start leaves the live text and the visit as they were.

The fake model answers the second pass's decodes (full window, beam 5, VAD) with other words
than the live finals (short window), so the test can tell whose text it sees."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt

from desktop.asr.base import DecodeOptions, ModelUnavailable, Segment, Transcript
from desktop.asr.fake import FakeTranscriber
from desktop.audio.file_source import read_audio
from desktop.audio.recorder import WavRecorder
from desktop.notes.fake import FakeNoteWriter
from desktop.pcm import Audio
from desktop.session.controller import Controller
from desktop.session.services import Services
from desktop.session.states import SessionState
from desktop.ui.main_window import MainWindow, WindowOptions
from tests.ui.conftest import TEMPLATES
from tests.ui.test_draft_on_stop import HeldSource
from tests.unit.test_store_support import open_at


class TwoTierFake(FakeTranscriber):
    """Live finals as the fake makes them; a full-window decode says "headache" for each word
    (a clinical word: a transcript with nothing clinical in it is not sent to the model)."""

    def __init__(self, *, copy_fails: bool = False) -> None:
        super().__init__()
        self.copy_fails = copy_fails
        self.copies: list[TwoTierFake] = []

    def transcribe(self, audio: Audio, options: DecodeOptions) -> Transcript:
        result = super().transcribe(audio, options)
        if options.quick_window:
            return result
        return Transcript(
            tuple(Segment(s.start, s.end, "headache") for s in result.segments), result.language
        )

    def background_copy(self) -> TwoTierFake:
        if self.copy_fails:
            raise ModelUnavailable("The speech model could not be loaded again.")
        copy = TwoTierFake()
        self.copies.append(copy)
        return copy


def build(
    qtbot,
    tmp_path: Path,
    data_dir: Path,
    model: TwoTierFake,
    writer: FakeNoteWriter,
    *,
    second_pass: bool = True,
    times: int = 1,
):
    store = open_at(tmp_path).store
    speech = np.concatenate([read_audio(data_dir / "jfk_16k_mono.wav")] * times)
    services = Services(
        load_transcriber=lambda progress: model,
        open_source=lambda: HeldSource(speech),
        open_recorder=lambda path: WavRecorder(path=path),
        make_writer=lambda: writer,
        audio_dir=tmp_path / "audio",
        store=store,
        second_pass=second_pass,
    )
    controller = Controller(services=services)
    window = MainWindow(controller=controller, templates=TEMPLATES, options=WindowOptions())
    qtbot.addWidget(window)
    window.show()
    return window, store


def record_then_stop(qtbot, window) -> None:
    qtbot.mouseClick(window.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.controller.state == SessionState.RECORDING, timeout=10_000)
    qtbot.waitUntil(lambda: len(window.transcript.committed_text().split()) >= 5, timeout=60_000)
    with qtbot.waitSignal(window.controller.draft_finished, timeout=60_000):
        qtbot.mouseClick(window.stop_button, Qt.MouseButton.LeftButton)


def test_the_settled_text_is_what_is_shown_stored_and_drafted(qtbot, tmp_path, data_dir):
    model, writer = TwoTierFake(), FakeNoteWriter()
    window, store = build(qtbot, tmp_path, data_dir, model, writer)
    settled: list[object] = []
    window.controller.settled.connect(settled.append)
    record_then_stop(qtbot, window)
    assert settled and len(model.copies) == 1  # the pass ran, on its own copy of the model
    encounter = window.controller.encounter
    words = encounter.transcript_text.split()
    assert words and set(words) == {"headache"}  # every stretch settled by Stop
    assert window.transcript.committed_text() == encounter.transcript_text
    assert writer.requests[0].transcript == encounter.transcript_text  # drafted from it
    stored = store.load(encounter.id)
    assert stored.transcript_text == encounter.transcript_text
    assert [s.start for s in stored.segments] == sorted(s.start for s in stored.segments)
    # A past consultation re-drafted from the history uses the settled text too.
    with qtbot.waitSignal(window.controller.encounter_opened, timeout=10_000):
        window.controller.open_encounter(encounter.id)
    with qtbot.waitSignal(window.controller.draft_finished, timeout=10_000):
        qtbot.mouseClick(window.draft_button, Qt.MouseButton.LeftButton)
    assert set(writer.requests[-1].transcript.split()) == {"headache"}


def test_a_second_pass_that_cannot_start_keeps_the_live_text(qtbot, tmp_path, data_dir):
    model, writer = TwoTierFake(copy_fails=True), FakeNoteWriter()
    window, store = build(qtbot, tmp_path, data_dir, model, writer)
    errors: list[object] = []
    window.controller.error.connect(errors.append)
    record_then_stop(qtbot, window)
    encounter = window.controller.encounter
    assert encounter.complete and errors == []  # nothing for the doctor to read about
    assert "headache" not in encounter.transcript_text and len(encounter.transcript_text) > 10
    assert writer.requests[0].transcript == encounter.transcript_text
    assert store.load(encounter.id).transcript_text == encounter.transcript_text


def test_with_the_second_pass_off_nothing_is_copied(qtbot, tmp_path, data_dir):
    model, writer = TwoTierFake(), FakeNoteWriter()
    window, _store = build(qtbot, tmp_path, data_dir, model, writer, second_pass=False)
    record_then_stop(qtbot, window)
    assert model.copies == [] and "headache" not in window.controller.encounter.transcript_text


def test_the_second_pass_goes_on_while_paused_and_all_is_settled_at_stop(qtbot, tmp_path, data_dir):
    model, writer = TwoTierFake(), FakeNoteWriter()
    window, _store = build(qtbot, tmp_path, data_dir, model, writer, times=2)
    settled: list[object] = []
    window.controller.settled.connect(settled.append)
    qtbot.mouseClick(window.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.controller.state == SessionState.RECORDING, timeout=10_000)
    qtbot.waitUntil(lambda: window.controller.encounter.duration_s > 20, timeout=60_000)
    qtbot.mouseClick(window.pause_button, Qt.MouseButton.LeftButton)
    assert window.controller.state == SessionState.PAUSED
    qtbot.waitUntil(lambda: bool(settled), timeout=60_000)  # settling during the pause
    assert "headache" in window.transcript.committed_text()
    qtbot.mouseClick(window.pause_button, Qt.MouseButton.LeftButton)
    assert window.controller.state == SessionState.RECORDING
    with qtbot.waitSignal(window.controller.draft_finished, timeout=60_000):
        qtbot.mouseClick(window.stop_button, Qt.MouseButton.LeftButton)
    assert set(window.controller.encounter.transcript_text.split()) == {"headache"}
