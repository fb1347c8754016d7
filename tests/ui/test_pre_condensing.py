"""Pre-condensing a long visit (desktop.session.pre_reading with desktop.notes.condensing), with
fake note writers: the finished parts are condensed one at a time in idle moments, then the last
part's prompt is pre-read; never while the live transcript is behind; a failure is quiet and
tried again later; a new recording or a note language change cancels the part under way; a
remote server without the setting is sent nothing; and the draft at Stop reuses the parts."""

from __future__ import annotations

import threading
from collections.abc import Iterator

from PySide6.QtCore import Qt

from desktop.audio.file_source import read_audio
from desktop.cancel import CancelToken
from desktop.notes.base import DraftRequest
from desktop.notes.condensing import finished_parts, split_transcript
from desktop.notes.drafting import draft_job
from desktop.notes.fake import FakeNoteWriter
from desktop.notes.openai_compat import OpenAICompatibleWriter
from desktop.notes.pre_read import can_pre_read
from desktop.notes.templates import CONDENSE_KIND
from desktop.progress import Progress
from desktop.session.pre_reading import RETRY_AFTER_S, YIELD_BACKLOG_S, PreReading
from desktop.session.states import SessionState
from desktop.session.workers import WorkerSet
from desktop.ui.main_window import WindowOptions
from tests.ui.conftest import TEMPLATES
from tests.ui.test_draft_on_stop import HeldSource
from tests.ui.test_pre_reading import Clock, PreReadingWriter

SOAP, _LETTER = TEMPLATES
BUDGET = 1000


def visit(n: int) -> str:
    return "\n".join(
        f"Doctor: Question {i} about the knee?\nPatient: Answer {i}, it hurts when I walk."
        for i in range(n)
    )


class GatedWriter(PreReadingWriter):
    """Each condensing request waits at its gate until the test (or a cancel) opens it."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()
        self.entered = threading.Event()
        self.cancelled: list[str] = []

    def stream(self, request: DraftRequest, *, cancel: CancelToken | None = None) -> Iterator[str]:
        if request.template.kind == CONDENSE_KIND and cancel is not None:
            cancel.on_cancel(self.gate.set)
            self.entered.set()
            self.gate.wait()
            if cancel.is_cancelled():
                self.cancelled.append(request.note_language)
                return iter(())
        return super().stream(request, cancel=cancel)


class Idle:
    value = True

    def __call__(self) -> bool:
        return self.value


def make(writer, *, idle=None) -> tuple[PreReading, WorkerSet]:
    workers = WorkerSet()
    pre = PreReading(spawn=workers.spawn, writer=lambda: writer, budget_tokens=BUDGET,
                     idle=idle, clock=Clock())  # fmt: skip
    pre.begin()
    pre.set_target(SOAP, "en")
    return pre, workers


def settle(qtbot, pre: PreReading) -> None:
    qtbot.waitUntil(lambda: not pre.busy, timeout=10_000)


def condensed(writer) -> list[DraftRequest]:
    return [r for r in writer.requests if r.template.kind == CONDENSE_KIND]


def test_finished_parts_are_condensed_ahead_and_the_draft_reuses_them(qtbot):
    writer = PreReadingWriter()
    pre, _workers = make(writer)
    settle(qtbot, pre)
    text = visit(170)
    finished = finished_parts(text, budget_tokens=BUDGET)
    assert len(finished) >= 3
    pre.offer(text)
    qtbot.waitUntil(lambda: len(pre.parts) == len(finished), timeout=10_000)
    settle(qtbot, pre)
    assert [r.transcript for r in condensed(writer)] == finished  # one each, in order
    last = split_transcript(text, max_tokens=BUDGET)[-1]
    assert writer.pre_reads[-1].transcript == last  # then the last part's prompt is read
    assert writer.pre_reads[-1].template.kind == CONDENSE_KIND
    assert all(len(r.transcript) < len(text) for r in writer.pre_reads)  # never the raw prompt
    writer.requests.clear()
    request = DraftRequest(visit(175), SOAP, "en")
    items = list(draft_job(writer, request, cancel=CancelToken(), budget_tokens=BUDGET,
                           parts=pre.parts))  # fmt: skip
    parts_at_stop = split_transcript(visit(175), max_tokens=BUDGET)
    assert len(condensed(writer)) == len(parts_at_stop) - len(finished)
    details = [i.detail for i in items if isinstance(i, Progress) and i.detail.startswith("part")]
    assert details == [
        f"part {n} of {len(parts_at_stop)}"
        for n in range(len(finished) + 1, len(parts_at_stop) + 1)
    ]


def test_nothing_is_started_while_the_live_transcript_is_behind(qtbot):
    writer = GatedWriter()
    idle = Idle()
    pre, _workers = make(writer, idle=idle)
    settle(qtbot, pre)
    idle.value = False
    pre.offer(visit(170))
    assert not pre.busy and condensed(writer) == []
    idle.value = True
    pre.offer(visit(171))
    assert writer.entered.wait(10)
    idle.value = False  # the next part waits for an offer once the backlog is gone
    writer.gate.set()
    settle(qtbot, pre)
    assert len(pre.parts) == 1 and len(condensed(writer)) == 1


def test_a_part_under_way_steps_aside_when_the_live_transcript_falls_far_behind(qtbot):
    writer = GatedWriter()
    idle = Idle()
    pre, _workers = make(writer, idle=idle)
    settle(qtbot, pre)
    pre.offer(visit(170))
    assert writer.entered.wait(10)
    idle.value = False
    pre.live_backlog(YIELD_BACKLOG_S / 2)  # a little behind: the part goes on
    assert writer.cancelled == []
    pre.live_backlog(YIELD_BACKLOG_S)
    qtbot.waitUntil(lambda: writer.cancelled == ["en"], timeout=10_000)
    settle(qtbot, pre)
    assert len(pre.parts) == 0  # nothing half-condensed is kept
    idle.value = True
    pre.offer(visit(171))  # caught up: the part is condensed again
    finished = finished_parts(visit(171), budget_tokens=BUDGET)
    qtbot.waitUntil(lambda: len(pre.parts) == len(finished), timeout=10_000)


def test_a_failed_part_is_quiet_and_tried_again_after_a_rest(qtbot):
    writer = PreReadingWriter()
    pre, _workers = make(writer)
    settle(qtbot, pre)
    writer._fail_from = 1  # every condensing request fails
    pre.offer(visit(170))
    settle(qtbot, pre)
    assert len(condensed(writer)) == 1 and len(pre.parts) == 0
    pre.offer(visit(171))
    assert not pre.busy and len(condensed(writer)) == 1  # resting
    writer._fail_from = None
    pre._clock.now += RETRY_AFTER_S
    text = visit(172)
    pre.offer(text)
    finished = finished_parts(text, budget_tokens=BUDGET)
    qtbot.waitUntil(lambda: len(pre.parts) == len(finished), timeout=10_000)


def test_a_note_language_change_cancels_the_part_under_way_and_starts_again(qtbot):
    writer = GatedWriter()
    pre, _workers = make(writer)
    settle(qtbot, pre)
    pre.offer(visit(170))
    assert writer.entered.wait(10)
    pre.set_target(SOAP, "fr")  # cancels the English part
    qtbot.waitUntil(lambda: writer.cancelled == ["en"], timeout=10_000)
    writer.gate.set()
    finished = finished_parts(visit(170), budget_tokens=BUDGET)
    qtbot.waitUntil(lambda: len(pre.parts) == len(finished), timeout=10_000)
    settle(qtbot, pre)
    assert [r.note_language for r in condensed(writer)] == ["fr"] * len(finished)


def test_a_new_recording_cancels_the_part_under_way_and_forgets_the_parts(qtbot):
    writer = GatedWriter()
    pre, _workers = make(writer)
    settle(qtbot, pre)
    writer.gate.set()
    pre.offer(visit(170))
    finished = finished_parts(visit(170), budget_tokens=BUDGET)
    qtbot.waitUntil(lambda: len(pre.parts) == len(finished), timeout=10_000)
    settle(qtbot, pre)
    writer.gate.clear()
    writer.entered.clear()
    pre.offer(visit(260))  # another part finished: under way
    assert len(finished_parts(visit(260), budget_tokens=BUDGET)) > len(finished)
    assert writer.entered.wait(10)
    pre.begin()  # the next patient
    settle(qtbot, pre)
    assert writer.cancelled == ["en"] and len(pre.parts) == 0


def test_a_remote_server_without_the_setting_is_sent_nothing_ahead():
    off = OpenAICompatibleWriter(base_url="http://192.0.2.1/v1", model="m")
    on = OpenAICompatibleWriter(base_url="http://192.0.2.1/v1", model="m", pre_reads=True)
    assert not can_pre_read(off) and can_pre_read(on)
    assert not can_pre_read(FakeNoteWriter())  # no pre_read at all


def test_during_a_long_recording_finished_parts_of_what_the_draft_reads_are_condensed(
    qtbot, make_window, data_dir
):
    # A tiny budget makes the clip's few words a "long" visit of many parts.
    writer = PreReadingWriter()
    speech = read_audio(data_dir / "jfk_16k_mono.wav")
    options = WindowOptions(template_id="letter", draft_on_stop=False)
    window = make_window(
        writer=writer, open_source=lambda: HeldSource(speech), budget_tokens=3, options=options
    )
    qtbot.mouseClick(window.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(condensed(writer)) >= 2, timeout=60_000)
    assert window.controller.state in (SessionState.RECORDING, SessionState.CATCHING_UP)
    with qtbot.waitSignal(window.controller.transcript_complete, timeout=60_000):
        qtbot.mouseClick(window.stop_button, Qt.MouseButton.LeftButton)
    at_stop = split_transcript(window.controller.encounter.dialogue_text, max_tokens=3)
    ahead = [r.transcript for r in condensed(writer)]
    assert set(ahead) <= set(at_stop[:-1])  # finished parts of the very text the draft splits
    assert all(r.note_language == "en" for r in condensed(writer))
