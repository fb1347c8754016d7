"""Speakers told apart during a recording (desktop.session.recording's labelling worker)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from desktop.asr.fake import FakeTranscriber
from desktop.audio.file_source import FileSource, read_audio
from desktop.audio.recorder import WavRecorder
from desktop.notes.fake import FakeNoteWriter
from desktop.session.controller import Controller
from desktop.session.services import Services
from desktop.speakers.labeller import SpeakerLabeller
from desktop.speakers.weights import WeightsError, locate_weights


class ByLoudness:
    """A stand-in encoder: loud speech is one voice, soft speech another."""

    def embed(self, wav: np.ndarray) -> np.ndarray:
        loud = float(np.sqrt(np.mean(wav**2))) > 0.06
        return np.array([1.0, 0.0] if loud else [0.0, 1.0], dtype=np.float32)


def _visit(tmp_path: Path, data_dir: Path) -> FileSource:
    speech = read_audio(data_dir / "jfk_16k_mono.wav")
    pause = np.zeros(16_000, dtype=np.float32)
    soft = speech[: 3 * 16_000] / np.max(np.abs(speech)) * 0.12
    loud = speech[5 * 16_000 : 8 * 16_000] / np.max(np.abs(speech)) * 0.9
    return FileSource(audio=np.concatenate([loud, pause, soft, pause, loud, pause]), speed=0)


def _controller(tmp_path: Path, source: FileSource, make_labeller) -> Controller:
    services = Services(
        load_transcriber=lambda progress: FakeTranscriber(),
        open_source=lambda: source,
        open_recorder=lambda path: WavRecorder(path=path),
        make_writer=FakeNoteWriter,
        audio_dir=tmp_path / "audio",
        make_labeller=make_labeller,
    )
    return Controller(services=services)


def test_committed_segments_get_their_speakers(qtbot, tmp_path: Path, data_dir: Path) -> None:
    controller = _controller(
        tmp_path, _visit(tmp_path, data_dir), lambda: SpeakerLabeller(encoder=ByLoudness())
    )
    relabelled: list[object] = []
    controller.relabelled.connect(relabelled.append)
    with qtbot.waitSignal(controller.transcript_complete, timeout=20_000):
        controller.record()
    qtbot.waitUntil(lambda: all(s.speaker for s in controller.encounter.segments), timeout=20_000)
    speakers = [s.speaker for s in controller.encounter.segments]
    runs = [k for i, k in enumerate(speakers) if i == 0 or speakers[i - 1] != k]
    assert runs == ["speaker 1", "speaker 2", "speaker 1"]
    assert relabelled and relabelled[-1] is controller.encounter


def test_missing_voice_model_leaves_the_transcript_unlabelled(
    qtbot, tmp_path: Path, data_dir: Path
) -> None:
    def missing() -> SpeakerLabeller:
        locate_weights("no-such-distribution-x")  # raises as the app does without the wheel
        raise AssertionError("unreachable")

    controller = _controller(tmp_path, _visit(tmp_path, data_dir), missing)
    errors: list[object] = []
    controller.error.connect(errors.append)
    with qtbot.waitSignal(controller.transcript_complete, timeout=20_000):
        controller.record()
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert [type(e) for e in errors] == [WeightsError]
    assert controller.encounter.segments  # the visit was transcribed all the same
    assert all(s.speaker is None for s in controller.encounter.segments)


def test_the_draft_prompt_carries_doctor_and_patient_lines(qtbot, tmp_path: Path) -> None:
    from desktop.asr.base import Segment
    from desktop.notes.base import Template

    writer = FakeNoteWriter()
    services = Services(
        load_transcriber=lambda progress: FakeTranscriber(),
        open_source=lambda: FileSource(audio=np.zeros(1600, np.float32), speed=0),
        open_recorder=lambda path: WavRecorder(path=path),
        make_writer=lambda: writer,
        audio_dir=tmp_path / "audio",
    )
    controller = Controller(services=services)
    controller.encounter.commit(
        [
            Segment(0, 2, "Any cough?", "doctor"),
            Segment(2, 3, "Yes, at night.", "patient"),
            Segment(3, 4, "For two weeks.", "patient"),
        ]
    )
    soap = Template(id="soap", language="en", title="SOAP", kind="note", instructions="SOAP.")
    with qtbot.waitSignal(controller.draft_finished, timeout=10_000):
        controller.draft(soap, note_language="en")
    assert writer.requests[0].transcript == (
        "Doctor: Any cough?\nPatient: Yes, at night. For two weeks."
    )
