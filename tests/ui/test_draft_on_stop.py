"""Draft on Stop: at Stop the chosen document drafts itself once the transcript has caught up;
the progress says what is being waited for; the setting off, or Cancel before it starts, leaves
Draft to the doctor."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from PySide6.QtCore import Qt

from desktop.audio.file_source import read_audio
from desktop.cancel import CancelToken
from desktop.notes.fake import FakeNoteWriter
from desktop.pcm import SAMPLE_RATE, Audio
from desktop.session.states import SessionState
from desktop.ui.main_window import WindowOptions
from tests.support.feeds import HeldMicrophone


class HeldSource(HeldMicrophone):
    """A microphone: the clip (at about 5x real time), then silence until Stop is pressed."""

    def __init__(self, audio: Audio) -> None:
        super().__init__()
        self._audio = audio

    def blocks(self, cancel: CancelToken) -> Iterator[Audio]:
        step = SAMPLE_RATE // 10
        for offset in range(0, len(self._audio), step):
            if self.stopped.is_set() or cancel.wait(0.02):
                return
            yield self._audio[offset : offset + step]
        quiet = np.zeros(step, dtype=np.float32)
        while not self.stopped.is_set() and not cancel.wait(0.02):
            yield quiet


def _recording_with_words(qtbot, make_window, data_dir, **kwargs):
    speech = read_audio(data_dir / "jfk_16k_mono.wav")
    window = make_window(open_source=lambda: HeldSource(speech), **kwargs)
    qtbot.mouseClick(window.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.controller.state == SessionState.RECORDING, timeout=10_000)
    qtbot.waitUntil(lambda: len(window.transcript.committed_text().split()) >= 5, timeout=60_000)
    return window


def test_stop_drafts_the_chosen_document_into_its_panel(qtbot, make_window, data_dir):
    writer = FakeNoteWriter()
    window = _recording_with_words(qtbot, make_window, data_dir, writer=writer)
    with qtbot.waitSignal(window.controller.draft_finished, timeout=60_000) as finished:
        qtbot.mouseClick(window.stop_button, Qt.MouseButton.LeftButton)
        # What the doctor sees while the last words are transcribed: the wait, and a way out.
        assert window.status_line.status_label.text() == "Finishing the transcript…"
        assert window.draft_button.text() == "Cancel"
    assert finished.args == ["soap", True]
    assert window.controller.encounter.complete
    request = writer.requests[0]
    assert request.transcript == window.transcript.committed_text()  # the whole transcript
    assert request.note_language == "en"
    drafted = writer.draft_text(request).removeprefix("SOAP note\n\n")
    assert window.documents.current().toPlainText() == drafted
    assert window.draft_button.text() == "Regenerate"  # Draft still works, as today
    with qtbot.waitSignal(window.controller.draft_finished, timeout=10_000):
        qtbot.mouseClick(window.draft_button, Qt.MouseButton.LeftButton)
    assert len(writer.requests) == 2


def test_the_document_chosen_in_the_window_is_the_one_drafted(qtbot, make_window, data_dir):
    writer = FakeNoteWriter()
    window = _recording_with_words(
        qtbot, make_window, data_dir, writer=writer, options=WindowOptions(template_id="letter")
    )
    with qtbot.waitSignal(window.controller.draft_finished, timeout=60_000) as finished:
        window.stop_action.trigger()  # the keyboard's Stop does the same
    assert finished.args == ["letter", True]
    assert writer.requests[0].template.id == "letter"


def test_the_document_picked_before_record_stays_picked(qtbot, make_window, data_dir):
    writer = FakeNoteWriter()
    speech = read_audio(data_dir / "jfk_16k_mono.wav")
    window = make_window(writer=writer, open_source=lambda: HeldSource(speech))
    window.template_combo.setCurrentIndex(window.template_combo.findData("letter"))
    qtbot.mouseClick(window.record_button, Qt.MouseButton.LeftButton)  # a new consultation
    assert window.current_template().id == "letter"
    qtbot.waitUntil(lambda: len(window.transcript.committed_text().split()) >= 5, timeout=60_000)
    with qtbot.waitSignal(window.controller.draft_finished, timeout=60_000) as finished:
        qtbot.mouseClick(window.stop_button, Qt.MouseButton.LeftButton)
    assert finished.args == ["letter", True]


def test_with_the_setting_off_stop_only_stops(qtbot, make_window, data_dir):
    writer = FakeNoteWriter()
    window = _recording_with_words(
        qtbot, make_window, data_dir, writer=writer, options=WindowOptions(draft_on_stop=False)
    )
    with qtbot.waitSignal(window.controller.transcript_complete, timeout=60_000):
        qtbot.mouseClick(window.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.controller.state == SessionState.IDLE)
    assert writer.requests == [] and not window.controller.drafting
    assert window.draft_button.text() == "Draft note"


def test_cancel_while_the_transcript_finishes_drafts_nothing(qtbot, make_window, data_dir):
    writer = FakeNoteWriter()
    window = _recording_with_words(qtbot, make_window, data_dir, writer=writer)
    with qtbot.waitSignal(window.controller.transcript_complete, timeout=60_000):
        qtbot.mouseClick(window.stop_button, Qt.MouseButton.LeftButton)
        assert window.controller.drafting == "soap"
        qtbot.mouseClick(window.draft_button, Qt.MouseButton.LeftButton)  # "Cancel"
        assert not window.controller.drafting
        assert window.draft_button.text() == "Draft note"
    qtbot.waitUntil(lambda: window.controller.state == SessionState.IDLE)
    assert writer.requests == [] and window.documents.current().toPlainText() == ""


def test_stop_with_nothing_said_drafts_nothing_and_says_nothing(qtbot, make_window):
    writer = FakeNoteWriter()
    silence = np.zeros(SAMPLE_RATE, dtype=np.float32)
    window = make_window(writer=writer, open_source=lambda: HeldSource(silence))
    errors: list[object] = []
    window.controller.error.connect(errors.append)
    qtbot.mouseClick(window.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.controller.state == SessionState.RECORDING, timeout=10_000)
    with qtbot.waitSignal(window.controller.transcript_complete, timeout=60_000):
        qtbot.mouseClick(window.stop_button, Qt.MouseButton.LeftButton)
    assert writer.requests == [] and errors == [] and not window.controller.drafting
    assert not window.status_line.progress_bar.isVisible()


class CoreSharingWriter(FakeNoteWriter):
    """A note writer whose model runs on this computer (``SharesCores``): it records what it
    is told about the cores."""

    def __init__(self) -> None:
        super().__init__()
        self.told: list[bool] = []

    def use_spare_cores(self, allowed: bool) -> None:
        self.told.append(allowed)


def test_the_note_model_leaves_the_cores_to_the_transcriber_until_stop(
    qtbot, make_window, data_dir
):
    writer = CoreSharingWriter()
    window = _recording_with_words(qtbot, make_window, data_dir, writer=writer)
    assert writer.told == [False]  # made for the first pre-read, during the recording
    with qtbot.waitSignal(window.controller.draft_finished, timeout=60_000):
        qtbot.mouseClick(window.stop_button, Qt.MouseButton.LeftButton)
    assert writer.told == [False, True]  # the transcript was complete: the idle cores may help
    assert writer.requests  # the draft itself
