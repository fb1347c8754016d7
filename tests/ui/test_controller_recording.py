"""The controller's recording states (desktop.session.recording through the Controller): pause and
resume, then a microphone that fails mid-visit: the error is reported, what was captured is
still transcribed, and the controller goes back to idle."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from desktop.asr.fake import FakeTranscriber
from desktop.audio.base import AudioError
from desktop.audio.recorder import WavRecorder
from desktop.cancel import CancelToken
from desktop.notes.fake import FakeNoteWriter
from desktop.pcm import SAMPLE_RATE, Audio
from desktop.session.controller import Controller
from desktop.session.services import Services
from desktop.session.states import SessionState
from tests.support.feeds import HeldMicrophone


class UnpluggedSource(HeldMicrophone):
    """A tone every 50 ms until ``unplug`` is set, then the microphone is gone."""

    def __init__(self) -> None:
        super().__init__()
        self.unplug = threading.Event()

    def blocks(self, cancel: CancelToken) -> Iterator[Audio]:
        t = np.arange(SAMPLE_RATE // 20, dtype=np.float32) / SAMPLE_RATE
        tone = (0.3 * np.sin(2 * np.pi * 300 * t)).astype(np.float32)
        while not self.stopped.is_set() and not cancel.wait(0.05):
            if self.unplug.is_set():
                raise AudioError("The microphone was unplugged.")
            yield tone


def test_pause_resume_then_the_microphone_fails_mid_visit(qtbot, tmp_path: Path):
    source = UnpluggedSource()
    services = Services(
        load_transcriber=lambda progress: FakeTranscriber(),
        open_source=lambda: source,
        open_recorder=lambda path: WavRecorder(path=path),
        make_writer=FakeNoteWriter,
        audio_dir=tmp_path / "audio",
    )
    controller = Controller(services=services)
    states: list[str] = []
    errors: list[object] = []
    controller.state_changed.connect(states.append)
    controller.error.connect(errors.append)

    controller.record()
    qtbot.waitUntil(lambda: controller.state == SessionState.RECORDING, timeout=10_000)
    controller.pause()
    assert controller.state == SessionState.PAUSED and source.paused
    controller.resume()
    assert controller.state == SessionState.RECORDING and not source.paused

    with qtbot.waitSignal(controller.transcript_complete, timeout=10_000):
        source.unplug.set()
    # The capture error and the end of the transcript race each other back to the GUI thread.
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert controller.state == SessionState.IDLE and states[-1] == SessionState.IDLE
    assert [type(e) for e in errors] == [AudioError]
    assert controller.encounter.complete
    controller.shutdown()
