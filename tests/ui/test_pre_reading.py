"""Pre-reading during the visit (desktop.session.pre_reading), with a fake note writer that
records what it was sent: when it sends, what, and how it stays quiet and tries again."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from desktop.audio.file_source import read_audio
from desktop.cancel import CancelToken
from desktop.notes.base import BackendUnreachable, DraftRequest, Template
from desktop.notes.fake import FakeNoteWriter
from desktop.notes.prompts import draft_messages
from desktop.progress import Progress
from desktop.session.pre_reading import MIN_NEW_CHARS, RETRY_AFTER_S, PreReading
from desktop.session.states import SessionState
from desktop.session.workers import WorkerSet
from desktop.ui.main_window import WindowOptions
from tests.ui.conftest import TEMPLATES
from tests.ui.test_draft_on_stop import HeldSource

SOAP, LETTER = TEMPLATES


class PreReadingWriter(FakeNoteWriter):
    def __init__(self, *, fail: int = 0) -> None:
        super().__init__()
        self.pre_reads: list[DraftRequest] = []
        self.fail = fail

    def pre_read(self, request: DraftRequest, cancel: CancelToken) -> Iterator[Progress]:
        self.pre_reads.append(request)
        if self.fail:
            self.fail -= 1
            raise BackendUnreachable("The note server is not answering (fake).")
        yield from ()


class Clock:
    now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def reading(qtbot):
    workers = WorkerSet()
    writer = PreReadingWriter()
    clock = Clock()
    pre = PreReading(spawn=workers.spawn, writer=lambda: writer, budget_tokens=2000, clock=clock)
    pre.test_writer, pre.test_clock = writer, clock
    pre.begin()  # a recording under way
    yield pre
    for worker in workers:
        worker.wait(5)


def settle_down(qtbot, pre: PreReading) -> None:
    qtbot.waitUntil(lambda: not pre.busy, timeout=5000)


def words(n: int) -> str:
    return " ".join(f"word{i}" for i in range(n))


def test_the_settled_text_is_pre_read_as_it_grows(qtbot, reading):
    writer = reading.test_writer
    reading.offer(words(10))
    assert writer.pre_reads == []  # no document chosen yet
    reading.set_target(SOAP, "en")
    settle_down(qtbot, reading)
    assert [r.transcript for r in writer.pre_reads] == [words(10)]
    assert len(words(10)) < MIN_NEW_CHARS  # (the first text goes at once, with the rules)
    reading.offer(words(12))  # a few words more: not worth a request
    settle_down(qtbot, reading)
    assert len(writer.pre_reads) == 1
    longer = words(10 + MIN_NEW_CHARS // 6)
    reading.offer(longer)
    settle_down(qtbot, reading)
    assert writer.pre_reads[-1].transcript == longer
    # The prompt grows at its end only: what was read stays a prefix of what is sent next.
    first, second = (draft_messages(r)[1].content for r in writer.pre_reads)
    assert second.startswith(first.removesuffix('\n"""'))
    assert draft_messages(writer.pre_reads[0])[0] == draft_messages(writer.pre_reads[1])[0]


def test_a_template_or_language_change_starts_again(qtbot, reading):
    writer = reading.test_writer
    reading.set_target(SOAP, "en")
    reading.offer(words(10))
    settle_down(qtbot, reading)
    reading.set_target(LETTER, "en")
    settle_down(qtbot, reading)
    reading.set_target(LETTER, "fr")
    settle_down(qtbot, reading)
    assert [(r.template.id, r.note_language) for r in writer.pre_reads] == [
        ("soap", "en"),
        ("letter", "en"),
        ("letter", "fr"),
    ]


def test_a_failure_is_quiet_and_tried_again_later(qtbot, reading):
    writer, clock = reading.test_writer, reading.test_clock
    writer.fail = 1
    reading.set_target(SOAP, "en")
    reading.offer(words(10))
    settle_down(qtbot, reading)
    reading.offer(words(11))
    settle_down(qtbot, reading)
    assert len(writer.pre_reads) == 1  # resting after the failure
    clock.now += RETRY_AFTER_S
    reading.offer(words(12))
    settle_down(qtbot, reading)
    assert [r.transcript for r in writer.pre_reads] == ["", words(12)]


def test_the_raw_prompt_is_not_sent_over_the_budget_nor_to_a_writer_that_cannot(qtbot, reading):
    writer = reading.test_writer
    reading.budget_tokens = 10
    reading.set_target(SOAP, "en")
    settle_down(qtbot, reading)
    reading.offer(words(200))  # condensed at Stop: the raw prompt would be wasted
    settle_down(qtbot, reading)
    assert [r.transcript for r in writer.pre_reads if r.template.id == "soap"] == [""]
    plain = PreReading(
        spawn=WorkerSet().spawn, writer=FakeNoteWriter, budget_tokens=2000, clock=Clock()
    )
    plain.begin()
    plain.set_target(SOAP, "en")
    plain.offer(words(10))
    assert not plain.busy and plain.sent == 0


def test_reset_stops_offering_the_old_text(qtbot, reading):
    writer = reading.test_writer
    reading.set_target(SOAP, "en")
    reading.offer(words(10))
    settle_down(qtbot, reading)
    reading.end()  # Stop
    reading.set_target(Template("x", "en", "X", "note", "X."), "en")
    reading.offer(words(100))
    assert len(writer.pre_reads) == 1 and not reading.busy


def test_at_the_start_the_rules_and_instructions_are_read(qtbot, reading):
    writer = reading.test_writer
    reading.end()
    reading.set_target(SOAP, "en")  # chosen while no recording is under way: nothing sent
    assert writer.pre_reads == []
    reading.begin()
    settle_down(qtbot, reading)
    assert [r.transcript for r in writer.pre_reads] == [""]
    reading.offer(words(5))  # a few words: not yet
    settle_down(qtbot, reading)
    assert len(writer.pre_reads) == 1


def test_during_a_recording_the_chosen_document_is_pre_read(qtbot, make_window, data_dir):
    writer = PreReadingWriter()
    speech = read_audio(data_dir / "jfk_16k_mono.wav")
    window = make_window(
        writer=writer,
        open_source=lambda: HeldSource(speech),
        options=WindowOptions(template_id="letter"),
    )
    qtbot.mouseClick(window.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(writer.pre_reads), timeout=60_000)
    assert window.controller.state in (SessionState.PREPARING, SessionState.RECORDING)
    qtbot.waitUntil(lambda: len(window.transcript.committed_text().split()) >= 5, timeout=60_000)
    with qtbot.waitSignal(window.controller.draft_finished, timeout=60_000):
        qtbot.mouseClick(window.stop_button, Qt.MouseButton.LeftButton)
    drafted = writer.requests[0]
    assert drafted.template.id == "letter"
    for read in writer.pre_reads:  # each a prefix of the draft's prompt
        assert read.template.id == "letter"
        assert drafted.transcript.startswith(read.transcript)
