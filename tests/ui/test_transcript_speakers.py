"""Turns in the transcript: a bar and a name per turn, a new paragraph when the speaker changes;
the doctor relabels a turn, swaps the speakers or says which one is the doctor (through the
real Controller: the encounter and the view change together)."""

from __future__ import annotations

from pathlib import Path

from desktop.asr.base import Segment
from desktop.asr.fake import FakeTranscriber
from desktop.audio.recorder import WavRecorder
from desktop.notes.fake import FakeNoteWriter
from desktop.session.controller import Controller
from desktop.session.services import Services
from desktop.ui.transcript_view import BAR, TranscriptView

VISIT = (
    Segment(0, 2, "Any cough?", "speaker 1"),
    Segment(2, 3, "Yes, at night.", "speaker 2", speaker_uncertain=True),
    Segment(3, 4, "For two weeks.", "speaker 2"),
    Segment(4, 6, "Let me listen.", "speaker 1"),
)


def _wired(qtbot, tmp_path: Path) -> tuple[Controller, TranscriptView]:
    services = Services(
        load_transcriber=lambda progress: FakeTranscriber(),
        open_source=lambda: None,  # type: ignore[arg-type,return-value]
        open_recorder=lambda path: WavRecorder(path=path),
        make_writer=FakeNoteWriter,
        audio_dir=tmp_path / "audio",
    )
    controller = Controller(services=services)
    view = TranscriptView()
    qtbot.addWidget(view)
    view.relabel_requested.connect(controller.relabel_turn)
    view.rename_requested.connect(controller.rename_speakers)
    controller.relabelled.connect(lambda e: view.set_segments(e.segments))
    controller.encounter.commit(list(VISIT))
    view.add_committed(VISIT)
    return controller, view


def _choose(view: TranscriptView, index: int, label: str) -> None:
    menu = view.speaker_menu(index)
    actions = [a for a in menu.actions() if a.menu() is None] + [
        a for a in menu.actions()[0].menu().actions()
    ]
    action = next(a for a in actions if a.text() == label)
    action.trigger()


def test_each_turn_is_a_paragraph_with_a_bar_and_a_name(qtbot, tmp_path: Path) -> None:
    _, view = _wired(qtbot, tmp_path)
    assert view.toPlainText().split("\n") == [
        f"{BAR} Speaker 1  Any cough?",
        f"{BAR} Speaker 2  Yes, at night. For two weeks.",
        f"{BAR} Speaker 1  Let me listen.",
    ]
    assert view.committed_text() == "Any cough? Yes, at night. For two weeks. Let me listen."
    assert view.copied_text() == (
        "Speaker 1: Any cough?\nSpeaker 2: Yes, at night. For two weeks.\nSpeaker 1: Let me listen."
    )


def test_relabel_a_turn(qtbot, tmp_path: Path) -> None:
    controller, view = _wired(qtbot, tmp_path)
    _choose(view, 2, "Speaker 1")  # the second turn was the first speaker's after all
    assert [s.speaker for s in controller.encounter.segments] == ["speaker 1"] * 4
    assert not controller.encounter.segments[1].speaker_uncertain  # the doctor said so
    assert view.toPlainText().count(BAR) == 1


def test_say_which_speaker_is_the_doctor_then_swap(qtbot, tmp_path: Path) -> None:
    controller, view = _wired(qtbot, tmp_path)
    _choose(view, 0, "Speaker 2 is the doctor")
    assert [s.speaker for s in controller.encounter.segments] == [
        "patient", "doctor", "doctor", "patient"
    ]  # fmt: skip
    assert view.toPlainText().startswith(f"{BAR} Patient  Any cough?")
    _choose(view, 0, "Swap Patient and Doctor")
    assert [s.speaker for s in controller.encounter.segments][:2] == ["doctor", "patient"]
    assert "Doctor:" in controller.encounter.dialogue_text.split("\n")[0]
